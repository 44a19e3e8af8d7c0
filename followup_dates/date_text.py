"""Dates as people type and read them: ROC years, parsing what a person wrote, and
formatting a due date, a date or an instant in the reader's style and language.

Pure like followup_dates.deadlines, whose values (DueDate, Precision) and range checks
it uses; followup_dates.dates gathers both modules for callers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from followup_dates.deadlines import (
    FIRST_YEAR,
    ROC_EPOCH,
    DateInputError,
    DueDate,
    Precision,
    check_day,
    check_month,
    check_year,
    validate_zone,
)
from followup_dates.i18n import format_lazy
from followup_dates.i18n import gettext_lazy as _

# Examples in "unrecognised" messages: one of each family users actually type.
_ACCEPTED_EXAMPLES = "2025-03-13, 114/3/13, 114年3月13日, 115年1月, 115年第1季, 13 Mar 2025"


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
    check_year(year)
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
        check_month(month)
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
    check_day(year, month, day)
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


# --- Instants -------------------------------------------------------------------

_ZH_HANT_CITIES = {
    "Asia/Taipei": "台北",
    "Asia/Singapore": "新加坡",
    "Asia/Seoul": "首爾",
    "Asia/Tokyo": "東京",
    "America/New_York": "紐約",
}


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
