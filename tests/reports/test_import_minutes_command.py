"""`manage.py import_minutes`: JSON output, dry runs, idempotent imports, clear refusals (exit code 2)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from actions.models import ActionItem, Deadline, Status
from reports.models import CandidateState, ImportCandidate, MinutesImport
from tests.reports.conftest import REPORT
from tests.reports.conftest import pdf_bytes as _pdf

SLUG = "apec-telwg-70"
KEYS = {
    "excerpt",
    "title",
    "due_date",
    "due_precision",
    "rule",
    "responsible",
    "kind",
    "section",
    "confidence",
}
# The fixture holds 18 of the report's follow-ups, typed from it: the import must recognise them.
FIXTURE_FOLLOW_UPS = 18


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the site's default language is zh-hant."""
    with translation.override("en"):
        yield


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_minutes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _counts() -> tuple[int, ...]:
    return (
        ActionItem.objects.count(),
        Deadline.objects.count(),
        MinutesImport.objects.count(),
        ImportCandidate.objects.count(),
    )


def _found() -> int:
    return len(json.loads(_run(str(REPORT), "--meeting", SLUG, "--json", "--dry-run")[0]))


def test_json_lists_every_candidate_with_its_keys(telwg70):
    out, _ = _run(str(REPORT), "--meeting", SLUG, "--json", "--dry-run")
    rows = json.loads(out)
    assert len(rows) >= 40
    assert all(row.keys() >= KEYS for row in rows)
    country = next(row for row in rows if "國情報告" in row["excerpt"])
    assert (country["due_date"], country["due_precision"]) == ("2025-03-13", "day")
    assert country["kind"] == "our_task"
    relative = next(row for row in rows if "20 個工作日" in row["excerpt"])
    assert relative["rule"] == {
        "amount": 20,
        "unit": "working_days",
        "anchor": "meeting_end",
        "calendar": "KR",
    }


def test_not_proposed_rows_come_under_a_flag_with_their_reasons(telwg70):
    out, _ = _run(str(REPORT), "--meeting", SLUG, "--json", "--dry-run", "--not-proposed")
    found = json.loads(out)
    assert set(found) == {"candidates", "not_proposed", "notes"}
    assert len(found["candidates"]) == _found()
    assert all(
        row.keys() >= {"excerpt", "reason", "due_date", "due_precision", "candidate"}
        for row in found["not_proposed"]
    )
    report_date = next(row for row in found["not_proposed"] if "報告日期" in row["excerpt"])
    assert report_date["due_date"] == "2025-05-07"
    assert "form" in report_date["reason"]


def test_dry_run_writes_nothing(telwg70):
    before = _counts()
    out, _ = _run(str(REPORT), "--meeting", SLUG, "--dry-run")
    assert f"{_found()} follow-ups found" in out
    assert _counts() == before


def test_importing_twice_creates_items_once(telwg70):
    found = _found()
    fixture_items = ActionItem.objects.count()
    out, _ = _run(str(REPORT), "--meeting", SLUG)
    minutes_import = MinutesImport.objects.get()
    already = minutes_import.candidates.filter(state=CandidateState.DUPLICATE).count()
    new = found - already
    assert f"{new} new proposed items, {already} already there" in out
    recognised = set(
        minutes_import.candidates.filter(state=CandidateState.DUPLICATE).values_list("item", flat=True)
    )
    assert len(recognised) >= FIXTURE_FOLLOW_UPS - 1  # each hand-typed follow-up is found again
    assert ActionItem.objects.count() == fixture_items + new
    assert ActionItem.objects.filter(status=Status.PROPOSED).count() == new
    # The fixture's own country-report item is recognised, not copied.
    first = MinutesImport.objects.get()
    country = first.candidates.get(data__excerpt__startswith="APEC 秘書處提醒各經濟體會議結束後一周")
    assert (country.state, country.item.number) == (CandidateState.DUPLICATE, 1)

    out, _ = _run(str(REPORT), "--meeting", SLUG)
    assert f"0 new proposed items, {found} already there" in out
    assert ActionItem.objects.count() == fixture_items + new


def test_english_minutes_import_end_to_end(telwg70, tmp_path):
    report = tmp_path / "minutes-en.txt"
    report.write_text(
        "Follow-up actions\n"
        "Economies are invited to submit comments by 12 September 2025. The Secretariat will "
        "circulate the record within 15 working days after the meeting.\n",
        encoding="utf-8",
    )
    _run(str(report), "--meeting", SLUG)
    comments = ActionItem.objects.select_related("deadline", "responsible").get(title="Submit comments")
    assert (comments.kind, comments.status, comments.responsible.code) == ("our_task", "proposed", "moda")
    assert comments.deadline.due_on == date(2025, 9, 12)
    record = ActionItem.objects.select_related("deadline", "responsible").get(
        source_excerpt__startswith="The Secretariat will circulate"
    )
    assert record.responsible.code == "apec-secretariat"
    assert (
        record.deadline.mode,
        record.deadline.rule_amount,
        record.deadline.rule_unit,
        record.deadline.due_on,
        record.deadline.zone,
    ) == ("relative", 15, "working_days", date(2025, 3, 28), "Asia/Singapore")


def test_progress_bar_on_request(telwg70):
    _, err = _run(str(REPORT), "--meeting", SLUG, "--dry-run", "--progress")
    assert "sentence" in err


BAD_INPUTS = [
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "not a text file"),
    ("empty.txt", b"", "is empty"),
    ("scanned.pdf", _pdf(b"0 0 m 200 200 l S"), "no text layer"),
    ("big5.txt", "請各經濟體於 3 月 13 日前上傳國情報告。".encode("cp950"), "not UTF-8"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS)
def test_bad_files_exit_2_and_write_nothing(telwg70, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = _counts()
    with pytest.raises(CommandError) as caught:
        _run(str(path), "--meeting", SLUG)
    assert caught.value.returncode == 2
    assert message in str(caught.value)
    assert name in str(caught.value)
    assert _counts() == before


def test_unknown_meeting_exits_2_and_writes_nothing(telwg70):
    before = _counts()
    with pytest.raises(CommandError) as caught:
        _run(str(REPORT), "--meeting", "no-such-meeting")
    assert caught.value.returncode == 2
    assert "no-such-meeting" in str(caught.value)
    assert _counts() == before


def test_the_real_exit_code_is_2(tmp_path):
    """Through manage.py, as a shell script sees it (the file is refused before any database use)."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    finished = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "import_minutes",
            str(empty),
            "--meeting",
            SLUG,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 2, finished.stderr
    assert "empty.txt" in finished.stderr  # in the site's language
    assert "Traceback" not in finished.stderr


def test_a_word_document_is_read(telwg70, tmp_path):
    import docx

    path = tmp_path / "minutes.docx"
    document = docx.Document()
    document.add_paragraph("四、大會")
    document.add_paragraph("(十) 後續工作項目確認")
    document.add_paragraph("APEC 秘書處提醒各經濟體 3 月 13 日為國情報告最後上傳期限。")
    document.save(str(path))
    rows = json.loads(_run(str(path), "--meeting", SLUG, "--json", "--dry-run")[0])
    assert [(row["due_date"], row["kind"], row["session"]) for row in rows] == [
        ("2025-03-13", "our_task", "閉幕式：大會第二日")
    ]
