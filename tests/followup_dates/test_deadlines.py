"""Tables and properties for followup_dates.deadlines: due dates and their periods, holiday
calendars and working days, shifting a date, and the instant a day ends in a zone."""

from datetime import UTC, date, datetime, timedelta

import holidays
import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_dates.deadlines import (
    DateInputError,
    DueDate,
    Precision,
    Unit,
    add_working_days,
    due_at,
    end_of_day,
    is_known_calendar,
    is_working_day,
    shift_date,
    validate_calendar,
    validate_zone,
)
from tests.followup_dates.conftest import MAR_13

# --- DueDate ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "on", "first_day", "precision"),
    [
        (DueDate.day(date(2025, 3, 13)), date(2025, 3, 13), date(2025, 3, 13), Precision.DAY),
        (DueDate.month(2026, 1), date(2026, 1, 31), date(2026, 1, 1), Precision.MONTH),
        (DueDate.month(2024, 2), date(2024, 2, 29), date(2024, 2, 1), Precision.MONTH),
        (DueDate.month(2025, 2), date(2025, 2, 28), date(2025, 2, 1), Precision.MONTH),
        (DueDate.quarter(2026, 1), date(2026, 3, 31), date(2026, 1, 1), Precision.QUARTER),
        (DueDate.quarter(2025, 2), date(2025, 6, 30), date(2025, 4, 1), Precision.QUARTER),
        (DueDate.quarter(2025, 3), date(2025, 9, 30), date(2025, 7, 1), Precision.QUARTER),
        (DueDate.quarter(2025, 4), date(2025, 12, 31), date(2025, 10, 1), Precision.QUARTER),
        (DueDate.half(2025, 1), date(2025, 6, 30), date(2025, 1, 1), Precision.HALF),
        (DueDate.half(2025, 2), date(2025, 12, 31), date(2025, 7, 1), Precision.HALF),
        (DueDate.year(2026), date(2026, 12, 31), date(2026, 1, 1), Precision.YEAR),
    ],
)
def test_due_date_is_stored_as_the_last_day_of_its_period(due, on, first_day, precision):
    assert (due.on, due.first_day, due.precision) == (on, first_day, precision)


def test_due_date_accepts_the_stored_precision_string():
    due = DueDate(date(2026, 1, 31), "month")
    assert due == DueDate.month(2026, 1)
    assert due.precision is Precision.MONTH


@pytest.mark.parametrize(
    ("on", "precision"),
    [
        (date(2026, 1, 1), Precision.MONTH),
        (date(2026, 3, 30), Precision.QUARTER),
        (date(2026, 1, 31), Precision.QUARTER),
        (date(2026, 12, 30), Precision.YEAR),
    ],
)
def test_due_date_refuses_a_day_that_is_not_the_end_of_its_period(on, precision):
    with pytest.raises(ValueError, match="not the last day"):
        DueDate(on, precision)


def test_due_date_refuses_a_datetime():
    with pytest.raises(TypeError):
        DueDate.day(datetime(2025, 3, 13, 12, tzinfo=UTC))


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: DueDate.month(2025, 13), "invalid_month"),
        (lambda: DueDate.month(2025, 0), "invalid_month"),
        (lambda: DueDate.quarter(2025, 5), "invalid_quarter"),
        (lambda: DueDate.quarter(2025, 0), "invalid_quarter"),
        (lambda: DueDate.year(1911), "year_out_of_range"),
    ],
)
def test_due_date_builders_refuse_impossible_periods(build, code):
    with pytest.raises(DateInputError) as caught:
        build()
    assert caught.value.code == code


def test_due_dates_sort_by_their_last_day():
    dues = [DueDate.year(2025), DueDate.month(2025, 4), MAR_13, DueDate.quarter(2025, 1)]
    assert sorted(dues) == [MAR_13, DueDate.quarter(2025, 1), DueDate.month(2025, 4), dues[0]]


# --- Calendars and working days --------------------------------------------------


@pytest.mark.parametrize(
    ("code", "known"),
    [("TW", True), ("tw", True), ("KR", True), ("SG", True), ("US", True), ("TWN", True),
     ("XX", False), ("", False), ("Taiwan", False)],
)  # fmt: skip
def test_is_known_calendar(code, known):
    assert is_known_calendar(code) is known


def test_validate_calendar_normalises_or_refuses():
    assert validate_calendar(" sg ") == "SG"
    with pytest.raises(DateInputError) as caught:
        validate_calendar("Mordor")
    assert caught.value.code == "unknown_calendar"


