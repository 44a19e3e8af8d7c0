"""The code is laid out one way: `ruff format` (applied once, to everything) and `ruff check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter running ruff on our own tree
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_every_file_is_formatted() -> None:
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_finds_nothing() -> None:
    result = _ruff("check", ".", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unformatted_file_is_noticed(tmp_path) -> None:
    (tmp_path / "ugly.py").write_text("x = {  'a':1 }\n")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", str(tmp_path / "ugly.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
