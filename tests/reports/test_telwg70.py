"""The reader on the worked example: phrases it must resolve, and the labelled TELWG 70 report.

The labelled report (telwg70_labelled.json) lists every follow-up the report states; the
required ones are the issue's list and must all be proposed with the expected date, precision,
rule and kind. The written sentences were labelled before the new reader existed.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from reports.candidates import Candidate, MeetingContext
from reports.extract import extract
from reports.layout import read_text
from tests.reports.conftest import CONTEXT, DECLARATION_SESSION, LABELLED, REPORT

# The original lives in shared/ beside the repository (also in CI); the tests use the copy.
SHARED_REPORT = Path(__file__).resolve().parents[2].parent / "shared" / "telwg70" / "report-zh-Hant.txt"
CHECKED = ("due_date", "due_precision", "ends_on", "rule", "kind")


def _show(text: str) -> None:
    """Measurements for a human: visible with `pytest -s`."""
    sys.stdout.write(text + "\n")


def _nfkc(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _read(text: str, context: MeetingContext = CONTEXT) -> list[Candidate]:
    return extract(read_text(text), context).candidates


def _only(text: str) -> Candidate:
    found = _read(text)
    assert len(found) == 1, [c.excerpt for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "due", "precision", "ends_on"),
    [
        ("請各經濟體於 114 年 6 月 30 日前提交報告。", "2025-06-30", "day", None),
        ("工作細目預計 114 年 4 月底前完成。", "2025-04-30", "month", None),
        ("GLOBAC 預計於 115 年 1 月正式營運。", "2026-01-31", "month", None),
        ("標章預計在轉換生效日 3 年內（暫定為 118 年 1 月）完全終止。", "2029-01-31", "month", None),
        ("我國將於 2025 年第 3 季主辦研討會。", "2025-09-30", "quarter", None),
        ("GLOBAC 預計於 2026 年底前完成 MRA 程序。", "2026-12-31", "year", None),
        ("規範預計於 114 年 8 月 1 日起適用。", "2025-08-01", "day", None),
        ("請各經濟體於 3 月 13 日前上傳國情報告。", "2025-03-13", "day", None),
        ("研討會於 114 年 4 月 1 日至 3 日在加州舉辦。", "2025-04-01", "day", "2025-04-03"),
        ("TEL 71 次大會將於 7 月 29 日至 8 月 4 日舉辦。", "2025-07-29", "day", "2025-08-04"),
        ("該會議預定於 2025 年 8 月 4 日至 6 日舉行。", "2025-08-04", "day", "2025-08-06"),
        # The forms the first reader missed (issue 14, section 2).
        ("請各單位於 5 月中旬前提供資料。", "2025-05-20", "day", None),
        ("請各單位於 5 月上旬前提供資料。", "2025-05-10", "day", None),
        ("請各單位於 5 月下旬前提供資料。", "2025-05-31", "month", None),
        ("我國預計於下半年提出計畫書。", "2025-12-31", "half", None),
        ("國內相關機關應於明年 6 月底前完成盤點。", "2026-06-30", "month", None),
        ("請各機關於今年年底前完成檢討。", "2025-12-31", "year", None),
        ("請各單位於四月二十日前回復。", "2025-04-20", "day", None),
        ("請於下週三前回覆本部。", "2025-03-12", "day", None),
        ("Economies are invited to submit comments by 12 September 2025.", "2025-09-12", "day", None),
        ("Members are requested to reply by the end of April 2025.", "2025-04-30", "month", None),
        ("Members are requested to reply by the end of May.", "2025-05-31", "month", None),
        ("Economies are invited to comment by mid-March.", "2025-03-15", "day", None),
        ("The workshop will be held on 1-3 April 2025 in Santa Clara.", "2025-04-01", "day", "2025-04-03"),
        ("Economies are invited to submit proposals by Q2 2025.", "2025-06-30", "quarter", None),
        ("Economies are invited to submit proposals in the second half of 2025.", "2025-12-31", "half", None),
    ],
)
def test_absolute_dates(sentence: str, due: str, precision: str, ends_on: str | None) -> None:
    found = _only(sentence)
    assert (found.due_date, found.due_precision, found.ends_on) == (
        date.fromisoformat(due),
        precision,
        date.fromisoformat(ends_on) if ends_on else None,
    )
    assert found.rule is None


@pytest.mark.parametrize(
    ("text", "due", "rule"),
    [
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
            "五、亞太經濟合作組織數位與人工智慧部長宣言草案討論會議\n"
            "(六) 結語\n主席表示，預計兩週內提供修正版。",
            "2025-03-18",
            {
                "amount": 2,
                "unit": "weeks",
                "anchor": "session",
                "calendar": None,
                "session": DECLARATION_SESSION,
            },
        ),
        (
            "Economies are asked to send comments to the convenor within two weeks.",
            "2025-03-21",
            {"amount": 2, "unit": "weeks", "anchor": "meeting_end", "calendar": None},
        ),
        (
            "請各經濟體於 3 個月內提出報告。",
            "2025-06-07",
            {"amount": 3, "unit": "months", "anchor": "meeting_end", "calendar": None},
        ),
        (
            "Members are invited to submit notifications within 45 days.",
            "2025-04-21",
            {"amount": 45, "unit": "days", "anchor": "meeting_end", "calendar": None},
        ),
    ],
)
def test_relative_deadlines(text: str, due: str, rule: dict) -> None:
    found = _only(text)
    assert (found.due_date, found.due_precision, found.rule) == (date.fromisoformat(due), "day", rule)


def test_a_later_meeting_named_anywhere_dates_a_deadline_before_it() -> None:
    found = _read(
        "未來會議事宜\nThe next meeting will be held from 9 to 13 May 2025 in Lima.\n\n"
        "Economies are invited to send their proposals two weeks before the next meeting.\n\n"
        "請各經濟體於下次會議前提供意見。\n"
    )
    proposals = next(c for c in found if c.excerpt.startswith("Economies are invited"))
    views = next(c for c in found if c.excerpt.startswith("請各經濟體於下次會議前"))
    assert (proposals.due_date, views.due_date) == (date(2025, 4, 25), date(2025, 5, 9))
    assert "opens 2025-05-09" in views.note


def test_two_deadlines_in_one_sentence_are_two_candidates() -> None:
    found = _read("請各經濟體於 3 月 31 日前提供意見，並於 4 月 30 日前上傳修正稿。")
    assert [(c.due_date, c.kind) for c in found] == [
        (date(2025, 3, 31), "our_task"),
        (date(2025, 4, 30), "our_task"),
    ]


def test_relative_working_days_follow_the_context_calendar() -> None:
    # 10 working days after Friday 26 Sep 2025. Days off in Taiwan: 29 Sep (Confucius'
    # Birthday, observed), 6 Oct (Mid-Autumn), 10 Oct (National Day); in Korea: 3 Oct and
    # 6-9 Oct (Chuseok, its substitute day, Hangul Day).
    sentence = "秘書處將於會議結束後 10 個工作天內寄送紀要。"
    meeting = {"start_on": date(2025, 9, 22), "end_on": date(2025, 9, 26)}
    in_tw = _read(sentence, MeetingContext(**meeting, calendar="TW"))[0]
    in_kr = _read(sentence, MeetingContext(**meeting, calendar="KR"))[0]
    assert (in_tw.rule["calendar"], in_tw.due_date) == ("TW", date(2025, 10, 15))
    assert in_kr.due_date == date(2025, 10, 17)


def test_without_a_known_calendar_working_days_are_not_guessed() -> None:
    found = _read(
        "The Secretariat will circulate the record within 15 working days after the meeting.",
        MeetingContext(start_on=date(2025, 3, 3), end_on=date(2025, 3, 7), calendar=None),
    )[0]
    assert found.due_date is None
    assert "no holiday calendar" in found.note


def test_written_date_wins_over_a_relative_phrase_and_the_note_says_so() -> None:
    found = _only("APEC 秘書處提醒各經濟體會議結束後一周，即 3 月 13 日為國情報告最後上傳期限；")
    assert found.due_date == date(2025, 3, 13)
    assert found.rule is None
    assert "2025-03-14" in found.note


@pytest.mark.parametrize(
    "sentence",
    [
        "主席呼籲各經濟體回國後與相關部會討論，提供對於「digital policy」與「AI」關係之看法。",
        "Members were invited to send comments within 10 days of receiving the draft.",
    ],
)
def test_a_follow_up_without_a_readable_date_keeps_none_and_says_why(sentence: str) -> None:
    found = _only(sentence)
    assert (found.due_date, found.due_precision) == (None, None)
    assert found.note


@pytest.mark.parametrize(
    "sentence",
    [
        "韓國自 113 年 7 月 24 日起修訂無線電波法，針對低風險設備實施自我符合性聲明制度。",
        "本次會議於 2025 年 3 月 4 日上午召開。",
        "TELWG 2026 年至 2030 年策略行動計畫之結論部分經討論後納入調整。",
        "澳洲於 2024 年 12 月發布「2026 年及其後之原住民族數位包容路線」。",
        "Korea signed an MRA with Singapore on 15 October 2024.",
        "By the end of 2024, 5G covered 82.4% of the population.",
        "Japan described its national plan, under which 99 per cent of households will be connected by 2030.",
        "2025 年 APEC 會議主辦國為韓國，預計於 2026 年工作計畫中納入。",
    ],
)
def test_dates_that_are_not_follow_ups(sentence: str) -> None:
    assert _read(sentence) == []


def test_as_json_is_plain_json_with_iso_dates() -> None:
    found = _only("研討會於 114 年 4 月 1 日至 3 日在加州舉辦。").as_json()
    assert json.loads(json.dumps(found, ensure_ascii=False)) == found
    assert (found["due_date"], found["ends_on"]) == ("2025-04-01", "2025-04-03")
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
        "block",
        "span",
    }


def test_progress_reports_every_sentence() -> None:
    calls: list[tuple[int, int]] = []
    extract(
        read_text("第一句。第二句。請各經濟體於 4 月 15 日前上傳簡報檔。"),
        CONTEXT,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


# --- The labelled report ------------------------------------------------------------------


def test_report_copy_matches_shared() -> None:
    if not SHARED_REPORT.exists():
        pytest.skip("shared/ is not beside the repository")
    assert REPORT.read_bytes() == SHARED_REPORT.read_bytes()


def _claim(candidates: list[Candidate], labels: list[dict]) -> dict[str, Candidate]:
    """Each label's candidate: its phrase in the excerpt, the expected due date first."""
    claimed: dict[str, Candidate] = {}
    used: set[int] = set()
    for want_date in (True, False):
        for label in labels:
            if label["id"] in claimed:
                continue
            for index, candidate in enumerate(candidates):
                if index in used or _nfkc(label["excerpt_contains"]) not in _nfkc(candidate.excerpt):
                    continue
                got = candidate.due_date.isoformat() if candidate.due_date else None
                if want_date and got != label["expected"].get("due_date"):
                    continue
                claimed[label["id"]], _ = candidate, used.add(index)
                break
    return claimed