@pytest.mark.parametrize(
    ("day", "calendar", "working"),
    [
        (date(2025, 3, 7), "TW", True),  # an ordinary Friday
        (date(2025, 3, 8), "TW", False),  # an ordinary Saturday
        (date(2025, 2, 8), "TW", True),  # make-up workday (補班) for 27 Jan
        (date(2025, 1, 27), "TW", False),  # the day off it pays for
        (date(2025, 2, 28), "TW", False),  # Peace Memorial Day
        (date(2025, 4, 3), "TW", False),  # Children's Day (observed)
        (date(2025, 4, 4), "TW", False),  # Children's Day; Tomb-Sweeping Day
        (date(2025, 3, 3), "KR", False),  # substitute for Independence Movement Day (Sat 1 Mar)
        (date(2025, 3, 31), "SG", False),  # Hari Raya Puasa
        (date(2025, 3, 31), "TW", True),
        (date(2025, 2, 8), "KR", False),  # Taiwan's make-up Saturday is nobody else's
    ],
)
def test_is_working_day(day, calendar, working):
    assert is_working_day(day, calendar) is working


@pytest.mark.parametrize(
    ("start", "n", "calendar", "expected"),
    [
        # "20 working days after the meeting" (TELWG 70 ended Fri 7 Mar 2025)
        (date(2025, 3, 7), 20, "KR", date(2025, 4, 4)),
        (date(2025, 3, 7), 20, "SG", date(2025, 4, 7)),  # Hari Raya Puasa, 31 Mar
        (date(2025, 3, 7), 20, "TW", date(2025, 4, 8)),  # Children's Day / Tomb-Sweeping, 3-4 Apr
        (date(2025, 2, 7), 1, "TW", date(2025, 2, 8)),  # the make-up Saturday counts
        (date(2025, 2, 7), 1, "KR", date(2025, 2, 10)),
        (date(2025, 3, 7), 1, "TW", date(2025, 3, 10)),
        (date(2025, 2, 27), 1, "TW", date(2025, 3, 3)),  # over Peace Memorial Day and a weekend
        (date(2024, 12, 31), 1, "TW", date(2025, 1, 2)),  # over New Year, across the year's edge
        # backward: "N working days before"
        (date(2025, 4, 8), -20, "TW", date(2025, 3, 7)),
        (date(2025, 3, 10), -1, "TW", date(2025, 3, 7)),
        (date(2025, 2, 10), -1, "TW", date(2025, 2, 8)),
        (date(2025, 4, 7), -1, "SG", date(2025, 4, 4)),
        # zero: the day itself if it works, else the next working day
        (date(2025, 3, 7), 0, "TW", date(2025, 3, 7)),
        (date(2025, 3, 8), 0, "TW", date(2025, 3, 10)),
        (date(2025, 2, 8), 0, "TW", date(2025, 2, 8)),
        (date(2025, 3, 31), 0, "SG", date(2025, 4, 1)),
    ],
)
def test_add_working_days(start, n, calendar, expected):
    assert add_working_days(start, n, calendar) == expected


@pytest.mark.parametrize(
    ("anchor", "amount", "unit", "calendar", "expected"),
    [
        (date(2025, 3, 4), 2, Unit.WEEKS, None, date(2025, 3, 18)),  # "2 weeks after 4 Mar"
        (date(2025, 3, 4), -1, Unit.WEEKS, None, date(2025, 2, 25)),
        (date(2025, 3, 7), 20, Unit.WORKING_DAYS, "TW", date(2025, 4, 8)),
        (date(2025, 3, 7), 20, "working_days", "kr", date(2025, 4, 4)),
        (date(2025, 3, 13), -3, Unit.DAYS, None, date(2025, 3, 10)),
        (date(2025, 2, 27), 2, Unit.DAYS, "TW", date(2025, 3, 1)),  # plain days ignore holidays
        (date(2024, 2, 28), 1, "days", None, date(2024, 2, 29)),
        # "a month after": the same day number, clipped to the month's end
        (date(2025, 3, 13), 1, Unit.MONTHS, None, date(2025, 4, 13)),
        (date(2025, 1, 31), 1, Unit.MONTHS, None, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, "months", None, date(2024, 2, 29)),
        (date(2025, 3, 31), -1, Unit.MONTHS, None, date(2025, 2, 28)),
        (date(2025, 5, 31), 1, Unit.MONTHS, "TW", date(2025, 6, 30)),  # months ignore holidays
        (date(2025, 12, 13), 1, Unit.MONTHS, None, date(2026, 1, 13)),
        (date(2025, 1, 13), -1, Unit.MONTHS, None, date(2024, 12, 13)),
        (date(2025, 11, 30), 3, Unit.MONTHS, None, date(2026, 2, 28)),
        (date(2025, 3, 13), -15, Unit.MONTHS, None, date(2023, 12, 13)),
        (date(2025, 3, 13), 24, Unit.MONTHS, None, date(2027, 3, 13)),
        (date(2025, 3, 13), 0, Unit.MONTHS, None, date(2025, 3, 13)),
        (date(9999, 11, 30), 1, Unit.MONTHS, None, date(9999, 12, 30)),
    ],
)
def test_shift_date(anchor, amount, unit, calendar, expected):
    assert shift_date(anchor, amount, unit, calendar=calendar) == expected


