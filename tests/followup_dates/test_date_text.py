"""Tables and properties for followup_dates.date_text: ROC years, reading typed dates, formatting
due dates, dates and instants (and reading back every output)."""

import pickle
from datetime import date, datetime

import hypothesis
import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from followup_dates.date_text import (
    format_date,
    format_due_date,
    format_instant,
    gregorian_to_roc,
    parse_due_date,
    roc_to_gregorian,
)
from followup_dates.deadlines import DateInputError, DueDate, Precision, end_of_day
from tests.followup_dates.conftest import MAR_13

pytestmark = pytest.mark.usefixtures("english")


def fullwidth(text: str) -> str:
    """The same text typed with a CJK input method: ASCII as full-width forms, spaces as 　."""
    return "".join(
        "\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text
    )


MEETING_ENDS = date(2025, 3, 7)


# --- ROC years -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roc_year", "year"),
    [(1, 1912), (38, 1949), (89, 2000), (113, 2024), (114, 2025), (115, 2026), (8088, 9999)],
)
def test_roc_year_conversion_both_ways(roc_year, year):
    assert roc_to_gregorian(roc_year) == year
    assert gregorian_to_roc(year) == roc_year


@pytest.mark.parametrize("roc_year", [0, -1])
def test_roc_years_start_at_one(roc_year):
    with pytest.raises(DateInputError) as caught:
        roc_to_gregorian(roc_year)
    assert caught.value.code == "invalid_roc_year"


@pytest.mark.parametrize("year", [1911, 1900, 1])
def test_no_roc_year_before_1912(year):
    with pytest.raises(DateInputError) as caught:
        gregorian_to_roc(year)
    assert caught.value.code == "before_roc"


# --- Parsing ---------------------------------------------------------------------

