"""DEBUG=0 without collectstatic: pages still render and the checks say what to run."""

import pytest
from django.core.checks import run_checks

from tracker.staticfiles import STATIC_NOT_COLLECTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "tracker.staticfiles.StaticFilesStorage"},
    }
    return settings


def test_pages_render_before_collectstatic(client, production_static):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"/static/" in response.content


def test_the_checks_stop_runserver_and_migrate_until_collectstatic(production_static):
    errors = [e for e in run_checks(tags=["tracker_static"]) if e.id == "tracker.E001"]
    assert [e.msg for e in errors] == [STATIC_NOT_COLLECTED.format(root=production_static.STATIC_ROOT)]
    assert not [e for e in run_checks(tags=["staticfiles"]) if e.id == "tracker.E001"]


def test_collected_static_passes_the_check(production_static):
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)
    assert not [e for e in run_checks(tags=["tracker_static"]) if e.id == "tracker.E001"]


def test_debug_off_settings_without_collectstatic(tmp_path):
    """The production settings themselves (a fresh process): static URLs resolve, and
    `manage.py check` fails naming collectstatic."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DEBUG": "0", "SECRET_KEY": "x" * 50, "TRACKER_VAR_DIR": str(tmp_path)})

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    shown = manage(
        "shell", "-c", "from django.templatetags.static import static;print(static('web/favicon.svg'))"
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert shown.stdout.strip().endswith("/static/web/favicon.svg")
    checked = manage("check")
    assert checked.returncode != 0
    assert "tracker.E001" in checked.stderr and "collectstatic --no-input" in checked.stderr
