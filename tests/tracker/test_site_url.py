"""One source of truth for the site address: what `dev.py run` serves is what links name."""

import os
import subprocess
import sys
from pathlib import Path

import dev
from tracker.settings import site_url

ROOT = Path(__file__).resolve().parents[2]


def test_site_url_prefers_the_environment_then_the_running_server_then_8000(tmp_path):
    written = tmp_path / "site-url"
    assert site_url({}, written) == "http://127.0.0.1:8000"
    written.write_text("http://127.0.0.1:8101\n")
    assert site_url({}, written) == "http://127.0.0.1:8101"
    assert site_url({"SITE_URL": "https://tracker.example.org/"}, written) == ("https://tracker.example.org")


def test_a_command_run_beside_dev_py_run_links_to_its_port(tmp_path):
    # What `PORT=8101 python3 dev.py run` records, then the README's send_due_reminders
    # command in another terminal (a fresh process, no SITE_URL in its environment).
    env = {"PORT": "8101", "TRACKER_VAR_DIR": str(tmp_path)}
    env.setdefault("SITE_URL", f"http://127.0.0.1:{env['PORT']}")
    dev.write_site_url(env)
    child = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DJANGO_SETTINGS_MODULE"}}
    child.update({"TRACKER_VAR_DIR": str(tmp_path), "DEBUG": "1"})
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SITE_URL)",
        ],
        cwd=ROOT,
        env=child,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8101"
