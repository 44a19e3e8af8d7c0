"""The temporal grammar, one expression at a time, against a meeting on 3–7 March 2025 (KR calendar)."""

from __future__ import annotations

from datetime import date

import pytest

from followup_dates.calendars import choose, from_place
from reports.sentences import Span, clauses, sentences
from reports.temporal import NEXT_MEETING, Frame, LaterMeeting, expressions, meeting_refs, number
from reports.text import Normalised

FRAME = Frame(
    date(2025, 3, 3),
    date(2025, 3, 7),
    calendar="KR",
    later={
        NEXT_MEETING: LaterMeeting(date(2025, 7, 29), date(2025, 8, 4)),
        "TEL71": LaterMeeting(date(2025, 7, 29), date(2025, 8, 4)),
        "SDC12": LaterMeeting(date(2026, 2, 2), date(2026, 2, 6)),
    },
)


def _one(text: str, frame: Frame = FRAME):
    found = [e for e in expressions(Normalised.of(text).text, frame) if e.due is not None]
    assert len(found) == 1, [(e.text, e.due) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "on", "precision"),
    [
        ("114 年 4 月底", "2025-04-30", "month"),
        ("民國 115 年 1 月", "2026-01-31", "month"),
        ("二〇二五年四月二十日", "2025-04-20", "day"),
        ("四月二十日", "2025-04-20", "day"),
        ("5 月上旬", "2025-05-10", "day"),
        ("5 月中旬", "2025-05-20", "day"),
        ("5 月下旬", "2025-05-31", "month"),
        ("115 年上半年", "2026-06-30", "half"),
        ("下半年", "2025-12-31", "half"),
        ("115 年第 2 季", "2026-06-30", "quarter"),
        ("今年年底前", "2025-12-31", "year"),
        ("明年 6 月底", "2026-06-30", "month"),
        ("下週三前", "2025-03-12", "day"),
        ("114/9/15", "2025-09-15", "day"),
        ("13 March 2025", "2025-03-13", "day"),
        ("March 13, 2026", "2026-03-13", "day"),
        ("by the end of May", "2025-05-31", "month"),
        ("by mid-March", "2025-03-15", "day"),
        ("early May", "2025-05-10", "day"),
        ("Q3 2026", "2026-09-30", "quarter"),
        ("the second half of 2026", "2026-12-31", "half"),
        ("H1 2026", "2026-06-30", "half"),
        ("by the end of the year", "2025-12-31", "year"),
        ("next month", "2025-04-30", "month"),
        ("by next Wednesday", "2025-03-12", "day"),
        ("by Fri", "2025-03-14", "day"),
        ("2025-09-15", "2025-09-15", "day"),
        ("15/09/2025", "2025-09-15", "day"),
        # A month before the meeting, in a sentence that looks ahead: next year's.
        ("請於 1 月 15 日前回復", "2026-01-15", "day"),
        ("Due: End-Apr", "2025-04-30", "month"),
        ("1H 2026", "2026-06-30", "half"),
        ("by COB 14 March", "2025-03-14", "day"),
        ("within a fortnight", "2025-03-21", "day"),
        ("a kick-off in the next fortnight", "2025-03-21", "day"),
        ("ask the team tmrw", "2025-03-08", "day"),
        ("do the final formatting and upload on the 20th", "2025-03-20", "day"),
        ("ahead of SOM2 (dates TBC, likely May)", "2025-05-31", "month"),
        ("請於月底前回復", "2025-03-31", "month"),
        ("請於農曆年前完成", "2026-02-17", "day"),
        ("before Chinese New Year", "2026-02-17", "day"),
    ],
)
def test_dates(text: str, on: str, precision: str) -> None:
    found = _one(text)
    assert (found.due.on.isoformat(), found.due.precision.value) == (on, precision)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("7 月 29 日至 8 月 4 日", "2025-07-29", "2025-08-04"),
        ("114 年 4 月 1 日至 3 日", "2025-04-01", "2025-04-03"),
        ("from 9 to 13 May 2026", "2026-05-09", "2026-05-13"),
        ("29 July – 4 August 2025", "2025-07-29", "2025-08-04"),
        ("May 9-13, 2026", "2026-05-09", "2026-05-13"),
        ("on 24 and 25 March", "2025-03-24", "2025-03-25"),
        ("from March to May 2026", "2026-03-31", "2026-05-31"),
        ("on 2026-10-15/16", "2026-10-15", "2026-10-16"),
        ("WTO MC14, Yaoundé | 26–29/03/2026", "2026-03-26", "2026-03-29"),
    ],
)
def test_ranges(text: str, first: str, last: str) -> None:
    found = _one(text)
    assert (found.due.on.isoformat(), found.ends_on.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("text", "on", "rule"),
    [
        (
            "會議結束後 20 個工作日內",
            "2025-04-04",
            {"amount": 20, "unit": "working_days", "anchor": "meeting_end", "calendar": "KR"},
        ),
        (
            "within 15 working days after the meeting",
            "2025-03-28",
            {"amount": 15, "unit": "working_days", "anchor": "meeting_end", "calendar": "KR"},
        ),
        (
            "3 個月內",
            "2025-06-07",
            {"amount": 3, "unit": "months", "anchor": "meeting_end", "calendar": None},
        ),
        (
            "within 45 days",
            "2025-04-21",
            {"amount": 45, "unit": "days", "anchor": "meeting_end", "calendar": None},
        ),
        (
            "會後兩週內",
            "2025-03-21",
            {"amount": 2, "unit": "weeks", "anchor": "meeting_end", "calendar": None},
        ),
        (
            "w/in 2 wks",
            "2025-03-21",
            {"amount": 2, "unit": "weeks", "anchor": "meeting_end", "calendar": None},
        ),
    ],
)
def test_relative_deadlines(text: str, on: str, rule: dict) -> None:
    found = _one(text)
    assert (found.due.on.isoformat(), found.rule) == (on, rule)


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("before the next meeting", "2025-07-29"),
        ("下次會議前", "2025-07-29"),
        ("two weeks before the next session", "2025-07-15"),
        ("not later than 13 weeks before SDC 12", "2025-11-03"),
        ("submit a written report to SDC 12.", "2026-02-02"),
        ("於 TEL 71 期間", "2025-07-29"),
    ],
)
def test_later_meetings_anchor_deadlines(text: str, on: str) -> None:
    found = _one(text)
    assert found.due.on.isoformat() == on
    assert found.meeting


