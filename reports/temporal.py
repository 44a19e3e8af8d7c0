"""Temporal expressions in a clause (long: the grammar, each pattern beside the code reading it).

Every date, period, relative deadline and meeting anchor.

Pure. `expressions(text, frame)` reads a normalised sentence (see `reports.text`) and returns
each expression it holds, in reading order, with its value (a `DueDate` and its precision),
the last day of a range, and — for deadlines that count from something — the anchor: the
meeting's first or last day, the session it was said in, or a later meeting the report
names ("before the next session", "下次會議前", "two weeks before SDC 12").

The grammar is one table of small patterns built from shared pieces (numbers in digits or
Chinese numerals, ROC and Gregorian years, months in both languages) so that each form is
written once: 114 年 4 月底, 四月二十日, 明年 6 月底, 5 月中旬, 115 年上半年, 第 2 季, 下週三前,
3 個月內, 會議結束後 20 個工作日內; 13 March 2025, March 13, the end of May, mid-March, Q3
2026, the second half of 2026, within 45 days, 10 working days after the meeting, 2 weeks
before the next session, 9–13 May 2026.

Relative words are resolved from the meeting's dates (`Frame`), never from the clock: 今年
and "this year" are the meeting's year, 明年 the next; "next month" is the month after the
meeting's last day; 下週三 the Wednesday of the week after it. A date without a year takes
the meeting's year, or the next one when it would otherwise fall well before the meeting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.utils.translation import gettext_noop

from followup_dates.dates import DateInputError, DueDate, Unit, add_months, shift_date
from followup_dates.text import number
from reports.notes import note
from reports.notes import note as note_

ANCHOR_MEETING_START = "meeting_start"
ANCHOR_MEETING_END = "meeting_end"
ANCHOR_SESSION = "session"
NEXT_MEETING = "next"  # the key of "the next meeting / session", 下次會議


@dataclass(frozen=True)
class LaterMeeting:
    first_on: date
    last_on: date
    where: str = ""  # the sentence that gave its dates
    # "48th ASEAN Summit : late May 2026": a meeting the report dates to a month (or a quarter, a
    # half-year) only; "at the Summit" is due that month, at that precision
    coarse: DueDate | None = None

    @property
    def due(self) -> DueDate:
        """What "at the meeting" is due on: its first day, or its month where that is all the report says."""
        return self.coarse or DueDate.day(self.first_on)

    @property
    def ends_on(self) -> date | None:
        """Its last day, when it runs over several days the report states."""
        return self.last_on if self.coarse is None and self.last_on != self.first_on else None


@dataclass(frozen=True)
class Frame:
    """What relative expressions count from: the meeting the report is about."""

    start_on: date
    end_on: date
    calendar: str | None = None  # working days count on it; None: no calendar known
    said_on: date | None = None  # the session day the sentence was said on, when known
    returned_on: date | None = None  # the delegation's return (出國期間's last day), when stated
    written_on: date | None = None  # an e-mail's or a letter's own date: its "today"
    later: Mapping[str, LaterMeeting] = field(default_factory=dict)
    recent: str | None = None  # the later meeting the text has just named: "the session" is that one
    current: str | None = (
        None  # this meeting's own key ("SC6"): "10 working days after SC6" counts from its end
    )
    prefer_future: bool = True  # a date without a year falls after the meeting if it can
    # "the Forum will take place in Manila on 22-24 September": an event told as future, so a day
    # without a year is never before the meeting (otherwise up to 45 days before reads as this year's)
    told_as_future: bool = False
    numeric_order: str | None = None  # "md" or "dm": how the document's own 5/17, 22/4 read
    looking_back: bool = False  # "my message of 14 July": set for one match, a day gone by

    @property
    def today(self) -> date:
        """What "tomorrow", "next week" and "this Friday" count from: the day the line was said,
        else the day its message was written, else the meeting's last day."""
        return self.said_on or self.written_on or self.end_on


@dataclass(frozen=True)
class Expression:
    start: int
    end: int
    text: str
    due: DueDate | None
    ends_on: date | None = None  # the last day of a range (an event over several days)
    rule: dict | None = None  # counts from the meeting or a session: kept as a rule
    meeting: str | None = None  # counts from a later meeting (its key)
    year_assumed: bool = False
    vague: bool = False  # "as soon as possible", 盡速: a deadline without a date
    relative_word: bool = False  # 明年, next month, 下週三: resolved from the meeting's dates
    note: str = ""
    role: str = ""  # "by" (a deadline), "from" (a start), "since", "" (plain)

    @property
    def first_day(self) -> date | None:
        if self.due is None:
            return None
        return self.due.first_day

    @property
    def last_day(self) -> date | None:
        if self.due is None:
            return None
        return self.ends_on or self.due.on

    def after(self, day: date) -> bool:
        """Does it lie after `day`? A period that is under way counts only as a deadline's end.

        "2025 年", "March 2025" said at a meeting in March 2025 are the present, not a
        follow-up; "by the end of 2025", "今年年底前" are deadlines after the meeting.
        """
        first, last = self.first_day, self.last_day
        if first is None or last is None:
            return False
        if first > day:
            return True
        return last > day and (self.role == "by" or self.ends_on is not None or self.names_an_end())

    def names_an_end(self) -> bool:
        return bool(
            re.search(
                r"底|末|終|下半|end|close|late|(?:second|2nd|latter)\s+half|下旬", self.text, re.IGNORECASE
            )
        )


# --- Pieces -----------------------------------------------------------------------------------

_CNN = "〇零一二兩两三四五六七八九十百"
N = rf"(?:\d{{1,3}}|[{_CNN}]{{1,4}})"  # a count: 20, 二十, 兩
_EN_COUNT = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|eighteen|twenty(?:-one)?|thirty|forty(?:-five)?|fifty|sixty|ninety)"
)
# Chinese years: 2025 年, 114 年, 民國 114 年, 二〇二五年, 一一四年; and 今年, 明年, 後年, 本年度.
_CY = (
    r"(?:(?P<{p}mark>民國|中華民國|西元|公元)\s*)?(?:(?P<{p}y>\d{{2,4}}|[〇零一二三四五六七八九]{{3,4}})\s*年(?:度)?"
    # "明（115）年": the year in brackets says the same
    r"|(?P<{p}rel>今|明|後|去|前|本|隔|次|翌)\s*(?:[(（]\s*\d{{2,4}}\s*[)）]\s*)?年(?:度)?)"
)
_CM = r"(?P<{p}m>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?"
_CD = r"(?P<{p}d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日號号]"
_CD_BARE = r"(?P<{p}d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Capitalised month names only: "may" and "march" are also verbs.
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY"
    r"|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    # a note typed in lower case: "16 jan", "early dec", "w/c 9 mar 2026" ("may" and "march" are
    # words too: only capitalised)
    r"|january|february|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    r"|(?<=\d\s)(?:march|may)|(?<=of\s)(?:march|may)|(?<=mid-)(?:march|may)|(?<=early\s)march|(?<=late\s)march)"
    r"(?![a-z])\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_ED = r"(?P<{p}d>[0-3]?\d)" + _ORD
_EY = r"(?P<{p}y>(?:19|20)\d\d)"
_TO = r"\s*(?:[-–—~～至到]|to|until|till|through|thru|and)\s*"


def _p(template: str, prefix: str = "") -> str:
    return template.format(p=prefix)


_CN_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_EN_WEEKDAY_ABBR = {name[:3]: number for name, number in _EN_WEEKDAY.items()}


# --- Resolving pieces against the frame ------------------------------------------------------------


def _year(groups: Mapping[str, str | None], frame: Frame, prefix: str = "") -> tuple[int | None, bool]:
    """(year, relative word used) from a Chinese year piece; (None, False) when none is written."""
    rel = groups.get(prefix + "rel")
    if rel:
        base = frame.end_on.year
        return {
            "今": base,
            "本": base,
            "明": base + 1,
            "次": base + 1,
            "隔": base + 1,
            "翌": base + 1,
            "後": base + 2,
            "去": base - 1,
            "前": base - 2,
        }[rel], True
    digits = groups.get(prefix + "y")
    if not digits:
        return None, False
    value = number(digits)
    if value is None:
        return None, False
    mark = groups.get(prefix + "mark") or ""
    if mark in {"西元", "公元"} or value >= 1000:
        return value, False
    return value + 1911, False  # 114 年, 民國 114 年: ROC years


def _assume_year(month: int, day: int | None, frame: Frame) -> int:
    """The meeting's year, or the next when the day would fall well before the meeting."""
    year = frame.end_on.year
    if frame.looking_back:
        return year
    try:
        on = date(year, month, day or 1)
    except ValueError:
        return year
    if frame.prefer_future and on < frame.start_on - timedelta(days=0 if frame.told_as_future else 45):
        return year + 1
    return year


def _day(year: int, month: int, day: int) -> DueDate | None:
    try:
        return DueDate.day(date(year, month, day))
    except (ValueError, DateInputError):
        return None


def _month(year: int, month: int) -> DueDate | None:
    try:
        return DueDate.month(year, month)
    except (ValueError, DateInputError):
        return None


def _month_number(token: str) -> int | None:
    value = number(token) if not token[:1].isalpha() or token[:1] in _CNN else None
    if value is None:
        value = _MONTHS.get(token.rstrip(".").casefold())
    return value if value and 1 <= value <= 12 else None


def _part_of_month(year: int, month: int, part: str) -> tuple[DueDate | None, str]:
    """上旬 → the 10th, 中旬 → the 20th, 下旬/底/late/end → the month; early → 10th, mid → 15th."""
    part = part.casefold()
    if part in {"上旬", "初", "early", "beginning", "start", "the beginning", "the start"}:
        return _day(year, month, 1 if part in {"beginning", "start", "the beginning", "the start"} else 10), (
            note(gettext_noop("early in the month: due the 10th"))
            if part not in {"beginning", "start"}
            else ""
        )
    if part in {"中旬"}:
        return _day(year, month, 20), note(gettext_noop("中旬, the middle ten days: due the 20th"))
    if part in {"中", "mid", "middle", "the middle"}:
        return _day(year, month, 15), note(gettext_noop("the middle of the month: due the 15th"))
    return _month(year, month), ""


# --- The grammar ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], Frame], Expression | None]


_RULES: list[_Rule] = []


def rule(name: str, regex: str, flags: int = 0):
    def register(build):
        _RULES.append(_Rule(name, re.compile(regex, flags), build))
        return build

    return register


def _expr(match: re.Match[str], due: DueDate | None, **extra) -> Expression:
    return Expression(match.start(), match.end(), match.group(), due, **extra)


# Chinese ----------------------------------------------------------------------------------------

_CJK_RANGE = (
    rf"(?:{_p(_CY, 'a')}\s*)?{_p(_CM, 'a')}\s*{_p(_CD_BARE, 'a')}\s*[日號号]?(?:\s*[(（][^)）]{{1,3}}[)）])?"
    rf"{_TO}(?:{_p(_CY, 'b')}\s*)?(?:{_p(_CM, 'b')}\s*)?{_p(_CD, 'b')}(?:\s*[(（][^)）]{{1,3}}[)）])?"
)


@rule("cjk-range", _CJK_RANGE)
def _cjk_range(m: re.Match[str], frame: Frame) -> Expression | None:
    groups = m.groupdict()
    month1 = _month_number(groups["am"])
    day1, day2 = number(groups["ad"]), number(groups["bd"])
    month2 = _month_number(groups["bm"]) if groups.get("bm") else month1
    if not (month1 and month2 and day1 and day2):
        return None
    year1, relative = _year(groups, frame, "a")
    year_assumed = year1 is None
    if year1 is None:
        year1 = _assume_year(month1, day1, frame)
    year2, _ = _year(groups, frame, "b")
    year2 = year2 or (year1 + 1 if month2 < month1 else year1)
    first, last = _day(year1, month1, day1), _day(year2, month2, day2)
    if first is None or last is None or last.on < first.on or (last.on - first.on).days > 120:
        return None
    return _expr(m, first, ends_on=last.on, year_assumed=year_assumed, relative_word=relative)


@rule("cjk-day", rf"(?:{_p(_CY)}\s*)?{_p(_CM)}\s*{_p(_CD)}")
def _cjk_day(m: re.Match[str], frame: Frame) -> Expression | None:
    month, day = _month_number(m["m"]), number(m["d"])
    if not month or not day:
        return None
    year, relative = _year(m.groupdict(), frame)
    assumed = year is None
    due = _day(year or _assume_year(month, day, frame), month, day)
    return _expr(m, due, year_assumed=assumed, relative_word=relative) if due else None


@rule(
    "cjk-month-part",
    rf"(?:{_p(_CY)}\s*)?{_p(_CM)}\s*(?P<part>上旬|中旬|下旬|初|中(?![文心國])|底|末)",
)
def _cjk_month_part(m: re.Match[str], frame: Frame) -> Expression | None:
    month = _month_number(m["m"])
    if not month:
        return None
    year, relative = _year(m.groupdict(), frame)
    assumed = year is None
    due, note = _part_of_month(year or _assume_year(month, 28, frame), month, m["part"])
    return _expr(m, due, year_assumed=assumed, relative_word=relative, note=note) if due else None


@rule(
    "cjk-month",
    rf"(?:{_p(_CY)}\s*)?(?<![\d個个])(?<!\d\s){_p(_CM)}(?!\s*[\d{_CNN}]+\s*[日號号至到\-–~])(?![\d{_CNN}])",
)
def _cjk_month(m: re.Match[str], frame: Frame) -> Expression | None:
    month = _month_number(m["m"])
    if not month:
        return None
    if re.search(r"(?:同|當|該|那)\s*年\s*$", m.string[max(0, m.start() - 3) : m.start()]):
        return None  # "同年 12 月": the year of something told before
    if m.group().rstrip().endswith("月") and re.search(r"個\s*$|个\s*$", m.string[: m.start()]):
        return None  # "3 個月" is a length of time
    year, relative = _year(m.groupdict(), frame)
    assumed = year is None
    due = _month(year or _assume_year(month, 28, frame), month)
    return _expr(m, due, year_assumed=assumed, relative_word=relative) if due else None


