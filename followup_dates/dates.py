"""Pure date logic for deadlines: ROC years, due-date precision, working days and time zones.

Nothing here reads settings, the database or the clock: every "today" or "meeting
date" is a parameter, so the whole module is testable with plain values.
"""

from __future__ import annotations

import calendar as _calendar
import functools
import re
import unicodedata
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

# Examples in "unrecognised" messages: one of each family users actually type.
_ACCEPTED_EXAMPLES = "2025-03-13, 114/3/13, 114年3月13日, 115年1月, 115年第1季, 13 Mar 2025"


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


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise DateInputError(
            format_lazy(_("There is no month {month}; months run from 1 to 12."), month=month),
            code="invalid_month",
        )


def _check_day(year: int, month: int, day: int) -> None:
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


def _check_year(year: int) -> None:
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
        _check_year(year)
        _check_month(month)
        return cls(date(year, month, _days_in_month(year, month)), Precision.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> DueDate:
        _check_year(year)
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
        _check_year(year)
        if half not in (1, 2):
            raise DateInputError(
                format_lazy(_("There is no half-year {half}; a year has two halves."), half=half),
                code="invalid_half",
            )
        return cls(date(year, 6, 30) if half == 1 else date(year, 12, 31), Precision.HALF)

    @classmethod
    def year(cls, year: int) -> DueDate:
        _check_year(year)
        return cls(date(year, 12, 31), Precision.YEAR)


# --- ROC years -------------------------------------------------------------------


def roc_to_gregorian(roc_year: int) -> int:
    if roc_year < 1:
        raise DateInputError(
            format_lazy(_("ROC years start at 1 (1912); {roc_year} is not one."), roc_year=roc_year),
            code="invalid_roc_year",
        )
    return roc_year + ROC_EPOCH


def gregorian_to_roc(year: int) -> int:
    if year < FIRST_YEAR:
        raise DateInputError(
            format_lazy(_("{year} is before 1912, the first ROC year."), year=year),
            code="before_roc",
        )
    return year - ROC_EPOCH


# --- Parsing ---------------------------------------------------------------------

# NFKC already folds full-width digits, letters and ／．－，; these dashes survive it.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"), "-")

_EN_MON = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = {name.casefold(): number for number, name in enumerate(_EN_MON) if name}
_CHINESE_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
# English years need "ROC" to be read as ROC years; the CJK and numeric forms don't.
_EN_YEAR = r"(?P<roc>roc\s*|民國\s*|中華民國\s*)?(?P<year>\d{1,4})"
_MARK = r"(?:(?P<roc>中華民國|民國|roc)|(?P<ad>西元|公元))?"
_END = r"(?:[底末](?:之?前)?)?"

_END_OF = re.compile(r"(?:the )?end of ")
# Day and month order is a coin toss when the year comes last (13/03/2025 vs 03/13/2025).
_YEAR_LAST = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{4}")


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    precision: Precision
    compact: bool  # matched against the text with every space removed
    bare_roc: bool  # a year of 1-3 digits without a marker is an ROC year


def _cjk(regex: str, precision: Precision) -> _Form:
    return _Form(re.compile(regex), precision, compact=True, bare_roc=True)


def _en(regex: str, precision: Precision) -> _Form:
    return _Form(re.compile(regex), precision, compact=False, bare_roc=False)


_DAY, _MONTH, _QUARTER, _HALF, _YEAR = (
    Precision.DAY,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.HALF,
    Precision.YEAR,
)
_ROC_SEVEN_DIGITS = re.compile(r"(?P<year>\d{3})(?P<month>\d{2})(?P<day>\d{2})")
_CJK_YEAR = rf"{_MARK}(?P<year>\d{{1,4}})"
# Order matters where forms overlap: "3/13" is month/day, "115/1" is year/month.
_FORMS: tuple[_Form, ...] = (
    # CJK, where spaces mean nothing: 114 年 3 月 13 日, 2025年4月底, 115年第1季
    _cjk(rf"{_CJK_YEAR}年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})[日號]?", _DAY),
    _cjk(rf"{_CJK_YEAR}年(?P<month>\d{{1,2}})月{_END}", _MONTH),
    _cjk(rf"{_CJK_YEAR}年第?(?P<quarter>[1-4一二三四])季{_END}", _QUARTER),
    _cjk(rf"{_CJK_YEAR}年q(?P<quarter>[1-4]){_END}", _QUARTER),
    _cjk(rf"{_CJK_YEAR}年(?P<half>[上下])半年{_END}", _HALF),
    _cjk(rf"{_CJK_YEAR}年{_END}", _YEAR),
    _cjk(r"(?P<month>\d{1,2})月(?P<day>\d{1,2})[日號]?", _DAY),
    _cjk(rf"(?P<month>\d{{1,2}})月{_END}", _MONTH),
    # Numeric with separators: 2025-03-13, 114/3/13, 3/13, 115/1, 2026-01
    _cjk(rf"{_CJK_YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})", _DAY),
    _cjk(r"(?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", _DAY),
    _cjk(rf"{_CJK_YEAR}[-/.](?P<month>\d{{1,2}})", _MONTH),
    # Unseparated, and only when typed without spaces: 20250313 (ISO basic) and 1140313,
    # the 7-digit ROC form of Taiwanese government systems.
    _en(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})", _DAY),
    _Form(_ROC_SEVEN_DIGITS, _DAY, compact=False, bare_roc=True),
    # English and quarter codes: 13 March 2025, March 13, 2025, April 2025, Q1 2026, 2026
    _en(rf"(?P<day>\d{{1,2}}){_ORD}\s*(?:of\s+)?{_MON}\s*,?\s*{_EN_YEAR}", _DAY),
    _en(rf"{_MON}\s*(?P<day>\d{{1,2}}){_ORD}(?:\s*,\s*|\s+){_EN_YEAR}", _DAY),
    _en(rf"(?P<day>\d{{1,2}}){_ORD}\s*(?:of\s+)?{_MON}", _DAY),
    _en(rf"{_MON}\s*(?P<day>\d{{1,2}}){_ORD}", _DAY),
    _en(rf"{_MON}\s*,?\s*{_EN_YEAR}", _MONTH),
    _en(_MON, _MONTH),
    _en(rf"q(?P<quarter>[1-4])\s*[-/,]?\s*{_EN_YEAR}", _QUARTER),
    _en(rf"{_EN_YEAR}\s*[-/]?\s*q(?P<quarter>[1-4])", _QUARTER),
    _en(rf"h(?P<half>[12])\s*[-/,]?\s*{_EN_YEAR}", _HALF),
    _en(rf"{_EN_YEAR}\s*[-/]?\s*h(?P<half>[12])", _HALF),
    _en(_EN_YEAR, _YEAR),
)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    return " ".join(text.split())