PARSED = [
    # ISO and Gregorian numeric
    ("2025-03-13", MAR_13),
    ("2025/3/13", MAR_13),
    ("2025.3.13", MAR_13),
    ("20250313", MAR_13),
    # ROC numeric and CJK
    ("114/3/13", MAR_13),
    ("114.3.13", MAR_13),
    ("114-3-13", MAR_13),
    ("1140313", MAR_13),
    ("114年3月13日", MAR_13),
    ("民國114年3月13日", MAR_13),
    ("114 年 3 月 13 日", MAR_13),
    ("中華民國114年3月13日", MAR_13),
    ("民國 114 年 3 月 13 日", MAR_13),
    ("ROC 114/3/13", MAR_13),
    ("  114年3月13日\n", MAR_13),
    # Gregorian with 年
    ("2025年3月13日", MAR_13),
    ("2025 年 3 月 13 日", MAR_13),
    ("西元2025年3月13日", MAR_13),
    # English
    ("13 March 2025", MAR_13),
    ("March 13, 2025", MAR_13),
    ("March 13 2025", MAR_13),
    ("13 Mar 2025", MAR_13),
    ("13 mar. 2025", MAR_13),
    ("13th March 2025", MAR_13),
    ("Mar. 13th, 2025", MAR_13),
    ("13 MARCH 2025", MAR_13),
    ("13 Mar ROC 114", MAR_13),
    ("by 13 Mar 2025", MAR_13),
    ("March 1 2025", DueDate.day(date(2025, 3, 1))),
    ("Sept 30, 2025", DueDate.day(date(2025, 9, 30))),
    # Leap day exists in 2024 (ROC 113)
    ("113年2月29日", DueDate.day(date(2024, 2, 29))),
    ("2024-02-29", DueDate.day(date(2024, 2, 29))),
    # Months
    ("115 年 1 月", DueDate.month(2026, 1)),
    ("115/1", DueDate.month(2026, 1)),
    ("2026-01", DueDate.month(2026, 1)),
    ("2026年1月", DueDate.month(2026, 1)),
    ("114 年 4 月底", DueDate.month(2025, 4)),
    ("114年4月底前", DueDate.month(2025, 4)),
    ("2025年4月底", DueDate.month(2025, 4)),
    ("end of April 2025", DueDate.month(2025, 4)),
    ("by the end of April 2025", DueDate.month(2025, 4)),
    ("April 2025", DueDate.month(2025, 4)),
    ("Apr 2025", DueDate.month(2025, 4)),
    ("by end of Jan ROC 115", DueDate.month(2026, 1)),
    ("February 2024", DueDate.month(2024, 2)),
    # Quarters
    ("115 年第 1 季", DueDate.quarter(2026, 1)),
    ("115年第一季", DueDate.quarter(2026, 1)),
    ("115年第1季底前", DueDate.quarter(2026, 1)),
    ("2026 Q1", DueDate.quarter(2026, 1)),
    ("Q1 2026", DueDate.quarter(2026, 1)),
    ("2026-Q4", DueDate.quarter(2026, 4)),
    ("q3 2025", DueDate.quarter(2025, 3)),
    ("2026年第1季", DueDate.quarter(2026, 1)),
    ("2026年Q2", DueDate.quarter(2026, 2)),
    ("end of Q1 2026", DueDate.quarter(2026, 1)),
    ("by end of Q1 ROC 115", DueDate.quarter(2026, 1)),
    # Halves
    ("114年上半年", DueDate.half(2025, 1)),
    ("114 年 下半年", DueDate.half(2025, 2)),
    ("115年下半年底前", DueDate.half(2026, 2)),
    ("2025年上半年", DueDate.half(2025, 1)),
    ("H1 2026", DueDate.half(2026, 1)),
    ("h2, 2025", DueDate.half(2025, 2)),
    ("2026-H2", DueDate.half(2026, 2)),
    ("2025 h1", DueDate.half(2025, 1)),
    ("by end of H2 ROC 114", DueDate.half(2025, 2)),
    # Years
    ("115 年", DueDate.year(2026)),
    ("115年底", DueDate.year(2026)),
    ("115年底前", DueDate.year(2026)),
    ("2026年", DueDate.year(2026)),
    ("2026", DueDate.year(2026)),
    ("end of 2025", DueDate.year(2025)),
    ("by end of ROC 115", DueDate.year(2026)),
    ("民國115年", DueDate.year(2026)),
]


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_parse_due_date(text, expected):
    assert parse_due_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_parse_due_date_typed_full_width(text, expected):
    assert parse_due_date(fullwidth(text)) == expected


@pytest.mark.parametrize(
    "text", ["114\uff0f3\uff0f13", "114\uff0e3\uff0e13", "2025\u20133\u201313", "114 / 3 / 13"]
)
def test_parse_due_date_normalises_punctuation(text):
    assert parse_due_date(text) == MAR_13


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 月 13 日", MAR_13),
        ("3月13日", MAR_13),
        ("3/13", MAR_13),
        ("3-13", MAR_13),
        ("13 March", MAR_13),
        ("March 13", MAR_13),
        ("13 Mar", MAR_13),
        ("4 月底", DueDate.month(2025, 4)),
        ("4月", DueDate.month(2025, 4)),
        ("end of April", DueDate.month(2025, 4)),
    ],
)
def test_year_less_dates_take_the_year_of_the_reference(text, expected):
    assert parse_due_date(text, reference=MEETING_ENDS) == expected


