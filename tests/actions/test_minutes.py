"""Follow-up extraction from meeting reports: phrase resolution and the labelled TELWG 70 set."""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from actions.minutes import (
    Candidate,
    MeetingContext,
    SessionContext,
    extract_candidates,
)

HERE = Path(__file__).resolve().parent
LABELLED = json.loads((HERE / "minutes_labelled.json").read_text(encoding="utf-8"))
REPORT = HERE.parent / "data" / "telwg70-report-zh-Hant.txt"
# The original lives in shared/ beside the repository (also in CI); the tests use the copy.
SHARED_REPORT = Path(__file__).resolve().parents[2].parent / "shared" / "telwg70" / ("report-zh-Hant.txt")


def _context() -> MeetingContext:
    meeting = LABELLED["meeting"]
    return MeetingContext(
        start_on=date.fromisoformat(meeting["start_on"]),
        end_on=date.fromisoformat(meeting["end_on"]),
        calendar=meeting["calendar"],
        sessions=tuple(
            SessionContext(s["name"], date.fromisoformat(s["on"]), tuple(s["keywords"]))
            for s in meeting["sessions"]
        ),
    )


CONTEXT = _context()
DECLARATION_SESSION = "亞太經合組織數位與人工智慧部長宣言草案討論會議"


def _show(text: str) -> None:
    """Measurements for a human: visible with `pytest -s`."""
    sys.stdout.write(text + "\n")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _only(text: str) -> Candidate:
    found = extract_candidates(text, CONTEXT)
    assert len(found) == 1, [c.excerpt for c in found]
    return found[0]


# --- Phrase resolution -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "due", "precision", "ends_on"),
    [
        # ROC years, days, month ends, quarters, years
        ("請各經濟體於 114 年 6 月 30 日前提交報告。", "2025-06-30", "day", None),
        ("工作細目預計 114 年 4 月底前完成。", "2025-04-30", "month", None),
        ("GLOBAC 預計於 115 年 1 月正式營運。", "2026-01-31", "month", None),
        ("標章預計在轉換生效日 3 年內（暫定為 118 年 1 月）完全終止。", "2029-01-31", "month", None),
        ("我國將於 2025 年第 3 季主辦研討會。", "2025-09-30", "quarter", None),
        ("GLOBAC 預計於 2026 年底前完成 MRA 程序。", "2026-12-31", "year", None),
        ("規範預計於 114 年 8 月 1 日起適用。", "2025-08-01", "day", None),
        # A month and day without a year take the meeting's year
        ("請各經濟體於 3 月 13 日前上傳國情報告。", "2025-03-13", "day", None),
        # Ranges: an event's due_date is its first day, ends_on its last
        ("研討會於 114 年 4 月 1 日至 3 日在加州舉辦。", "2025-04-01", "day", "2025-04-03"),
        ("TEL 71 次大會將於 7 月 29 日至 8 月 4 日舉辦。", "2025-07-29", "day", "2025-08-04"),
        ("該會議預定於 2025 年 8 月 4 日至 6 日舉行。", "2025-08-04", "day", "2025-08-06"),
        # English
        ("Economies are invited to submit comments by 12 September 2025.", "2025-09-12", "day", None),
        ("Members are requested to reply by the end of April 2025.", "2025-04-30", "month", None),
        ("The workshop will be held on 1-3 April 2025 in Santa Clara.", "2025-04-01", "day", "2025-04-03"),
        ("Economies are invited to submit proposals by Q2 2025.", "2025-06-30", "quarter", None),
    ],
)
def test_absolute_dates(sentence: str, due: str, precision: str, ends_on: str | None) -> None:
    found = _only(sentence)
    assert found.due_date == date.fromisoformat(due)
    assert found.due_precision == precision
    assert found.ends_on == (date.fromisoformat(ends_on) if ends_on else None)
    assert found.rule is None