def _unrecognised(text: str) -> DateInputError:
    return DateInputError(
        format_lazy(
            _("“{text}” is not a date this tracker can read. Try one of: {examples}."),
            text=text,
            examples=_ACCEPTED_EXAMPLES,
        ),
        code="unrecognised",
    )


def _resolve_year(groups: dict[str, str | None], form: _Form, reference: date | None, text: str) -> int:
    digits = groups.get("year")
    if digits is None:
        if reference is None:
            raise DateInputError(
                format_lazy(
                    _("“{text}” has no year. Add one, for example 114年3月13日 or 13 Mar 2025."),
                    text=text,
                ),
                code="year_missing",
            )
        return reference.year
    number = int(digits)
    if groups.get("roc"):
        year = roc_to_gregorian(number)
    elif groups.get("ad") or len(digits) == 4:
        year = number
    elif form.bare_roc:
        year = roc_to_gregorian(number)
    else:
        raise DateInputError(
            format_lazy(
                _(
                    "“{text}”: is {number} an ROC year? Write ROC {number} or {number}年 "
                    "for ROC year {number} ({gregorian}), or give the 4-digit year."
                ),
                text=text,
                number=number,
                gregorian=number + ROC_EPOCH,
            ),
            code="ambiguous_year",
        )
    _check_year(year)
    return year