def test_a_later_meeting_whose_dates_are_unknown_is_read_but_not_dated() -> None:
    found = [e for e in expressions("before MSC 112 convenes", FRAME) if e.meeting]
    assert [(e.meeting, e.due) for e in found] == [("MSC112", None)]
    assert "does not state" in found[0].note


def test_working_days_on_an_unknown_calendar_are_not_guessed() -> None:
    found = expressions("within 15 working days after the meeting", Frame(date(2025, 3, 3), date(2025, 3, 7)))
    assert [(e.due, "no holiday calendar" in e.note) for e in found] == [(None, True)]


def test_counted_from_an_event_without_a_date() -> None:
    found = expressions("各代表團於收到後兩週內提出修正意見", FRAME)
    assert [(e.due, e.role) for e in found] == [(None, "by")]


@pytest.mark.parametrize(
    "text",
    [
        "「2026 年及其後之原住民族數位包容路線」",
        "TELWG 2026 年至 2030 年策略行動計畫",
        "the 2030 Agenda",
        "Vision 2030",
        "document G/TBT/N/USA/2025",
        "6 月 18 日（星期三）",  # the weekday names the date: no second date
        "約 1/4 的企業",
        "為期 10 年後重新辦理",
    ],
)
def test_names_and_numbers_that_are_not_extra_dates(text: str) -> None:
    found = [e for e in expressions(Normalised.of(text).text, FRAME) if e.due is not None]
    assert len(found) <= 1
    assert all(e.text not in {"星期三", "1/4", "10 年後"} for e in found)