@rule(
    "cjk-quarter",
    rf"(?:{_p(_CY)}\s*)?第\s*(?P<q>[1-4一二三四])\s*季(?:底|末)?|(?:{_p(_CY, 'z')}\s*)(?P<zq>[1-4一二三四])\s*季",
)
def _cjk_quarter(m: re.Match[str], frame: Frame) -> Expression | None:
    quarter = number(m["q"] or m["zq"])
    groups = m.groupdict()
    year, relative = _year(groups, frame, "" if m["q"] else "z")
    assumed = year is None
    if year is None:
        year = _assume_year(3 * (quarter or 1), 28, frame)
    try:
        due = DueDate.quarter(year, quarter or 0)
    except DateInputError:
        return None
    return _expr(m, due, year_assumed=assumed, relative_word=relative)


@rule("cjk-half", rf"(?:{_p(_CY)}\s*)?(?P<half>上|下)半年|(?:{_p(_CY, 'z')})\s*(?P<mid>年中|中)")
def _cjk_half(m: re.Match[str], frame: Frame) -> Expression | None:
    groups = m.groupdict()
    year, relative = _year(groups, frame, "" if m["half"] else "z")
    assumed = year is None
    half = 1 if m["half"] == "上" or m["mid"] else 2
    if year is None:
        year = _assume_year(6 * half, 28, frame)
    due = DueDate.half(year, half)
    return _expr(m, due, year_assumed=assumed, relative_word=relative)


@rule(
    "cjk-year-end",
    rf"{_p(_CY)}\s*(?:年底|年終|年末|底|終|末|度結束|度底)|(?<![\d{_CNN}年])(?:年底|年終|年末)",
)
def _cjk_year_end(m: re.Match[str], frame: Frame) -> Expression | None:
    year, relative = _year(m.groupdict(), frame)
    if year is None:
        year, relative = frame.end_on.year, True  # 年底前: the end of this year
    return _expr(m, DueDate.year(year), relative_word=relative)


@rule("cjk-year-start", rf"{_p(_CY)}\s*(?:初|年初)")
def _cjk_year_start(m: re.Match[str], frame: Frame) -> Expression | None:
    year, relative = _year(m.groupdict(), frame)
    if year is None:
        return None
    return _expr(
        m,
        DueDate.quarter(year, 1),
        relative_word=relative,
        note=note(gettext_noop("early in the year: the first quarter")),
    )


# A bare year is a date only where a preposition or a deadline word says so: "於 2026 年",
# "2026 年前", "2026 年起"; in "2026 年工作計畫" or "115 年度預算" it names a plan.
_YEAR_BEFORE = re.compile(
    r"(?:於|在|至|到|截至|預計|將|至遲|最遲|目標|自|從|起|訂於|定於|期於|可望於|擬於)\s*$"
)
_YEAR_NAMES = re.compile(
    r"^\s*(?:工作計畫|計畫|計劃|預算|版|報告|會議|年會|策略|議程|之|的|APEC|度預算|度計畫|工作)"
)
_YEAR_AFTER = re.compile(
    r"^\s*(?:前|底|以前|之前|起|以後|之後|後|內|中|初|完成|達成|推出|實施|施行|上路|生效|啟動|舉辦|舉行|召開|辦理|全面|正式|開始|[，,。；;、)）]|$)"
)


@rule("cjk-year", rf"{_p(_CY)}(?!\s*[\d{_CNN}]+\s*(?:月|季|年))(?!\s*第)")
def _cjk_year(m: re.Match[str], frame: Frame) -> Expression | None:
    year, relative = _year(m.groupdict(), frame)
    if year is None or not 1912 <= year <= 2200:
        return None
    if m["rel"] in {"去", "前"}:
        return None
    before, after = m.string[max(0, m.start() - 6) : m.start()], m.string[m.end() : m.end() + 4]
    if not (_YEAR_BEFORE.search(before) or _YEAR_AFTER.match(after)) or _YEAR_NAMES.match(
        m.string[m.end() : m.end() + 5]
    ):
        return None
    return _expr(m, DueDate.year(year), relative_word=relative)


@rule(
    "cjk-weekday",
    # not "那週一樣…" (that week, likewise), "每週一次" (once a week)
    r"(?P<which>下|本|這|这|次|下個|下一)?\s*(?:週|周|星期|禮拜|礼拜)(?P<d>[一二三四五六日天])(?![樣样定直般致次些切])",
)
def _cjk_weekday(m: re.Match[str], frame: Frame) -> Expression | None:
    if not m["which"] and re.search(r"(?:[日號]|[(（])\s*$", m.string[max(0, m.start() - 3) : m.start()]):
        return None  # "6 月 18 日（星期三）": the day of a date, not next Wednesday
    target = _CN_WEEKDAY[m["d"]]
    base = frame.today
    monday = base - timedelta(days=base.weekday())
    if m["which"] in {"下", "次", "下個", "下一"}:
        on = monday + timedelta(days=7 + target)
    elif m["which"]:
        on = monday + timedelta(days=target)
    else:
        on = base + timedelta(days=(target - base.weekday()) % 7 or 7)
    return _expr(
        m,
        DueDate.day(on),
        relative_word=True,
        note=note(gettext_noop("weekday counted from {on}"), on=base.isoformat()),
    )


# The first day of the lunar new year (春節, 農曆年): "農曆年前", "春節前".
_LUNAR_NEW_YEAR = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
}


@rule(
    "lunar-new-year",
    r"(?:農曆年|農曆新年|春節|舊曆年|過年)(?=\s*(?:前|之前|以前|假期前|連假前))|\b(?:Lunar|Chinese)\s+New\s+Year\b",
)
def _lunar_new_year(m: re.Match[str], frame: Frame) -> Expression | None:
    base = frame.today
    following = [day for day in sorted(_LUNAR_NEW_YEAR.values()) if day > base]
    if not following:
        return None
    return _expr(
        m,
        DueDate.day(following[0]),
        relative_word=True,
        note=note(gettext_noop("the lunar new year falls on {on}"), on=following[0].isoformat()),
    )


@rule(
    "today",
    r"今天|今日|本日|明天|明日|後天|\btoday\b|\b(?:tomorrow|tmrw|tmr)\b|\bthe\s+day\s+after\s+tomorrow\b",
)
def _today(m: re.Match[str], frame: Frame) -> Expression | None:
    if re.match(r"\s*(?:['’]s\b|的)", m.string[m.end() : m.end() + 3]):
        return None  # "today's session", "今天的討論": the present, not a date anything is due
    base = frame.today
    word = m.group().casefold()
    later = (
        2
        if word in {"後天", "the day after tomorrow"}
        else 1
        if word in {"明天", "明日", "tomorrow", "tmrw", "tmr"}
        else 0
    )
    on = base + timedelta(days=later)
    return _expr(
        m,
        DueDate.day(on),
        relative_word=True,
        note=note(gettext_noop("counted from the day it was written, {on}"), on=base.isoformat()),
    )


@rule(
    "cjk-next-month",
    r"(?P<which>下個?|本|這個?|次)\s*月\s*(?P<part>上旬|中旬|下旬|初|中|底|末)?"
    r"|(?<![\d一二三四五六七八九十〇零個个年每])(?<![\d一二三四五六七八九十]\s)月(?P<bare>底|末)(?=\s*(?:前|之前|以前|止))",
)
def _cjk_next_month(m: re.Match[str], frame: Frame) -> Expression | None:
    base = frame.today
    first = base.replace(day=1)
    if m["which"] in {"下", "下個", "次"}:
        first = add_months(first, 1)
    due, note = _part_of_month(first.year, first.month, m["part"] or m["bare"] or "底")
    return _expr(m, due, relative_word=True, note=note) if due else None


@rule("cjk-next-week", r"(?P<which>下|本)\s*(?:週|周|星期|禮拜)(?![一二三四五六日天])")
def _cjk_next_week(m: re.Match[str], frame: Frame) -> Expression | None:
    base = frame.today
    friday = base - timedelta(days=base.weekday()) + timedelta(days=4 + (7 if m["which"] == "下" else 0))
    return _expr(
        m, DueDate.day(friday), relative_word=True, note=note(gettext_noop("the Friday of that week"))
    )


@rule(
    "cjk-numeric",
    r"(?<![\d/.\-])(?P<y>\d{3,4})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<d>\d{1,2})(?![\d/.\-])",
)
def _numeric_ymd(m: re.Match[str], frame: Frame) -> Expression | None:
    year = int(m["y"])
    year = year + 1911 if year < 1000 else year
    due = _day(year, int(m["m"]), int(m["d"]))
    return _expr(m, due) if due else None


@rule(
    "md-range",
    r"(?<![\d/.])(?P<am>\d{1,2})\s*/\s*(?P<ad>\d{1,2})\s*[-–~至到]\s*(?:(?P<bm>\d{1,2})\s*/\s*)?(?P<bd>\d{1,2})(?![\d/])",
)
def _md_range(m: re.Match[str], frame: Frame) -> Expression | None:
    if not _cjk_context(m) and frame.numeric_order is None:
        return None
    if not _cjk_context(m) and frame.numeric_order == "dm":  # "24/11-28/11": day first
        day1, month1 = int(m["am"]), int(m["ad"])
        day2, month2 = (int(m["bm"]), int(m["bd"])) if m["bm"] else (int(m["bd"]), month1)
    else:  # "5/17-18", "5/9-5/10": month first
        month1, day1 = int(m["am"]), int(m["ad"])
        month2, day2 = int(m["bm"] or month1), int(m["bd"])
    if not (1 <= month1 <= 12 and 1 <= month2 <= 12):
        return None
    year = _assume_year(month1, day1, frame)
    first, last = _day(year, month1, day1), _day(year if month2 >= month1 else year + 1, month2, day2)
    if first is None or last is None or last.on < first.on:
        return None
    return _expr(m, first, ends_on=last.on, year_assumed=True)


@rule("md", r"(?<![\d/.\-:])(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/%:])(?:\s*[(（][一二三四五六日][)）])?")
def _md(m: re.Match[str], frame: Frame) -> Expression | None:
    if not _cjk_context(m):
        return _en_numeric_day(m, frame)
    before, after = m.string[max(0, m.start() - 3) : m.start()], m.string[m.end() : m.end() + 8]
    # "12/7 的書面回覆", "11/17 要交": no fraction is written 12/7 or 11/17, so no cue is needed
    not_a_fraction = int(m["m"]) > int(m["d"]) or int(m["d"]) > 12
    if re.search(r"(?:約|第|共|近|逾|達|僅|只有|為)\s*$", before) or not (
        not_a_fraction
        or re.search(r"(?:於|在|至|到|截止|即|訂|自|從|前|~|-|－|會|→|:|：)\s*$", before)
        or re.match(
            r"^\s*(?:前|起|止|至|到|截止|[(（][一二三四五六日][)）]|[-~－]|之前|以前|上午|下午|中午|晚|\d{1,2}[:：]\d\d)",
            after,
        )
        or m.group().rstrip().endswith(("）", ")"))
    ):
        return None  # "約 1/4" is a fraction
    month, day = int(m["m"]), int(m["d"])
    if not 1 <= month <= 12:
        return None
    due = _day(_assume_year(month, day, frame), month, day)
    return _expr(m, due, year_assumed=True) if due else None


_NUMERIC_DATE = re.compile(r"(?<![\d/.\-:])(\d{1,2})\s?/\s?(\d{1,2})(?![\d/%:])")


def numeric_order(texts) -> str | None:
    """ "md" where a document writes 5/17 and never 22/4, "dm" the other way, else None: the order
    its ambiguous 4/12 is read in."""
    md = dm = 0
    for text in texts:
        for first, second in _NUMERIC_DATE.findall(text):
            a, b = int(first), int(second)
            if a > 12 >= b >= 1 and a <= 31:
                dm += 1
            elif b > 12 >= a >= 1 and b <= 31:
                md += 1
    if md and not dm:
        return "md"
    if dm and not md:
        return "dm"
    return None


