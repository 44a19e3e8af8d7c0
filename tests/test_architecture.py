"""The import directions in pyproject.toml ([tool.importlinter]) hold: `lint-imports` passes.

A second run with a contract the code breaks on purpose proves the check can fail.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reminders.delivery import DELIVER_REMINDERS_TASK
from tracker.celery import app as celery_app
from web.auth import PASSWORD_RESET_TASK
from webhooks.events import DELIVER_TASK as DELIVER_WEBHOOK_TASK

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))


def _lint_imports(*args: str) -> subprocess.CompletedProcess:
    if LINT_IMPORTS is None:
        pytest.fail("lint-imports is not installed (pip install -e .[dev])")
    return subprocess.run(  # noqa: S603 - our own tool and config
        [LINT_IMPORTS, "--no-cache", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_import_contracts_are_kept():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout


def test_a_broken_contract_fails_the_check(tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["actions", "meetings"]\n\n'
        '[[tool.importlinter.contracts]]\nname = "actions without meetings (false on purpose)"\n'
        'type = "forbidden"\nsource_modules = ["actions"]\nforbidden_modules = ["meetings"]\n'
    )
    result = _lint_imports("--config", str(config))
    assert result.returncode == 1
    assert "Contracts: 0 kept, 1 broken." in result.stdout


@pytest.mark.parametrize("name", [DELIVER_REMINDERS_TASK, DELIVER_WEBHOOK_TASK, PASSWORD_RESET_TASK])
def test_every_task_queued_by_name_is_a_registered_task(name):
    celery_app.loader.import_default_modules()  # autodiscovery, as a worker does at start-up
    assert name in celery_app.tasks