def test_labelled_report_keeps_every_required_follow_up() -> None:
    candidates = extract(read_text(REPORT.read_text(encoding="utf-8")), CONTEXT).candidates
    labels = LABELLED["report_follow_ups"]
    claimed = _claim(candidates, labels)
    required = [lb for lb in labels if lb["required"]]
    wrong = {
        lb["id"]: {
            key: (lb["expected"].get(key), claimed[lb["id"]].as_json().get(key))
            for key in CHECKED
            if key in lb["expected"] and lb["expected"][key] != claimed[lb["id"]].as_json().get(key)
        }
        for lb in labels
        if lb["id"] in claimed
    }
    false = [c for c in candidates if all(c is not claimed[k] for k in claimed)]
    _show(
        f"\nTELWG 70: {len(candidates)} candidates, {len(claimed)}/{len(labels)} labelled found, "
        f"{len(false)} not labelled; required {sum(lb['id'] in claimed for lb in required)}/{len(required)}"
    )
    for candidate in false:
        _show(f"not labelled: {candidate.due_date} {candidate.excerpt[:60]}")
    assert [lb["id"] for lb in required if lb["id"] not in claimed] == []
    assert {lb["id"]: wrong[lb["id"]] for lb in required if wrong.get(lb["id"])} == {}
    assert len(false) * 2 < len(candidates)
    for negative in LABELLED["report_non_follow_ups"]:
        assert not any(_nfkc(negative["excerpt_contains"]) in _nfkc(c.excerpt) for c in candidates), negative[
            "why"
        ]