def _build(match: re.Match[str], form: _Form, reference: date | None, text: str) -> DueDate:
    groups = match.groupdict()
    if mon := groups.get("mon"):
        month: int | None = _MONTH_NUMBERS[mon[:3]]
    elif digits := groups.get("month"):
        month = int(digits)
    else:
        month = None
    # Check the month before asking for a year: "13/5" is wrong whatever the year.
    if month is not None:
        _check_month(month)
    year = _resolve_year(groups, form, reference, text)
    if form.precision is Precision.QUARTER:
        quarter = groups["quarter"]
        return DueDate.quarter(year, _CHINESE_QUARTERS.get(quarter) or int(quarter))
    if form.precision is Precision.HALF:
        half = groups["half"]
        return DueDate.half(year, {"上": 1, "下": 2}.get(half) or int(half))
    if month is None:  # only year forms capture neither a month nor a quarter
        return DueDate.year(year)
    if form.precision is Precision.MONTH:
        return DueDate.month(year, month)
    day = int(groups["day"])
    _check_day(year, month, day)
    return DueDate.day(date(year, month, day))


def parse_due_date(text: str, *, reference: date | None = None) -> DueDate:
    """Read a due date as people write it; `reference` (the meeting date) gives a missing year."""
    shown = " ".join(text.split())
    spaced = _normalise(text)
    if not spaced:
        raise DateInputError(_("Enter a date, for example 2025-03-13 or 114年3月13日."), code="empty")
    spaced = spaced.removeprefix("by ")
    end_of = _END_OF.match(spaced)
    if end_of:
        spaced = spaced[end_of.end() :]
    compact = spaced.replace(" ", "")
    if _YEAR_LAST.fullmatch(compact):
        raise DateInputError(
            format_lazy(
                _(
                    "“{text}” puts the year last, so day and month could be either way round. "
                    "Write 2025-03-13 or 13 Mar 2025."
                ),
                text=shown,
            ),
            code="ambiguous_order",
        )
    for form in _FORMS:
        match = form.pattern.fullmatch(compact if form.compact else spaced)
        if match is None:
            continue
        if end_of and form.precision is Precision.DAY:
            break  # "end of 13 March" is not a period
        return _build(match, form, reference, shown)
    raise _unrecognised(shown)


# --- Formatting ------------------------------------------------------------------

_ZH_HANT_LANGUAGES = frozenset({"zh-hant", "zh-tw", "zh-hant-tw", "zh-hk", "zh-hant-hk"})


def _style(style: str) -> str:
    key = style.casefold()
    if key not in {"roc", "gregorian"}:
        raise DateInputError(
            format_lazy(_("Unknown date style “{style}”; use roc or gregorian."), style=style),
            code="unknown_style",
        )
    return key


def _language(language: str) -> str:
    key = language.casefold().replace("_", "-")
    if key in _ZH_HANT_LANGUAGES:
        return "zh-hant"
    if key == "en" or key.startswith("en-"):
        return "en"
    raise DateInputError(
        format_lazy(_("Unknown language “{language}”; use zh-hant or en."), language=language),
        code="unknown_language",
    )


def _en_year(year: int, style: str) -> str:
    # Before 1912 there is no ROC year; showing the Gregorian one beats failing a page.
    if style == "roc" and year >= FIRST_YEAR:
        return f"ROC {year - ROC_EPOCH}"
    return str(year)


def _zh_year(year: int, style: str) -> str:
    if style == "roc" and year >= FIRST_YEAR:
        roc_year = year - ROC_EPOCH
        # A 4-digit ROC year would read back as a Gregorian one without its marker.
        return f"民國{roc_year}" if roc_year >= 1000 else str(roc_year)
    return str(year)