@pytest.mark.parametrize(
    ("token", "value"), [("二十", 20), ("兩", 2), ("一一四", 114), ("十二", 12), ("twelve", 12)]
)
def test_numbers(token: str, value: int) -> None:
    assert number(token) == value


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("TEL 71 次大會", ["TEL71"]),
        ("TELWG 71 及 TELMIN 11", ["TEL71", "TELMIN11"]),
        ("the next session of the Working Group", [NEXT_MEETING]),
        ("its forty-ninth session", ["S49"]),
        ("出席 MRT 者", ["MRT"]),
        ("Ship Design and Construction (SDC)", []),
        ("before the Small States Trade Week", ["EV:trade week"]),
    ],
)
def test_meeting_references(text: str, keys: list[str]) -> None:
    assert [r.key for r in meeting_refs(text)] == keys


def test_sentences_keep_abbreviations_and_brackets() -> None:
    text = (
        "SG to circ. revised text by Fri. Comments due 2 wks after circ. (~12 Dec if SG on time). Next item."
    )
    assert [Span(s.start, s.end).of(text) for s in sentences(text)] == [
        "SG to circ. revised text by Fri.",
        "Comments due 2 wks after circ. (~12 Dec if SG on time).",
        "Next item.",
    ]
    chinese = "主席表示「會議於 3 月 4 日。」將延期。請各經濟體提供意見。"
    assert [Span(s.start, s.end).of(chinese) for s in sentences(chinese)] == [
        "主席表示「會議於 3 月 4 日。」將延期。",
        "請各經濟體提供意見。",
    ]


def test_clauses_cut_at_semicolons_and_new_verb_phrases() -> None:
    text = (
        "APEC 秘書處提醒各經濟體 3 月 13 日為國情報告上傳期限；"
        "3 月 27 日為意見期限，並請各經濟體於期限內上傳。"
    )
    cut = [Span(c.start, c.end).of(text) for c in clauses(text, Span(0, len(text)), split_commas=True)]
    assert cut[0].endswith("上傳期限；")
    assert cut[-1].startswith("並請各經濟體")


@pytest.mark.parametrize(
    ("kwargs", "calendar"),
    [
        ({"meeting_calendar": "gb-eng"}, "GB-ENG"),
        ({"host_calendar": "CH", "venue": "Palais des Nations, Geneva"}, "CH-GE"),
        ({"venue": "IMO Headquarters, London, United Kingdom"}, "GB-ENG"),
        ({"venue": "韓國慶州"}, "KR"),
        ({"venue_zone": "Europe/Paris"}, "FR"),
        ({}, None),
    ],
)
def test_the_working_day_calendar_comes_from_the_meeting_the_host_or_the_venue(kwargs, calendar) -> None:
    found, note = choose(**kwargs)
    assert found == calendar
    assert note


def test_places() -> None:
    assert (from_place("日內瓦"), from_place("Edinburgh, Scotland"), from_place("somewhere")) == (
        "CH-GE",
        "GB-SCT",
        None,
    )


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("Rapp to post the workplan by 27/3", "2025-03-27"),  # one number cannot be a month
        ("abstracts due 4/30", "2025-04-30"),
        ("Sec to circulate the draft w/in 10 wd after mtg", "2025-03-21"),  # KR working days
        ("brief the DG on the outcomes Mon 17th", "2025-03-17"),  # no month: the first Monday the 17th
    ],
)
def test_terse_notes_dates(text: str, on: str) -> None:
    assert _one(text).due.on.isoformat() == on


@pytest.mark.parametrize(
    "text",
    [
        "3/4 of the members replied",  # a fraction
        "by 3/4",  # day/month or month/day: not guessed
        "comments on Q3/1 and Q2/19 texts",  # ITU questions, not quarters
        "JW to join (2h, 13:00 CET)",  # two hours, not the second half
    ],
)
def test_not_dates_in_notes(text: str) -> None:
    assert [e for e in expressions(Normalised.of(text).text, FRAME) if e.due is not None] == []


