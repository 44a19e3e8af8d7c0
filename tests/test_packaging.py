"""The install step of both README commands runs without a deprecation warning.

setuptools stops accepting `project.license` as a TOML table on 2027-02-18; from then on a
warning today is a failed `pip install -e .` on a fresh machine. So the metadata step that
`pip install -e .` runs is run here with every warning made an error.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_project_metadata_builds_with_warnings_as_errors(tmp_path):
    result = subprocess.run(  # noqa: S603 - our interpreter, our code
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "import sys, setuptools.build_meta as backend;"
            "print(backend.prepare_metadata_for_build_editable(sys.argv[1]))",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONWARNINGS": "error", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    metadata = (tmp_path / result.stdout.split()[-1] / "METADATA").read_text()
    assert "License-Expression: MIT" in metadata


def test_license_is_an_spdx_string_and_the_backend_supports_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "MIT"
    assert project["build-system"]["requires"] == ["setuptools>=77"]
