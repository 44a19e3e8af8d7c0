"""Every refusal of the date module says exactly what was wrong, with the value the person typed,
under a code the forms and the API pass on (English wording; zh-Hant comes from the catalogue)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from followup_dates import dates
from tests.followup_dates.conftest import NoOffset

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("call", "message", "code"),
    [
        (lambda: dates.roc_to_gregorian(0), "ROC years start at 1 (1912); 0 is not one.", "invalid_roc_year"),
        (
            lambda: dates.roc_to_gregorian(-3),
            "ROC years start at 1 (1912); -3 is not one.",
            "invalid_roc_year",
        ),
        (lambda: dates.gregorian_to_roc(1911), "1911 is before 1912, the first ROC year.", "before_roc"),
        (
            lambda: dates.DueDate.month(2025, 13),
            "There is no month 13; months run from 1 to 12.",
            "invalid_month",
        ),
        (
            lambda: dates.DueDate.month(2025, 0),
            "There is no month 0; months run from 1 to 12.",
            "invalid_month",
        ),
        (
            lambda: dates.DueDate.quarter(2025, 5),
            "There is no quarter 5; quarters run from 1 to 4.",
            "invalid_quarter",
        ),
        (
            lambda: dates.DueDate.quarter(2025, 0),
            "There is no quarter 0; quarters run from 1 to 4.",
            "invalid_quarter",
        ),
        (
            lambda: dates.DueDate.half(2025, 3),
            "There is no half-year 3; a year has two halves.",
            "invalid_half",
        ),
        (
            lambda: dates.DueDate.year(1911),
            "The year 1911 is outside the range this tracker handles (1912 to 9999).",
            "year_out_of_range",
        ),
        (
            lambda: dates.DueDate.year(10000),
            "The year 10000 is outside the range this tracker handles (1912 to 9999).",
            "year_out_of_range",
        ),
        (
            lambda: dates.format_date(date(2025, 3, 13), style="julian"),
            "Unknown date style “julian”; use roc or gregorian.",
            "unknown_style",
        ),
        (
            lambda: dates.format_date(date(2025, 3, 13), language="fr"),
            "Unknown language “fr”; use zh-hant or en.",
            "unknown_language",
        ),
        (
            lambda: dates.validate_calendar("XX-YY"),
            "Unknown holiday calendar “XX-YY”; use a country code such as TW, KR or SG, or a country and "
            "subdivision such as GB-ENG or CH-GE.",
            "unknown_calendar",
        ),
        (
            lambda: dates.validate_zone("Mars/Olympus"),
            "“Mars/Olympus” is not a time zone we know; use a name such as Asia/Taipei.",
            "unknown_zone",
        ),
        (
            lambda: dates.shift_date(date(2025, 3, 7), 20, dates.Unit.WORKING_DAYS),
            "Counting working days needs a holiday calendar, for example TW, KR or SG.",
            "calendar_required",
        ),
        (
            lambda: dates.shift_date(date(9999, 12, 1), 1, dates.Unit.MONTHS),
            "The year 10000 is outside the range this tracker handles (1912 to 9999).",
            "year_out_of_range",
        ),
        (
            lambda: dates.add_months(date(1912, 1, 31), -1),
            "The year 1911 is outside the range this tracker handles (1912 to 9999).",
            "year_out_of_range",
        ),
        (
            lambda: dates.end_of_day(date(9999, 12, 31), "America/Los_Angeles"),
            "This day ends after the last moment that can be stored; choose an earlier date.",
            "out_of_range",
        ),
    ],
)
def test_a_refusal_names_the_value_and_its_code(call, message, code) -> None:
    with pytest.raises(dates.DateInputError) as refused:
        call()
    assert str(refused.value) == message
    assert refused.value.code == code


def test_the_roc_year_1_boundary_both_ways() -> None:
    assert dates.roc_to_gregorian(1) == 1912
    assert dates.gregorian_to_roc(1912) == 1
    assert dates.DueDate.year(1912).on == date(1912, 12, 31)
    assert dates.DueDate.month(9999, 12).on == date(9999, 12, 31)


def test_the_quarters_and_halves_end_where_they_should() -> None:
    assert [dates.DueDate.quarter(2025, q).on for q in (1, 2, 3, 4)] == [
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]
    assert [dates.DueDate.half(2024, h).on for h in (1, 2)] == [date(2024, 6, 30), date(2024, 12, 31)]


def test_a_datetime_is_refused_where_a_date_is_meant() -> None:
    with pytest.raises(TypeError, match=r"expected a datetime\.date, got datetime"):
        dates.DueDate.day(datetime(2025, 3, 13, 9, 0))


@pytest.mark.parametrize(
    ("text", "message", "code"),
    [
        (
            "3月13日",
            "“3月13日” has no year. Add one, for example 114年3月13日 or 13 Mar 2025.",
            "year_missing",
        ),
        (
            "13 Mar 114",
            "“13 Mar 114”: is 114 an ROC year? Write ROC 114 or 114年 for ROC year 114 (2025), or give the "
            "4-digit year.",
            "ambiguous_year",
        ),
        # 西元 says the year is Gregorian: a three-digit one is out of range, never read as ROC
        (
            "西元114年3月13日",
            "The year 114 is outside the range this tracker handles (1912 to 9999).",
            "year_out_of_range",
        ),
        ("", "Enter a date, for example 2025-03-13 or 114年3月13日.", "empty"),
        ("2025-03-00", "There is no day 0; days start at 1.", "invalid_day"),
        ("114年2月30日", "February 2025 (ROC 114) has only 28 days.", "invalid_day"),
        ("113/2/30", "February 2024 (ROC 113) has only 29 days.", "invalid_day"),
        (
            "next  Tuesday",
            "“next Tuesday” is not a date this tracker can read. Try one of: 2025-03-13, 114/3/13, "
            "114年3月13日, 115年1月, 115年第1季, 13 Mar 2025.",
            "unrecognised",
        ),
        (
            "13/03/2025",
            "“13/03/2025” puts the year last, so day and month could be either way round. "
            "Write 2025-03-13 or 13 Mar 2025.",
            "ambiguous_order",
        ),
    ],
)
def test_a_typed_date_that_cannot_be_read_says_why(text, message, code) -> None:
    with pytest.raises(dates.DateInputError) as refused:
        dates.parse_due_date(text)
    assert str(refused.value) == message
    assert refused.value.code == code


def test_a_refusal_without_its_own_code_is_reported_as_invalid() -> None:
    # The API and the forms pass `code` on; a caller that gives none still sends one.
    assert dates.DateInputError("That date cannot be used.").code == "invalid"


def test_the_message_travels_with_the_exception() -> None:
    # Celery's JSON results, repr() and the logs read an exception's args, not its __str__.
    refused = dates.DateInputError("There is no month 13.", code="invalid_month")
    assert refused.args == ("There is no month 13.",)
    assert repr(refused) == "DateInputError('There is no month 13.')"


def test_an_instant_without_an_offset_is_refused() -> None:
    for at in (datetime(2025, 3, 13, 23, 59), datetime(2025, 3, 13, 23, 59, tzinfo=NoOffset())):
        with pytest.raises(ValueError, match=r"^format_instant needs an aware datetime$"):
            dates.format_instant(at, reader_zone="Asia/Taipei")


def test_styles_languages_and_calendars_are_read_loosely() -> None:
    assert dates.format_date(date(2025, 3, 13), style="ROC", language="zh_Hant") == dates.format_date(
        date(2025, 3, 13), style="roc", language="zh-hant"
    )
    assert dates.format_date(date(2025, 3, 13), language="en-GB") == dates.format_date(date(2025, 3, 13))
    assert dates.validate_calendar(" gb_eng ") == "GB-ENG"


def test_a_zone_without_a_slash_is_shown_by_its_own_name() -> None:
    from datetime import UTC

    at = datetime(2025, 3, 13, 15, 59, 59, tzinfo=UTC)
    assert dates.format_instant(at, reader_zone="UTC") == "13 Mar 2025 15:59 (UTC)"
    assert (
        dates.format_instant(at, reader_zone="UTC", deadline_zone="Asia/Taipei")
        == "13 Mar 2025 15:59 UTC (13 Mar 2025 23:59 Taipei time)"
    )
    assert (
        dates.format_instant(
            at, reader_zone="Asia/Taipei", deadline_zone="UTC", language="zh-hant", style="roc"
        )
        == "114年3月13日 23:59 台北（UTC時間 114年3月13日 15:59）"
    )