def test_shift_by_working_days_needs_a_calendar():
    with pytest.raises(DateInputError) as caught:
        shift_date(date(2025, 3, 7), 20, Unit.WORKING_DAYS)
    assert caught.value.code == "calendar_required"


@pytest.mark.parametrize("func", [is_working_day, lambda d, cal: add_working_days(d, 1, cal)])
def test_working_day_functions_refuse_unknown_calendars(func):
    with pytest.raises(DateInputError) as caught:
        func(date(2025, 3, 7), "XX")
    assert caught.value.code == "unknown_calendar"


CALENDARS = st.sampled_from(["TW", "KR", "SG"])
DAYS_2020S = st.dates(date(2020, 1, 1), date(2030, 12, 31))


@hypothesis.settings(max_examples=200, deadline=None)
@given(start=DAYS_2020S, n=st.integers(1, 60), calendar=CALENDARS)
def test_adding_working_days_lands_on_a_working_day_and_grows_with_n(start, n, calendar):
    landed = add_working_days(start, n, calendar)
    assert is_working_day(landed, calendar)
    assert landed > start
    assert add_working_days(start, n + 1, calendar) > landed
    # Cross-check against holidays' own count over (start, landed].
    reference = holidays.country_holidays(calendar)
    assert reference.get_working_days_count(start + timedelta(days=1), landed) == n


@hypothesis.settings(max_examples=200, deadline=None)
@given(start=DAYS_2020S, n=st.integers(1, 60), calendar=CALENDARS)
def test_working_days_back_and_forth_returns_to_a_working_start(start, n, calendar):
    start = add_working_days(start, 0, calendar)
    assert add_working_days(add_working_days(start, n, calendar), -n, calendar) == start


# --- Time zones ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "utc"),
    [
        ("Asia/Taipei", datetime(2025, 3, 13, 15, 59, 59, tzinfo=UTC)),
        ("Asia/Singapore", datetime(2025, 3, 13, 15, 59, 59, tzinfo=UTC)),
        ("Asia/Seoul", datetime(2025, 3, 13, 14, 59, 59, tzinfo=UTC)),
        ("UTC", datetime(2025, 3, 13, 23, 59, 59, tzinfo=UTC)),
    ],
)
def test_end_of_day_is_23_59_59_in_the_deadline_zone(zone, utc):
    at = end_of_day(date(2025, 3, 13), zone)
    assert at == utc
    assert at.tzinfo is UTC


def test_singapore_and_taipei_end_the_day_together_seoul_an_hour_earlier():
    taipei = end_of_day(date(2025, 3, 13), "Asia/Taipei")
    assert end_of_day(date(2025, 3, 13), "Asia/Singapore") == taipei
    assert taipei - end_of_day(date(2025, 3, 13), "Asia/Seoul") == timedelta(hours=1)


@pytest.mark.parametrize(
    ("day", "offset_hours"),
    [(date(2025, 3, 8), -5), (date(2025, 3, 10), -4)],  # DST starts Sun 9 Mar 2025
)
def test_new_york_end_of_day_follows_dst(day, offset_hours):
    local = end_of_day(day, "America/New_York").astimezone(validate_zone("America/New_York"))
    assert local.utcoffset() == timedelta(hours=offset_hours)
    assert (local.date(), local.hour, local.minute, local.second) == (day, 23, 59, 59)


@pytest.mark.parametrize(
    ("amount", "unit", "local_day", "utc_gap"),
    [
        (2, Unit.DAYS, date(2025, 3, 10), timedelta(hours=47)),
        (1, Unit.WEEKS, date(2025, 3, 15), timedelta(days=7) - timedelta(hours=1)),
    ],
)
def test_shifting_across_dst_keeps_the_local_date(amount, unit, local_day, utc_gap):
    zone = "America/New_York"
    before = DueDate.day(date(2025, 3, 8))
    after = DueDate.day(shift_date(before.on, amount, unit))
    local = due_at(after, zone).astimezone(validate_zone(zone))
    assert (local.date(), local.hour, local.minute) == (local_day, 23, 59)
    # The instants are an hour closer than whole days: the clocks sprang forward.
    assert due_at(after, zone) - due_at(before, zone) == utc_gap


def test_due_at_is_end_of_day_of_the_last_day():
    assert due_at(DueDate.month(2025, 4), "Asia/Taipei") == datetime(2025, 4, 30, 15, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize("name", ["Mars/Olympus", "America", "asia/taipei", "", "../etc/passwd"])
def test_validate_zone_refuses_unknown_names(name):
    with pytest.raises(DateInputError) as caught:
        validate_zone(name)
    assert caught.value.code == "unknown_zone"
    with pytest.raises(DateInputError):
        end_of_day(date(2025, 3, 13), name)


def test_validate_zone_returns_the_zone():
    assert validate_zone("Asia/Taipei").key == "Asia/Taipei"