def test_labelled_report_sections_and_sessions() -> None:
    candidates = extract(read_text(REPORT.read_text(encoding="utf-8")), CONTEXT).candidates
    claimed = _claim(candidates, [lb for lb in LABELLED["report_follow_ups"] if lb["required"]])
    assert claimed["country-report"].section.endswith("(十) 後續工作項目確認")
    assert claimed["country-report"].session == "閉幕式：大會第二日"
    assert claimed["chair-revised-declaration"].session == DECLARATION_SESSION
    assert claimed["first-round-proposals"].section.endswith("4. 新計畫提案")
    assert "TEL71" in claimed["hct-lab-visit"].note or "TEL 71" in claimed["hct-lab-visit"].note
    for candidate in claimed.values():
        assert candidate.title
        assert 0 < candidate.confidence <= 1


def test_labelled_sentences() -> None:
    """The written sentences, each read on its own: every follow-up found with its date; no false ones."""
    missed, wrong, false = [], {}, []
    for item in LABELLED["sentences"]:
        found = _read(item["text"])
        if not item["follow_up"]:
            false.extend(c.excerpt for c in found)
            continue
        if not found:
            missed.append(item["id"])
            continue
        got = found[0].as_json()
        diff = {k: (v, got.get(k)) for k, v in item["expected"].items() if k in CHECKED and got.get(k) != v}
        if diff:
            wrong[item["id"]] = diff
    _show(f"\nwritten sentences: missed {missed}, wrong {wrong}, false {false}")
    assert missed == []
    assert wrong == {}
    assert false == []