def format_due_date(due: DueDate, *, style: str = "gregorian", language: str = "en") -> str:
    style, language = _style(style), _language(language)
    on = due.on
    quarter = (on.month + 2) // 3
    if language == "en":
        year = _en_year(on.year, style)
        match due.precision:
            case Precision.DAY:
                return f"{on.day} {_EN_MON[on.month]} {year}"
            case Precision.MONTH:
                return f"by end of {_EN_MON[on.month]} {year}"
            case Precision.QUARTER:
                return f"by end of Q{quarter} {year}"
            case Precision.HALF:
                return f"by end of H{1 if on.month <= 6 else 2} {year}"
            case _:
                return f"by end of {year}"
    year = _zh_year(on.year, style)
    match due.precision:
        case Precision.DAY:
            return f"{year}年{on.month}月{on.day}日"
        case Precision.MONTH:
            return f"{year}年{on.month}月底前"
        case Precision.QUARTER:
            return f"{year}年第{quarter}季底前"
        case Precision.HALF:
            return f"{year}年{'上' if on.month <= 6 else '下'}半年底前"
        case _:
            return f"{year}年底前"


def format_date(d: date, *, style: str = "gregorian", language: str = "en") -> str:
    return format_due_date(DueDate.day(d), style=style, language=language)


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
    _check_year(year)
    return date(year, month + 1, min(start.day, _days_in_month(year, month + 1)))


# --- Time zones ------------------------------------------------------------------

_END_OF_DAY = time(23, 59, 59)
_ZH_HANT_CITIES = {
    "Asia/Taipei": "台北",
    "Asia/Singapore": "新加坡",
    "Asia/Seoul": "首爾",
    "Asia/Tokyo": "東京",
    "America/New_York": "紐約",
}


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


@functools.cache
def _city(zone: str, language: str) -> str:
    """The zone's city in the reader's language: CLDR's (Babel), so a Chinese line never
    reads "Los Angeles時間"; the zone's own last part when CLDR has no city for it."""
    if language == "zh-hant" and zone in _ZH_HANT_CITIES:
        return _ZH_HANT_CITIES[zone]
    try:
        from babel.dates import get_timezone_location

        city = get_timezone_location(
            zone, locale="zh_Hant_TW" if language == "zh-hant" else "en", return_city=True
        )
    except (LookupError, ValueError):
        city = ""
    return city or zone.rsplit("/", 1)[-1].replace("_", " ")


def _wall_time(at: datetime, style: str, language: str) -> str:
    return f"{format_date(at.date(), style=style, language=language)} {at:%H:%M}"


def format_instant(
    at: datetime,
    *,
    reader_zone: str,
    deadline_zone: str | None = None,
    style: str = "gregorian",
    language: str = "en",
) -> str:
    """Show an instant in the reader's zone, plus the deadline zone's wall time when it differs."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("format_instant needs an aware datetime")
    style, language = _style(style), _language(language)
    reader_local = at.astimezone(validate_zone(reader_zone))
    shown = _wall_time(reader_local, style, language)
    if deadline_zone is None or deadline_zone == reader_zone:
        if language == "zh-hant":
            return f"{shown}（{_city(reader_zone, language)}時間）"
        return f"{shown} ({reader_zone})"
    deadline_local = at.astimezone(validate_zone(deadline_zone))
    reader_city, deadline_city = _city(reader_zone, language), _city(deadline_zone, language)
    # Same wall clock (Taipei and Singapore): one time, but still say whose deadline it is.
    if deadline_local.replace(tzinfo=None) == reader_local.replace(tzinfo=None):
        if language == "zh-hant":
            return f"{shown} {reader_city}（= {deadline_city}時間）"
        return f"{shown} {reader_city} (= {deadline_city} time)"
    own = _wall_time(deadline_local, style, language)
    if language == "zh-hant":
        return f"{shown} {reader_city}（{deadline_city}時間 {own}）"
    return f"{shown} {reader_city} ({own} {deadline_city} time)"
