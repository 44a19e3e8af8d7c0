"""Find follow-ups (deadlines, requests, upcoming events) in a meeting report's text.

Pure and rule-based: no ORM, no settings, no clock. The meeting's dates come in a
`MeetingContext`; dates are read and counted by `tracker.dates`.

How a sentence becomes a candidate, in order (each step is one function below):

1. The text is cut into headed paragraphs (`_blocks`): headings such as 壹、 一、 (一)
   1. (1) A. set the section; a line broken inside a sentence is joined again; tables
   of contents, figure captions and HTML tags are dropped. Paragraphs are cut into
   sentences on 。！？； and, for English, on ". " before a capital.
2. Dates are found (`_find_dates`): ROC and Gregorian years, month ends (4 月底),
   quarters, day ranges (4 月 1 日至 3 日), English dates, and relative deadlines
   (會議結束後 20 個工作日內, within 15 working days after the meeting). Names in
   「」《》 and year spans (2026 年至 2030 年) are titles, not dates. A date counts as a
   follow-up date only if its period starts after the meeting's last day.
3. Cues decide (`_analyse`): a request to every economy with something to hand in
   (請/提醒/呼籲/邀請/歡迎 … 各經濟體 … 提供/提交/上傳, "economies are invited to
   submit") is our task even without a date; a future date needs a cue (將, 預計,
   截止, 舉行, 起適用, by, will …). What an economy says about its own domestic plans
   in a policy-update section is background, not a follow-up, unless it asks the group
   for something or names a TEL meeting.
4. An event with no date of its own that happens at a later meeting whose dates the
   report states elsewhere (TEL 71: 7 月 29 日至 8 月 4 日) gets those dates, and its
   note says where they came from. A request never does ("feedback on the agenda" has
   no deadline just because the roundtable is at TEL 71). Nothing else is guessed: a
   follow-up without a readable date keeps due_date None and a note saying why.

Kinds: a request to every economy (or to us) is `our_task` with responsible = our first
name; an optional opportunity (歡迎…提案) or someone else's promise (主席…預計兩週內提供)
is `external_commitment`; meetings, workshops and rules taking effect are `event`.
Events with a day range use the first day as due_date and the last as ends_on. Month,
quarter and year dates use the period's last day as due_date (4 月底 -> 30 April).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.dates import (
    DateInputError,
    DueDate,
    Precision,
    Unit,
    parse_due_date,
    shift_date,
)

OUR_TASK = "our_task"
EXTERNAL = "external_commitment"
EVENT = "event"

ANCHOR_MEETING_START = "meeting_start"
ANCHOR_MEETING_END = "meeting_end"
ANCHOR_SESSION = "session"


@dataclass(frozen=True)
class SessionContext:
    """One session of the meeting; `keywords` match the report headings that cover it."""

    name: str
    on: date
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingContext:
    start_on: date
    end_on: date
    calendar: str = "KR"  # the host economy's holidays count working days
    our_names: tuple[str, ...] = ("我國", "中華台北", "Chinese Taipei", "我國代表")
    sessions: tuple[SessionContext, ...] = ()


@dataclass(frozen=True)
class Candidate:
    excerpt: str
    title: str
    due_date: date | None
    due_precision: str | None
    rule: dict | None
    responsible: str
    kind: str
    section: str
    confidence: float
    note: str = ""
    ends_on: date | None = None
    session: str | None = None

    def as_json(self) -> dict:
        return {
            "excerpt": self.excerpt,
            "title": self.title,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "due_precision": self.due_precision,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "rule": dict(self.rule) if self.rule is not None else None,
            "responsible": self.responsible,
            "kind": self.kind,
            "section": self.section,
            "session": self.session,
            "confidence": self.confidence,
            "note": self.note,
        }


# --- 1. Headed paragraphs and sentences ---------------------------------------------

_CN_NUM = "一二三四五六七八九十"
_HEADING_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+、")),
    (1, re.compile(rf"^[{_CN_NUM}]+、")),
    (2, re.compile(rf"^\(\s*[{_CN_NUM}]+\s*\)")),
    (3, re.compile(r"^\d{1,2}\s*[.、](?!\d)")),
    (4, re.compile(r"^\(\s*\d{1,2}\s*\)")),
    (5, re.compile(r"^[A-Z]\s*[.、]\s")),
)
_SECTION_FROM_LEVEL = 2  # "(十) 後續工作項目確認" and below name the section
_MAX_HEADING = 50
_TOC_LINE = re.compile(r"(?:\t\s*\d{1,3}|\.{3,}\s*\d{1,3}|…+\s*\d{1,3})\s*$")
_CAPTION = re.compile(r"^(?:圖|表|Figure|Table)\s*\d+\s*[:：]|^資料來源\s*[:：]|^\(左")
_TAG = re.compile(r"<[^>]{1,200}>")
_BULLET = re.compile(r"^(?:[-•·●▪■◆*]\s*|[A-Z]\s*[.、]\s+)")
_LIST_MARKER = re.compile(
    rf"^\s*(?:[-•·●▪■◆*]\s*|\(\s*\d{{1,2}}\s*\)\s*|\(\s*[{_CN_NUM}]+\s*\)\s*"
    r"|\d{1,2}\s*\.\s+(?!\d{1,2}\s*[月日])|[A-Z]\s*[.、]\s+)"
)
_TERMINAL = "。！？!?；;:："
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_EN_SENTENCE_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bInc)(?<!\bCo)(?<!\bLtd)"
    r"(?<!\bNo)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<=\.)\s+(?=[A-Z(\"“])"
)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _heading_level(line: str) -> int | None:
    norm = _nfkc(line)
    for level, pattern in _HEADING_LEVELS:
        match = pattern.match(norm)
        if match is None:
            continue
        rest = norm[match.end() :].strip()
        short = len(rest) <= _MAX_HEADING or (len(rest) <= 2 * _MAX_HEADING and "，" not in rest)
        if rest and short and not rest.endswith(("。", ".")):
            return level
        return None
    return None


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii():
        return f"{left} {right}"
    return left + right


@dataclass
class _Block:
    path: tuple[tuple[int, str], ...]
    text: str


def _blocks(text: str) -> Iterator[_Block]:
    """Paragraphs with the heading path above each; sentences broken by line ends are rejoined."""
    path: list[tuple[int, str]] = []
    buffer = ""
    joinable = False  # the buffer is running prose that a line break may have cut
    heading_open = False  # a heading broken over two lines continues on the next one
    for raw_line in text.splitlines():
        if _TOC_LINE.search(raw_line):
            continue
        cells = _TAG.sub("\n", raw_line).replace("\t", "\n").split("\n")
        in_table = len([c for c in cells if c.strip()]) > 1
        for raw in cells:
            line = " ".join(raw.split())
            if not line or _CAPTION.match(_nfkc(line)):
                continue
            level = _heading_level(line)
            if level is not None:
                if buffer:
                    yield _Block(tuple(path), buffer)
                    buffer, joinable = "", False
                path = [(lv, h) for lv, h in path if lv < level]
                path.append((level, line))
                heading_open = line[-1] not in _TERMINAL
                continue
            if heading_open and not buffer and len(line) <= 6 and line[-1] not in _TERMINAL:
                level, heading = path[-1]
                path[-1] = (level, _join(heading, line))
                heading_open = False
                continue
            heading_open = False
            if joinable and buffer and buffer[-1] not in _TERMINAL and not _BULLET.match(line):
                buffer = _join(buffer, line)
            else:
                if buffer:
                    yield _Block(tuple(path), buffer)
                buffer = line
            # Table cells, short lines and form fields ("報告日期：…") are not wrapped prose.
            joinable = not in_table and len(buffer) >= _WRAPPED_LINE and not _FORM_FIELD.match(buffer)
    if buffer:
        yield _Block(tuple(path), buffer)


_WRAPPED_LINE = 20
_FORM_FIELD = re.compile(r"^[^，,。：:]{1,8}[：:]")


def _sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    for part in _SENTENCE_END.split(paragraph):
        out.extend(_EN_SENTENCE_END.split(part))
    return [s.strip() for s in out if s.strip()]


def _strip_marker(sentence: str) -> str:
    match = _LIST_MARKER.match(sentence)
    return sentence[match.end() :].strip() if match else sentence


def _section_name(path: Sequence[tuple[int, str]]) -> str:
    if not path:
        return ""
    from_level = [h for lv, h in path if lv >= _SECTION_FROM_LEVEL]
    if any(lv == _SECTION_FROM_LEVEL for lv, _ in path):
        return " › ".join(from_level)
    return path[-1][1]


# --- 2. Dates ------------------------------------------------------------------------

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}


def _number(token: str) -> int | None:
    token = token.strip().casefold()
    if token.isdigit():
        return int(token)
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    if token and all(ch in _CN_DIGITS or ch == "十" for ch in token):
        if "十" not in token:
            return _CN_DIGITS[token] if len(token) == 1 else None
        tens, _, ones = token.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0))
    return None


_Y = r"(?:民國\s*|西元\s*)?(?P<{name}>\d{{2,4}})\s*年"
_MON_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TO = r"\s*(?:至|到|~|–|—|-|to|until|through)\s*"

# Spans that look like dates but are names or periods: masked before dates are read.
_MASKS = (
    re.compile(r"「[^」]{0,80}」|《[^》]{0,80}》|“[^”]{0,80}”"),
    re.compile(r"\d{4}\s*年?\s*(?:至|到|-|–|~)\s*\d{4}\s*年?"),  # 2026 年至 2030 年, 2023-2027
    re.compile(r"\d{4}\s*年\s*起\s*至"),  # 2022 年起至 2030 年
)

_CJK_RANGE = re.compile(
    r"(?:"
    + _Y.format(name="y1")
    + r")?\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日號]?"
    + _TO
    + r"(?:"
    + _Y.format(name="y2")
    + r"\s*)?(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*[日號]"
)
_CJK_DAY = re.compile(r"(?:" + _Y.format(name="y") + r")?\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日號]")
_CJK_QUARTER = re.compile(_Y.format(name="y") + r"\s*第?\s*(?P<q>[1-4一二三四])\s*季(?P<end>底)?")
_CJK_HALF = re.compile(_Y.format(name="y") + r"\s*(?P<half>上|下)半年")
_CJK_MONTH = re.compile(
    r"(?:" + _Y.format(name="y") + r")?\s*(?<![\d.])(?P<m>\d{1,2})\s*月\s*(?P<end>底|初|中|份)?(?!\s*\d)"
)
_CJK_TEN_DAYS = re.compile(
    r"(?:" + _Y.format(name="y") + r")?\s*(?<![\d.])(?P<m>\d{1,2})\s*月\s*(?:上|中|下)旬"
)
_CJK_YEAR = re.compile(r"(?:民國\s*|西元\s*)?(?<!\d)(?P<y>\d{2,4})\s*年(?P<end>底|度)?(?!\s*\d)")
_EN_RANGE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?P<mon1>{_MON_EN})?{_TO}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"\s+(?P<mon2>{_MON_EN})\s*,?\s*(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_EN_DAY = re.compile(
    rf"(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_EN})\s*,?\s*(?P<y>\d{{4}})?"
    rf"|(?P<mon_b>{_MON_EN})\s+(?P<b>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y_b>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_EN_MONTH = re.compile(
    rf"(?P<end>(?:the\s+)?end\s+of\s+)?(?P<mon>{_MON_EN})\s+(?P<y>\d{{4}})"
    r"|(?P<q>Q[1-4])\s*(?P<qy>\d{4})",
    re.IGNORECASE,
)

_REL_CJK = re.compile(
    r"(?P<anchor>會議結束後|會議閉幕後|閉幕後|會議後|會後|本次會議後|會議開始後)?\s*"
    r"(?<!為期)(?<!每)(?P<n>\d{1,3}|[一二兩三四五六七八九十]{1,3})\s*(?:個)?\s*"
    r"(?P<unit>工作天|工作日|個?星期|個?禮拜|週|周|天|日)"
    r"(?P<suffix>之內|以內|內|之後|後)?"
)
_REL_EN = re.compile(
    r"within\s+(?P<n>\d{1,3}|[a-z]+)\s+(?P<kind>working\s+|business\s+|calendar\s+)?"
    r"(?P<unit>days?|weeks?)"
    r"(?:\s+(?:after|of|following|from)\s+(?P<anchor>the\s+(?:end|close)\s+of\s+(?:the\s+)?"
    r"(?:meeting|session)|the\s+meeting|this\s+meeting|the\s+session))?"
    r"|(?P<n2>\d{1,3}|[a-z]+)\s+(?P<kind2>working\s+|business\s+|calendar\s+)?"
    r"(?P<unit2>days?|weeks?)\s+after\s+(?P<anchor2>the\s+(?:end|close)\s+of\s+(?:the\s+)?"
    r"meeting|the\s+meeting|this\s+meeting)",
    re.IGNORECASE,
)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    due: DueDate | None
    ends_on: date | None = None
    rule: dict | None = None
    year_assumed: bool = False
    note: str = ""

    @property
    def first_day(self) -> date | None:
        return self.due.first_day if self.due else None


def _masked(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(lambda m: "□" * len(m.group()), text)
    return text


def _cjk_date(year: str | None, month: str, day: str | None, reference: date) -> DueDate:
    phrase = f"{year}年{month}月" if year else f"{month}月"
    phrase += f"{day}日" if day else ""
    return parse_due_date(phrase, reference=reference)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _find_dates(norm: str, context: MeetingContext, session_on: date | None) -> list[_Mention]:
    """Every date phrase in one sentence (already NFKC-normalised), in reading order."""
    text = _masked(norm)
    ref = context.start_on
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], due: DueDate | None, **extra: object) -> None:
        found.append(_Mention(match.start(), match.end(), norm[match.start() : match.end()], due, **extra))  # type: ignore[arg-type]
        taken.append((match.start(), match.end()))

    def safely(build: Callable[[], DueDate]) -> DueDate | None:
        try:
            return build()
        except (DateInputError, ValueError):
            return None

    for m in _CJK_RANGE.finditer(text):
        start = safely(lambda m=m: _cjk_date(m["y1"], m["m1"], m["d1"], ref))
        if start is None:
            continue
        end_month = m["m2"] or m["m1"]
        end_year = m["y2"] or m["y1"]
        end = safely(lambda m=m, y=end_year, mo=end_month: _cjk_date(y, mo, m["d2"], ref))
        if end is None or end.on < start.on:
            continue
        add(m, start, ends_on=end.on, year_assumed=m["y1"] is None)
    for m in _EN_RANGE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        mon1 = m["mon1"] or m["mon2"]
        start = safely(lambda m=m, mon1=mon1: parse_due_date(f"{m['d1']} {mon1} {m['y']}"))
        end = safely(lambda m=m: parse_due_date(f"{m['d2']} {m['mon2']} {m['y']}"))
        if start and end and end.on >= start.on:
            add(m, start, ends_on=end.on)
    for m in _CJK_DAY.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            due = safely(lambda m=m: _cjk_date(m["y"], m["m"], m["d"], ref))
            if due:
                add(m, due, year_assumed=m["y"] is None)
    for m in _CJK_QUARTER.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            due = safely(lambda m=m: parse_due_date(f"{m['y']}年第{m['q']}季", reference=ref))
            if due:
                add(m, due)
    for m in _CJK_HALF.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            # No half-year precision: keep the mention (so it is not read as a whole year)
            # with no due date; the note says so.
            add(m, None, note=f"「{m.group().strip()}」 is a half-year, which has no precision here")
    for m in _CJK_TEN_DAYS.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            add(m, None, note=f"「{m.group().strip()}」 is part of a month, which has no precision here")
    for m in _CJK_MONTH.finditer(text):
        if _overlaps(taken, m.start(), m.end()) or (m["end"] in {"初", "中"}):
            continue
        suffix = "底" if m["end"] == "底" else ""
        year = f"{m['y']}年" if m["y"] else ""
        due = safely(lambda m=m, y=year, s=suffix: parse_due_date(f"{y}{m['m']}月{s}", reference=ref))
        if due:
            add(m, due, year_assumed=m["y"] is None)
    for m in _CJK_YEAR.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            due = safely(lambda m=m: parse_due_date(f"{m['y']}年"))
            if due:
                add(m, due)
    for m in _EN_DAY.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        if m["iso"]:
            phrase, year = m["iso"], m["iso"][:4]
        elif m["a"]:
            phrase, year = f"{m['a']} {m['mon']} {m['y'] or ''}".strip(), m["y"]
        else:
            phrase, year = f"{m['b']} {m['mon_b']} {m['y_b']}", m["y_b"]
        due = safely(lambda p=phrase: parse_due_date(p, reference=ref))
        if due:
            add(m, due, year_assumed=year is None)
    for m in _EN_MONTH.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        phrase = f"{m['mon']} {m['y']}" if m["mon"] else f"{m['q']} {m['qy']}"
        due = safely(lambda p=phrase: parse_due_date(p))
        if due:
            add(m, due)
    for m in _REL_CJK.finditer(text):
        if _overlaps(taken, m.start("n"), m.end()) or not (m["anchor"] or m["suffix"]):
            continue
        if m["unit"] == "日" and not m["suffix"]:
            continue  # "20 日" alone is a day of the month
        amount = _number(m["n"])
        if amount is None:
            continue
        unit_word = m["unit"]
        if unit_word in {"工作天", "工作日"}:
            unit = Unit.WORKING_DAYS
        elif unit_word in {"天", "日"}:
            unit = Unit.DAYS
        else:
            unit = Unit.WEEKS
        anchor = ANCHOR_MEETING_END if m["anchor"] else None
        found.append(_relative(m, norm, amount, unit, anchor, context, session_on))
        taken.append((m.start(), m.end()))
    for m in _REL_EN.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        amount = _number(m["n"] or m["n2"] or "")
        if amount is None:
            continue
        kind = (m["kind"] or m["kind2"] or "").strip().casefold()
        unit_word = (m["unit"] or m["unit2"]).casefold()
        if unit_word.startswith("week"):
            unit = Unit.WEEKS
        elif kind in {"working", "business"}:
            unit = Unit.WORKING_DAYS
        else:
            unit = Unit.DAYS
        anchor = ANCHOR_MEETING_END if (m["anchor"] or m["anchor2"]) else None
        if anchor and "session" in (m["anchor"] or ""):
            anchor = None  # "after the session": the session's own day, if we know it
        found.append(_relative(m, norm, amount, unit, anchor, context, session_on))
        taken.append((m.start(), m.end()))
    found.sort(key=lambda mention: mention.start)
    return found


def _relative(
    match: re.Match[str],
    norm: str,
    amount: int,
    unit: Unit,
    anchor: str | None,
    context: MeetingContext,
    session_on: date | None,
) -> _Mention:
    note = ""
    if anchor is None and session_on is not None:
        anchor, anchor_on = ANCHOR_SESSION, session_on
    elif anchor is None:
        anchor, anchor_on = ANCHOR_MEETING_END, context.end_on
        note = f"no starting point is written; assumed the meeting's last day, {context.end_on.isoformat()}"
    elif anchor == ANCHOR_MEETING_START:
        anchor_on = context.start_on
    else:
        anchor_on = context.end_on
    calendar = context.calendar if unit is Unit.WORKING_DAYS else None
    rule: dict = {"amount": amount, "unit": str(unit), "anchor": anchor, "calendar": calendar}
    due = DueDate.day(shift_date(anchor_on, amount, unit, calendar=calendar))
    text = norm[match.start() : match.end()].strip()
    return _Mention(match.start(), match.end(), text, due, rule=rule, note=note)


# --- 3. Cues, parties and the decision ----------------------------------------------------

_ALL_ECONOMIES = (
    "各會員經濟體",
    "所有會員經濟體",
    "所有經濟體",
    "各經濟體",
    "會員經濟體",
    "其他經濟體",
    "與會經濟體",
    "與會者",
    "各主管機關",
    "主管機關",
    "講者",
    "各國",
    "all member economies",
    "delegates",
    "member economies",
    "all economies",
    "economies",
    "delegations",
    "participants",
    "speakers",
    "members",
)
_PARTIES = (
    "APEC 秘書處",
    "APEC秘書處",
    "大會秘書",
    "秘書處",
    "共同主席",
    "聯合主席",
    "主席",
    "召集人",
    "巴布亞紐幾內亞",
    "中國大陸",
    "馬來西亞",
    "新加坡",
    "菲律賓",
    "紐西蘭",
    "墨西哥",
    "俄羅斯",
    "加拿大",
    "澳洲",
    "汶萊",
    "智利",
    "中國",
    "香港",
    "印尼",
    "日本",
    "韓國",
    "秘魯",
    "泰國",
    "美國",
    "越南",
    "歐盟",
    "設備製造商",
    "製造商",
    "GLOBAC",
    "IAF",
    "ILAC",
    "APAC",
    "ABAC",
    "ISOC",
    "ICANN",
    "APCERT",
    "PECC",
    "ITU",
    "OECD",
    "the Secretariat",
    "Secretariat",
    "the Chair",
    "Chair",
    "Convenor",
    "the EU",
    "Australia",
    "Brunei",
    "Canada",
    "Chile",
    "China",
    "Hong Kong",
    "Indonesia",
    "Japan",
    "Korea",
    "Malaysia",
    "Mexico",
    "New Zealand",
    "Papua New Guinea",
    "Peru",
    "Philippines",
    "Russia",
    "Singapore",
    "Thailand",
    "United States",
    "Viet Nam",
    "Vietnam",
)
_LATIN_DELEGATE = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z&]+(?: [A-Z][A-Za-z&.]+){0,3})\s*代表")
_SPEECH = re.compile(
    r"^\s*(?:代表|主席|召集人)?\s*(?:本次|首先|亦|也|則|並|隨後|最後|再|於會中)?\s*"
    r"(?:說明|指出|表示|報告|分享|提醒|強調|介紹|預告|提議|呼籲|邀請|回應|提出|詢問|建議|宣布|感謝|簡報|更新"
    r"|said|noted|reported|stated|informed|reminded|announced|presented)"
)
# An actor right after these is an object or a recipient, not the one who acts.
_PREPOSITION = re.compile(
    r"(?:根據|依據|依照|向|(?<!針)對|(?<!參)與|給|供|和|及|就|在|(?<!將)於|提交|提供|送交|寄送|交"
    r"|from|to|with|by)\s*$"
)
_AND = re.compile(r"^\s*(?:與|及|和|、|and)\s*")

_REQUEST_BEFORE = re.compile(
    r"(?:請|提醒|呼籲|邀請|要求|敦促|歡迎|鼓勵|建議)[^，,。；;]{0,12}$"
    r"|\b(?:invite[sd]?|request(?:s|ed)?|ask(?:s|ed)?|remind(?:s|ed)?|urge[sd]?"
    r"|encourage[sd]?|welcome[sd]?|please)\s+(?:all\s+|the\s+)?$",
    re.IGNORECASE,
)
_REQUEST_AFTER = re.compile(
    r"^\s*(?:代表|代表團)?\s*(?:應|須|必須|需|務必)|^\s+(?:should|must|shall|are\s+to|need\s+to)\b"
    r"|^[^.;]{0,30}?\b(?:are|were|is|be)\s+(?:(?:kindly|also|again)\s+)?(?:invited|requested|asked"
    r"|reminded|urged|encouraged|welcome)\s+to\b",
    re.IGNORECASE,
)
_OPTIONAL = re.compile(r"歡迎|鼓勵|亦可|可透過|\b(?:encourage[sd]?|welcome[sd]?|may)\b", re.IGNORECASE)
_OPPORTUNITY = re.compile(r"提案|申請|參與|贊助|\b(?:propos|appl[yi]|co-?spons|participat)", re.IGNORECASE)
_INPUT = re.compile(
    r"提供|提交|上傳|回饋|繳交|寄送|回覆|回傳|填寫|報名|確認出席|意見|看法|建議|追蹤|留意|更新為"
    r"|\b(?:submit|provide|upload|send|share|comment|feedback|views|inputs?|nominat|confirm|reply|return|register)",
    re.IGNORECASE,
)
_UPLOAD = re.compile(r"上傳|\bupload", re.IGNORECASE)
_DELIVER = re.compile(
    r"提供|提交|完成|彙整|收集|提出|發布|公布|公告|發送|寄送|分送"
    r"|\b(?:circulate|submit|provide|complete|compile|publish|deliver|send|share|revise)",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"將|預計|預定|預期|擬|計劃|計畫於|規劃於|即將|屆時|暫定|未來|下次|下屆|目標於"
    r"|\b(?:will|shall|expected|plans?\s+to|scheduled|to\s+be\s+held|is\s+due|upcoming)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"截止|期限|最後|之前|以前|前完成|前提交|前提供|底前|內完成|\d\s*日前|月前"
    r"|\b(?:by|no\s+later\s+than|deadline|due|before)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"舉辦|舉行|召開|辦理|參訪|工作坊|研討會|會議|適用|生效|施行|實施|上路|營運|終止|退場|遵守"
    r"|\b(?:meeting|workshop|seminar|forum|conference|visit|held|hold|take\s+place|appl(?:y|ies)"
    r"|enters?\s+into\s+force|effective)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"已(?:於|經|向|完成|發布|提交|上傳|通過)|曾(?:於)?|\b(?:was|were|had\s+been)\b")
_REFERS_BACK = re.compile(r"期限內|前述|上述期限|屆時|by\s+then|by\s+that\s+date", re.IGNORECASE)
_TENTATIVE = re.compile(r"暫定|tentative", re.IGNORECASE)
_BACKGROUND_SECTION = re.compile(
    r"政策與監管更新|各經濟體更新報告|經濟體報告|賓客組織報告|觀察員與嘉賓發言|研討會議"
    r"|policy\s+(?:and\s+regulatory\s+)?updates?|economy\s+reports?",
    re.IGNORECASE,
)
# An economy speaking of its own plans ("日本表示，該國預計…"): background, like an update.
_DOMESTIC = re.compile(r"該國|其國內|國內|\b(?:domestic(?:ally)?|nationwide|its\s+own)\b", re.IGNORECASE)
_PROJECT_SECTION = re.compile(r"計畫提案|新計畫|計畫執行|計畫更新|project", re.IGNORECASE)
_MEETING_NAME = re.compile(
    r"(?<![A-Za-z])TEL(?:WG|OWG)?\s*(?P<n>\d{2,3})(?!\d)|第\s*(?P<n2>\d{2,3})\s*次\s*APEC\s*TEL"
    r"|TEL\s*第\s*(?P<n3>\d{2,3})\s*次|(?<![A-Za-z])TELMIN\s*(?P<min>\d{1,2})(?!\d)|(?<![A-Za-z])DMM(?![A-Za-z])"
)


def _meeting_key(match: re.Match[str]) -> str:
    number = match["n"] or match["n2"] or match["n3"]
    if number:
        return f"TEL {int(number)}"
    if match["min"]:
        return f"TELMIN {int(match['min'])}"
    return "DMM"


@dataclass(frozen=True)
class _Named:
    start_on: date
    ends_on: date
    where: str


@functools.lru_cache(maxsize=16)
def _actor_pattern(our_names: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[str]]:
    """One alternation over every party name, longest first; and the 'every economy' names."""
    names = sorted({*our_names, *_PARTIES, *_ALL_ECONOMIES}, key=len, reverse=True)
    pieces = [
        rf"(?<![A-Za-z])(?i:{re.escape(n)})(?![A-Za-z])" if n.isascii() else re.escape(n) for n in names
    ]
    everyone = frozenset(n.casefold() for n in _ALL_ECONOMIES)
    return re.compile("|".join(pieces)), everyone


def _actors_in(norm: str, our_names: tuple[str, ...]) -> tuple[tuple[int, int, str, bool, bool], ...]:
    pattern, everyone = _actor_pattern(our_names)
    spans = [
        (m.start(), m.end(), m.group(), m.group().casefold() in everyone) for m in pattern.finditer(norm)
    ]
    for m in _LATIN_DELEGATE.finditer(norm):
        if not _overlaps([(s, e) for s, e, _, _ in spans], m.start(1), m.end(1)):
            spans.append((m.start(1), m.end(1), m.group(1), False))
    spans.sort()
    return tuple(
        (start, end, name, bool(_SPEECH.match(norm[end : end + 12])), is_everyone)
        for start, end, name, is_everyone in spans
    )


def _actors(norm: str, context: MeetingContext) -> tuple[tuple[int, int, str, bool, bool], ...]:
    """(start, end, name as written, is_speaker, is_everyone) in reading order, no overlaps."""
    return _actors_in(norm, context.our_names)


def _responsible(
    norm: str, context: MeetingContext, fallback: str, focus: int | None = None
) -> tuple[str, bool]:
    """The party who acts, as written, and whether it is one of our own names."""
    every = [a for a in _actors(norm, context) if not a[4]]
    actors = [a for a in every if not _PREPOSITION.search(norm[max(0, a[0] - 4) : a[0]])]
    # The first party that is not just reporting; else the last speaker before the date
    # ("澳洲則分享…，韓國也簡報…將於 TEL71 舉行"); else the paragraph's party.
    speakers_before = [a for a in actors if focus is not None and a[0] < focus]
    chosen = next((a for a in actors if not a[3]), None) or (
        speakers_before[-1] if speakers_before else next(iter(actors), None)
    )
    if chosen is None:
        return fallback, fallback in context.our_names
    start, end, name, _, _ = chosen
    # "IAF 與 ILAC": two parties named together act together.
    for other in every:
        if other[0] >= end:
            if not _AND.fullmatch(norm[end : other[0]]):
                break
            name, end = norm[start : other[1]], other[1]
    return name, name in context.our_names


def _addressee(norm: str, context: MeetingContext) -> tuple[str, str, int] | None:
    """The 'every economy' phrase a request is addressed to, as written, and what it is asked.

    What is asked runs from the addressee to the next party named (',美國針對…' starts
    someone else's clause).
    """
    actors = _actors(norm, context)
    for index, (start, end, name, _, everyone) in enumerate(actors):
        if not everyone:
            continue
        before = norm[max(0, start - 16) : start]
        following = [a for a in actors[index + 1 :] if not a[4]]
        scope = norm[end : following[0][0]] if following else norm[end:]
        if _REQUEST_BEFORE.search(before) or _REQUEST_AFTER.search(scope) or _UPLOAD.search(scope):
            return name, scope, start
    return None


_COMMITMENT = re.compile(
    r"(?:將|預計|預定|擬|will|shall|(?:is|are)\s+expected\s+to)\s*[^，,。；;]{0,24}?"
    r"(?:提供|提交|完成|彙整|提出|發布|公布|公告|發送|寄送|分送"
    r"|circulate|submit|provide|complete|compile|publish|deliver|send|share|revise)",
    re.IGNORECASE,
)


# --- Titles ---------------------------------------------------------------------------

_TITLE_HEAD = re.compile(
    r"^(?:其中|此外|另外|另|並且|並|且|亦|而|最後|首先|接續|同時|會議中也|會議最後|即|惟)\s*[，,]?\s*"
)
_TITLE_SPEAKER = re.compile(
    r"^.{0,40}?(?:表示|說明|指出|提醒|呼籲|邀請|歡迎|鼓勵|預告|提議|強調|宣布|請)"
    r"(?:各會員經濟體|所有經濟體|各經濟體|會員經濟體|其他經濟體|與會者|各主管機關)?\s*"
)
_TITLE_GLUE = re.compile(r"(?:預計|預定|將會|將|擬|規劃|計劃|目標)?\s*(?:於|在|自|從)?\s*$")
_TITLE_AFTER = re.compile(r"^\s*(?:起|前|之前|以前|內|之內|以內|後|期間|為止)?\s*")
_FORM_TITLE = re.compile(
    r"為\s*(?P<obj>[^，,；;]+?)\s*[，,]?\s*(?:最後)?(?P<verb>上傳|提交|繳交|提供|回覆)"
    r"(?P<obj2>[^，,；;]*?)(?:期限|截止日期?|日期)"
)
_DEADLINE_OF = re.compile(r"(?P<obj>[^，,；;]+?)\s*截止日期?\s*為")
_EN_TITLE = re.compile(
    r"(?:invited|requested|asked|reminded|urged|encouraged|welcome[d]?)\s+to\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_MAX_TITLE = 60


def _smart_join(*parts: str) -> str:
    """Join title pieces, with a space where Latin letters or digits meet anything else."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        latin_edge = (out[-1:].isascii() and out[-1:].isalnum()) or (part[0].isascii() and part[0].isalnum())
        out = f"{out} {part}" if out and latin_edge else out + part
    return out


def _trim(text: str) -> str:
    text = text.strip(" ，,;；。.:：、")
    if len(text) > _MAX_TITLE:
        text = text[: _MAX_TITLE - 1].rstrip() + "…"
    return text


_SPEAKER_ONLY = re.compile(r"(?:表示|說明|指出|強調|宣布|認為)$")
_CLAUSE_SPAN = re.compile(r"[^，,：:；;。]+")
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_HIDDEN = "\u0000"


def _title(norm: str, focus: int | None, mentions: Sequence[_Mention], actor: str = "") -> str:
    """A short summary built from the clause around `focus` (the date or the request).

    `actor`, when given, leads a title that would otherwise be too bare ("主席提供修正版").
    """
    form = _FORM_TITLE.search(norm)
    if form:
        return _trim(_smart_join(form["verb"], form["obj"], form["obj2"]))
    if norm.isascii():
        return _english_title(norm, mentions)
    deadline_of = _DEADLINE_OF.search(norm)
    if deadline_of:
        obj = _TITLE_SPEAKER.sub("", _TITLE_HEAD.sub("", deadline_of["obj"])).strip()
        return _trim(f"{obj}截止")
    # Glosses in brackets are hidden (same length, so positions still hold) and dropped.
    hidden = norm
    for _ in range(2):
        hidden = _PARENTHETICAL.sub(lambda m: _HIDDEN * len(m.group()), hidden)
    clauses = [(m.start(), m.end()) for m in _CLAUSE_SPAN.finditer(hidden) if m.group().strip(_HIDDEN + " ")]
    if not clauses:
        return _trim(norm)
    index = None
    if focus is not None:
        index = next((i for i, (s, e) in enumerate(clauses) if s <= focus < e), None)
    if index is None:
        index = next(
            (
                i
                for i, (s, e) in enumerate(clauses)
                if _INPUT.search(norm[s:e]) or _DELIVER.search(norm[s:e]) or _EVENT.search(norm[s:e])
            ),
            len(clauses) - 1,
        )

    def clean(i: int) -> str:
        start, end = clauses[i]
        text = hidden[start:end]
        for mention in sorted(mentions, key=lambda m: -m.start):
            if start <= mention.start and mention.end <= end:
                cut_from, cut_to = mention.start - start, mention.end - start
                before = _TITLE_GLUE.sub("", text[:cut_from])
                after = _TITLE_AFTER.sub("", text[cut_to:])
                text = _smart_join(before, after)
        text = " ".join(text.replace(_HIDDEN, " ").split())
        text = _TITLE_HEAD.sub("", text)
        if _SPEAKER_ONLY.search(text):
            return ""  # "中國表示": only who spoke
        text = _TITLE_SPEAKER.sub("", text) or text
        text = re.sub(r"^(?:是否可|如|可|並|且|亦|故|即)\s*", "", text)
        text = re.sub(r"^(?:預計|預定|將會|將|擬|規劃|計劃)\s*", "", text).strip()
        return re.sub(r"^(?:宣布|表示|說明|指出)$", "", text)

    core = clean(index)
    if not core and index + 1 < len(clauses):
        core = clean(index + 1)  # "116 年 12 月 11 日起，設備製造商即必須遵守…"
    elif len(core) < 4 and index > 0:
        core = _smart_join(clean(index - 1), core)
    if actor and len(core) < 8 and actor not in core:
        core = _smart_join(actor, core)
    return _trim(core)


def _english_title(norm: str, mentions: Sequence[_Mention]) -> str:
    text = norm
    for mention in sorted(mentions, key=lambda m: -m.start):
        before = re.sub(
            r"\b(?:by|on|from|before|until|no\s+later\s+than)\s*$",
            "",
            text[: mention.start],
            flags=re.IGNORECASE,
        )
        text = before.rstrip() + " " + text[mention.end :].lstrip()
    match = _EN_TITLE.search(text)
    core = match["rest"] if match else text
    core = re.sub(r"\s+", " ", core).strip(" ,.;")
    return _trim(core[:1].upper() + core[1:])


# --- The decision ------------------------------------------------------------------------


@dataclass
class _Sentence:
    excerpt: str
    norm: str
    path: tuple[tuple[int, str], ...]
    paragraph_actor: str
    inherited_request: str | None = None  # the addressee carried over from the previous clause
    session: SessionContext | None = None


def _session_for(path: Sequence[tuple[int, str]], context: MeetingContext) -> SessionContext | None:
    for _, heading in reversed(path):
        norm_heading = _nfkc(heading).casefold()
        for session in context.sessions:
            if any(_nfkc(k).casefold() in norm_heading for k in session.keywords):
                return session
    return None


def _party_heading(heading: str, context: MeetingContext) -> bool:
    """'(1) 澳洲', 'B. 中國', '4. Google (亞太區業界代表)': a party reporting on itself."""
    body = _LIST_MARKER.sub("", _nfkc(heading)).strip()
    for name in (*context.our_names, *_PARTIES, "Google", "網際網路協會", "亞太區電腦事件協調組織"):
        if body.startswith(name) and (
            len(body) <= len(name) + 30 or body[len(name) :].lstrip().startswith((":", "："))
        ):
            return True
    return False


def _background(path: Sequence[tuple[int, str]], context: MeetingContext) -> bool:
    headings = [h for _, h in path]
    if any(_PROJECT_SECTION.search(_nfkc(h)) for h in headings):
        return False
    if any(_BACKGROUND_SECTION.search(_nfkc(h)) for h in headings):
        return True
    return bool(headings) and _party_heading(headings[-1], context)


def _analyse(
    sentence: _Sentence, context: MeetingContext, named: dict[str, _Named]
) -> tuple[Candidate | None, str | None]:
    """Decide on one sentence; also return the addressee a following clause may inherit."""
    norm = sentence.norm
    session = sentence.session
    mentions = _find_dates(norm, context, session.on if session else None)
    future = [m for m in mentions if m.first_day and m.first_day > context.end_on]
    unresolved = [m for m in mentions if m.due is None]
    found = _addressee(norm, context)
    if found is not None:
        request_to, scope, focus_at = found
    elif sentence.inherited_request:
        request_to, scope, focus_at = sentence.inherited_request, norm, 0
    else:
        request_to, scope, focus_at = None, "", None
    optional = bool(_OPTIONAL.search(norm))
    past_only = bool(_PAST.search(norm)) and not _FUTURE.search(norm)
    cue = bool(
        _FUTURE.search(norm)
        or _DEADLINE.search(norm)
        or _EVENT.search(norm)
        or _DELIVER.search(norm)
        or request_to
    )
    meeting_refs = [
        (m.start(), _meeting_key(m))
        for m in _MEETING_NAME.finditer(norm)
        if _meeting_key(m) in named and named[_meeting_key(m)].start_on > context.end_on
    ]
    background = _background(sentence.path, context) or bool(_DOMESTIC.search(norm))
    notes: list[str] = []

    our_task = bool(request_to and _INPUT.search(scope) and not past_only)
    our_task = our_task and not _only_opportunity(norm)
    opportunity = bool(request_to and optional and _OPPORTUNITY.search(scope))
    commitment = bool(_COMMITMENT.search(norm)) and not past_only

    primary: _Mention | None = None
    absolute = [m for m in future if m.rule is None]
    relative = [m for m in future if m.rule is not None]
    if absolute:
        primary = absolute[0]
        for other in relative:
            if other.due and other.due != primary.due:
                notes.append(
                    f"the sentence also says 「{other.text}」 ({other.due.on.isoformat()} by "
                    f"that rule); the written date is used"
                )
    elif relative:
        primary = relative[0]

    anchored: tuple[str, _Named] | None = None
    # A later meeting's dates place an event, never a request: "feedback before TEL 71" has
    # no date of its own.
    if primary is None and meeting_refs and not (our_task or opportunity):
        key = meeting_refs[0][1]
        anchored = (key, named[key])

    if past_only:
        return None, request_to
    if primary is None and anchored is None:
        if not (our_task or opportunity or (commitment and not background)):
            return None, request_to
    elif not cue or (background and not request_to and not meeting_refs):
        return None, request_to

    # Kind and who acts.
    if our_task:
        kind = OUR_TASK
        responsible = context.our_names[0]
        if request_to not in context.our_names:
            notes.append(f"addressed to {request_to}; our delegation is one of them")
        if found is None:
            notes.append("the request is carried over from the clause before")
        if optional:
            notes.append("optional: an invitation, not an obligation")
    elif opportunity and not commitment:
        kind, responsible = EXTERNAL, request_to or ""
        notes.append("optional: an opportunity any economy may take")
    else:
        where = primary.start if primary is not None else (meeting_refs[0][0] if meeting_refs else None)
        responsible, ours = _responsible(norm, context, sentence.paragraph_actor, where)
        if anchored is not None:
            kind = EVENT
        elif commitment:
            kind = EXTERNAL
        elif _EVENT.search(norm):
            kind = EVENT
        else:
            kind = EXTERNAL
        if ours:
            kind = OUR_TASK

    # The date.
    due_date: date | None = None
    precision: str | None = None
    ends_on: date | None = None
    rule: dict | None = None
    confidence = 0.5
    if primary is not None and primary.due is not None:
        due_date, precision, ends_on = primary.due.on, str(primary.due.precision), primary.ends_on
        if ends_on is not None:
            notes.append(
                f"runs {primary.due.on.isoformat()} to {ends_on.isoformat()}; due_date is the first day"
            )
        if primary.rule is not None:
            rule = dict(primary.rule)
            if rule["anchor"] == ANCHOR_SESSION and session is not None:
                rule["session"] = session.name
                notes.append(f"counted from the session on {session.on.isoformat()} ({session.name})")
            elif rule["anchor"] == ANCHOR_MEETING_END and not primary.note:
                notes.append(f"counted from the meeting's last day, {context.end_on.isoformat()}")
            if rule["calendar"]:
                notes.append(f"working days on the {rule['calendar']} holiday calendar")
            confidence = 0.75 if primary.note or rule["anchor"] == ANCHOR_SESSION else 0.85
        else:
            confidence = 0.9 if precision == str(Precision.DAY) else 0.8
        if primary.note:
            notes.append(primary.note)
        if primary.year_assumed:
            notes.append(f"no year written; taken from the meeting ({context.start_on.year})")
        if precision != str(Precision.DAY):
            notes.append(f"{precision} precision: due_date is the period's last day")
        if re.search(r"(?<!\d)(\d{2,3})\s*年", primary.text) and not re.search(r"\d{4}\s*年", primary.text):
            notes.append("ROC year converted (民國 + 1911)")
        others = [m for m in future if m is not primary and m.rule is None and m.due]
        if others:
            listed = ", ".join(f"{m.text.strip()} ({m.due.on.isoformat()})" for m in others if m.due)
            notes.append(f"also mentions {listed}")
    elif anchored is not None:
        key, when = anchored
        due_date, precision, ends_on = when.start_on, str(Precision.DAY), when.ends_on
        notes.append(
            f"at {key}, which the report dates {when.start_on.isoformat()} to "
            f"{when.ends_on.isoformat()} (in: {when.where[:40]}…); due_date is its first day"
        )
        confidence = 0.6
        notes.extend(m.note for m in unresolved if m.note)
    else:
        if unresolved:
            notes.append(unresolved[0].note or f"「{unresolved[0].text}」 could not be read")
        elif _REFERS_BACK.search(norm):
            notes.append("refers to the deadline(s) in the sentence before; no date of its own")
        else:
            notes.append("no date is written for this")
        if meeting_refs and meeting_refs[0][1] in named:
            key = meeting_refs[0][1]
            when = named[key]
            notes.append(
                f"{key} is {when.start_on.isoformat()} to {when.ends_on.isoformat()}, "
                f"so it is needed before then"
            )
        confidence = 0.5
    if _TENTATIVE.search(norm):
        notes.append("tentative (暫定) in the report")
        confidence -= 0.1
    if optional:
        confidence -= 0.05
    if not responsible:
        responsible = sentence.paragraph_actor

    if primary is not None:
        focus = primary.start
    elif (kind == OUR_TASK or opportunity) and focus_at is not None:
        asked = _INPUT.search(norm, focus_at) or _OPPORTUNITY.search(norm, focus_at)
        focus = asked.start() if asked else focus_at
    elif anchored is not None:
        focus = meeting_refs[0][0]
    else:
        focus = None
    candidate = Candidate(
        excerpt=sentence.excerpt,
        title=_title(norm, focus, mentions, responsible if kind != OUR_TASK else ""),
        due_date=due_date,
        due_precision=precision,
        rule=rule,
        responsible=responsible,
        kind=kind,
        section=_section_name(sentence.path),
        confidence=round(max(0.1, min(confidence, 0.95)), 2),
        note="; ".join(dict.fromkeys(notes)),
        ends_on=ends_on,
        session=session.name if session else None,
    )
    return candidate, request_to


def _only_opportunity(norm: str) -> bool:
    """'歡迎各經濟體提案': the only thing asked is to propose or join, which nobody must do."""
    opportunity = _OPPORTUNITY.search(norm)
    if not opportunity or not _OPTIONAL.search(norm):
        return False
    without = _OPPORTUNITY.sub("", norm)
    return not re.search(
        r"上傳|回饋|意見|看法|\b(?:upload|feedback|comment|views)", without, re.IGNORECASE
    ) or bool(_DEADLINE_OF.search(norm))


def _named_meetings(sentences: Sequence[_Sentence], context: MeetingContext) -> dict[str, _Named]:
    """Later meetings whose dates the report states: 'TEL 71 次大會將於 7 月 29 日至 8 月 4 日'."""
    named: dict[str, _Named] = {}
    for sentence in sentences:
        names = [(m.start(), _meeting_key(m)) for m in _MEETING_NAME.finditer(sentence.norm)]
        if not names:
            continue
        ranges = [
            m
            for m in _find_dates(sentence.norm, context, None)
            if m.ends_on is not None and m.due is not None and m.due.on > context.end_on
        ]
        if not ranges:
            continue
        if "分別" in sentence.norm or "respectively" in sentence.norm:
            pairs = list(zip(names, ranges, strict=False))
        else:
            before = [n for n in names if n[0] < ranges[0].start]
            pairs = [(before[0], ranges[0])] if before else []
        for (_, key), mention in pairs:
            if key not in named and mention.due is not None and mention.ends_on is not None:
                named[key] = _Named(mention.due.on, mention.ends_on, sentence.excerpt)
    return named


def _split_sentences(text: str, context: MeetingContext) -> list[_Sentence]:
    out: list[_Sentence] = []
    for block in _blocks(text):
        block_norm = _nfkc(block.text)
        paragraph_actor = ""
        if block.path and _party_heading(block.path[-1][1], context):
            heading_actors = [a for a in _actors(_nfkc(block.path[-1][1]), context) if not a[4]]
            paragraph_actor = heading_actors[0][2] if heading_actors else ""
        if not paragraph_actor:
            actors = [a for a in _actors(block_norm, context) if not a[4]]
            paragraph_actor = actors[0][2] if actors else ""
        session = _session_for(block.path, context)
        for raw in _sentences(block.text):
            excerpt = _strip_marker(raw)
            if len(excerpt) < 4:
                continue
            out.append(_Sentence(excerpt, _nfkc(excerpt), block.path, paragraph_actor, session=session))
    return out


def extract_candidates(
    text: str,
    context: MeetingContext,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Candidate]:
    """Every follow-up candidate in a report, in reading order; one per sentence at most."""
    sentences = _split_sentences(text, context)
    named = _named_meetings(sentences, context)
    candidates: list[Candidate] = []
    carried: str | None = None
    previous_path: tuple[tuple[int, str], ...] | None = None
    total = len(sentences)
    for index, sentence in enumerate(sentences, start=1):
        if sentence.path != previous_path:
            carried = None
        # Only a clause cut at ；/; inherits its sentence's addressee.
        sentence.inherited_request = carried
        candidate, addressee = _analyse(sentence, context, named)
        carried = addressee if sentence.excerpt.endswith(("；", ";")) else None
        previous_path = sentence.path
        if candidate is not None:
            candidates.append(candidate)
        if progress is not None:
            progress(index, total)
    return candidates
