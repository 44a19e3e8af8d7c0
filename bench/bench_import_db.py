"""Time the whole `manage.py import_minutes REPORT --meeting apec-telwg-70 --dry-run` in-process.

Run from the repository root:

    .venv/bin/python bench/bench_import_db.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker .venv/bin/python bench/bench_import_db.py

It creates a throw-away test database (SQLite in memory, or test_<name> on PostgreSQL),
loads the TELWG 70 demo meeting, then runs the command 5 times: reading the file, building
the meeting's context from the database, extracting, printing the JSON. Budget: median < 3 s.
Then one real import and one re-import, timed once each.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.test_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

REPORT = ROOT / "tests" / "data" / "telwg70-report-zh-Hant.txt"
RUNS = 5
BUDGET_S = 3.0


def main() -> int:
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", stdout=io.StringIO())
        times = []
        for _ in range(RUNS):
            out = io.StringIO()
            started = time.perf_counter()
            call_command(
                "import_minutes",
                str(REPORT),
                "--meeting",
                "apec-telwg-70",
                "--dry-run",
                "--json",
                stdout=out,
                stderr=io.StringIO(),
            )
            times.append(time.perf_counter() - started)
        writes = []
        for _ in range(2):  # the first import writes the new items, the second finds them all
            started = time.perf_counter()
            call_command("import_minutes", str(REPORT), "--meeting", "apec-telwg-70", stdout=io.StringIO())
            writes.append(time.perf_counter() - started)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    median = statistics.median(times)
    print(f"import_minutes --dry-run --json on the TELWG 70 report ({connection.vendor}), {RUNS} runs:")
    print(f"median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s (budget {BUDGET_S} s)")
    print(f"real import: first {writes[0]:.3f} s (writes the new items), again {writes[1]:.3f} s (none new)")
    return 0 if median < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