@pytest.mark.parametrize("text", ["3 月 13 日", "3/13", "13 March", "4 月底", "end of April"])
def test_year_less_dates_without_a_reference_are_refused(text):
    with pytest.raises(DateInputError) as caught:
        parse_due_date(text)
    assert caught.value.code == "year_missing"


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        ("114年2月30日", "invalid_day", "February 2025 (ROC 114) has only 28 days"),
        ("2025-02-29", "invalid_day", "has only 28 days"),
        ("2024-02-30", "invalid_day", "February 2024 (ROC 113) has only 29 days"),
        ("114/4/31", "invalid_day", "April 2025 (ROC 114) has only 30 days"),
        ("31 June 2025", "invalid_day", "has only 30 days"),
        ("2025-01-00", "invalid_day", "no day 0"),
        ("114年13月1日", "invalid_month", "no month 13"),
        ("2025-13", "invalid_month", "no month 13"),
        ("13/5", "invalid_month", "no month 13"),
        ("114年0月", "invalid_month", "no month 0"),
        ("", "empty", "Enter a date"),
        ("   ", "empty", "Enter a date"),
        ("soon", "unrecognised", "114年3月13日"),
        ("next Tuesday", "unrecognised", "2025-03-13"),
        ("2025-03-13 14:00", "unrecognised", "is not a date"),
        ("end of 13 March 2025", "unrecognised", "is not a date"),
        ("2025 3 13", "unrecognised", "is not a date"),
        ("115", "ambiguous_year", "ROC 115"),
        ("13 Mar 114", "ambiguous_year", "(2025)"),
        ("Q1 115", "ambiguous_year", "115年"),
        ("13/03/2025", "ambiguous_order", "2025-03-13"),
        ("3/13/2025", "ambiguous_order", "day and month"),
        ("民國0年1月", "invalid_roc_year", "start at 1"),
        ("1900-01-01", "year_out_of_range", "1912"),
        ("民國8089年", "year_out_of_range", "9999"),
    ],
)
def test_parse_due_date_refuses_and_says_why(text, code, says):
    with pytest.raises(DateInputError) as caught:
        parse_due_date(text, reference=MEETING_ENDS if code == "invalid_month" else None)
    assert caught.value.code == code
    assert says in str(caught.value.message)
    assert str(caught.value) == str(caught.value.message)


def test_date_input_error_survives_pickling():
    with pytest.raises(DateInputError) as caught:
        parse_due_date("114年2月30日")
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301
    assert (copy.code, str(copy.message)) == ("invalid_day", str(caught.value.message))


@pytest.mark.skipif(not settings.USE_I18N, reason="needs the project's translation setup")
def test_messages_are_translated_when_read_not_when_raised():
    with pytest.raises(DateInputError) as caught:
        parse_due_date("114年2月30日")
    # Django ships the zh-Hant month names; the reader's language decides, not the raiser's.
    with translation.override("zh-hant"):
        assert "二月" in str(caught.value.message)
    assert "February" in str(caught.value.message)


# --- Formatting (and parsing back every output) ----------------------------------

FORMATTED = [
    (MAR_13, "gregorian", "en", "13 Mar 2025"),
    (MAR_13, "roc", "en", "13 Mar ROC 114"),
    (MAR_13, "roc", "zh-hant", "114年3月13日"),
    (MAR_13, "gregorian", "zh-hant", "2025年3月13日"),
    (DueDate.month(2026, 1), "gregorian", "en", "by end of Jan 2026"),
    (DueDate.month(2026, 1), "roc", "en", "by end of Jan ROC 115"),
    (DueDate.month(2026, 1), "roc", "zh-hant", "115年1月底前"),
    (DueDate.month(2026, 1), "gregorian", "zh-hant", "2026年1月底前"),
    (DueDate.quarter(2026, 1), "gregorian", "en", "by end of Q1 2026"),
    (DueDate.quarter(2026, 1), "roc", "en", "by end of Q1 ROC 115"),
    (DueDate.quarter(2026, 1), "roc", "zh-hant", "115年第1季底前"),
    (DueDate.quarter(2026, 1), "gregorian", "zh-hant", "2026年第1季底前"),
    (DueDate.half(2026, 1), "gregorian", "en", "by end of H1 2026"),
    (DueDate.half(2026, 1), "roc", "en", "by end of H1 ROC 115"),
    (DueDate.half(2026, 1), "roc", "zh-hant", "115年上半年底前"),
    (DueDate.half(2026, 1), "gregorian", "zh-hant", "2026年上半年底前"),
    (DueDate.half(2025, 2), "gregorian", "en", "by end of H2 2025"),
    (DueDate.half(2025, 2), "roc", "en", "by end of H2 ROC 114"),
    (DueDate.half(2025, 2), "roc", "zh-hant", "114年下半年底前"),
    (DueDate.half(2025, 2), "gregorian", "zh-hant", "2025年下半年底前"),
    (DueDate.year(2026), "gregorian", "en", "by end of 2026"),
    (DueDate.year(2026), "roc", "en", "by end of ROC 115"),
    (DueDate.year(2026), "roc", "zh-hant", "115年底前"),
    (DueDate.year(2026), "gregorian", "zh-hant", "2026年底前"),
    # A 4-digit ROC year keeps its marker so it cannot read back as Gregorian.
    (DueDate.day(date(2911, 1, 2)), "roc", "zh-hant", "民國1000年1月2日"),
]


