"""followup_dates is pure: importing it loads neither Django nor Celery, and it installs as a package."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from followup_dates import dates, i18n


@pytest.mark.parametrize(
    "module",
    [
        "followup_dates",
        "followup_dates.dates",
        "followup_dates.deadlines",
        "followup_dates.date_text",
        "followup_dates.text",
        "followup_dates.calendars",
        "followup_dates.reader",
        "followup_dates.reminder_plan",
    ],
)
def test_importing_loads_neither_django_nor_celery(module):
    code = (
        f"import sys, {module}\n"
        "loaded = sorted({name.split('.')[0] for name in sys.modules} & {'django', 'celery', 'kombu'})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_messages_are_translated_by_the_installed_translator(monkeypatch):
    english = "“{name}” is not a time zone we know; use a name such as Asia/Taipei."
    monkeypatch.setattr(i18n, "_translate", {english: "「{name}」不是已知的時區。"}.get)
    with pytest.raises(dates.DateInputError) as caught:
        dates.validate_zone("Mars/Olympus")
    assert str(caught.value) == "「Mars/Olympus」不是已知的時區。"
    assert caught.value.code == "unknown_zone"


def test_the_package_is_installed_with_the_project():
    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    assert "followup_dates*" in project["tool"]["setuptools"]["packages"]["find"]["include"]
