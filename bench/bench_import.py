"""Time the report reader on a 70-page report, as .txt, .docx and .pdf (a benchmark, not a test).

Run from the repository root, no database needed:

    .venv/bin/python bench/bench_import.py

The TELWG 70 report is 70 pages (its table of contents ends on page 70). It is read as the
.txt it is, then written into a .docx (python-docx) and, when fpdf2 and a CJK font are
installed, into a PDF, and each is read RUNS times: the file into pieces (`reports.readers`),
pieces into blocks, blocks into candidates (`reports.extract`). Budget: 3 s for the whole
import of a 70-page report; `bench_import_db.py` times the command with the database.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.test_settings")

import logging  # noqa: E402

import django  # noqa: E402

logging.getLogger("fontTools").setLevel(logging.WARNING)

django.setup()

from reports.extract import extract  # noqa: E402
from reports.layout import blocks  # noqa: E402
from reports.readers import read_pieces  # noqa: E402
from tests.reports.conftest import CONTEXT, REPORT  # noqa: E402

RUNS = 5
BUDGET_S = 3.0
CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc")


def _docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 1:
            table = document.add_table(rows=1, cols=len(cells))
            for cell, value in zip(table.rows[0].cells, cells, strict=True):
                cell.text = value
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _pdf(text: str, path: Path) -> Path | None:
    try:
        from fpdf import FPDF
    except ImportError:
        return None
    font = next((f for f in CJK_FONTS if Path(f).exists()), None)
    if font is None:
        return None
    pdf = FPDF()
    pdf.add_font("cjk", fname=font)
    pdf.set_font("cjk", size=10)
    pdf.add_page()
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line.replace("\t", "  ") or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _time(path: Path) -> tuple[float, int, int]:
    times, found, pages = [], 0, 0
    for _ in range(RUNS):
        started = time.perf_counter()
        pieces = read_pieces(path)
        extraction = extract(blocks(pieces), CONTEXT)
        times.append(time.perf_counter() - started)
        found = len(extraction.candidates)
        pages = max((p.page or 0 for p in pieces), default=0)
    return statistics.median(times), found, pages


def main() -> int:
    text = REPORT.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "txt": REPORT,
            "docx": _docx(text, Path(folder) / "report.docx"),
            "pdf": _pdf(text, Path(folder) / "report.pdf"),
        }
        print(f"| format | pages | candidates | median of {RUNS} (s) | budget |")
        print("|---|---|---|---|---|")
        worst = 0.0
        for name, path in files.items():
            if path is None:
                print(f"| {name} | — | — | skipped (needs fpdf2 and a CJK font) | {BUDGET_S} s |")
                continue
            median, found, pages = _time(path)
            worst = max(worst, median)
            print(f"| {name} | {pages or '70 (per its contents)'} | {found} | {median:.2f} | {BUDGET_S} s |")
    return 0 if worst < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