@pytest.mark.parametrize(("due", "style", "language", "text"), FORMATTED)
def test_format_due_date(due, style, language, text):
    assert format_due_date(due, style=style, language=language) == text


@pytest.mark.parametrize(("due", "style", "language", "text"), FORMATTED)
def test_every_formatted_due_date_parses_back(due, style, language, text):
    assert parse_due_date(text) == due


@pytest.mark.parametrize(
    ("style", "language", "text"),
    [
        ("gregorian", "en", "13 Mar 2025"),
        ("roc", "zh-hant", "114年3月13日"),
        ("ROC", "zh-Hant", "114年3月13日"),
        ("roc", "zh_TW", "114年3月13日"),
        ("gregorian", "en-gb", "13 Mar 2025"),
    ],
)
def test_format_date_is_the_day_format(style, language, text):
    assert format_date(date(2025, 3, 13), style=style, language=language) == text


def test_format_date_defaults_to_gregorian_english():
    assert format_date(date(2025, 4, 1)) == "1 Apr 2025"


def test_format_due_date_defaults_to_gregorian_english():
    assert format_due_date(DueDate.half(2026, 1)) == "by end of H1 2026"


def test_roc_year_1_is_shown_as_an_roc_year():
    assert format_date(date(1912, 1, 1), style="roc") == "1 Jan ROC 1"
    assert format_date(date(1912, 1, 1), style="roc", language="zh-hant") == "1年1月1日"
    assert format_due_date(DueDate.year(1912), style="roc") == "by end of ROC 1"
    assert parse_due_date("1年1月1日") == DueDate.day(date(1912, 1, 1))
    assert format_date(date(1911, 12, 31), style="roc") == "31 Dec 1911"


def test_roc_style_before_1912_falls_back_to_gregorian():
    # Such dates cannot be parsed in, but a page must still render one built in code.
    assert format_date(date(1900, 1, 1), style="roc", language="zh-hant") == "1900年1月1日"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({"style": "julian"}, "unknown_style"), ({"language": "fr"}, "unknown_language")],
)
def test_format_refuses_unknown_style_or_language(kwargs, code):
    with pytest.raises(DateInputError) as caught:
        format_due_date(MAR_13, **kwargs)
    assert caught.value.code == code


@st.composite
def due_dates(draw):
    precision = draw(st.sampled_from(Precision))
    year = draw(st.integers(1912, 9999))
    if precision is Precision.DAY:
        return DueDate.day(draw(st.dates(date(1912, 1, 1), date(9999, 12, 31))))
    if precision is Precision.MONTH:
        return DueDate.month(year, draw(st.integers(1, 12)))
    if precision is Precision.QUARTER:
        return DueDate.quarter(year, draw(st.integers(1, 4)))
    if precision is Precision.HALF:
        return DueDate.half(year, draw(st.integers(1, 2)))
    return DueDate.year(year)


@hypothesis.settings(max_examples=200, deadline=None)
@given(
    due=due_dates(),
    style=st.sampled_from(["roc", "gregorian"]),
    language=st.sampled_from(["zh-hant", "en"]),
)
def test_format_then_parse_is_identity(due, style, language):
    assert parse_due_date(format_due_date(due, style=style, language=language)) == due