def test_within_weeks_of_the_note_counts_from_the_note_s_date() -> None:
    frame = Frame(date(2025, 12, 2), date(2025, 12, 4), written_on=date(2025, 12, 12))
    found = _one("nominate one focal point within three weeks of the date of this note", frame)
    assert found.due.on == date(2026, 1, 2)
    assert found.rule is None  # the note's date is not one the tracker keeps


def test_a_group_named_in_full_is_its_initials() -> None:
    assert [r.key for r in meeting_refs("Study Group 19 (third meeting), 14-23 September 2026")] == ["SG19"]
    assert [r.key for r in meeting_refs("the Expert Group 4 will meet in June")] == ["EG4"]


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("IA call Tues 4/28, 10:00-10:45", "2026-04-28"),  # 28 April is a Tuesday
        ("ComSec to send the revised text by Fri 20/2", "2026-02-20"),
        ("lines to HQ by Wed 3/4", "2026-03-04"),  # 4 March is a Wednesday, 3 April a Friday
        ("clearance NLT COB Fri 4/24.", "2026-04-24"),
        ("* 21/4 - lunch for like-minded delegations", "2026-04-21"),  # a list item opens with its day
    ],
)
def test_a_weekday_or_a_list_item_makes_a_numeric_day_a_date(text: str, on: str) -> None:
    frame = Frame(date(2026, 2, 10), date(2026, 2, 11), calendar="GB")
    found = _one(text, frame)
    assert found.due.on.isoformat() == on


def test_a_deadline_after_no_later_than_is_a_deadline() -> None:
    frame = Frame(date(2026, 4, 21), date(2026, 4, 22), calendar="US")
    assert _one("clearance NLT COB Fri 4/24.", frame).role == "by"


def test_working_days_in_a_note_s_shorthand() -> None:
    frame = Frame(date(2026, 2, 10), date(2026, 2, 11), calendar="GB-ENG")
    found = _one("Chair's summary to be circ w/in 5 wkg days", frame)
    assert found.due.on == date(2026, 2, 18)
    assert found.rule["unit"] == "working_days"


def test_a_chinese_numeric_day_no_fraction_is_written_as_needs_no_cue() -> None:
    frame = Frame(date(2025, 11, 5), date(2025, 11, 7), calendar="CH-GE")
    assert _one("我們 12/7 的書面回覆時程不變", frame).due.on == date(2025, 12, 7)
    assert _one("意見 11/17 要交", frame).due.on == date(2025, 11, 17)
    assert [e for e in expressions("約 1/4 的會員回覆", frame) if e.due is not None] == []


def test_a_numbered_meeting_s_short_name() -> None:
    from reports.temporal import acronym_alias

    assert acronym_alias("the Seventy-ninth World Health Assembly will be held") == "WHA79"
    assert acronym_alias("the thirty-eighth session of the SCP is scheduled") == "SCP38"
    assert acronym_alias("13-14 October Fourth DWG Meeting") == "DWG4"
    assert acronym_alias("the Eighth Meeting of the Forum") is None  # one letter is no name
    assert [r.key for r in meeting_refs("the pre-WHA79 briefing for Ministers")] == []
    assert [r.key for r in meeting_refs("outcomes from CTMM will feed into the CHOGM communique")] == [
        "CTMM",
        "CHOGM",
    ]


def test_the_meeting_a_title_prepares_for_is_not_the_meeting_it_is_about() -> None:
    from reports.temporal import current_meeting

    assert current_meeting("「第14屆部長會議（MC14）籌備事宜」第3次跨部會會議") == "#3"
    assert current_meeting("Preparations for MC14: third inter-agency meeting") is None
    assert current_meeting("APEC TELWG 70") == "TEL70"