def _en_numeric_day(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "by 27/3", "due 3/27": in English a date only after a word that asks for one, or opening a
    list item ("* 21/4 - NL lunch"), and only where one number cannot be a month or the document's
    own order says which it is, so the order is not a guess ("3/4" stays a fraction)."""
    before = m.string[max(0, m.start() - 24) : m.start()]
    if not (
        re.search(
            r"\b(?:by|before|on|due|until|till|deadline|from|to|NLT|no\s+later\s+than|COB|EOD)\s*:?\s*"
            r"(?:(?:COB|EOD|COP|noon|close\s+of\s+business)\s*)?$"
            # an action list's due column: "circulate v0.4 – 20/7", "set up the folder – Mon 13/7"
            r"|\s[–—-]\s*(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?\s*)?$",
            before,
            re.I,
        )
        or (
            re.search(r"(?:^|\n)\s*(?:[-*•·]\s*)?$", before) and re.match(r"\s*[-–—:]\s", m.string[m.end() :])
        )
    ):
        return None
    first, second = int(m["m"]), int(m["d"])
    if first > 12 >= second >= 1:
        day, month = first, second
    elif second > 12 >= first >= 1:
        month, day = first, second
    elif frame.numeric_order == "md" and 1 <= first <= 12 and 1 <= second <= 31:
        month, day = first, second  # the document writes 5/17: 4/12 is 12 April
    elif frame.numeric_order == "dm" and 1 <= second <= 12 and 1 <= first <= 31:
        day, month = first, second
    else:
        return None
    due = _day(_assume_year(month, day, frame), month, day)
    return _expr(m, due, year_assumed=True) if due else None


@rule(
    "en-weekday-numeric",
    r"\b(?P<w>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Weds?|Thu(?:rs?)?|Fri|Sat|Sun))\b\.?,?\s*"
    r"(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/%:])",
)
def _en_weekday_numeric(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "Tues 4/28", "Thu 9/4", "Fri 20/2": the weekday says which number is the month — the
    reading that falls on that weekday — so neither order is a guess."""
    target = _EN_WEEKDAY_ABBR[m["w"].casefold()[:3]]
    a, b = int(m["a"]), int(m["b"])
    readings: dict[str, DueDate] = {}
    for order, (month, day) in (("md", (a, b)), ("dm", (b, a))):
        if 1 <= month <= 12 and 1 <= day <= 31:
            due = _day(_assume_year(month, day, frame), month, day)
            if due is not None and due.on.weekday() == target and due not in readings.values():
                readings[order] = due
    if len(readings) == 2:
        # "Thu 12/3" in 2026 is 12 March and 3 December: the document's own order says which
        if frame.numeric_order not in readings:
            return None
        readings = {frame.numeric_order: readings[frame.numeric_order]}
    if len(readings) != 1:
        return None
    return _expr(m, next(iter(readings.values())), year_assumed=True)


def _cjk_context(m: re.Match[str]) -> bool:
    around = m.string[max(0, m.start() - 6) : m.end() + 6]
    return bool(re.search(r"[\u4e00-\u9fff]", around))


# English ----------------------------------------------------------------------------------------

_EN_RANGE = (
    rf"(?:from\s+)?{_WEEKDAY}(?P<ad>[0-3]?\d){_ORD}(?:\s+(?:of\s+)?(?P<am>{_MON}))?(?:\s*,?\s*(?P<ay>(?:19|20)\d\d))?"
    # "from Monday, 7 June, to Thursday, 17 June 2027"
    rf"(?:(?<=[A-Za-z])\s*,)?{_TO}{_WEEKDAY}(?P<bd>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<bm>{_MON})(?:\s*,?\s*(?P<by>(?:19|20)\d\d))?"
    rf"|(?:from\s+)?(?P<cm>{_MON})\s+(?P<cd>[0-3]?\d){_ORD}{_TO}(?:(?P<dm>{_MON})\s+)?(?P<dd>[0-3]?\d){_ORD}"
    rf"(?:\s*,?\s*(?P<dy>(?:19|20)\d\d))?"
)


@rule("en-range", _EN_RANGE)
def _en_range(m: re.Match[str], frame: Frame) -> Expression | None:
    g = m.groupdict()
    if g.get("ad"):
        day1, day2 = int(g["ad"]), int(g["bd"])
        month2 = _month_number(g["bm"])
        month1 = _month_number(g["am"]) if g.get("am") else month2
        year2 = int(g["by"]) if g.get("by") else None
        year1 = int(g["ay"]) if g.get("ay") else year2
    else:
        day1, day2 = int(g["cd"]), int(g["dd"])
        month1 = _month_number(g["cm"])
        month2 = _month_number(g["dm"]) if g.get("dm") else month1
        year1 = year2 = int(g["dy"]) if g.get("dy") else None
    if not (month1 and month2):
        return None
    assumed = year1 is None
    if year1 is None:
        year1 = _assume_year(month1, day1, frame)
    if year2 is None:
        year2 = year1 + 1 if month2 < month1 else year1
    first, last = _day(year1, month1, day1), _day(year2, month2, day2)
    two_days = "and" in m.group().split() and not re.search(r"between\s*$", m.string[: m.start()], re.I)
    if two_days and first and last and (last.on - first.on).days > 2:
        return None  # "on 3 and 17 May": two days, not a range; "24 and 25 March": a two-day event
    if first is None or last is None or last.on < first.on or (last.on - first.on).days > 120:
        return None
    return _expr(m, first, ends_on=last.on, year_assumed=assumed)


@rule(
    "en-month-range",
    rf"(?:from\s+|between\s+)?(?P<am>{_MON})(?:\s+(?P<ay>(?:19|20)\d\d))?\s*(?:[-–—]|to|until|till|through|and)\s*(?P<bm>{_MON})\s*,?\s*(?P<by>(?:19|20)\d\d)?(?![\s-]*[0-3]?\d\b)",
)
def _en_month_range(m: re.Match[str], frame: Frame) -> Expression | None:
    first_month, last_month = _month_number(m["am"]), _month_number(m["bm"])
    if not first_month or not last_month:
        return None
    last_year = (
        int(m["by"]) if m["by"] else (int(m["ay"]) if m["ay"] else _assume_year(last_month, 28, frame))
    )
    first_year = int(m["ay"]) if m["ay"] else (last_year if first_month <= last_month else last_year - 1)
    first, last = _month(first_year, first_month), _month(last_year, last_month)
    if first is None or last is None or last.on < first.on:
        return None
    return _expr(m, first, ends_on=last.on, year_assumed=not (m["ay"] or m["by"]))


@rule(
    "cjk-month-range",
    rf"(?:{_p(_CY, 'a')}\s*)?{_p(_CM, 'a')}(?!\s*[\d{_CNN}]+\s*[日號])\s*(?:至|到|~|-|–)\s*(?:{_p(_CY, 'b')}\s*)?{_p(_CM, 'b')}(?!\s*[\d{_CNN}]+\s*[日號])",
)
def _cjk_month_range(m: re.Match[str], frame: Frame) -> Expression | None:
    groups = m.groupdict()
    first_month, last_month = _month_number(groups["am"]), _month_number(groups["bm"])
    if not first_month or not last_month:
        return None
    year_a, _ = _year(groups, frame, "a")
    year_b, _ = _year(groups, frame, "b")
    last_year = year_b or year_a or _assume_year(last_month, 28, frame)
    first_year = year_a or (last_year if first_month <= last_month else last_year - 1)
    first, last = _month(first_year, first_month), _month(last_year, last_month)
    if first is None or last is None or last.on < first.on:
        return None
    return _expr(m, first, ends_on=last.on, year_assumed=not (year_a or year_b))


@rule(
    "en-day",
    rf"{_WEEKDAY}{_p(_ED)}\s+(?:of\s+)?(?P<m>{_MON})(?:\s*,?\s*{_p(_EY)})?(?![\d])"
    rf"|{_WEEKDAY}(?P<bm>{_MON})\s+{_p(_ED, 'b')}(?![\d])(?:\s*,?\s*{_p(_EY, 'b')})?",
)
def _en_day(m: re.Match[str], frame: Frame) -> Expression | None:
    g = m.groupdict()
    month = _month_number(g.get("m") or g.get("bm") or "")
    day = int(g.get("d") or g.get("bd") or 0)
    year_text = g.get("y") or g.get("by")
    if not month or not day:
        return None
    assumed = year_text is None
    due = _day(int(year_text) if year_text else _assume_year(month, day, frame), month, day)
    return _expr(m, due, year_assumed=assumed) if due else None


@rule(
    "iso",
    r"(?<![\d\-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?:/(?P<last>[0-3]?\d)(?![\d/]))?(?![\d\-])",
)
def _iso(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "2025-11-17", and a standards body's range of days "2026-10-15/16"."""
    due = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    last = _day(int(m["y"]), int(m["m"]), int(m["last"])) if m["last"] else None
    if due is None:
        return None
    return _expr(m, due, ends_on=last.on if last and last.on > due.on else None)


@rule(
    "dmy-range",
    r"(?<![\d/.])(?P<first>[0-3]?\d)\s*[–-]\s*(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?![\d/.])",
)
def _dmy_range(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "26–29/03/2026": days of one month, written day/month/year."""
    first, last, month, year = int(m["first"]), int(m["a"]), int(m["b"]), int(m["y"])
    if month > 12 or first >= last:
        return None
    start, end = _day(year, month, first), _day(year, month, last)
    return _expr(m, start, ends_on=end.on) if start and end else None


@rule("dmy", r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?![\d/.])")
def _dmy(m: re.Match[str], frame: Frame) -> Expression | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (a, b) if b <= 12 else (b, a)  # day/month, as international texts write it
    due = _day(year, month, day)
    return _expr(m, due, note=note(gettext_noop("read as day/month/year"))) if due else None


_EN_PART = (
    r"(?P<part>(?i:early|mid|middle|late|end|the\s+end|the\s+beginning|beginning|start|the\s+start|the\s+middle"
    r"|(?:the\s+)?(?:first|1st|second|2nd|latter)\s+half))"  # "2nd half of Nov": the month, like 下旬
)


# "end of May", "mid-May", "the Chair's end-of-April deadline"
@rule("en-month-part", rf"\b{_EN_PART}(?:\s+of|-of-|-|\s)\s*(?P<m>{_MON})(?:\s*,?\s*{_p(_EY)})?")
def _en_month_part(m: re.Match[str], frame: Frame) -> Expression | None:
    month = _month_number(m["m"])
    if not month:
        return None
    part = " ".join(m["part"].split()).casefold().removeprefix("the ")
    if part.endswith("half"):
        part = "mid" if part.startswith(("first", "1st")) else "late"
    year = int(m["y"]) if m["y"] else _assume_year(month, 28, frame)
    due, note = _part_of_month(year, month, {"middle": "mid", "end": "late"}.get(part, part))
    return _expr(m, due, year_assumed=m["y"] is None, note=note) if due else None


# What a month can name ("the November meeting", "Jun mtg", "the October face-to-face").
MONTH_EVENT_NOUNS = (
    r"meeting|mtg|session|sess|plenary|face-to-face|f2f|workshop|conference|call|roundtable|webinar|retreat"
)
_MONTH_OF_AN_EVENT = re.compile(rf"\s+(?:{MONTH_EVENT_NOUNS})s?\b", re.IGNORECASE)
# A bare month that is still a month: "Jun mtg", "Oct TBC".
_BARE_MONTH_BEFORE = re.compile(
    rf"\s+(?:{MONTH_EVENT_NOUNS})s?\b|\s*(?:TBC|TBD|tbc|tbd|\((?i:tbc|tbd)\))(?![A-Za-z])"
)


# "dates TBC, likely May": a guess at a month (never the verb "may" after these words)
_LIKELY = r"(?:likely|probably|possibly|tentatively|maybe|perhaps)"


@rule(
    "en-month",
    rf"(?P<prep>\b(?:by|in|during|until|till|before|from|since|of|for|through|after|around|within|end|as\s+of|{_LIKELY})\s+(?:the\s+)?(?:month\s+of\s+)?)?"
    rf"(?P<m>{_MON})(?:\s*,?\s*{_p(_EY)})?(?![\s-]*[0-3]?\d\b)",
)
def _en_month(m: re.Match[str], frame: Frame) -> Expression | None:
    month = _month_number(m["m"])
    if not month:
        return None
    if not m["prep"] and not m["y"] and not _BARE_MONTH_BEFORE.match(m.string[m.end() :]):
        return None  # a bare "May": a verb as often as a month; "Jun mtg", "Oct TBC" are months
    if (
        m["m"].rstrip(".") in {"May", "MAY"}
        and not m["y"]
        and (m["prep"] or "").strip().casefold()
        not in {"by", "in", "until", "before", "end", "of", "during", "from", "since"}
        and not re.fullmatch(_LIKELY, (m["prep"] or "").strip(), re.IGNORECASE)
    ):
        return None
    since = (m["prep"] or "").strip().casefold() == "since"
    # "since June": a month gone by, whatever the sentence looks at.
    year = (
        int(m["y"])
        if m["y"]
        else _assume_year(month, 28, replace(frame, looking_back=True) if since else frame)
    )
    due = _month(year, month)
    role = "since" if since else ""
    if role != "since" and _MONTH_OF_AN_EVENT.match(m.string[m.end() :]):
        # "goes to Jun mtg", "availability for the October face-to-face": the month names the
        # meeting, a place in time rather than a deadline
        role = "at"
    return _expr(m, due, year_assumed=m["y"] is None, role=role) if due else None


_EN_ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
}


@rule(
    "en-quarter",
    rf"\b(?:(?:the\s+)?end\s+of\s+)?(?:Q(?P<q>[1-4])(?!\s*/\s*\d{{1,2}}\b)|(?P<q2>[1-4])Q)(?:\s*[-/,]?\s*(?:of\s+)?{_p(_EY)})?\b"
    rf"|\b{_p(_EY, 'b')}\s*[-/]?\s*Q(?P<bq>[1-4])\b"
    rf"|\b(?:the\s+)?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+quarter"
    rf"(?:\s+of\s+(?:(?P<rel>this|next|the)\s+(?:year|calendar\s+year)|{_p(_EY, 'c')}))?",
    re.IGNORECASE,
)
def _en_quarter(m: re.Match[str], frame: Frame) -> Expression | None:
    g = m.groupdict()
    quarter = int(g.get("q") or g.get("q2") or g.get("bq") or 0) or _EN_ORDINAL.get(
        (g.get("ord") or "").casefold(), 0
    )
    year_text = g.get("y") or g.get("by") or g.get("cy")
    relative = False
    if year_text:
        year = int(year_text)
    elif (g.get("rel") or "").casefold() == "next":
        year, relative = frame.end_on.year + 1, True
    else:
        year = _assume_year(3 * quarter, 28, frame) if not g.get("rel") else frame.end_on.year
        relative = bool(g.get("rel"))
    try:
        due = DueDate.quarter(year, quarter)
    except DateInputError:
        return None
    return _expr(m, due, year_assumed=not year_text and not relative, relative_word=relative)


@rule(
    "en-half",
    rf"\b(?:H(?P<h>[12])|(?P<hh>[12])H)(?:\s*[-/,]?\s*{_p(_EY)})?\b|\b{_p(_EY, 'b')}\s*[-/]?\s*H(?P<bh>[12])\b"
    rf"|\b(?:the\s+)?(?P<ord>first|second|1st|2nd|latter|later)\s+half\s+of\s+(?:(?P<rel>this|next|the)\s+year|{_p(_EY, 'c')})"
    rf"|\bmid[-\s](?P<midy>(?:19|20)\d\d)\b|\bmid[-\s](?:(?P<midrel>this|next)\s+)?year\b",
    re.IGNORECASE,
)
def _en_half(m: re.Match[str], frame: Frame) -> Expression | None:
    g = m.groupdict()
    if g.get("midy") or m.group().casefold().startswith("mid"):
        half = 1
        year_text = g.get("midy")
        rel = g.get("midrel")
    else:
        if re.fullmatch(r"[12]h", m.group().strip()):
            return None  # "(2h, 13:00 CET)": two hours, not the second half
        half = int(g.get("h") or g.get("hh") or g.get("bh") or 0) or (
            1 if (g.get("ord") or "").casefold() in {"first", "1st"} else 2
        )
        year_text = g.get("y") or g.get("by") or g.get("cy")
        rel = g.get("rel")
    relative = False
    if year_text:
        year = int(year_text)
    elif (rel or "").casefold() == "next":
        year, relative = frame.end_on.year + 1, True
    else:
        year, relative = frame.end_on.year, bool(rel)
    return _expr(m, DueDate.half(year, half), relative_word=relative)


@rule(
    "en-year-end",
    rf"\b(?:(?:the\s+)?end\s+of\s+|end-|year[-\s]end\s+|late\s+|the\s+close\s+of\s+)(?:(?P<rel>this|next|the)\s+(?:calendar\s+)?year|{_p(_EY)})\b"
    rf"|\b(?:by\s+)?(?:the\s+)?year[-\s]end\b|\bEOY\b|\b(?P<later>later\s+this\s+year)\b",
    re.IGNORECASE,
)
def _en_year_end(m: re.Match[str], frame: Frame) -> Expression | None:
    if m["y"]:
        return _expr(m, DueDate.year(int(m["y"])))
    year = frame.end_on.year + (1 if (m["rel"] or "").casefold() == "next" else 0)
    return _expr(m, DueDate.year(year), relative_word=True)


@rule(
    "en-year-start",
    rf"\b(?:early|the\s+beginning\s+of|the\s+start\s+of|beginning\s+of)\s+(?:(?P<rel>next|this)\s+year|{_p(_EY)})\b",
    re.I,
)
def _en_year_start(m: re.Match[str], frame: Frame) -> Expression | None:
    year = int(m["y"]) if m["y"] else frame.end_on.year + (1 if (m["rel"] or "").casefold() == "next" else 0)
    return _expr(
        m,
        DueDate.quarter(year, 1),
        relative_word=not m["y"],
        note=note(gettext_noop("early in the year: the first quarter")),
    )


@rule(
    "en-year",
    rf"\b(?P<prep>by|in|during|until|till|before|from|since|through|within|after|as\s+from|starting|from\s+the\s+start\s+of"
    rf"|(?:in|over)\s+the\s+course\s+of)\s+(?:the\s+year\s+|calendar\s+year\s+|fiscal\s+year\s+|FY\s*)?{_p(_EY)}(?![\d\-–/])(?!\s*[-–]\s*(?:19|20)?\d\d)",
    re.IGNORECASE,
)
def _en_year(m: re.Match[str], frame: Frame) -> Expression | None:
    role = "since" if m["prep"].casefold() == "since" else ""
    return _expr(m, DueDate.year(int(m["y"])), role=role)


@rule("en-next-year", r"\b(?P<which>next|this|the\s+coming|the\s+following)\s+(?:calendar\s+)?year\b", re.I)
def _en_next_year(m: re.Match[str], frame: Frame) -> Expression | None:
    year = frame.end_on.year + (0 if m["which"].casefold() == "this" else 1)
    return _expr(m, DueDate.year(year), relative_word=True)


@rule(
    "en-next-month",
    r"\b(?:(?P<part>early|mid|late|the\s+end\s+of|end\s+of)\s+)?(?P<which>next|this|the\s+following)\s+month\b|\bEOM\b"
    # "by the end of the month", "by month-end": this month
    r"|\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?month|end-month|month-end)\b(?!\s+(?:of|in)\b)",
    re.I,
)
def _en_next_month(m: re.Match[str], frame: Frame) -> Expression | None:
    base = (frame.said_on or frame.end_on).replace(day=1)
    if m["which"] and m["which"].casefold() != "this":
        base = add_months(base, 1)
    part = " ".join((m["part"] or "end").split()).replace("the end of", "late").replace("end of", "late")
    due, note = _part_of_month(base.year, base.month, part)
    return _expr(m, due, relative_word=True, note=note) if due else None


@rule(
    "en-next-week",
    r"\b(?P<which>next|this|the\s+following)\s+week\b|\bEOW\b|(?<=end\sof\s)the\s+week\b|(?<=end\sof\s)week\b",
    re.I,
)
def _en_next_week(m: re.Match[str], frame: Frame) -> Expression | None:
    base = frame.today
    extra = 0 if (m["which"] or "this").casefold() == "this" else 7
    friday = base - timedelta(days=base.weekday()) + timedelta(days=4 + extra)
    return _expr(
        m, DueDate.day(friday), relative_word=True, note=note(gettext_noop("the Friday of that week"))
    )


@rule(
    "en-weekday",
    r"\b(?:(?P<which>next|nxt|this|the\s+following|coming)\s+)?"
    r"(?P<d>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun))\b\.?"
    r"(?P<after_next>\s+(?:wk|week)\s+after\s+next)?"
    # not "Tues 15 July" (the day-of-month rule's), but "next Tues, 15 min slot" is a weekday
    r"(?!,?\s+(?:[0-3]?\d\b(?!\s*(?:min|mins|minutes?|hrs?|hours?|pax|people|%|[ap]\.?m\b|[.:h]\d\d))|"
    + _MON
    + r"))",
)
def _en_weekday(m: re.Match[str], frame: Frame) -> Expression | None:
    before = m.string[max(0, m.start() - 20) : m.start()].casefold()
    # "Full BTO Monday.": a weekday in full that ends a note's sentence is the day it is due
    ends_a_note = len(m["d"]) > 5 and (
        m.group().endswith(".") or bool(re.match(r"\s*[;!]", m.string[m.end() :]))
    )
    if (
        not m["which"]
        and not m["after_next"]
        and not ends_a_note
        # "nominations close Fri", "abstracts due Wed": a weekday a deadline falls on
        and not re.search(
            r"(?:by|on|before|until|till|cob|eod|close\s+of\s+business|clos(?:e|es|ing)|due|deadline|expir(?:e|es|ing)|->|→|=>)\s*"
            r"(?:(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|h)|noon|midday)\s+)?$",  # "by 3pm Fri"
            before,
        )
        # "Mon morning latest", "Fri at the latest": the day a deadline falls on
        and not re.match(
            r"\s*(?:(?:morning|am|afternoon|pm|evening|night|midday|noon|cob|eod)\s+)?(?:latest|at\s+the\s+latest)\b",
            m.string[m.end() :],
            re.IGNORECASE,
        )
    ):
        return None
    target = _EN_WEEKDAY_ABBR[m["d"].casefold()[:3]]
    base = frame.today
    monday = base - timedelta(days=base.weekday())
    which = (m["which"] or "").casefold()
    if m["after_next"]:  # "fri wk after next": that day of the week after next
        on = monday + timedelta(days=14 + target)
    elif which in {"next", "nxt", "the following"}:
        on = monday + timedelta(days=7 + target)
    elif which == "this":
        on = monday + timedelta(days=target)
    else:
        on = base + timedelta(days=(target - base.weekday()) % 7 or 7)
    return _expr(
        m,
        DueDate.day(on),
        relative_word=True,
        note=note(gettext_noop("weekday counted from {on}"), on=base.isoformat()),
    )


@rule(
    "en-day-of-month",
    r"\b(?P<prep>by|before|until|till|due|on)\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:"
    + _MON
    + r"|century|session|meeting|anniversary|edition|round|time|floor|percentile|day|item|page|paragraph"
    + r"|line|reading|attempt|place|position|year|week|month|quarter|ballot|draft|revision|version))",
)
def _en_day_of_month(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "go to the Sec by the 20th": the next 20th after the day it was said (or the meeting's end)."""
    base = frame.today
    day = int(m["d"])
    for months_ahead in range(3):
        month_start = add_months(base.replace(day=1), months_ahead)
        try:
            on = month_start.replace(day=day)
        except ValueError:
            continue
        if on > base:
            return _expr(
                m,
                DueDate.day(on),
                relative_word=True,
                role="by",
                note=note(gettext_noop("the next {day}th after {on}"), day=day, on=base.isoformat()),
            )
    return None


@rule(
    "en-weekday-day",
    r"\b(?P<w>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun))\b\.?,?\s+"
    r"(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?" + _MON + r")",
)
def _en_weekday_day(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "Mon 16th": the first day numbered 16 that falls on a Monday, from the meeting's first day
    on (a note's date without its month)."""
    target, day = _EN_WEEKDAY_ABBR[m["w"].casefold()[:3]], int(m["d"])
    if not 1 <= day <= 31:
        return None
    on = frame.start_on
    for _ in range(200):
        if on.day == day and on.weekday() == target:
            return _expr(
                m,
                DueDate.day(on),
                year_assumed=True,
                note=note(
                    gettext_noop(
                        "no month is written: the first {weekday} that is day {day} of a month, from the meeting on"
                    ),
                    weekday=m["w"],
                    day=str(day),
                ),
            )
        on += timedelta(days=1)
    return None


# Relative deadlines ------------------------------------------------------------------------------

_CJK_UNITS = {
    "工作天": Unit.WORKING_DAYS,
    "工作日": Unit.WORKING_DAYS,
    "個工作天": Unit.WORKING_DAYS,
    "天": Unit.DAYS,
    "日": Unit.DAYS,
    "週": Unit.WEEKS,
    "周": Unit.WEEKS,
    "星期": Unit.WEEKS,
    "禮拜": Unit.WEEKS,
    "月": Unit.MONTHS,
    "年": None,
}
_CJK_AFTER = r"(?P<anchor>會議結束後|會議閉幕後|閉幕後|會議後|會後|本次會議後|本次會議結束後|會議結束|會議開始後|返國後|回國後|返國|回國|大會後|活動結束後|研討會結束後|工作坊結束後|研討會後|工作坊後)"


_OTHER_EVENT_CJK = re.compile(
    r"(?:收到|收受|接獲|函到|收文|受檢|通知|核定|核准|批准|公告|公布|公佈|發布|發佈|通過|簽署|簽約|完成|發文|函送|寄出|提出|生效|上線|啟用|核發)"
    r"[^，,。；;]{0,8}後\s*(?:應|須|需|將|再|請)?\s*(?:於|在)?\s*$"
    r"|(?:文到|函到|收文|收到本函)(?:之日)?(?:起)?\s*(?:於|在)?\s*$"  # "請…於文到兩週內提供": from its receipt
)
_OTHER_EVENT_EN = re.compile(
    r"^\s+(?:of|after|following|from)\s+(?:the\s+)?(?:receipt|receiving|circulation|publication|issuance|notification|"
    r"adoption|approval|review|date\s+of|entry\s+into\s+force|end\s+of\s+the\s+(?:financial|fiscal|calendar)\s+year|"
    r"(?:financial|fiscal)\s+year|year[-\s]end|request|submission|signature|launch|completion)"
    # "within eight weeks of the CL being issued", "of their receipt"
    r"|^\s+(?:of|after|from)\s+(?:(?:the|its|their|this|that)\s+)?(?:[\w.-]+\s+){0,3}?being\s+"
    r"(?:issued|circulated|received|published|sent|posted|adopted|approved|notified|made\s+available)\b"
    r"|^\s+(?:of|after|from)\s+(?:its|their)\s+(?:receipt|circulation|publication|issuance|adoption)\b",
    re.IGNORECASE,
)


@rule(
    "cjk-relative",
    rf"{_CJK_AFTER}?\s*(?<!為期)(?<!為期\s)(?<!每)(?<!每\s)(?<!第)(?<!月)(?<!月\s)(?P<n>{N}|半)\s*(?:個)?\s*(?P<unit>工作天|工作日|天|日|週|周|星期|禮拜|月|年)"
    r"(?P<suffix>之內|以內|內|之後|後|為限)?",
)
def _cjk_relative(m: re.Match[str], frame: Frame) -> Expression | None:
    unit_word = m["unit"]
    if not m["anchor"] and _OTHER_EVENT_CJK.search(m.string[max(0, m.start() - 14) : m.start()]):
        return _expr(
            m, None, note=note(gettext_noop("counted from an event the report does not date")), role="by"
        )
    if not (m["anchor"] or m["suffix"]):
        return None
    if not m["anchor"] and m["suffix"] in {"後", "之後"}:
        return None  # "10 年後" alone: after ten years, not a deadline
    if unit_word in {"日", "月", "年"} and not m["suffix"]:
        return None  # "20 日" alone is a day of the month; "3 月" a month
    if unit_word == "月" and "個" not in m.group() and not m["anchor"]:
        return None  # "3 月內" is within March, not three months
    amount = 6 if m["n"] == "半" and unit_word == "年" else number(m["n"])
    if m["n"] == "半" and unit_word != "年":
        return None
    if amount is None or amount == 0:
        return None
    unit = _CJK_UNITS[unit_word]
    if unit is None or m["n"] == "半":
        amount, unit = amount * (12 if m["n"] != "半" else 1), Unit.MONTHS
    named = None if m["anchor"] else _CJK_MEETING_END.search(m.string[max(0, m.start() - 20) : m.start()])
    if named:
        # "TEL73 結束後兩週內": counted from the end of the meeting it names.
        key = meeting_key(named["acr"], named["num"])
        if key is not None and key == frame.current:
            return _relative(m, amount, unit, "會議結束後", frame)
        if key in frame.later:
            return _after_later_meeting(m, key, key, amount, unit, frame)
    return _relative(m, amount, unit, m["anchor"] or "", frame)


def _after_later_meeting(
    m: re.Match[str], key: str, name: str, amount: int, unit: Unit, frame: Frame
) -> Expression | None:
    """N units after the last day of a later meeting the report dates ("TEL73 結束後兩週內",
    "10 working days after SC6")."""
    last_on = frame.later[key].last_on
    try:
        due = DueDate.day(shift_date(last_on, amount, unit, calendar=frame.calendar))
    except (DateInputError, ValueError, OverflowError):
        return None
    return _expr(
        m,
        due,
        meeting=key,
        role="by",
        note=note(
            gettext_noop("counted from the end of {meeting}, {on}"), meeting=name, on=last_on.isoformat()
        ),
    )


_CJK_MEETING_END = re.compile(
    r"(?<![A-Za-z])(?P<acr>[A-Z][A-Z&]{1,9})\s*-?\s*(?P<num>\d{1,3})\s*(?:會議)?\s*(?:結束|閉幕)\s*後\s*$"
)


_EN_ANCHOR = (
    r"(?:(?:the\s+)?(?:end|close|conclusion)\s+of\s+(?:the\s+|this\s+)?(?:meeting|session|sess|workshop|conference|forum|plenary)"
    r"|close(?!\s+of)"  # a note's "2wks after close"
    r"|(?:the|this)\s+(?:meeting|session|workshop|conference|forum|plenary)(?:'s\s+(?:end|close))?"
    r"|(?:the\s+)?mtg"  # a note's shorthand: "w/in 10 wd after mtg"
    r"|the\s+(?:adoption|circulation|approval)\s+of\s+(?:this|the)\s+\w+(?:\s+\w+)?|(?:my|our|their)\s+return|returning|return"
    r"|today|the\s+date\s+of\s+(?:this|the)\s+meeting"
    r"|the\s+date\s+of\s+(?:this|my|our|the\s+present)\s+(?:note|letter|message|e-?mail|circular|memo)"
    r"|[A-Z][A-Z&]{1,9}\s*-?\s*\d{1,3}(?!\d))"  # a meeting by name: "after SC6", "following TEL 70"
)


@rule(
    "en-relative",
    rf"\b(?:(?P<within>within|w/in|in|no\s+later\s+than|not\s+later\s+than|at\s+the\s+latest)\s+)?(?:the\s+next\s+)?(?P<n>{_EN_COUNT})[\s-]*(?P<kind>working|business|calendar|clear|wkg|wrkg|wk?g\.)?[\s-]*"
    r"(?P<unit>days?|wds?|weeks?|wks?|months?|mos?|years?|fortnights?)\b"
    rf"(?:\s+(?P<rel>after|of|following|from|since)\s+(?P<anchor>{_EN_ANCHOR}))?",
    re.IGNORECASE,
)
def _en_relative(m: re.Match[str], frame: Frame) -> Expression | None:
    if not (m["within"] or m["anchor"]):
        return None
    if (m["within"] or "").casefold() == "in" and not m["anchor"]:
        before = m.string[max(0, m.start() - 50) : m.start()]
        said_done = re.search(
            r"\b(?:[a-z]+ed|did|was|were|had|made|held|took|went|got|ran|met)\b", before, re.I
        )
        if said_done and not re.search(
            r"\b(?:will|shall|to|should|must|please|pls|need|needs)\b", before, re.I
        ):
            return None  # "we covered a lot of ground in two days": how long it took

    if not m["anchor"] and _OTHER_EVENT_EN.match(m.string[m.end() : m.end() + 50]):
        return _expr(
            m, None, note=note(gettext_noop("counted from an event the report does not date")), role="by"
        )
    after = m.string[m.end() : m.end() + 40].casefold()
    if re.match(r"\s*(?:before|prior\s+to|ahead\s+of|in\s+advance\s+of)\b", after):
        return None  # "two weeks before the next session": the later meeting's rule reads it
    amount = number(m["n"])
    if not amount:
        return None
    unit_word = m["unit"].casefold()
    kind = (m["kind"] or "").casefold()
    if unit_word.startswith("wd"):
        unit = Unit.WORKING_DAYS  # "10 wd": a note's shorthand for working days
    elif unit_word.startswith("w"):
        unit = Unit.WEEKS
    elif unit_word.startswith("f"):
        unit, amount = Unit.WEEKS, amount * 2  # a fortnight
    elif unit_word.startswith("mo"):
        unit = Unit.MONTHS
    elif unit_word.startswith("y"):
        unit, amount = Unit.MONTHS, amount * 12
    elif kind in {"working", "business"} or kind.startswith(("wkg", "wrkg", "wg")):  # "5 wkg days"
        unit = Unit.WORKING_DAYS
    else:
        unit = Unit.DAYS
    anchor = (m["anchor"] or "").casefold()
    if anchor.startswith(("the start", "the beginning")):
        anchor = "start"
    named = re.fullmatch(r"([A-Za-z&]+)\s*-?\s*(\d{1,3})", (m["anchor"] or "").strip())
    if named:
        key = meeting_key(named.group(1), named.group(2))
        if key is None or key != frame.current:
            if key in frame.later:
                return _after_later_meeting(m, key, m["anchor"].strip(), amount, unit, frame)
            return _expr(
                m,
                None,
                role="by",
                note=note(
                    gettext_noop("counted from {meeting}, whose dates the report does not state"),
                    meeting=m["anchor"].strip(),
                ),
            )
        anchor = "meeting"
    return _relative(m, amount, unit, anchor, frame)


@rule("en-next-fortnight", r"\b(?:within|in|over|during)\s+the\s+(?:next|coming)\s+fortnight\b", re.I)
def _en_next_fortnight(m: re.Match[str], frame: Frame) -> Expression | None:
    """ "a kick-off in the next fortnight": two weeks (the count left unsaid is one)."""
    return _relative(m, 2, Unit.WEEKS, "", frame)


def _relative(
    m: re.Match[str], amount: int, unit: Unit, anchor_words: str, frame: Frame
) -> Expression | None:
    """A deadline N units after an anchor: the meeting's last day unless the words name another."""
    note = ""
    words = anchor_words.casefold()
    if "返國" in words or "回國" in words or "return" in words:
        if frame.returned_on is not None:
            anchor, anchor_on = "returned", frame.returned_on
            note = note_(
                gettext_noop("counted from the delegation's return on {on}"), on=frame.returned_on.isoformat()
            )
        else:
            anchor, anchor_on = ANCHOR_MEETING_END, frame.end_on
            note = note_(gettext_noop("counted from the meeting's last day (the return date is not stated)"))
    elif "開始" in words or words == "start":
        anchor, anchor_on = ANCHOR_MEETING_START, frame.start_on
    elif re.search(r"note|letter|message|mail|circular|memo", words) and frame.written_on is not None:
        # "within three weeks of the date of this note": the note's own date.
        anchor, anchor_on = "written", frame.written_on
        note = note_(gettext_noop("counted from the date of the note, {on}"), on=frame.written_on.isoformat())
    elif words or frame.said_on is None:
        anchor, anchor_on = ANCHOR_MEETING_END, frame.end_on
        if not words:
            note = note_(
                gettext_noop("no starting point is written, so counted from the meeting's last day, {on}"),
                on=frame.end_on.isoformat(),
            )
    else:
        anchor, anchor_on = ANCHOR_SESSION, frame.said_on
    calendar = frame.calendar if unit is Unit.WORKING_DAYS else None
    if unit is Unit.WORKING_DAYS and calendar is None:
        return _expr(
            m,
            None,
            note=note_(gettext_noop("working days, but no holiday calendar is known for this meeting")),
        )
    try:
        due = DueDate.day(shift_date(anchor_on, amount, unit, calendar=calendar))
    except (DateInputError, ValueError, OverflowError):
        return None
    rule_ = {"amount": amount, "unit": str(unit), "anchor": anchor, "calendar": calendar}
    if anchor in {"returned", "written"}:
        rule_ = None  # not a date the tracker keeps: the day itself is the deadline
    return _expr(m, due, rule=rule_, note=note, role="by")


# Later meetings ----------------------------------------------------------------------------------

# A meeting named by an acronym and a number (TEL 71, SDC 12, MSC 110, HRDWG 53, COP30, SOM 3).
_ACRONYM_MEETING = (
    r"(?<![A-Za-z0-9/])(?P<acr>[A-Z][A-Z&]{1,9}(?:WG|OWG)?)(?:\s*-?\s*|/)(?P<num>\d{1,3})(?!\d|\.\d|%|/)"
)
_NOT_MEETINGS = frozenset(
    {
        "COB",
        "EOD",
        "EOB",
        "NLT",
        "CST",
        "EST",
        "Q",
        "H",
        "SDG",
        "ISO",
        "IEC",
        "RFC",
        "PDF",
        "COVID",
        "FY",
        "GDP",
        "ID",
        "NO",
        "TTC",
        "IOT",
        "AI",
        "PM",
        "AM",
        "GMT",
        "UTC",
        "CET",
        "KST",
        "ICT",
        "IMT",
        "LTE",
        "WP",
        "WG",
        "AUD",
        "USD",
        "EUR",
        "NTD",
        "TWD",
        "JPY",
        "KRW",
        "CNY",
        "SGD",
        "GBP",
        "CHF",
        "MW",
        "GW",
        "KW",
        "MHZ",
        "GHZ",
        "KM",
        "MB",
        "GB",
        "TB",
        "CO",
        "EN",
        "ITEM",
        "ART",
        "ANNEX",
        "PARA",
        "TABLE",
        "FIGURE",
        "ROC",
        "USB",
        "DDR",
        "ISBN",
        "DOC",
        "REV",
        "ADD",
        "CORR",
        "TEL" + "EPHONE",
        "G",
        "B",
        "C",
        "D",
        "E",
        "F",
        "SG",
        "AP",  # "AP9: Eurostat – …": an action point's number
        "REC",
    }
)
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,  # "one hundred and twelfth"
}
_EN_ORDINAL_NUMBER = (
    r"(?P<ordn>\d{1,3})(?:st|nd|rd|th)|(?P<ordw>(?:(?:one\s+)?hundred(?:\s+and)?[-\s])?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s])?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|"
    r"fiftieth|sixtieth|seventieth|eightieth|ninetieth)|(?:one\s+)?hundredth)"
)
_MEETING_WORD = r"(?:meeting|mtg|lunch|retreat|session|sess|plenary|board\s+meeting|committee\s+meeting|council|assembly|forum|conference|workshop)"
# "the next meeting", "the next plenary session", "the next SG20 meeting", "the next CTI
# meeting", "the next Study Group 20 meeting": the group's own name may stand between.
_NEXT_EN = (
    r"\b(?:(?:the|its|our|their)\s+)?(?:next|nxt|following|upcoming|forthcoming|subsequent)\s+"
    r"(?-i:(?:[A-Z][A-Za-z&]*(?:\s*-?\s*\d{1,3}(?:/\d{1,3})?)?\s+){0,3})"
    # "the next partners' meeting", "the next members' session", "the next Senior Officials' meeting"
    r"(?:(?-i:[A-Za-z][a-z]+(?:s'|'s|s’|’s))\s+)?"
    r"(?:(?:regular|formal|annual|ordinary|plenary|board|committee|council|general|working\s+group"
    rf"|steering\s+committee|SOM|TEL\w*)\s+)*{_MEETING_WORD}s?\b"
)
_NEXT_CJK = (
    r"(?:下次|下一次|下屆|下一屆|次屆|下回|下一回|下期|下一期)\s*"
    # "下次工作小組會議", "下次 DPS 會議", "下屆 APEC 部長會議"
    r"(?:[\u4e00-\u9fff]{0,6}|[A-Za-z][A-Za-z0-9&-]{1,11}\s*[\u4e00-\u9fff]{0,4})?"
    r"(?:會議|大會|例會|會|理事會|委員會|研討會|工作坊)"
)
_ORDINAL_SESSION = (
    rf"\b(?:its|the)\s+(?:{_EN_ORDINAL_NUMBER})\s+(?:regular\s+|ordinary\s+|plenary\s+)?(?:session|meeting)\b"
)
_CJK_NUMBERED = r"第\s*(?P<cjkn>\d{1,3}|[一二三四五六七八九十百]{1,5})\s*(?:次|屆|届)\s*(?:[\u4e00-\u9fffA-Za-z ]{0,10})?(?:會議|大會|會|例會)"


_ORDINAL_INSIDE = re.compile(_ORDINAL_SESSION, re.I)


def ordinal_inside(name: str) -> str | None:
    """ "the Eighth Meeting of the Forum" → "S8": the numbered meeting a longer name holds."""
    m = _ORDINAL_INSIDE.search(name)
    if not m:
        return None
    value = _ordinal_value(m.groupdict())
    return f"S{value}" if value else None


def _ordinal_value(groups: Mapping[str, str | None]) -> int | None:
    if groups.get("ordn"):
        return int(groups["ordn"] or 0)
    words = (groups.get("ordw") or "").casefold().replace("-", " ").split()
    if not words:
        return None
    total = 0
    for word in words:
        total += _TENS.get(word, 0) or _ORDINAL_WORDS.get(word, 0)
    return total or None


_ORDINAL_IN_TITLE = re.compile(
    rf"(?:{_EN_ORDINAL_NUMBER})\s+(?:regular\s+|ordinary\s+)?(?:session|meeting)", re.IGNORECASE
)


def ordinal_session(title: str) -> int | None:
    """'… Working Group, fourth session' → 4."""
    match = _ORDINAL_IN_TITLE.search(title)
    return _ordinal_value(match.groupdict()) if match else None


def meeting_key(acronym: str, num: str) -> str | None:
    """TEL 71 and TELWG 71 name one meeting; SDC 12 is SDC12."""
    acr = acronym.upper().replace("&", "")
    if acr in _NOT_MEETINGS or len(acr) < 2:
        return None
    for suffix in ("OWG", "WG"):
        if acr.endswith(suffix) and len(acr) > len(suffix) + 1:
            acr = acr[: -len(suffix)]
    return f"{acr}{int(num)}"


_ORDINAL_NAME = re.compile(
    rf"\b(?:{_EN_ORDINAL_NUMBER})\s+(?:(?:session|meeting)\s+of\s+the\s+(?-i:(?P<acr>[A-Z][A-Z&]{{1,9}}))\b"
    r"|(?-i:(?P<name>(?:[A-Z][A-Za-z'’]+\s+){0,4}[A-Z][A-Za-z]+)))",
    re.IGNORECASE,
)


def acronym_alias(name: str) -> str | None:
    """ "the Seventy-ninth World Health Assembly" → "WHA79", "the thirty-eighth session of the SCP"
    → "SCP38": the short name a report also writes for a numbered meeting it names in full."""
    m = _ORDINAL_NAME.search(name)
    if not m:
        return None
    value = _ordinal_value(m.groupdict())
    if not value:
        return None
    if m["acr"]:
        return meeting_key(m["acr"], str(value)) if m["acr"].isupper() else None
    words = [w for w in m["name"].split() if w[:1].isupper()]
    if any(w.isupper() and len(w) > 1 for w in words):  # "Fourth DWG Meeting": the acronym is written
        acronym = next(w for w in words if w.isupper() and len(w) > 1)
    else:
        acronym = "".join(w[0] for w in words)
    return meeting_key(acronym, str(value)) if len(acronym) >= 2 else None


_NUMBERED_KEY = re.compile(r"(?P<series>[A-Z#]+?)(?P<num>\d{1,3})")


def numbered(key: str | None) -> tuple[str, int] | None:
    """ "TEL71" → ("TEL", 71), "S20" → ("S", 20): a numbered meeting's series and number."""
    found = _NUMBERED_KEY.fullmatch(key or "")
    return (found["series"], int(found["num"])) if found else None


def not_later_meeting(key: str, current: str | None) -> bool:
    """Is `key` this meeting or an earlier one of its series ("S57" or "S71" in the report of
    "S71", "TEL69" in TEL 70's)? Neither dates a follow-up, whatever the sentence's tense."""
    this, that = numbered(current), numbered(key)
    return bool(this and that and this[0] == that[0] and that[1] <= this[1])


def before_a_dated_one(key: str, frame: Frame) -> bool:
    """Is `key` an earlier meeting of a series whose next one the report dates within the year
    ("the 54th PIFLM in Honiara" where "the 55th PIFLM … from 7 to 11 September 2026")?"""
    that = numbered(key)
    if not that or key in frame.later:
        return False
    horizon = frame.end_on + timedelta(days=400)
    return any(
        (other := numbered(dated))
        and other[0] == that[0]
        and other[1] > that[1]
        and meeting.first_on <= horizon
        for dated, meeting in frame.later.items()
    )


def current_meeting(title: str) -> str | None:
    """The key of the meeting a report is about, from its title: "TEL 70", "89th Session",
    "Working Group IV, seventy-first session"."""
    refs = [r for r in meeting_refs(title) if r.key != NEXT_MEETING]
    # "「第14屆部長會議（MC14）籌備事宜」第3次跨部會會議", "Preparations for MC14: third inter-agency
    # meeting": the meeting the title quotes or prepares for is not the one it is about
    quoted = [(m.start(), m.end()) for m in re.finditer(r'「[^」]*」|“[^”]*”|"[^"]*"', title)]
    about = [
        r
        for r in refs
        if not any(s <= r.start < e for s, e in quoted)
        and not re.match(r"\s*(?:籌備|準備|因應|preparations?\b|prep\b)", title[r.end :], re.I)
        and not re.search(r"\b(?:for|towards?|ahead\s+of)\s+$|籌備\s*$|因應\s*$", title[: r.start], re.I)
    ]
    if len(about) < len(refs):
        return about[0].key if about else None
    if not refs:
        # A title names its session without an article: "…, seventy-first session".
        refs = [
            r
            for r in meeting_refs(re.sub(r"(?i)(^|,\s*)(?=\S+\s+session\b)", r"\1the ", title))
            if r.key != NEXT_MEETING
        ]
    return refs[0].key if refs else None


def names_this_meeting(key: str, title: str) -> bool:
    """Is `key` the report's own meeting under its initials? "EB158" in the report of "WHO
    Executive Board, 158th session" (a decision numbered "EB158(20)" is no later meeting)."""
    that, number_ = numbered(key), ordinal_session(title)
    if that is None or number_ is None or that[1] != number_:
        return False
    initials = "".join(word[0] for word in re.findall(r"\b[A-Z][A-Za-z]*", title))
    return len(that[0]) >= 2 and that[0] in initials


@dataclass(frozen=True)
class MeetingRef:
    start: int
    end: int
    key: str  # NEXT_MEETING, "TEL71", "S49" (the 49th session), "#71" (第 71 次會議)
    text: str


# A meeting named by an acronym alone where a meeting word or attendance says so: "MRT 會議",
# "出席 MRT", "the AMM", "部長年會（AMM）".
_SOLO_MEETING = (
    r"(?:(?<=出席\s)|(?<=出席)|(?<=參加\s)|(?<=參加)|(?<=[(（])|(?<=attend\s)|(?<=the\s))?"
    r"(?<![A-Za-z0-9])(?P<solo>[A-Z]{3,6})(?![A-Za-z0-9])"
    r"(?=\s*(?:[)）]|會議|大會|年會|部長會議|期間|meeting|ministerial|summit|plenary)|(?<=出席\s[A-Z]{3})|(?<=出席[A-Z]{3}))"
    # Meetings everyone names by their acronym alone: "before AGM", "at the AMM".
    r"|(?<![A-Za-z0-9])(?P<known>AGM|EGM|AMM|AELM|MRT|CSOM)(?![A-Za-z0-9])"
    # "Meeting" spelled as its last letter: CTMM, CHOGM, SEOM ("before CTMM", "at CHOGM")
    r"|(?<![A-Za-z0-9/-])(?P<known2>[A-Z]{1,4}(?:MM|OGM|EOM))(?![A-Za-z0-9])"
)
_NOT_SOLO = frozenset(
    {
        "APEC",
        "WTO",
        "OECD",
        "IMO",
        "ITU",
        "FAO",
        "WHO",
        "UNCITRAL",
        "ESCAP",
        "UNESCO",
        "UNDP",
        "ASEAN",
        "ISO",
        "IEC",
        "IEEE",
        "GSMA",
        "ICANN",
        "ISOC",
        "PECC",
        "ABAC",
        "APCERT",
        "GLOBAC",
        "IAF",
        "ILAC",
        "APAC",
        "EU",
        "USA",
        "ICT",
        "SME",
        "SMES",
        "MSME",
        "AI",
        "IOT",
        "GDP",
        "CEO",
        "NGO",
        "FAQ",
        "PDF",
        "ACS",
        "PMU",
        "PSU",
        "CTI",
        "SOM",
        "TEL",
        "EWG",
        "HRDWG",
        "DESG",
        "PPFS",
        "LSPN",
        "OFWG",
        "STSG",
        "DPSG",
        "CISG",
        "NCC",
        "MODA",
        "TTC",
        "TAF",
        "NICS",
        "CBAM",
        "AIDER",
        "MRA",
        "CBPR",
        "PWB",
        "COE",
        "FLW",
        "TBD",
        "TBC",
        "ASAP",
    }
)
_MEETING_REF = re.compile(
    rf"(?P<next>(?i:{_NEXT_EN}))|(?P<nextc>{_NEXT_CJK})|(?P<ord>(?i:{_ORDINAL_SESSION}))|(?P<cjk>{_CJK_NUMBERED})"
    rf"|{_ACRONYM_MEETING}|{_SOLO_MEETING}",
)


# An event named by its own words: "the Small States Trade Week", "the CTMM Ministerial", "寧波大會".
_EVENT_NOUN = (
    r"Week|Summit|Conference|Forum|Ministerial|Workshop|Expo|Fair|Dialogue|Retreat|Symposium|Congress|"
    r"Assembly|Seminar|Roundtable|Round\s+Table|Festival|Lunch|Plenary|Conclave|Roadshow|Hackathon"
    # "the Development Ministers' Meeting", "the Senior Officials Meeting": a meeting named by who meets
    r"|(?:Ministers|Leaders|Officials|Governors|Deputies)[’']?\s+Meeting"
)
_NAMED_EVENT = re.compile(
    rf"(?<![A-Za-z])(?P<name>(?:(?:[A-Z][\w&'’-]*|of|on|and|for|the)\s+){{0,6}}(?:{_EVENT_NOUN}))(?![A-Za-z])"
    # "the OECD Conference Centre", "Assembly Hall": a place, not an event
    r"(?!\s+(?:Centre|Center|Hall|Room|Building|Complex|Hotel|Secretariat|Office))"
    r"|(?P<cname>(?:(?<![A-Za-z\d])(?<!下次)(?<!下屆)(?<!下一次)(?<!下一屆)(?<!次屆)[A-Z]{2,8}\s*[\u4e00-\u9fff]{0,6}"
    r"|(?<![\u4e00-\u9fff\d])(?![次第本該此下上各全這那首]|相關|有關|其他|前述|上述|相同)[\u4e00-\u9fff]{2,8})"
    r"(?:大會|論壇|部長會議|年會|高峰會|博覽會))"
)
_EVENT_WORDS_STOP = re.compile(r"^(?:the|of|on|and|for|a|an|this|that|next|its|our)$", re.IGNORECASE)


def event_key(name: str) -> str | None:
    """'the Small States Trade Week' → 'EV:trade week': the last two words name it."""
    name = name.replace("’", "'")
    words = [w for w in re.split(r"\s+", name.strip()) if w and not _EVENT_WORDS_STOP.match(w)]
    if not words:
        return None
    if re.search(r"[\u4e00-\u9fff]", name):
        # "PPFS 下次大會" and "PPFS 大會" are one meeting; the spaces do not matter
        return "EV:" + re.sub(r"\s+", "", re.sub(r"下次|下屆|本次|本屆", "", name))
    if len(words) == 1 and words[0][0].islower():
        return None
    return "EV:" + " ".join(words[-2:]).casefold()


# A group named in full with its number is the same meeting as its initials: "Study Group 19"
# is SG19, "Working Party 29" is WP29, "Expert Group 4" is EG4.
_SPELLED_GROUP = re.compile(
    r"\b(?P<words>Study\s+Group|Working\s+Party|Working\s+Group|Expert\s+Group|Task\s+Force|Sub-?\s?Committee"
    r"|Steering\s+Committee|Rapporteur\s+Group)\s+(?P<num>\d{1,3})\b(?!\s*/)"
)


# The meetings named by their acronym alone, spelled out: "the Annual General Meeting" is the AGM.
_SPELLED_KNOWN = re.compile(
    r"\b(?P<AGM>Annual\s+General\s+Meeting)|\b(?P<EGM>Extraordinary\s+General\s+Meeting)"
    r"|\b(?P<AMM>APEC\s+Ministerial\s+Meeting|Annual\s+Ministerial\s+Meeting)"
    r"|\b(?P<AELM>(?:APEC\s+)?Economic\s+Leaders'?\s+Meeting)"
    r"|\b(?P<MRT>(?:Meeting\s+of\s+)?Ministers\s+Responsible\s+for\s+Trade)"
    r"|\b(?P<CSOM>Concluding\s+Senior\s+Officials'?\s+Meeting)",
    re.IGNORECASE,
)


def _spelled_groups(text: str) -> list[MeetingRef]:
    out = [
        MeetingRef(m.start(), m.end(), m.lastgroup or "", m.group()) for m in _SPELLED_KNOWN.finditer(text)
    ]
    for m in _SPELLED_GROUP.finditer(text):
        initials = "".join(part[0] for part in re.split(r"[\s-]+", m["words"]) if part).upper()
        # spelled out, "SG" and "WP" (excluded as bare acronyms) are surely groups
        out.append(MeetingRef(m.start(), m.end(), f"{initials}{int(m['num'])}", m.group()))
    return out


_ORDINAL_EVENT = re.compile(
    rf"\b(?:the\s+)?(?:{_EN_ORDINAL_NUMBER})\s+(?-i:(?:[A-Z][\w&'’-]*\s+){{0,4}}(?P<noun>{_EVENT_NOUN}))\b",
    re.IGNORECASE,
)


def ordinal_event_key(text: str) -> str | None:
    """ "the 48th Summit", "the 48th ASEAN Summit" → "EV:48 summit": a numbered event, however
    much of its name is written."""
    m = _ORDINAL_EVENT.search(text)
    value = _ordinal_value(m.groupdict()) if m else None
    return f"EV:{value} {m['noun'].split()[-1].casefold()}" if value else None


_ORDINAL_ACRONYM = re.compile(
    rf"\b(?:the\s+)?(?:{_EN_ORDINAL_NUMBER})\s+(?-i:(?P<acr>[A-Z][A-Z&]{{1,7}}))\s+(?:Meeting|Session|Plenary)\b"
    r"(?!\s+(?:of|in)\s+(?:19|20)\d\d)",  # "the Second PPSTI Meeting of 2024": numbered within its year
    re.IGNORECASE,
)


# "the 55th PIFLM", "the 59th AMM": a meeting's acronym (…M for Meeting) numbered by an ordinal
_ORDINAL_MEETING_ACRONYM = re.compile(
    rf"\b(?:the\s+)?(?:{_EN_ORDINAL_NUMBER})\s+(?-i:(?P<acr>[A-Z][A-Z&]{{1,6}}M))\b"
    r"(?!\s+(?:of|in)\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


def _ordinal_acronym_key(m: re.Match[str]) -> str | None:
    value = _ordinal_value(m.groupdict())
    return meeting_key(m["acr"], str(value)) if value else None


# "COP30/CMP20/CMA7": sessions held together, each its own name (not "2025/SOM3/SCSC/003")
_SESSION_CHAIN = re.compile(r"(?<![A-Za-z0-9/])[A-Z]{2,9}\d{1,3}(?:/[A-Z]{2,9}\d{1,3})+(?![\w/])")


def meeting_refs(text: str) -> list[MeetingRef]:
    """Every later or earlier meeting a sentence names, in reading order."""
    out: list[MeetingRef] = _named_events(text)
    for chain in _SESSION_CHAIN.finditer(text):
        if any(r.start < chain.end() and chain.start() < r.end for r in out):
            continue
        for part in re.finditer(r"([A-Z]{2,9})(\d{1,3})", chain.group()):
            key = meeting_key(part.group(1), part.group(2))
            if key:
                start = chain.start() + part.start()
                out.append(MeetingRef(start, start + len(part.group()), key, part.group()))
    out += [r for r in _spelled_groups(text) if not any(o.start < r.end and r.start < o.end for o in out)]
    for m in _MEETING_REF.finditer(text):
        if m["next"] or m["nextc"]:
            key: str | None = NEXT_MEETING
        elif m["ord"]:
            value = _ordinal_value(m.groupdict())
            key = f"S{value}" if value else None
        elif m["cjk"]:
            value = number(m["cjkn"] or "")
            key = f"#{value}" if value else None
        elif m["known"] or m["known2"]:
            key = m["known"] or m["known2"]
        elif m["solo"]:
            key = m["solo"] if m["solo"] not in _NOT_SOLO else None
            if (
                key
                and text[max(0, m.start() - 1) : m.start()] in "(（"
                and not re.search(
                    r"(?:會議|年會|大會|會|Meeting|Ministerial|Summit|Session)\s*[(（]$",
                    text[max(0, m.start() - 12) : m.start()],
                )
            ):
                key = None  # "Ship Design and Construction (SDC)": an abbreviation, not a meeting
        else:
            if not m["acr"][0].isupper() or not m["acr"].isupper():
                continue
            key = meeting_key(m["acr"], m["num"])
        if key and not any(r.start < m.end() and m.start() < r.end for r in out):
            out.append(MeetingRef(m.start(), m.end(), key, m.group()))
    numbered = [
        # "the Fourth DWG Meeting": the group's acronym and the ordinal are its number
        *((m, _ordinal_acronym_key(m)) for m in _ORDINAL_ACRONYM.finditer(text)),
        *((m, _ordinal_acronym_key(m)) for m in _ORDINAL_MEETING_ACRONYM.finditer(text)),
        # "at the 48th Summit": the numbered event, named short
        *((m, ordinal_event_key(m.group())) for m in _ORDINAL_EVENT.finditer(text)),
    ]
    for m, key in numbered:
        if key and not any(r.start < m.end() and m.start() < r.end for r in out):
            out.append(MeetingRef(m.start(), m.end(), key, m.group()))
    # "the pre-WHA79 briefing", "a post-COP30 workshop": another event, beside the one named
    out = [r for r in out if not re.search(r"\b(?:pre|post)-$", text[max(0, r.start - 5) : r.start], re.I)]
    return sorted(out, key=lambda r: r.start)


# An event the report names by its kind alone: "the workshop", "the follow-up webinar", "研討會".
# It is a later meeting only where the report dates exactly one event of that kind.
GENERIC_EVENT_NOUNS = (
    r"workshop|webinar|seminar|conference|consultation|training|retreat|summit|symposium|study\s+visit|mission"
    r"|dialogue|roundtable|forum"
)
_GENERIC_EVENT = re.compile(
    # "an informal expert consultation, to be held online in mid-January": one the report introduces
    r"\b(?:the|this|that|our|next\s+month's|an?(?=\s+(?:[A-Za-z][\w-]*\s+){0,2}?(?:"
    + GENERIC_EVENT_NOUNS
    + r")\b,?\s+(?:to\s+be|will\s+be|would\s+be)\s+held))\s+(?:[A-Za-z][\w-]*\s+){0,2}?"
    r"(?P<noun>" + GENERIC_EVENT_NOUNS + r")\b"
    # "the conference line (of the budget)", "the workshop report": a thing, not the event
    r"(?!\s+(?:line|budget|report|materials?|fees?|costs?|revenue|paper|papers|series|website|page|room|format|theme))"
    # "the virtual meeting" and the line that dates it, "Fourth meeting (virtual): 17 March 2026"
    r"|\b(?:the|this|that|our)\s+(?P<vnoun>(?:virtual|online)\s+meeting|e-meeting|video\s?conference|teleconference)\b"
    r"|\bmeeting\s*[(（]\s*(?P<mode>virtual|online)\s*[)）]"
    r"|(?P<cnoun>工作坊|研討會|說明會|座談會|培訓課程|研習營|視訊會議|線上會議?|年會)",
    re.IGNORECASE,
)


def generic_events(text: str) -> list[MeetingRef]:
    """ "the follow-up webinar" → EV:~webinar; the reader keeps it only if one such event is dated."""
    return [
        MeetingRef(
            m.start(),
            m.end(),
            "EV:~"
            + (
                "virtual meeting"
                if m["vnoun"] or m["mode"]
                else " ".join((m["noun"] or m["cnoun"]).casefold().split())
            ),
            m.group(),
        )
        for m in _GENERIC_EVENT.finditer(text)
    ]


def _named_events(text: str) -> list[MeetingRef]:
    out = []
    for m in _NAMED_EVENT.finditer(text):
        name = m["name"] or m["cname"]
        if m["name"] and not re.match(
            r"[A-Z]", name.split()[0] if name.split()[0] not in {"the", "of"} else "X"
        ):
            continue
        if m["name"] and sum(1 for w in name.split() if w[:1].isupper()) < 2:
            continue  # "the workshop", "a Forum": not a name
        key = event_key(name)
        if key:
            start = m.start("name" if m["name"] else "cname")
            # "(before the opening) of the Seventy-ninth World Health Assembly": the name starts at "the"
            lead = re.match(r"(?:(?:of|on|and|for)\s+)+", name) if m["name"] else None
            if lead:
                start, name = start + lead.end(), name[lead.end() :]
            out.append(MeetingRef(start, m.end(), key, name))
    return out


# The units a deadline is counted in before a meeting or a deadline (English; count_back reads them).
_COUNTED_UNITS_EN = r"working\s+days?|business\s+days?|calendar\s+days?|days?|weeks?|months?"
_BEFORE_WORDS = r"(?:before|b4|prior\s+to|ahead\s+of|in\s+advance\s+of|preceding)"
# "before the opening of the Seventy-ninth World Health Assembly": the ordinal before a named event
_OPENING = (
    r"(?:the\s+(?:start|opening|beginning)\s+of\s+)?"
    r"(?:(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z]+(?:-[a-z]+)?(?:st|nd|rd|th))\s+)?"
)
_BEFORE_MEETING = re.compile(
    r"(?:(?P<n>" + _EN_COUNT + r"|" + N + r")\s*(?:個)?\s*"
    r"(?P<unit>" + _COUNTED_UNITS_EN + r"|wks?|mos?|mths?|工作天|工作日|天|日|週|周|星期|個月|月)"
    r"\s*" + _BEFORE_WORDS + r"\s+" + _OPENING + r"$)"
    r"|(?P<by>\b(?:" + _BEFORE_WORDS + r"|by|until|for|to|at|for\s+consideration\s+(?:at|by)|in\s+time\s+for"
    # "organize the dialogue in conjunction with SBI 66": held at that meeting
    r"|on\s+the\s+(?:first|opening)\s+(?:day|morning|afternoon|evening)\s+of"
    r"|in\s+conjunction\s+with|on\s+the\s+(?:margins?|sidelines?)\s+of|back[\s-]to[\s-]back\s+with|alongside"
    r"|for\s+discussion\s+at|no\s+later\s+than|not\s+later\s+than)\s+" + _OPENING + r"$)",
    re.IGNORECASE,
)
_BEFORE_MEETING_CJK = re.compile(
    r"^\s*(?P<cjk>(?:召開|舉行|開會|開幕|開始|舉辦)?\s*(?:前|之前|以前))(?:\s*(?P<n>"
    + N
    + r")\s*(?:個)?\s*(?P<unit>工作天|工作日|天|日|週|周|星期|個月|月)(?:前)?)?"
)
# "提下次理監事會追認", "提請下次會議審議": put to the next meeting
# "於 TEL72 分享", not "為利於 TEL72 …分享" (in order to), 由於, 關於, 對於, 至於: no "at"
_AT_MEETING_CJK = re.compile(
    r"(?:(?<![利便由關對基屬等在至])於|(?<![存現實正])在|(?<![甚以])至|到|提交|送交|提報|提請|(?<![前])提|報告|出席|參加)\s*$"
)


def count_back(on: date, amount: int, unit_word: str, calendar: str | None) -> date | None:
    """The day `amount` units (working days, weeks, months or days, in English or Chinese)
    before `on`; None for working days without a holiday calendar."""
    unit_word = unit_word.casefold()
    if "work" in unit_word or "business" in unit_word or "工作" in unit_word:
        if calendar is None:
            return None
        return shift_date(on, -amount, Unit.WORKING_DAYS, calendar=calendar)
    if unit_word.startswith(("w", "週", "周", "星")):
        return on - timedelta(weeks=amount)
    if unit_word.startswith(("mo", "mth", "個月", "月")):
        return add_months(on, -amount)
    return on - timedelta(days=amount)


_THAT_MEETING = re.compile(
    r"\b(?:the|that|this|its|said)\s+(?:session|sess|meeting|mtg|plenary)(?:'s)?(?:\s+opening)?\b(?!\s+(?:was|had|of\s+the\s+(?:board|committee)))"
    r"|(?<=before\s)mtg\b|(?<=b4\s)mtg\b|\bits\s+(?:opening|start|commencement|first\s+day)\b"
    r"|(?<=before\s)the\s+opening\b(?!\s+of\b)|(?<!had\sbefore\s)(?<!has\sbefore\s)(?<!have\sbefore\s)(?<=before\s)it\b|(?<=before\s)then\b"
    r"|(?:該次|該)?會議(?=\s*(?:開始|召開|舉行|開幕)?\s*(?:前|之前|以前))"
    r"|(?P<advance>\bin\s+advance\b(?!\s+of)|\bbeforehand\b)",
    re.IGNORECASE,
)
# "four weeks [in advance]", "5 working days [before that deadline]": a count ending the text
# before a pointer back at a meeting or a deadline; "in advance" without a count dates nothing.
COUNT_BEFORE = re.compile(
    r"(?P<n>" + _EN_COUNT + r"|\d{1,3})\s*"
    r"(?P<unit>" + _COUNTED_UNITS_EN + r")\s*$",
    re.IGNORECASE,
)


PLACE_KEY = "AT:"  # a later meeting by the place it is held in: "AT:Suva"


def _place_refs(text: str, frame: Frame, taken: list[tuple[int, int]]) -> list[MeetingRef]:
    """ "six weeks before we meet in Suva", "two weeks before Suva": the later meeting the report
    dates in that place."""
    out = []
    for key in frame.later:
        if not key.startswith(PLACE_KEY):
            continue
        place = re.escape(key[len(PLACE_KEY) :])
        for m in re.finditer(
            rf"(?:(?:we|they)\s+(?:meet|are)\s+in\s+|the\s+)?(?<![A-Za-z]){place}(?![A-Za-z])(?:\s+(?:meeting|session))?",
            text,
        ):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append(MeetingRef(m.start(), m.end(), key, m.group()))
    return out


def _series_refs(text: str, frame: Frame, taken: list[tuple[int, int]]) -> list[MeetingRef]:
    """ "three weeks before the SOM" where the report dates SOM3 and no other SOM: that meeting."""
    out = []
    for m in re.finditer(r"\bthe\s+(?P<a>[A-Z][A-Z&]{1,9})\b(?!\s*-?\s*\d)(?!\s+[A-Z])(?![’'-])", text):
        before = text[max(0, m.start() - 24) : m.start()]
        timed = re.search(r"\b(?:before|by|at|until|prior\s+to|ahead\s+of|in\s+time\s+for)\s+$", before)
        if not timed or re.search(r"\b\w+(?:ed|en)\s+by\s+$", before):
            continue  # "the SOM Leader", "submitted to the SCP", "signed by the AEM": not a time
        acronym = m["a"]
        numbered_ones = [k for k in frame.later if re.fullmatch(re.escape(acronym) + r"\d{1,3}", k)]
        if acronym in frame.later or len(numbered_ones) != 1:
            continue
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(MeetingRef(m.start(), m.end(), numbered_ones[0], m.group()))
    return out


def later_in_month(month: int, frame: Frame, year: int | None = None) -> str | None:
    """The later meeting the report dates in that month: the next meeting if it is one of them,
    else the only one (by its days); None when there is none or several."""
    found = {
        key: later
        for key, later in frame.later.items()
        if later.first_on.month == month and (year is None or later.first_on.year == year)
    }
    if NEXT_MEETING in found:
        return NEXT_MEETING
    if len({(later.first_on, later.last_on) for later in found.values()}) == 1:
        return next(iter(found))
    return None


MONTH_PATTERN = _MON  # an English month name or abbreviation, for the readers of the report frame
# "the November meeting", "THE JUNE COMMITTEE MEETING", "the June TBT Committee meeting"
_MONTH_MEETING = re.compile(
    rf"\b(?:the|our|its)\s+(?P<m>{_MON})(?:\s+(?P<y>(?:19|20)\d\d))?(?:\s+[A-Za-z][\w-]*){{0,2}}?"
    rf"\s+(?:{MONTH_EVENT_NOUNS})s?\b",
    re.IGNORECASE,
)


def _month_refs(text: str, frame: Frame, taken: list[tuple[int, int]]) -> list[MeetingRef]:
    """ "four weeks before the November meeting": the later meeting the report dates in November."""
    out = []
    for m in _MONTH_MEETING.finditer(text):
        month = _month_number(m["m"])
        key = later_in_month(month, frame, int(m["y"]) if m["y"] else None) if month else None
        if key and not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(MeetingRef(m.start(), m.end(), key, m.group()))
    return out


def anchored(text: str, frame: Frame) -> list[Expression]:
    """Deadlines counted from a later meeting: "before the next session", "2 weeks before SDC 12"."""
    out: list[Expression] = []
    refs = meeting_refs(text)
    if not refs:  # a meeting named outright wins over "the workshop"
        refs = [r for r in generic_events(text) if r.key in frame.later]
    pronouns: set[int] = set()  # "the session", "its opening": the later meeting just named
    recent = frame.recent if frame.recent in frame.later else None
    if recent or NEXT_MEETING in frame.later:
        spans = [(r.start, r.end) for r in refs]
        for m in _THAT_MEETING.finditer(text):
            # "due 3 wks before mtg" in a delegate's notes, no meeting named yet: the next one
            key = recent or (NEXT_MEETING if m.group().casefold() == "mtg" else None)
            if key and not any(s < m.end() and m.start() < e for s, e in spans):
                refs.append(MeetingRef(m.start(), m.end(), key, m.group()))
                pronouns.add(m.start())
        refs.sort(key=lambda r: r.start)
    places = _place_refs(text, frame, [(r.start, r.end) for r in refs])
    places += _month_refs(text, frame, [(r.start, r.end) for r in [*refs, *places]])
    places += _series_refs(text, frame, [(r.start, r.end) for r in [*refs, *places]])
    refs = sorted([*refs, *places], key=lambda r: r.start)
    for ref in refs:
        said_next = re.search(r"\b(?:the\s+)?next\s+$", text[max(0, ref.start - 10) : ref.start], re.I)
        if said_next and ref.key not in frame.later and NEXT_MEETING in frame.later:
            # "by the next AGM": the next meeting, which the report dates
            start = ref.start - len(said_next.group())
            ref = MeetingRef(start, ref.end, NEXT_MEETING, text[start : ref.end])
        if not_later_meeting(ref.key, frame.current) or before_a_dated_one(ref.key, frame):
            continue  # "At its fifty-seventh session, in 2024, …" in the report of the 71st
        year_said = re.match(r"\s*[,(（]\s*(?:in\s+)?((?:19|20)\d\d)\b", text[ref.end :])
        if year_said and int(year_said.group(1)) < frame.start_on.year:
            continue  # "At its fifty-sixth session, in 2023, the Commission agreed …": a session gone by
        before = text[max(0, ref.start - 60) : ref.start]
        after = text[ref.end : ref.end + 24]
        english = _BEFORE_MEETING.search(before)
        if ref.start in pronouns and re.fullmatch(r"in\s+advance|beforehand", ref.text, re.IGNORECASE):
            english = COUNT_BEFORE.search(before)
            if english is None:
                continue
        chinese = _BEFORE_MEETING_CJK.match(after)
        # "提交 2026 年 EWG 71 會議": the year written before the meeting's name.
        chinese_at = (
            _AT_MEETING_CJK.search(re.sub(r"\d{4}\s*年\s*$", "", before)[-4:]) if not english else None
        )
        # "(next mtg)", "(by next meeting)" at the end of an action: due by that meeting.
        bracketed = (
            before.rstrip().endswith(("(", "（"))
            and bool(re.match(r"\s*[)）]\s*[.。;；,，]?\s*$", text[ref.end :]))  # at the end of the action
            and (ref.key == NEXT_MEETING or ref.key in frame.later)
        )
        if not (english or chinese or chinese_at or bracketed):
            continue
        if (
            ref in places
            and ref.key.startswith(PLACE_KEY)
            and not (english and re.search(r"before|prior|ahead", english.group(), re.I))
        ):
            continue  # "the arrangements for Suva": only "before Suva" counts from the meeting there
        if (
            ref.start in pronouns
            and english
            and not english["n"]
            and not re.search(r"before|prior|ahead|advance|by|no\s+later|not\s+later", english.group(), re.I)
        ):
            continue  # "the invitation to the session": not a deadline
        start = ref.start - (len(before) - english.start()) if english else ref.start
        end = ref.end + (chinese.end() if chinese else 0)
        amount, unit_word = None, ""
        if english and english["n"]:
            amount, unit_word = number(english["n"]), english["unit"]
        elif chinese and chinese["n"]:
            amount, unit_word = number(chinese["n"]), chinese["unit"]
        later = frame.later.get(ref.key)
        acronym = re.match(r"EV:([A-Z][A-Z&]{1,9})\s*(?:大會|會議|年會|meeting|plenary)$", ref.key)
        if later is None and acronym:
            later = frame.later.get(acronym.group(1))  # "PPFS 大會": the PPFS meeting the report dates
        phrase = text[start:end]
        due_on = later.first_on if later is not None else None
        if later is not None and amount:
            due_on = count_back(later.first_on, amount, unit_word, frame.calendar)
        if due_on is None:  # an undated meeting, or working days without a calendar
            undated_why = (
                note(
                    gettext_noop("counted from {meeting}, whose dates the report does not state"),
                    meeting=ref.text.strip(),
                )
                if later is None
                else note(gettext_noop("working days, but no holiday calendar is known for this meeting"))
            )
            out.append(Expression(start, end, phrase, None, meeting=ref.key, note=undated_why))
            continue
        said = english.group().casefold() if english else ""
        kind_of = (
            "before"
            if (
                english
                and (
                    english["n"]
                    or "before" in said
                    or "b4" in said
                    or "prior" in said
                    or said.startswith(("by", "no later", "not later", "until", "in time"))
                )
            )
            or chinese
            or bracketed
            else "at"
        )
        said_note = note(
            gettext_noop("{phrase}: {meeting} opens {on} (stated in: {where}…)"),
            phrase=phrase.strip(),
            meeting=ref.text.strip(),
            on=later.first_on.isoformat(),
            where=later.where[:50],
        )
        if not amount and re.search(
            r"\b(?:immediately|just|right|directly)\s+(?:before|prior\s+to)\s*$", before, re.I
        ):
            kind_of = "at"  # "a workshop on 12 April, immediately before the next SG20 meeting": beside it
        out.append(
            Expression(
                start,
                end,
                phrase,
                later.coarse if later.coarse is not None and not amount else DueDate.day(due_on),
                meeting=ref.key,
                note=said_note,
                role="by" if kind_of == "before" else "at",
                ends_on=later.last_on
                if kind_of == "at" and not amount and later.last_on > due_on and later.coarse is None
                else None,
            )
        )
    return out


_VAGUE = re.compile(
    r"\b(?:as\s+soon\s+as\s+(?:possible|practicable|feasible)|ASAP|at\s+(?:the|your|their)\s+earliest\s+convenience|"
    r"without\s+delay)\b|盡速|儘速|儘快|盡快|即刻",
    re.IGNORECASE,
)

# "my message of 14 July", "the decision of 3 March", "dated 12 May": a day told of, gone by.
_LOOKING_BACK = re.compile(
    r"\b(?:message|letter|e-?mail|note|circular|decision|communication|submission|notification)s?\s+(?:of|dated)\s*$"
    r"|\bdated\s*$|\b(?:last|previous|earlier)\s+\w+\s+(?:of|on)\s*$|(?:來函|函|信|郵件|通知)\s*(?:於|日期)?\s*$",
    re.IGNORECASE,
)
_SAME_DATE = re.compile(
    r"\b(?:by|on|before)\s+(?:the\s+same\s+(?:date|day|deadline)|that\s+(?:date|day))\b|同日前|同一日前|同一期限前",
    re.I,
)
# "…at my 1:1 on Tue 17/3, so please have the one-pager to me the day before": counted back from
# the date just given
_BEFORE_IT = re.compile(
    r"(?<![(（])\b(?:the\s+(?P<one>day|week)|(?P<n>two|three|2|3)\s+(?P<unit>days|working\s+days|weeks))\s+before"
    r"(?=\s*(?:[.;,]|$))",
    re.I,
)

# Spans that look like dates but are names or periods: masked before anything is read.
_MASKS = (
    re.compile(r"~~[^~\n]{1,200}~~"),  # struck out in a note: "~~DEWG #2: mid-Jan~~ -> NOW 24-26 Feb"
    re.compile(r"「[^」]{0,80}」|《[^》]{0,80}》|“[^”]{0,80}”|『[^』]{0,80}』"),
    re.compile(r"(?<!\d)(?:19|20)\d\d\s*年?\s*(?:至|到|-|–|—|~|to)\s*(?:19|20)?\d\d(?:\s*年)?(?![\d/.-])"),
    re.compile(r"(?<!\d)1\d\d\s*年?\s*(?:至|到|-|–|~)\s*1\d\d\s*年"),  # 113 至 116 年 (ROC spans)
    re.compile(r"\d{4}\s*年\s*起\s*至"),
    re.compile(
        r"\b(?:Vision|Agenda|Horizon|Strategy|Plan|Roadmap|Framework|Blueprint|Goals?|Targets?|Initiative|Programme|Program|Compact|Declaration|Action\s+Plan)\s+(?:19|20)\d\d\b"
        r"|\b(?:19|20)\d\d\s+(?:Agenda|Vision|Goals?|Targets?|Strategy|Budget|Annual\s+Report|Report|Census|Edition|Survey|Work\s*Plan|Workplan|Action\s+Plan|Programme)\b",
    ),
    re.compile(
        r"\b(?:Rev|Doc|No|Nos|Res|Resolution|Decision|Recommendation|ISO|IEC|RFC|Article|Annex|para|paras)\.?\s*[\d./-]+",
        re.I,
    ),
    re.compile(
        r"\b(?![A-Z]{2,10}/\d{1,2}\b(?!/))[A-Z]{1,10}(?:/[A-Z0-9.]+){1,6}/?\d*(?:/\w+)*"
    ),  # document symbols: G/TBT/W/779, ECE/TRANS/WP.29/2025/12; "GHSP/4" is a meeting
    re.compile(r"https?://\S+|www\.\S+"),
    # "lifeboats on ships constructed before 1 January 2028": which ships a rule applies to, not a date
    re.compile(
        rf"\b(?:constructed|built|delivered|manufactured|keel\s+laid|registered)\s+(?:on\s+or\s+)?(?:before|after)\s+"
        rf"(?:[0-3]?\d{_ORD}\s+{_MON}\s+(?:19|20)\d\d|{_MON}\s+[0-3]?\d{_ORD},?\s+(?:19|20)\d\d)",
        re.IGNORECASE,
    ),
    # "due on 1 January of each year", "每年 3 月底": a standing rule, not one date
    re.compile(
        rf"\b[0-3]?\d{_ORD}\s+(?:of\s+)?{_MON}\s+(?:of\s+)?(?:each|every)\s+year\b"
        rf"|\b{_MON}\s+[0-3]?\d{_ORD}\s+(?:of\s+)?(?:each|every)\s+year\b",
        re.IGNORECASE,
    ),
)


_PRIORITY = (
    "lunar-new-year",
    "cjk-relative",
    "en-relative",
    "en-next-fortnight",
    "cjk-range",
    "en-range",
    "en-month-range",
    "cjk-month-range",
    "cjk-numeric",
    "iso",
    "dmy-range",
    "dmy",
    "md-range",
    "cjk-day",
    "en-day",
    "en-weekday-numeric",
    "md",
    "cjk-month-part",
    "en-month-part",
    "cjk-quarter",
    "en-quarter",
    "cjk-half",
    "en-half",
    "cjk-year-end",
    "en-year-end",
    "cjk-year-start",
    "en-year-start",
    "cjk-month",
    "en-month",
    "cjk-weekday",
    "en-weekday-day",
    "en-day-of-month",
    "en-weekday",
    "cjk-next-month",
    "en-next-month",
    "cjk-next-week",
    "en-next-week",
    "en-next-year",
    "today",
    "cjk-year",
    "en-year",
)
_RULES.sort(key=lambda r: _PRIORITY.index(r.name))


def masked(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(lambda m: "□" * len(m.group()), text)
    return text


_SINCE = re.compile(
    r"(?:自|從|since|as\s+(?:of|from)|from|starting|beginning|effective|起)\s*$", re.IGNORECASE
)
_FROM_AFTER = re.compile(r"^\s*(?:起|開始|以後|之後|起算|onwards?|on)\b|^\s*起", re.IGNORECASE)
_BY_BEFORE = re.compile(
    r"(?:\bby|before|b4|no\s+later\s+than|not\s+later\s+than|\bNLT|until|till|prior\s+to|due|deadline[:\s]*|on\s+or\s+before|至遲於|最遲於?|截止|期限為?|截至)"
    r"(?:\s+(?:COB|EOD|noon|close\s+of\s+business|(?:the\s+)?end\s+of\s+(?:the\s+)?day|(?:the\s+)?(?:end|close)(?:\s+of|\s*-)?)(?:\s+on)?)?\s*$",
    re.I,
)
_BY_AFTER = re.compile(
    r"^\s*(?:前|之前|以前|底前|止|截止|為止|為期限|為最後期限|為截止日|結束前|結束以前|結束之前"
    r"|內?(?:完成|提交|提出|提供|繳交|送交|上傳|送出|寄出|函送))"  # 於今年下半年完成: done within it
)


def expressions(text: str, frame: Frame) -> list[Expression]:
    """Every temporal expression in `text` (normalised), longest first where they overlap."""
    view = masked(text)
    found: list[Expression] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for expression in anchored(view, frame):
        found.append(replace(expression, text=text[expression.start : expression.end]))
        taken.append((expression.start, expression.end))
    for rule_ in _RULES:
        for m in rule_.pattern.finditer(view):
            if not free(m.start(), m.end()) or not m.group().strip():
                continue
            looking_back = bool(_LOOKING_BACK.search(view[max(0, m.start() - 24) : m.start()]))
            try:
                expression = rule_.build(m, replace(frame, looking_back=True) if looking_back else frame)
            except (DateInputError, ValueError, OverflowError, KeyError):
                expression = None
            if expression is None:
                continue
            start, end = _trim(view, expression.start, expression.end)
            found.append(
                replace(
                    expression,
                    start=start,
                    end=end,
                    text=text[start:end],
                    role=expression.role or _role(view, start, end),
                )
            )
            taken.append((start, end))

    def just_given(before: int, *, day: bool = False) -> Expression | None:
        """The last date the text gave before `before` (a single day, or one a day counts back from)."""
        earlier = [
            e
            for e in found
            if e.end <= before
            and e.due is not None
            and (e.due.precision.value == "day" if day else e.ends_on is None)
        ]
        return max(earlier, key=lambda e: e.end) if earlier else None

    for m in _SAME_DATE.finditer(view):
        source = just_given(m.start())
        if source is not None and free(m.start(), m.end()):
            found.append(
                replace(
                    source,
                    start=m.start(),
                    end=m.end(),
                    text=text[m.start() : m.end()],
                    role="by",
                    note=note(gettext_noop("the same date as 「{date}」"), date=source.text),
                )
            )
            taken.append((m.start(), m.end()))
    for m in _BEFORE_IT.finditer(view):
        source = just_given(m.start(), day=True)
        if source is not None and source.due is not None and free(m.start(), m.end()):
            amount = number(m["n"]) if m["n"] else 1
            on = count_back(source.due.on, amount or 0, m["unit"] or m["one"], frame.calendar)
            if on is not None:
                found.append(
                    Expression(
                        m.start(),
                        m.end(),
                        text[m.start() : m.end()],
                        DueDate.day(on),
                        role="by",
                        note=note(
                            gettext_noop("{count} before 「{date}」"), count=m.group(), date=source.text
                        ),
                    )
                )
                taken.append((m.start(), m.end()))
    for m in _VAGUE.finditer(view):
        if free(m.start(), m.end()):
            found.append(
                Expression(
                    m.start(),
                    m.end(),
                    text[m.start() : m.end()],
                    None,
                    vague=True,
                    note=note(gettext_noop("as soon as possible: no date is written")),
                    role="by",
                )
            )
    found.sort(key=lambda e: e.start)
    # "自 2026 年 1 月 1 日起適用": a start still to come is a date to act on, not a state of affairs.
    return [
        replace(e, role="from")
        if e.role == "since"
        and e.after(frame.end_on)
        and e.first_day > frame.end_on
        and not re.search(r"\bsince\s*$", text[max(0, e.start - 8) : e.start], re.IGNORECASE)
        and not re.match(r"since\b", e.text, re.IGNORECASE)
        else e
        for e in found
    ]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,，(（":
        start += 1
    while end > start and text[end - 1] in " ,，":
        end -= 1
    return start, end


def _role(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 24) : start], text[end : end + 6]
    if _BY_AFTER.match(after) or _BY_BEFORE.search(before):
        return "by"
    if _FROM_AFTER.match(after) or _SINCE.search(before):
        if re.search(r"since\s*$|自\s*$|從\s*$", before, re.I):
            return "since"
        return "from"
    return ""