# --- Instants -------------------------------------------------------------------

TAIPEI_EOD = end_of_day(date(2025, 3, 13), "Asia/Taipei")
SEOUL_EOD = end_of_day(date(2025, 3, 13), "Asia/Seoul")
NEW_YORK_EOD = end_of_day(date(2025, 3, 13), "America/New_York")


@pytest.mark.parametrize(
    ("at", "reader", "deadline", "style", "language", "text"),
    [
        (TAIPEI_EOD, "Asia/Taipei", None, "gregorian", "en", "13 Mar 2025 23:59 (Asia/Taipei)"),
        (TAIPEI_EOD, "Asia/Taipei", "Asia/Taipei", "gregorian", "en",
         "13 Mar 2025 23:59 (Asia/Taipei)"),
        (SEOUL_EOD, "Asia/Taipei", "Asia/Seoul", "gregorian", "en",
         "13 Mar 2025 22:59 Taipei (13 Mar 2025 23:59 Seoul time)"),
        (TAIPEI_EOD, "Asia/Taipei", "Asia/Singapore", "gregorian", "en",
         "13 Mar 2025 23:59 Taipei (= Singapore time)"),
        (NEW_YORK_EOD, "Asia/Taipei", "America/New_York", "gregorian", "en",
         "14 Mar 2025 11:59 Taipei (13 Mar 2025 23:59 New York time)"),
        (SEOUL_EOD, "Asia/Taipei", "Asia/Seoul", "roc", "en",
         "13 Mar ROC 114 22:59 Taipei (13 Mar ROC 114 23:59 Seoul time)"),
        (SEOUL_EOD, "Asia/Taipei", "Asia/Seoul", "roc", "zh-hant",
         "114年3月13日 22:59 台北（首爾時間 114年3月13日 23:59）"),
        (TAIPEI_EOD, "Asia/Taipei", "Asia/Singapore", "roc", "zh-hant",
         "114年3月13日 23:59 台北（= 新加坡時間）"),
        (TAIPEI_EOD, "Asia/Taipei", None, "roc", "zh-hant", "114年3月13日 23:59（台北時間）"),
        (NEW_YORK_EOD, "Asia/Tokyo", "America/New_York", "gregorian", "zh-hant",
         "2025年3月14日 12:59 東京（紐約時間 2025年3月13日 23:59）"),
        (TAIPEI_EOD, "Europe/Paris", "Asia/Taipei", "gregorian", "zh-hant",
         "2025年3月13日 16:59 巴黎（台北時間 2025年3月13日 23:59）"),
        (SEOUL_EOD, "America/Argentina/Buenos_Aires", "Asia/Seoul", "gregorian", "en",
         "13 Mar 2025 11:59 Buenos Aires (13 Mar 2025 23:59 Seoul time)"),
    ],
)  # fmt: skip
def test_format_instant(at, reader, deadline, style, language, text):
    shown = format_instant(at, reader_zone=reader, deadline_zone=deadline, style=style, language=language)
    assert shown == text


@pytest.mark.parametrize(
    ("reader", "language", "text"),
    [
        ("Europe/Paris", "zh-hant", "2025年3月13日 16:59（巴黎時間）"),
        ("America/New_York", "zh-hant", "2025年3月13日 11:59（紐約時間）"),
        ("Europe/Paris", "en", "13 Mar 2025 16:59 (Europe/Paris)"),
    ],
)
def test_a_reader_away_from_the_sites_zone_sees_their_own_city(reader, language, text):
    # The site's zone (Taipei) is also the process zone under Django: a wrong city would hide there.
    assert format_instant(TAIPEI_EOD, reader_zone=reader, language=language) == text


def test_format_instant_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="aware"):
        format_instant(datetime(2025, 3, 13, 23, 59), reader_zone="Asia/Taipei")
