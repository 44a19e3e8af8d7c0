"""Due dates and their arithmetic: precision, the ranges a date may take, working days,
month and week shifts, time zones and the instant a deadline ends.

Nothing here reads settings, the database or the clock: every "today" or "meeting
date" is a parameter. How dates are typed and shown (ROC years, parsing, formatting)
is followup_dates.date_text; followup_dates.dates gathers both for callers.
"""

from __future__ import annotations

import calendar as _calendar
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, available_timezones

import holidays

from followup_dates.i18n import MONTHS, LazyText, format_lazy
from followup_dates.i18n import gettext_lazy as _

StrOrPromise = str | LazyText

ROC_EPOCH = 1911  # ROC year 1 is 1912
FIRST_YEAR = ROC_EPOCH + 1
LAST_YEAR = 9999  # datetime.date's limit


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  # 上半年 / 下半年, H1 / H2
    YEAR = "year"


class Unit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"  # calendar months: the same day number, clipped to the month's end
    WORKING_DAYS = "working_days"


class DateInputError(ValueError):
    """A date, calendar or zone a person typed or chose cannot be used; `message` says why."""

    # `code` has a default so the exception survives pickling (Celery results, multiprocessing).
    def __init__(self, message: StrOrPromise, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


def _require_date(value: object) -> date:
    # datetime is a subclass of date; letting one through would silently drop its
    # time and zone, which is exactly the bug this module exists to prevent.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
    return value


def _days_in_month(year: int, month: int) -> int:
    return _calendar.monthrange(year, month)[1]


def _period_end(d: date, precision: Precision) -> date:
    if precision is Precision.DAY:
        return d
    if precision is Precision.MONTH:
        return d.replace(day=_days_in_month(d.year, d.month))
    if precision is Precision.QUARTER:
        last_month = 3 * ((d.month - 1) // 3) + 3
        return date(d.year, last_month, _days_in_month(d.year, last_month))
    if precision is Precision.HALF:
        return date(d.year, 6, 30) if d.month <= 6 else date(d.year, 12, 31)
    return date(d.year, 12, 31)


# The range checks every way of making a date shares: DueDate's constructors and the parser.


def check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise DateInputError(
            format_lazy(_("There is no month {month}; months run from 1 to 12."), month=month),
            code="invalid_month",
        )


def check_day(year: int, month: int, day: int) -> None:
    if day < 1:
        raise DateInputError(
            format_lazy(_("There is no day {day}; days start at 1."), day=day),
            code="invalid_day",
        )
    days = _days_in_month(year, month)
    if day > days:
        raise DateInputError(
            format_lazy(
                _("{month_name} {year} (ROC {roc_year}) has only {days} days."),
                month_name=MONTHS[month],
                year=year,
                roc_year=year - ROC_EPOCH,
                days=days,
            ),
            code="invalid_day",
        )


def check_year(year: int) -> None:
    # Before 1912 there is no ROC year to show, and a deadline that old is a typo.
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateInputError(
            format_lazy(
                _("The year {year} is outside the range this tracker handles (1912 to 9999)."),
                year=year,
            ),
            code="year_out_of_range",
        )


@dataclass(frozen=True, order=True)
class DueDate:
    """A due date with its precision; `on` is always the last day of the period."""

    on: date
    precision: Precision = Precision.DAY

    def __post_init__(self) -> None:
        _require_date(self.on)
        # Accept the plain string a CharField hands back.
        object.__setattr__(self, "precision", Precision(self.precision))
        if self.on != _period_end(self.on, self.precision):
            raise ValueError(
                f"{self.on.isoformat()} is not the last day of its {self.precision}; "
                f"use DueDate.{self.precision}(...) to build one"
            )

    @property
    def first_day(self) -> date:
        if self.precision is Precision.DAY:
            return self.on
        if self.precision is Precision.MONTH:
            return self.on.replace(day=1)
        if self.precision is Precision.QUARTER:
            return date(self.on.year, self.on.month - 2, 1)
        if self.precision is Precision.HALF:
            return date(self.on.year, self.on.month - 5, 1)
        return date(self.on.year, 1, 1)

    @classmethod
    def day(cls, d: date) -> DueDate:
        return cls(_require_date(d), Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DueDate:
        check_year(year)
        check_month(month)
        return cls(date(year, month, _days_in_month(year, month)), Precision.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> DueDate:
        check_year(year)
        if not 1 <= quarter <= 4:
            raise DateInputError(
                format_lazy(
                    _("There is no quarter {quarter}; quarters run from 1 to 4."),
                    quarter=quarter,
                ),
                code="invalid_quarter",
            )
        last_month = 3 * quarter
        return cls(date(year, last_month, _days_in_month(year, last_month)), Precision.QUARTER)

    @classmethod
    def half(cls, year: int, half: int) -> DueDate:
        check_year(year)
        if half not in (1, 2):
            raise DateInputError(
                format_lazy(_("There is no half-year {half}; a year has two halves."), half=half),
                code="invalid_half",
            )
        return cls(date(year, 6, 30) if half == 1 else date(year, 12, 31), Precision.HALF)

    @classmethod
    def year(cls, year: int) -> DueDate:
        check_year(year)
        return cls(date(year, 12, 31), Precision.YEAR)


# --- Working days ----------------------------------------------------------------


@functools.cache
def _supported_calendars() -> frozenset[str]:
    """Country codes, and country-subdivision codes as ISO 3166-2 writes them (GB-ENG, CH-GE)."""
    codes: set[str] = set()
    for country, subdivisions in holidays.list_supported_countries().items():
        codes.add(country.upper())
        codes.update(f"{country}-{subdivision}".upper() for subdivision in subdivisions)
    return frozenset(codes)


def is_known_calendar(code: str) -> bool:
    return code.strip().upper() in _supported_calendars()


def validate_calendar(code: str) -> str:
    normalised = code.strip().upper().replace("_", "-")
    if normalised not in _supported_calendars():
        raise DateInputError(
            format_lazy(
                _(
                    "Unknown holiday calendar “{code}”; use a country code such as TW, KR or SG, "
                    "or a country and subdivision such as GB-ENG or CH-GE."
                ),
                code=code,
            ),
            code="unknown_calendar",
        )
    return normalised


@functools.lru_cache(maxsize=256)
def _holidays_for(calendar: str, year: int) -> holidays.HolidayBase:
    # expand=False: an object asked about another year would quietly answer "no holidays".
    country, _sep, subdivision = calendar.partition("-")
    return holidays.country_holidays(country, subdiv=subdivision or None, years=year, expand=False)


def is_working_day(d: date, calendar: str) -> bool:
    _require_date(d)
    # is_working_day, not "weekday and not a holiday": it knows Taiwan's make-up Saturdays (補班).
    return _holidays_for(validate_calendar(calendar), d.year).is_working_day(d)


def add_working_days(start: date, n: int, calendar: str) -> date:
    """Move `n` working days from `start`; n == 0 rolls a day off on to the next working day."""
    _require_date(start)
    calendar = validate_calendar(calendar)

    def works(d: date) -> bool:
        return _holidays_for(calendar, d.year).is_working_day(d)

    step = timedelta(days=1 if n >= 0 else -1)
    day = start
    if n == 0:
        while not works(day):
            day += step
        return day
    remaining = abs(n)
    while remaining:
        day += step
        if works(day):
            remaining -= 1
    return day


def shift_date(anchor: date, amount: int, unit: Unit | str, *, calendar: str | None = None) -> date:
    """Move a date by an amount of a unit; a negative amount means "before"."""
    _require_date(anchor)
    unit = Unit(unit)
    if unit is Unit.WORKING_DAYS:
        if calendar is None:
            raise DateInputError(
                _("Counting working days needs a holiday calendar, for example TW, KR or SG."),
                code="calendar_required",
            )
        return add_working_days(anchor, amount, calendar)
    if unit is Unit.MONTHS:
        return add_months(anchor, amount)
    # Plain date arithmetic: a DST change in between cannot move the local date.
    return anchor + timedelta(days=amount * (7 if unit is Unit.WEEKS else 1))


def add_months(start: date, n: int) -> date:
    """The same day number `n` calendar months later (or earlier), clipped to the month's end."""
    _require_date(start)
    index = start.year * 12 + (start.month - 1) + n
    year, month = divmod(index, 12)
    check_year(year)
    return date(year, month + 1, min(start.day, _days_in_month(year, month + 1)))


# --- Time zones ------------------------------------------------------------------

_END_OF_DAY = time(23, 59, 59)


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_zone(name: str) -> ZoneInfo:
    # The membership test also keeps out directory names and paths ZoneInfo might open.
    if name not in _zone_names():
        raise DateInputError(
            format_lazy(
                _("“{name}” is not a time zone we know; use a name such as Asia/Taipei."),
                name=name,
            ),
            code="unknown_zone",
        )
    return ZoneInfo(name)


def end_of_day(d: date, zone: str) -> datetime:
    """23:59:59 on `d` in `zone` (the deadline setter's zone), as an aware UTC datetime."""
    local = datetime.combine(_require_date(d), _END_OF_DAY, tzinfo=validate_zone(zone))
    try:
        return local.astimezone(UTC)
    except OverflowError:
        # 31 Dec 9999 ends after the last instant Python can hold in zones west of UTC.
        raise DateInputError(
            _("This day ends after the last moment that can be stored; choose an earlier date."),
            code="out_of_range",
        ) from None


def due_at(due: DueDate, zone: str) -> datetime:
    return end_of_day(due.on, zone)
