#!/usr/bin/env python3
"""Set up and run the tracker, or its tests, on a fresh machine with only Python 3.11+.

    python3 dev.py run     # install, migrate, load the TELWG 70 demo, serve web + Celery worker/beat
    python3 dev.py test    # install (incl. Debian's chromium for browser tests), run the whole suite

Everything goes into .venv/ and var/ inside the checkout. Stdlib only: it runs before any install.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".installed"
APT_PACKAGES = ["chromium", "fonts-noto-cjk"]


def run(cmd: list[str], **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs before anything checks it
        sys.exit("Python 3.11 or newer is needed (this is " + sys.version.split()[0] + ").")
    if not PY.exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + (ROOT / "requirements.lock").read_bytes()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([str(PY), "-m", "pip", "install", "--quiet", "-c", "requirements.lock", "-e", ".[dev]"])
    STAMP.write_text(wanted)


def ensure_browser() -> None:
    """Browser tests need Debian's chromium and CJK fonts; install them when we are root."""
    if shutil.which("chromium") and Path("/usr/share/fonts/opentype/noto").exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(
            "Note: chromium/fonts-noto-cjk missing and not root: browser tests will skip "
            "(they fail under CI=true).",
            flush=True,
        )
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *APT_PACKAGES], env=env)


def manage(*args: str, env: dict[str, str]) -> None:
    run([str(PY), "manage.py", *args], env=env)


def write_site_url(env: dict[str, str]) -> Path:
    """Record the address this run serves, for every other manage.py command (settings.py
    reads it when SITE_URL is not set): reminder links then point at this server."""
    var = Path(env.get("TRACKER_VAR_DIR", ROOT / "var"))
    var.mkdir(parents=True, exist_ok=True)
    path = var / "site-url"
    path.write_text(env["SITE_URL"].rstrip("/") + "\n")
    return path


def load_demo_args(env: dict[str, str]) -> list[str]:
    """The demo is loaded on the first run only (later runs keep every change); RESET_DEMO=1
    loads it afresh."""
    args = ["load_demo"]
    if env.get("SHIFT", "1") == "1":
        args.append("--shift-to-today")
    if env.get("RESET_DEMO", "") == "1":
        args.append("--reset")
    return args


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def cmd_run() -> None:
    ensure_venv()
    env = {**os.environ}
    env.setdefault("DEBUG", "1")
    port = env.get("PORT", "8000")
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    write_site_url(env)
    manage("migrate", "--no-input", env=env)
    manage(*load_demo_args(env), env=env)
    (ROOT / "var" / "broker" / "queue").mkdir(parents=True, exist_ok=True)
    (ROOT / "var" / "broker" / "processed").mkdir(parents=True, exist_ok=True)
    procs = [
        subprocess.Popen(
            [str(PY), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env
        ),
        # One process runs the worker and the beat scheduler (-B): fine on one machine.
        subprocess.Popen(
            [
                str(PY),
                "-m",
                "celery",
                "-A",
                "tracker",
                "worker",
                "-B",
                "--concurrency",
                "2",
                "--loglevel",
                "INFO",
                "--schedule",
                str(ROOT / "var" / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            env=env,
        ),
    ]
    # REPLY_PORT=8024: also run the reply receiver (SMTP, so `swaks`/smtplib can talk to it).
    if env.get("REPLY_PORT"):
        procs.append(
            subprocess.Popen(
                [str(PY), "manage.py", "receive_replies", "--smtp", "--port", env["REPLY_PORT"]],
                cwd=ROOT,
                env=env,
            )
        )
    # Stop the children on SIGTERM too (a service manager, `timeout`), not only on Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    time.sleep(2)
    print(f"\n  Tracker:  http://127.0.0.1:{port}/        admin: http://127.0.0.1:{port}/admin/")
    print("  Logins:   admin / demo (superuser), secretariat / demo (staff),")
    print("            mao.yinli / demo (delegate, owns the ACS country report)")
    print("  Reminder emails print in this terminal. Ctrl-C stops everything.\n", flush=True)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def ensure_axe() -> None:
    """The accessibility checks inject axe-core from npm (package.json pins it)."""
    if (ROOT / "node_modules" / "axe-core" / "axe.min.js").exists():
        return
    if not shutil.which("npm"):
        print(
            "Note: npm missing: the accessibility checks of the browser tests will skip "
            "(under CI=true they fail).",
            flush=True,
        )
        return
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"])


def cmd_test(args: list[str]) -> int:
    ensure_venv()
    ensure_browser()
    ensure_axe()
    result = subprocess.run([str(PY), "-m", "pytest", *args], cwd=ROOT)
    return result.returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    if sys.argv[1] == "run":
        cmd_run()
        return 0
    return cmd_test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