@pytest.mark.parametrize(
    ("text", "due", "rule"),
    [
        # 20 working days on the host's (KR) calendar after the meeting's last day, 7 March
        (
            "秘書處預計於會議結束後 20 個工作日內完成彙整。",
            "2025-04-04",
            {"amount": 20, "unit": "working_days", "anchor": "meeting_end", "calendar": "KR"},
        ),
        (
            "The Secretariat will circulate the record within 15 working days after the meeting.",
            "2025-03-28",
            {"amount": 15, "unit": "working_days", "anchor": "meeting_end", "calendar": "KR"},
        ),
        # Said in the 4 March declaration session: counted from that session's day
        (
            "五、亞太經濟合作組織數位與人工智慧部長宣言草案討論會議\n(六) 結語\n"
            "主席表示，預計兩週內提供修正版。",
            "2025-03-18",
            {
                "amount": 2,
                "unit": "weeks",
                "anchor": "session",
                "calendar": None,
                "session": DECLARATION_SESSION,
            },
        ),
        # No starting point and no session: the meeting's last day, said in the note
        (
            "Economies are asked to send comments to the convenor within two weeks.",
            "2025-03-21",
            {"amount": 2, "unit": "weeks", "anchor": "meeting_end", "calendar": None},
        ),
    ],
)
def test_relative_deadlines(text: str, due: str, rule: dict) -> None:
    found = _only(text)
    assert found.due_date == date.fromisoformat(due)
    assert found.due_precision == "day"
    assert found.rule == rule


def test_relative_working_days_follow_the_context_calendar() -> None:
    # 10 working days after Friday 26 Sep 2025. Days off in Taiwan: 29 Sep (Confucius'
    # Birthday, observed), 6 Oct (Mid-Autumn), 10 Oct (National Day); in Korea: 3 Oct and
    # 6-9 Oct (Chuseok, its substitute day, Hangul Day).
    sentence = "秘書處將於會議結束後 10 個工作天內寄送紀要。"
    meeting = {"start_on": date(2025, 9, 22), "end_on": date(2025, 9, 26)}
    in_tw = extract_candidates(sentence, MeetingContext(**meeting, calendar="TW"))[0]
    in_kr = extract_candidates(sentence, MeetingContext(**meeting, calendar="KR"))[0]
    assert in_tw.rule is not None and in_tw.rule["calendar"] == "TW"
    assert in_tw.due_date == date(2025, 10, 15)
    assert in_kr.due_date == date(2025, 10, 17)


def test_written_date_wins_over_a_relative_phrase_and_the_note_says_so() -> None:
    found = _only("APEC 秘書處提醒各經濟體會議結束後一周，即 3 月 13 日為國情報告最後上傳期限；")
    assert found.due_date == date(2025, 3, 13)
    assert found.rule is None
    assert "2025-03-14" in found.note


@pytest.mark.parametrize(
    "sentence",
    [
        "日本預計於 2026 年上半年提出 AI 治理白皮書草案，屆時請各經濟體提供意見。",
        "主席呼籲各經濟體回國後與相關部會討論，提供對於「digital policy」與「AI」關係之看法。",
    ],
)
def test_a_follow_up_without_a_readable_date_keeps_none_and_says_why(sentence: str) -> None:
    found = _only(sentence)
    assert found.due_date is None
    assert found.due_precision is None
    assert found.note


@pytest.mark.parametrize(
    "sentence",
    [
        "韓國自 113 年 7 月 24 日起修訂無線電波法，針對低風險設備實施自我符合性聲明制度。",
        "本次會議於 2025 年 3 月 4 日上午召開。",
        "TELWG 2026 年至 2030 年策略行動計畫之結論部分經討論後納入調整。",
        "澳洲於 2024 年 12 月發布「2026 年及其後之原住民族數位包容路線」。",
        "美國將舉行為期 2 天的圓桌會議，討論 IoT 資安標章。",
        "Korea signed an MRA with Singapore on 15 October 2024.",
    ],
)
def test_dates_that_are_not_follow_ups(sentence: str) -> None:
    assert extract_candidates(sentence, CONTEXT) == []


def test_as_json_is_plain_json_with_iso_dates() -> None:
    found = _only("研討會於 114 年 4 月 1 日至 3 日在加州舉辦。").as_json()
    assert json.loads(json.dumps(found, ensure_ascii=False)) == found
    assert found["due_date"] == "2025-04-01"
    assert found["ends_on"] == "2025-04-03"
    assert set(found) >= {
        "excerpt",
        "title",
        "due_date",
        "due_precision",
        "rule",
        "responsible",
        "kind",
        "section",
        "confidence",
        "note",
        "ends_on",
        "session",
    }


