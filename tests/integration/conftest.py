"""Real parts for the reminder integration tests: an SMTP sink, Celery worker/beat processes."""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from tests.conftest import need_service

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(
    predicate: Callable[[], object], *, timeout: float, what: str, logs: Callable[[], str] = lambda: ""
) -> object:
    """Poll `predicate` until it is truthy; fail with `what` (and process logs) on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}\n{logs()}")
        time.sleep(0.2)


@dataclass
class Received:
    rcpt_tos: list[str]
    message: email.message.Message

    @property
    def message_id(self) -> str:
        return self.message["Message-ID"]

    @property
    def reminder_ids(self) -> list[int]:
        header = self.message["X-Tracker-Reminders"] or ""
        return [int(part) for part in header.split(",") if part]


@dataclass
class SinkHandler:
    """Records what it accepts; can answer 421 to the next N messages, 550 to some addresses,
    or hold the next message for a while after recording it (a slow relay)."""

    received: list[Received] = field(default_factory=list)
    tempfail_next: int = 0
    refuse: set[str] = field(default_factory=set)
    hold_next_seconds: float = 0.0
    holding: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.tempfail_next > 0:
                self.tempfail_next -= 1
                return "421 4.3.2 Service busy, try again later"
            hold, self.hold_next_seconds = self.hold_next_seconds, 0.0
            self.received.append(
                Received(list(envelope.rcpt_tos), email.message_from_bytes(envelope.content))
            )
        if hold:
            self.holding.set()
            await asyncio.sleep(hold)
        return "250 OK"

    # What the tests look at.
    def reminders(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.message["X-Tracker-Reminders"]]

    def delivered_ids(self) -> Counter:
        return Counter(pk for r in self.reminders() for pk in r.reminder_ids)


@pytest.fixture
def smtp_sink():
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/4"


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def live_services(transactional_db):
    """Skip (locally) or fail (CI) unless subprocesses can share the test database and a Redis."""
    name = str(settings.DATABASES["default"]["NAME"])
    need_service(
        ":memory:" not in name and "mode=memory" not in name,
        "worker subprocesses cannot open an in-memory SQLite test database",
    )
    need_service(redis_reachable(redis_url()), f"Redis at {redis_url()} (set REDIS_URL)")


class Processes:
    """Celery worker and beat processes sharing the test database, one broker and the sink."""

    def __init__(self, tmp_path: Path, smtp_port: int, broker_url: str):
        self.tmp_path = tmp_path
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"EMAIL_BACKEND", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
            },
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "REDIS_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": f"it-{uuid.uuid4().hex[:10]}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "10",
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "1",
            "ADMINS": "ops@example.org",
            "TRACKER_VAR_DIR": str(tmp_path),
            "REMINDER_SWEEP_SECONDS": "1",
            "REMINDER_RETRY_BASE_SECONDS": "1",
            "REMINDER_REQUEUE_SECONDS": "3",
            "REMINDER_LEASE_SECONDS": "4",
            "PYTHONUNBUFFERED": "1",
        }
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = self.tmp_path / f"{name}-{len(self.logs)}.log"
        self.logs[f"{name}-{len(self.logs)}"] = log
        with log.open("wb") as out:
            proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [sys.executable, "-m", "celery", "-A", "tracker", *args, "--loglevel", "INFO"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.procs[name] = proc
        return proc

    def worker(self, name: str = "worker", *, pool: str = "threads") -> subprocess.Popen:
        args = [
            "worker",
            "--pool",
            pool,
            "-n",
            f"{name}-{uuid.uuid4().hex[:6]}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if pool == "threads":
            args += ["--concurrency", "4"]
        proc = self._start(name, args)
        log = next(reversed(self.logs.values()))
        wait_for(
            lambda: " ready." in log.read_text(errors="replace") or proc.poll() is not None,
            timeout=60,
            what=f"{name} to start",
            logs=self.tail,
        )
        assert proc.poll() is None, self.tail()
        return proc

    def beat(self, name: str = "beat") -> subprocess.Popen:
        return self._start(
            name, ["beat", "--max-interval", "1", "--schedule", str(self.tmp_path / f"{name}-schedule")]
        )

    def log_text(self, prefix: str) -> str:
        return "\n".join(
            log.read_text(errors="replace")
            for name, log in self.logs.items()
            if name.startswith(prefix) and log.exists()
        )

    def worker_sweeps_done(self) -> int:
        return self.log_text("worker").count("sweep_reminders_task[")

    def beat_ticks(self, count: int) -> bool:
        """Wait until the workers have run `count` more sweeps."""
        target = self.worker_sweeps_done() + 2 * count  # "received" and "succeeded" lines
        wait_for(
            lambda: self.worker_sweeps_done() >= target,
            timeout=30,
            what=f"{count} more sweeps",
            logs=self.tail,
        )
        return True

    def kill(self, name: str) -> None:
        proc = self.procs.pop(name)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        self.procs.clear()

    def tail(self, lines: int = 40) -> str:
        parts = []
        for name, log in self.logs.items():
            if log.exists():
                text = log.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"--- {name} ---\n" + "\n".join(text))
        return "\n".join(parts)


@pytest.fixture
def celery_processes(live_services, smtp_sink, tmp_path):
    """Factory: processes(broker_url=None) -> Processes, all stopped after the test."""
    started: list[Processes] = []

    def make(broker_url: str | None = None) -> Processes:
        procs = Processes(tmp_path, smtp_sink[1], broker_url or redis_url())
        started.append(procs)
        return procs

    yield make
    for procs in started:
        procs.stop_all()


class RedisServer:
    """A private redis-server the test may stop and start (never the shared one)."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.tmp_path = tmp_path
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(  # noqa: S603
            [  # noqa: S607
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp_path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: redis_reachable(self.url), timeout=10, what="private redis-server")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        wait_for(lambda: not port_open("127.0.0.1", self.port), timeout=10, what="redis down")


@pytest.fixture
def private_redis(tmp_path):
    import shutil

    need_service(shutil.which("redis-server") is not None, "redis-server binary not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def noon_zone(now) -> str:
    """An Etc zone where it is 12:xx now (Etc/GMT-8 is UTC+8): inside every send window."""
    from zoneinfo import ZoneInfo

    offset = 12 - now.astimezone(ZoneInfo("UTC")).hour
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


class point_app_at:
    """Make this process's Celery app publish to `url` (the private, stopped Redis)."""

    def __init__(self, app, url: str):
        self.app, self.url = app, url

    def __enter__(self):
        self.saved = self.app.conf.broker_url
        self._reset(self.url)

    def __exit__(self, *exc):
        self._reset(self.saved)

    def _reset(self, url: str) -> None:
        if self.app._pool is not None:
            self.app._pool.force_close_all()
        self.app._pool = None
        self.app.amqp._producer_pool = None
        self.app.conf.broker_url = url
