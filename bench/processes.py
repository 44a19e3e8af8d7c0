"""Processes and ports for the scale benchmarks: peak memory and CPU seconds read from /proc,
the local PostgreSQL server's processes, a free loopback port and waiting for it. No Django."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path


def vm_hwm_mb(pid: int) -> float:
    """Peak resident set size of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds each process has used so far (those that still exist)."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return used


class CpuMeter:
    """CPU seconds used by a changing set of processes while it runs: Django reopens its
    database connection every CONN_MAX_AGE, so backends end and start during a long run.
    A reader thread keeps each process's last reading (so an ended process loses at most
    one interval); processes born during the run count whole."""

    def __init__(self, pids: Callable[[], list[int]], interval: float = 0.5):
        self.pids, self.interval = pids, interval
        self.start = cpu_seconds(pids())
        self.last = dict(self.start)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while not self.stopping.wait(self.interval):
            self.last.update(cpu_seconds(self.pids()))

    def stop(self) -> float:
        self.stopping.set()
        self.thread.join()
        self.last.update(cpu_seconds(self.pids()))
        return sum(seconds - self.start.get(pid, 0.0) for pid, seconds in self.last.items())


def postgres_pids() -> list[int]:
    """The local PostgreSQL server's processes (the backends serving the benchmark among them)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")