def test_progress_reports_every_sentence() -> None:
    calls: list[tuple[int, int]] = []
    extract_candidates(
        "第一句。第二句。請各經濟體於 4 月 15 日前上傳簡報檔。",
        CONTEXT,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


# --- The labelled set ------------------------------------------------------------------


def _matches(candidate: Candidate, label: dict) -> bool:
    return _nfkc(label["excerpt_contains"]) in _nfkc(candidate.excerpt)


def _differences(candidate: Candidate, expected: dict) -> dict:
    got = candidate.as_json()
    return {key: (value, got.get(key)) for key, value in expected.items() if got.get(key) != value}


def test_report_copy_matches_shared() -> None:
    if not SHARED_REPORT.exists():
        pytest.skip("shared/ is not beside the repository")
    assert REPORT.read_bytes() == SHARED_REPORT.read_bytes()


def test_labelled_report_precision_and_recall() -> None:
    candidates = extract_candidates(REPORT.read_text(encoding="utf-8"), CONTEXT)
    labels = LABELLED["report_follow_ups"]
    claimed: dict[str, Candidate] = {}
    false: list[Candidate] = []
    for candidate in candidates:
        label = next((lb for lb in labels if _matches(candidate, lb)), None)
        if label is None or label["id"] in claimed:
            false.append(candidate)  # not a follow-up, or a second candidate for one
        else:
            claimed[label["id"]] = candidate
    required = [lb for lb in labels if lb["required"]]
    wrong = {
        lb["id"]: diff
        for lb in labels
        if lb["id"] in claimed
        for diff in [_differences(claimed[lb["id"]], lb["expected"])]
        if diff
    }
    true_count = len(claimed)
    found_required = [lb for lb in required if lb["id"] in claimed]
    right_required = [lb for lb in found_required if lb["id"] not in wrong]
    _show(
        "\nTELWG 70 report, labelled follow-ups:\n"
        "| measure | value |\n|---|---|\n"
        f"| candidates | {len(candidates)} |\n"
        f"| true candidates | {true_count} |\n"
        f"| false candidates | {len(false)} |\n"
        f"| precision | {true_count / max(1, len(candidates)):.1%} |\n"
        f"| recall, all {len(labels)} labelled | {true_count / len(labels):.1%} |\n"
        f"| recall, {len(required)} required | {len(found_required) / len(required):.1%} |\n"
        f"| required with every expected field right | {len(right_required)}/{len(required)} |\n"
        f"| all found with every expected field right | {true_count - len(wrong)}/{true_count} |"
    )
    for lb in labels:
        if lb["id"] not in claimed:
            _show(f"missed: {lb['id']}")
    for lb_id, diff in wrong.items():
        _show(f"wrong: {lb_id} {diff}")
    for candidate in false:
        _show(f"false: {candidate.excerpt[:60]}")

    assert [lb["id"] for lb in required if lb["id"] not in claimed] == []
    assert {lb["id"]: wrong[lb["id"]] for lb in required if lb["id"] in wrong} == {}
    assert len(false) * 3 < true_count  # fewer than one false candidate per three true ones
    for negative in LABELLED["report_non_follow_ups"]:
        assert not any(_matches(c, negative) for c in candidates), negative["why"]


def test_labelled_report_sections_and_sessions() -> None:
    candidates = extract_candidates(REPORT.read_text(encoding="utf-8"), CONTEXT)
    by_label = {
        lb["id"]: next(c for c in candidates if _matches(c, lb))
        for lb in LABELLED["report_follow_ups"]
        if lb["required"]
    }
    assert by_label["country-report"].section == "(十) 後續工作項目確認"
    assert by_label["country-report"].session == "閉幕式：大會第二日"
    assert by_label["chair-revised-declaration"].session == DECLARATION_SESSION
    assert by_label["first-round-proposals"].section.endswith("4. 新計畫提案")
    assert "TEL 71" in by_label["hct-lab-visit"].note
    assert "TEL 71" in by_label["roundtable-feedback"].note
    for candidate in by_label.values():
        assert candidate.title
        assert 0 < candidate.confidence <= 1


def test_labelled_sentences_precision_and_recall() -> None:
    positives = [s for s in LABELLED["sentences"] if s["follow_up"]]
    negatives = [s for s in LABELLED["sentences"] if not s["follow_up"]]
    found, right, false = 0, 0, 0
    problems: dict[str, object] = {}
    for item in LABELLED["sentences"]:
        candidates = extract_candidates(item["text"], CONTEXT)
        if not item["follow_up"]:
            false += len(candidates)
            if candidates:
                problems[item["id"]] = "extracted"
            continue
        if not candidates:
            problems[item["id"]] = "missed"
            continue
        found += 1
        false += len(candidates) - 1
        diff = _differences(candidates[0], item["expected"])
        if diff:
            problems[item["id"]] = diff
        else:
            right += 1
    _show(
        f"\nwritten sentences: {len(positives)} follow-ups, {len(negatives)} negatives; "
        f"recall {found / len(positives):.1%}, precision {found / max(1, found + false):.1%}, "
        f"{right}/{found} with every expected field right"
    )
    assert problems == {}