def test_in_so_many_days_after_a_past_verb_is_how_long_it_took() -> None:
    frame = Frame(date(2026, 4, 21), date(2026, 4, 22), calendar="US")
    assert [e for e in expressions("we covered a lot of ground in two days.", frame) if e.due] == []
    assert _one("Sec will circulate the text in two weeks.", frame).due.on == date(2026, 5, 6)


@pytest.mark.parametrize("text", ["那週一樣會有 thematic session", "每週一次線上會議", "週一定要送出"])
def test_a_week_followed_by_a_word_with_one_is_no_weekday(text: str) -> None:
    assert [e.text for e in expressions(Normalised.of(text).text, FRAME) if e.due is not None] == []


def test_next_year_with_its_roc_year_in_brackets_is_next_year() -> None:
    frame = Frame(date(2025, 9, 9), date(2025, 9, 12), calendar="TW")
    found = [e for e in expressions(Normalised.of("計畫於明（115）年下半年率團訪台").text, frame) if e.due]
    assert [(e.due.on.isoformat(), e.due.precision.value) for e in found] == [("2026-12-31", "half")]


def test_a_weekday_date_that_falls_on_that_weekday_both_ways_reads_in_the_document_s_order() -> None:
    """Thursday is both 12 March and 3 December 2026; the notes write 18/3 elsewhere."""
    frame = Frame(date(2026, 3, 2), date(2026, 3, 4), calendar="AU", numeric_order="dm")
    found = [e for e in expressions(Normalised.of("due by COB Thu 12/3").text, frame) if e.due]
    assert [e.due.on.isoformat() for e in found] == ["2026-03-12"]
    unknown = Frame(date(2026, 3, 2), date(2026, 3, 4), calendar="AU")
    assert [e for e in expressions(Normalised.of("due by COB Thu 12/3").text, unknown) if e.due] == []


def test_the_day_before_counts_back_from_the_date_just_given() -> None:
    frame = Frame(date(2026, 3, 2), date(2026, 3, 4), calendar="AU", numeric_order="dm")
    text = "I'll take the bid to the GM on Tue 17/3, so please have the one-pager to me the day before."
    found = [e for e in expressions(Normalised.of(text).text, frame) if e.due]
    assert [e.due.on.isoformat() for e in found] == ["2026-03-17", "2026-03-16"]
    aside = "THEMATIC SESSION ON 23 JUNE 2026 (DAY BEFORE)."
    assert [e.due.on.isoformat() for e in expressions(Normalised.of(aside).text, frame) if e.due] == [
        "2026-06-23"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Responses will be due within eight weeks of the CL being issued.",
        "Comments are due within 60 days of their receipt.",
    ],
)
def test_a_count_from_an_event_the_report_does_not_date_is_undated(text: str) -> None:
    found = [e for e in expressions(Normalised.of(text).text, FRAME) if "within" in e.text]
    assert found and all(e.due is None for e in found)  # not eight weeks after the meeting


def test_a_hyphenated_end_of_month_is_read() -> None:
    frame = Frame(date(2026, 3, 9), date(2026, 3, 20))
    [found] = [e for e in expressions("well before the Chair's end-of-April deadline", frame) if e.due]
    assert (found.due.on, found.due.precision.value) == (date(2026, 4, 30), "month")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("a one-pager with the office by 3pm Fri NZT", date(2026, 5, 22)),
        ("fine, Mon morning latest", date(2026, 5, 25)),
    ],
)
def test_a_weekday_after_a_time_or_before_latest_is_a_deadline(text: str, day: date) -> None:
    frame = Frame(date(2026, 5, 20), date(2026, 5, 21))
    assert [e.due.on for e in expressions(text, frame) if e.due] == [day]


def test_sessions_held_together_are_each_named() -> None:
    keys = [r.key for r in meeting_refs("- COP31/CMP21/CMA8 and SB65: Antalya, 9-20 November 2026.")]
    assert keys == ["COP31", "CMP21", "CMA8", "SB65"]
    assert [r.key for r in meeting_refs("see 2026/SOM3/SCSC/003 and G/TBT/53")] == []
