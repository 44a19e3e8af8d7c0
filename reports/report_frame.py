"""The report's own frame, read before any follow-up: the meeting's dates as the report states
them, the return, the date an e-mail was written, the days of a diary, and every later meeting
whose dates the report gives anywhere (so that "before the next meeting" has a date)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.utils.translation import gettext_noop

from followup_dates.dates import Precision
from reports import decision as rules
from reports.candidates import MeetingContext, SessionContext
from reports.layout import CELLS, ROW, Block, nfkc
from reports.notes import note
from reports.sentences import Span
from reports.temporal import (
    _NOT_SOLO,
    GENERIC_EVENT_NOUNS,
    MONTH_EVENT_NOUNS,
    MONTH_PATTERN,
    NEXT_MEETING,
    PLACE_KEY,
    Frame,
    LaterMeeting,
    acronym_alias,
    expressions,
    generic_events,
    meeting_key,
    meeting_refs,
    names_this_meeting,
    numbered,
    ordinal_event_key,
    ordinal_inside,
    ordinal_session,
)
from reports.text import Normalised

# --- The report's own frame -------------------------------------------------------------------

_OWN_DATES = re.compile(
    r"^\W{0,3}(?:[一二三四五六七八九十]+、)?\s*(?:會議日期|會議時間|開會日期|開會時間|會期|日期|時間)\s*[：:|]"
    r"|^\W{0,3}(?:Dates?|Meeting\s+dates?|Date\s+of\s+(?:the\s+)?meeting|When)\s*[:|]",
    re.IGNORECASE,
)
_NOT_OWN_DATES = re.compile(
    r"報告日期|填表|發文|Report\s+date|Prepared|Sent|next|下次|下屆|出國", re.IGNORECASE
)
_TRIP = re.compile(
    r"出國期間|出國日期|派赴期間|出差期間|行程期間|Travel\s+(?:dates|period)|Mission\s+dates", re.IGNORECASE
)
_LOOKAHEAD_BLOCKS = 60


_WRITTEN = re.compile(
    r"^\W{0,3}(?:Date(?:\s+of\s+(?:this|the)\s+(?:note|letter|message|memo|circular))?|Sent|日期|寄件日期|發文日期|傳送日期|寄件時間)\s*[:：]"
    # a printed web-mail message: "Litia V. <litia@environment.gov.fj> Mon, 21 Jul 2025 at 09:31"
    r"|^[^<>\n]{0,60}<[^<>@\s]+@[^<>\s]+>\s+(?=(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})",
    re.IGNORECASE,
)
_RETURN = re.compile(
    r"(\d{1,2}\s*/\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日號])\s*(?:\(.\)\s*)?(?:搭機|晚班機|班機)?\s*(?:返國|回國|返抵|返台|返臺)"
)


def report_written_on(blocks: Sequence[Block], frame: Frame) -> date | None:
    """An e-mail's or a letter's date, from its header: what its "today" means."""
    for block in blocks[:15]:
        text = Normalised.of(block.text).text
        if _WRITTEN.match(text):
            found = [
                e for e in expressions(text, frame) if e.due is not None and e.due.precision is Precision.DAY
            ]
            if found and 0 <= (found[0].due.on - frame.end_on).days <= 60:
                return found[0].due.on
    return None


def report_returned_on(blocks: Sequence[Block], frame: Frame) -> date | None:
    """ "11/7 返國", "11 月 7 日返抵臺北", an e-mail's "今天中午已返抵桃園": the return, said in passing."""
    for block in blocks:
        text = Normalised.of(block.text).text
        if frame.written_on and re.search(
            r"(?:今天|今日|today)[^。，,；;]{0,12}(?:返國|回國|返抵|返台|返臺|back\s+(?:home|in))", text
        ):
            return frame.written_on
        for m in _RETURN.finditer(text):
            found = [e for e in expressions(m.group(1), frame) if e.due is not None]
            if found and 0 <= (found[0].due.on - frame.end_on).days <= 10:
                return found[0].due.on
    return None


def own_frame(blocks: Sequence[Block], context: MeetingContext) -> tuple[date, date, date | None, list[str]]:
    """The meeting's dates as the report states them near its start, and the delegation's return."""
    base = Frame(context.start_on, context.end_on, prefer_future=False)
    stated: tuple[date, date] | None = None
    returned: date | None = None
    for block in blocks[:_LOOKAHEAD_BLOCKS]:
        text = Normalised.of(block.text).text
        if len(text) > 400:
            continue
        found = [e for e in expressions(text, base) if e.due is not None and e.due.precision is Precision.DAY]
        if not found:
            continue
        first = found[0]
        span = (first.due.on, first.ends_on or first.due.on)
        if _TRIP.search(text):
            returned = returned or span[1]
            continue
        if (
            stated is None
            and _OWN_DATES.search(text)
            and not _NOT_OWN_DATES.search(text)
            and (span[1] - span[0]).days <= 14
        ):
            stated = span
    notes: list[str] = []
    if stated is None:
        return context.start_on, context.end_on, returned, notes
    start, end = stated
    # Only a meeting moved far from the report's own dates (the demo, shifted to this week)
    # is read in the report's frame; a few days' difference is the tracker's to trust.
    if abs((start - context.start_on).days) <= 60:
        return context.start_on, context.end_on, returned, notes
    notes.append(
        note(
            gettext_noop(
                "the report dates its meeting {start} to {end}, the tracker {tracker_start} to "
                "{tracker_end}: dates are read as the report writes them"
            ),
            start=start.isoformat(),
            end=end.isoformat(),
            tracker_start=context.start_on.isoformat(),
            tracker_end=context.end_on.isoformat(),
        )
    )
    if returned is not None and abs((returned - end).days) > 20:
        returned = None
    return start, end, returned, notes


def series_next_key(title: str) -> str | None:
    """'APEC TELWG 70' → 'TEL71': the key the next meeting of the series has."""
    refs = [r for r in meeting_refs(title) if r.key not in {NEXT_MEETING}]
    for ref in refs:
        match = re.match(r"([A-Z]+)(\d+)$", ref.key)
        if match:
            return meeting_key(match.group(1), str(int(match.group(2)) + 1))
    match = re.search(
        r"(\d{1,3})(?:st|nd|rd|th)?\s*(?:session|meeting)|第\s*(\d{1,3})\s*[次屆]", title, re.IGNORECASE
    )
    if match:
        return f"S{int(match.group(1) or match.group(2)) + 1}"
    ordinal = ordinal_session(title)
    return f"S{ordinal + 1}" if ordinal else None


@dataclass
class Sentence:
    block_index: int
    block: Block
    norm: Normalised
    span: Span  # in the block's text
    session: SessionContext | None
    day: date | None = None  # the day a log or diary line was written under ("2026/03/11（三）")
    written: date | None = None  # the day the message of a thread it is in was written


def day_lines(blocks: Sequence[Block], frame: Frame) -> dict[int, date]:
    """The lines that start a day's entries of a chat log or a diary, by block index: two or more
    days around the meeting, and the days the log goes on after them ("2025/06/30（一）" a few
    days after the delegation came home), in order, for a month."""
    around = {index: on for index, block in enumerate(blocks) if (on := day_line(block, frame))}
    days = [on for _index, on in sorted(around.items())]
    if len(around) < 2 or any(later <= earlier for earlier, later in itertools.pairwise(days)):
        # one dated line is a letterhead or a heading, not a log of days; nor are a cover's date
        # and a signature's earlier one ("22 May 2026" … "20 May 2026")
        return {}
    last_index, last_on = max(around.items())
    until = frame.end_on + timedelta(days=31)
    for index in range(last_index + 1, len(blocks)):
        on = day_line(blocks[index], frame, until=until)
        if on is not None and on > last_on:
            around[index] = last_on = on
    return around


# A quoted message's header, "On Thu, 13 Nov 2025 at 18:02, Ronald wrote:"; "Sent: …", "Date: …",
# "寄件日期: …" are the report's own date lines (`_WRITTEN`)
_QUOTED_HEADER = re.compile(r"^\W{0,3}On\s+.{6,120}?\bwrote\s*:", re.IGNORECASE)


def message_days(blocks: Sequence[Block], frame: Frame) -> dict[int, date]:
    """The day each message of an e-mail thread was written, by the block of its header: its
    "this Friday" and "next week" count from that day (an older quoted message's from its own)."""
    days: dict[int, date] = {}
    for index, block in enumerate(blocks):
        text = Normalised.of(block.text).text
        if len(text) > 200 or not (_QUOTED_HEADER.match(text) or _WRITTEN.match(text)):
            continue
        found = [e for e in expressions(text, replace(frame, looking_back=True)) if e.due is not None]
        if found and found[0].due.precision is Precision.DAY:
            on = found[0].due.on
            if frame.start_on - timedelta(days=3) <= on <= frame.end_on + timedelta(days=60):
                days[index] = on
    return days if len(set(days.values())) >= 2 else {}


def day_line(block: Block, frame: Frame, *, until: date | None = None) -> date | None:
    """A short line that starts with a date ("2026/03/11（三）", "4/13（一）HoDs + workshop") starts
    that day's entries in a chat log or a diary. A table row dates itself only: the rows of a trip's
    schedule ("8月7日 | 返程") start no entries. `until`: the last day a log's line may have (by
    default three days after the meeting)."""
    if block.kind in {ROW, CELLS}:
        return None
    text = Normalised.of(block.text).text.strip()
    if len(text) > 40:
        return None
    found = [e for e in expressions(text, replace(frame, looking_back=True)) if e.due is not None]
    if not found or found[0].due.precision is not Precision.DAY or found[0].ends_on is not None:
        return None
    if text[: found[0].start].strip(" ()（）[]【】-–—=*#:：,，"):
        return None
    on = found[0].due.on
    # Only days around the meeting: a letterhead's date is the report's own.
    return (
        on
        if frame.start_on - timedelta(days=3) <= on <= (until or frame.end_on + timedelta(days=3))
        else None
    )


def session_for(path: Sequence[str], context: MeetingContext) -> SessionContext | None:
    for heading in reversed(path):
        key = nfkc(heading).casefold()
        for session in context.sessions:
            if any(nfkc(k).casefold() in key for k in session.keywords if k):
                return session
    return None


_WILL_BE_HELD = re.compile(
    r"將於|預計於|預定於|訂於|定於|將在|即將|擬於|暫定|將舉行|將召開|將舉辦"
    r"|\b(?:(?:will|would|shall|should)\s+be\s+(?:held|convened)|(?:will|would)\s+take\s+place|(?:will|would)\s+meet|(?:will|would)\s+convene"
    r"|is\s+scheduled|are\s+scheduled|decide[sd]?\s+(?:that\s+)?(?:to\s+(?:hold|convene)|its)"
    r"|(?:will|would|shall)\s+hold\s+(?:its|their)|invitation\s+(?:of\s+[\w\s]{1,40}?\s+)?to\s+(?:hold|host)\s+(?:its|their|the)"
    r"|scheduled\s+(?:for|to)|to\s+be\s+(?:held|launched|hosted|convened|organi[sz]ed)|be\s+held\s+(?:from|between)|tentatively|provisionally|next\s+(?:meeting|session)|will\s+be\s+convened)\b",
    re.IGNORECASE,
)
_NEXT_WORDS = re.compile(
    # "next SG1 mtg (plenary): 5-9 Oct 2026", "the next RGM round"
    r"(?:next|nxt)\s+(?:(?-i:[A-Z][A-Z0-9&/-]{1,9})\s+)?(?:board\s+|committee\s+|coordination\s+|steering\s+committee\s+)?"
    r"(?:meeting|session|mtg|lunch|call|retreat|gathering|plenary|round)|下次|下屆|下一次|次屆|下回|下一屆",
    re.IGNORECASE,
)


# "Next lunch: Thursday 5 Feb 2026", "下次會議：115 年 3 月 5 日": a label and the meeting's day.
# "Next meeting:", "NEXT WP2: 8–9 Jun 2026" (a delegate's notes name the group)
_NEXT_LABEL = re.compile(
    r"^\W*(?:" + _NEXT_WORDS.pattern + r"|next\s+(?-i:[A-Z][A-Z0-9&-]{1,9}))\s*(?:date\s*)?[:：]",
    re.IGNORECASE,
)


def next_meeting_section(block: Block) -> bool:
    """ "11. Date of next meeting", "柒、下次會議": a section that is about the next meeting."""
    heading = block.path[-1] if block.path else ""
    return bool(heading) and len(heading) <= 60 and bool(_NEXT_WORDS.search(heading))


# "will be (held) in Suva", "in Colombo, Sri Lanka, from": the place a later meeting is held in.
_HELD_IN = re.compile(
    r"\b(?:be|held|meet|take\s+place)(?:\s+(?:during|at)\s+[A-Z][\w-]*)?\s+in\s+([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)\b"
    r"(?!\s+(?:Centre|Center|Hall|Room))"
)


_MONTH_MEETING_IS = re.compile(
    rf"(?:^\W*|\bthe\s+)(?P<m>{MONTH_PATTERN})\s+(?P<noun>{MONTH_EVENT_NOUNS})"
    r"\s+(?:is|are|will(?:\s+now)?\s+be|=|:)",
    re.IGNORECASE,
)


def _month_in_brackets(after: str, frame: Frame) -> tuple[int, int] | None:
    """ "SBI 66 (June 2027)", "TEL 72（2026 年 8 月）": the month a meeting's name is followed by."""
    bracket = re.match(r"\s*[(（]([^)）]{3,20})[)）]", after)
    if not bracket:
        return None
    found = expressions(bracket.group(1), frame)
    if len(found) != 1 or found[0].due is None or found[0].due.precision is not Precision.MONTH:
        return None
    return found[0].due.on.year, found[0].due.on.month


_BESIDE_A_MEETING = re.compile(
    r"(?:前|後)\s*(?:一|二|兩|三|\d)\s*(?:日|天)\s*[(（]?\s*$|前夕\s*[(（]?\s*$"
    r"|\b(?:the\s+)?(?:day|eve|week)\s+(?:before|after)\s*[(（]?\s*$",
    re.I,
)


_ENTRY_SEPARATOR = re.compile(r"\s*(?:[(（][^)）]{0,30}[)）])?\s*(?:[:：|｜]|\s[–—-]\s)")


def calendar_entry(text: str, refs) -> bool:
    """A line of a calendar of meetings: "- SOM-2 : 4-5 May 2026, Manila", "3月26日至29日｜MC14",
    "13–14 October 2025 Fourth DWG Meeting Stellenbosch": a meeting and its dates, nothing else."""
    if not refs or len(text) > 140:
        return False
    body = re.sub(r"^\W{0,3}", "", text)
    offset = len(text) - len(body)
    first = refs[0]
    if first.start - offset <= 12 and _ENTRY_SEPARATOR.match(text[first.end :]):
        return True
    # a date first, then the meeting: the date column of a table read as text
    found = [e for e in expressions(body[:40], Frame(date.min, date.min)) if e.due is not None]
    return bool(found) and found[0].start == 0 and first.start - offset <= found[0].end + 3


def _same_meeting(text: str, ref, refs, expression) -> list:
    """ "The Third Senior Officials' Meeting (SOM3) … will take place", "the 58th ASEAN Foreign
    Ministers' Meeting (58th AMM) (8–11 July 2025)": a meeting's name and its short name in brackets
    right after it name one meeting, where the dates are said of them (in the same clause)."""
    out = []
    for other in refs:
        first, second = (ref, other) if ref.start < other.start else (other, ref)
        between = (
            text[second.end : expression.start]
            if expression.start >= second.end
            else text[expression.end : first.start]
        )
        about_it = not re.search(r"[,，;；。:：]", between)
        if (
            other is not ref
            and about_it
            and re.fullmatch(
                r"\s*[(（]\s*(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+)?", text[first.end : second.start]
            )
        ):
            out.append(other)
    return out


def _bracketed_with(text: str, ref, expression) -> bool:
    """ "…through the PBAC (PBAC44, 11-12 May 2026)": the date in brackets is the dates of the
    meeting named just before them or inside them, not of the sentence's first meeting."""
    opened = max(text.rfind("(", 0, expression.start), text.rfind("（", 0, expression.start))
    closed = max(text.rfind(")", 0, expression.start), text.rfind("）", 0, expression.start))
    return opened > closed and (ref.start > opened or 0 <= opened - ref.end <= 2)


def _each_with_its_dates(text: str, refs, dated) -> list:
    """ "SEOM 2/57 on 21-24 April 2026 in Clark, and the 58th AEM on 7-11 September 2026 in Manila",
    "dates confirmed: CTI3 12–13 Aug, SOM3 plenary 18–19 Aug": meetings each followed by their own
    dates, paired in order ("COP30/CMP20/CMA7 and SB63: 10-21 November" all on those dates); []
    unless there are two such pairs at least."""
    pairs, pending = [], []
    for _start, is_date, found in sorted(
        [(r.start, False, r) for r in refs] + [(e.start, True, e) for e in dated]
    ):
        if not is_date:
            joined = pending and re.fullmatch(r"\s*(?:/|,|and|&)\s*", text[pending[-1].end : found.start])
            if joined:
                pending.append(found)
            elif not pending or not (found.key.startswith("EV:~") and not pending[-1].key.startswith("EV:~")):
                pending = [found]  # the name just before the dates; a generic "meetings" leaves it
        elif pending:
            pairs += [(ref, found) for ref in pending]
            pending = []
    return pairs if len({id(expression) for _ref, expression in pairs}) >= 2 else []


def _meeting_dated(expression, where: str) -> LaterMeeting:
    """The later meeting an expression dates: its days, or the month (quarter, half-year) it is in."""
    if expression.due.precision is Precision.DAY:
        return LaterMeeting(expression.due.on, expression.ends_on or expression.due.on, where)
    return LaterMeeting(expression.first_day, expression.due.on, where, coarse=expression.due)


def later_meetings(
    items: Sequence[Sentence], frame: Frame, next_key: str | None, title: str = ""
) -> dict[str, LaterMeeting]:
    """Later meetings whose dates the report states, by key; NEXT_MEETING is the next one. The
    report's own meeting (`title`) is never one of them, by whatever name it is called."""
    later: dict[str, LaterMeeting] = {}
    held: list[tuple[date, str]] = []  # (first day, key) of meetings the report says will be held
    # "the 100th session" and "第 100 次會議" are one meeting.
    # "EB159" is also "its 159th session" in a report on EB158.
    next_number = numbered(next_key)
    next_keys = {f"S{next_number[1]}", f"#{next_number[1]}", next_key} if next_number else {next_key}
    named_next = False
    ambiguous: set[str] = set()

    def keep(key: str, meeting: LaterMeeting) -> None:
        """The first dates the report gives a meeting, unless those were its month only."""
        if key not in later or (later[key].coarse is not None and meeting.coarse is None):
            later[key] = meeting

    def also_called(key: str, meeting: LaterMeeting) -> None:
        """A second name for a dated meeting; a name two meetings share names neither."""
        if key in later and not (
            later[key].first_on <= meeting.last_on and meeting.first_on <= later[key].last_on
        ):
            ambiguous.add(key)
        keep(key, meeting)

    unnamed: list[LaterMeeting] = []  # "the first sessional period in 2027 be held from 7 to 17 June 2027"
    month_of: dict[str, tuple[int, int]] = {}  # "SBI 66 (June 2027)": the month a named meeting is in
    for item in items:
        text = item.norm.text
        found = expressions(text, frame)
        due_cell = item.block.cell("due") if item.block.kind == ROW else ""
        if due_cell and not any(e.due is not None for e in found):
            # "13–14 October 2025 | Fourth DWG Meeting | Stellenbosch": a calendar's row dates its meeting
            text = f"{text} : {Normalised.of(due_cell).text}"
            found = expressions(text, frame)
        if rules.cue(rules.HOLIDAY, text):
            continue  # "The Mission will be closed on 27 and 28 November": no meeting held
        named = [r for r in meeting_refs(text) if not names_this_meeting(r.key, title)]
        # "…convene an informal expert consultation, to be held in mid-January 2026, and to report at
        # the next session": the event the date follows, beside a meeting named after it
        refs = sorted(
            [
                *named,
                *[
                    g
                    for g in generic_events(text)
                    if not any(n.start < g.end and g.start < n.end for n in named)
                ],
            ],
            key=lambda r: r.start,
        )
        for ref in refs:
            month = _month_in_brackets(text[ref.end :], frame)
            if month:
                month_of.setdefault(ref.key, month)
        explicit_next = (
            _NEXT_WORDS.search(text)
            or _NEXT_LABEL.search(text)
            or re.search(r"date\s+(?:and\s+venue\s+)?of\s+(?:the\s+)?next", text, re.I)
            or next_meeting_section(item.block)
        )
        named_by_month = _MONTH_MEETING_IS.search(text)
        if named_by_month and not refs:
            # "- Dec plenary is 8-9 Dec (joint session …)": a meeting a delegate names by its month
            days = [
                e
                for e in found
                if e.due is not None and e.due.precision is Precision.DAY and e.due.on > frame.end_on
            ]
            if days:
                key = f"EV:{named_by_month['m'][:3].casefold()} {named_by_month['noun'].casefold()}"
                later.setdefault(
                    key, LaterMeeting(days[0].due.on, days[0].ends_on or days[0].due.on, item.norm.original)
                )
        if not refs and not explicit_next:
            if _WILL_BE_HELD.search(text) and not rules.cue(rules.PAST, text):
                unnamed += [
                    LaterMeeting(e.due.on, e.ends_on, item.norm.original)
                    for e in found
                    if e.due is not None and e.ends_on is not None and e.due.on > frame.end_on
                ]
            continue
        entry = calendar_entry(text, refs)
        dated = [
            e
            for e in found
            if e.due is not None
            and e.meeting is None
            and e.rule is None
            and not e.relative_word
            and (
                e.due.precision is Precision.DAY
                # "- 48th ASEAN Summit : late May 2026", "The 160th session will take place in late
                # January 2027": a meeting dated to its month (a quarter, a half-year) only
                or (
                    (entry or explicit_next or bool(_WILL_BE_HELD.search(text)))
                    and e.due.precision in {Precision.MONTH, Precision.QUARTER, Precision.HALF}
                )
            )
            and e.due.on > frame.end_on
            # a meeting's own dates: a range, or a day it will be held on; never a deadline
            and e.role != "by"
            # 10 月中旬: a deadline's estimate, unless it is when a meeting is set to be held
            # ("下次會議：預定於 114 年 12 月中旬召開")
            and (
                explicit_next
                or entry
                or bool(_WILL_BE_HELD.search(text))  # "a consultation, to be held online in mid-January"
                or not re.search(r"旬|\b(?:early|mid|late)\b", e.text, re.I)
            )
            # "第 53 次會議前一日（115 年 2 月 23 日）", "the day before SOM3 (3 August)": a day beside it
            and not _BESIDE_A_MEETING.search(text[max(0, e.start - 10) : e.start])
            and (
                e.ends_on is not None
                or entry
                or e.due.precision is not Precision.DAY
                # "11 月 18 日（星期二）之閉會期間視訊會議": the day of the meeting it names
                or bool(
                    re.match(
                        r"\s*(?:[(（][^)）]{1,4}[)）])?\s*(?:之|的)[^，,。；;]{0,8}?(?:會議|工作坊|研討會|論壇|年會|會)",
                        text[e.end :],
                    )
                )
                or bool(_WILL_BE_HELD.search(text))
                or bool(_NEXT_LABEL.search(text))
                or next_meeting_section(item.block)
            )
        ]
        if any(e.due.precision is Precision.DAY for e in dated):
            # "the November meeting will now be held from 4 to 6 November": its days, not its month
            dated = [e for e in dated if e.due.precision is Precision.DAY]
        if not dated:
            continue
        will = bool(_WILL_BE_HELD.search(text))
        if not (will or entry or explicit_next) and rules.cue(rules.PAST, text):
            continue  # "已於 3 月 14 日完成 SOM1 …": looking back
        calendar = _each_with_its_dates(text, refs, dated)
        if ("分別" in text or "respectively" in text.casefold()) and len(refs) > 1:
            pairs = list(zip(refs, dated, strict=False))
        elif calendar:
            pairs = calendar
        else:
            leading = [r for r in refs if r.start < dated[0].start] or refs[:1]
            pairs = (
                [
                    (
                        leading[-1]
                        if len(leading) > 1
                        and (leading[-1].key == NEXT_MEETING or _bracketed_with(text, leading[-1], dated[0]))
                        else leading[0],
                        dated[0],
                    )
                ]
                if leading
                else []
            )
        for ref, expression in pairs:
            if expression.due is None:
                continue
            if re.fullmatch(r"[S#]\d+", ref.key) and not (
                will or entry or explicit_next or _bracketed_with(text, ref, expression)
            ):
                continue  # "第 1 次會議" with a date: the report may be looking back (not "its 181st
                # Session (30 November–4 December 2026)", dated in brackets, after the meeting)
            meeting = _meeting_dated(expression, item.norm.original)
            if ref.key.startswith("EV:~"):
                also_called(ref.key, meeting)  # two workshops: "the workshop" names neither
                continue
            keep(ref.key, meeting)
            for other in _same_meeting(text, ref, refs, expression):
                also_called(other.key, meeting)
            # "the Seventy-ninth World Health Assembly will be held…" is also what "WHA79" means
            near = text[max(0, ref.start - 30) : ref.end + 20]
            numbered_event = ordinal_event_key(text[max(0, ref.start - 12) : ref.end])  # "48th ASEAN Summit"
            for alias in {acronym_alias(near), numbered_event} - {None, ref.key}:
                also_called(alias, meeting)
            inside = ordinal_inside(ref.text) if ref.key.startswith("EV:") else None
            if inside and (will or explicit_next):
                # "the Eighth Meeting of the Forum … will be held": also what "the Eighth Meeting" means
                also_called(inside, meeting)
            owner = re.search(r"(?<![A-Za-z])([A-Z][A-Z&]{1,9})\s*(?:的|之)?\s*$", text[: ref.start])
            if ref.key == NEXT_MEETING and owner and owner.group(1) not in _NOT_SOLO:
                # "PPFS 下次大會確定於 2026 年 2 月 24 日…": also what "PPFS 大會" means
                later.setdefault(owner.group(1), meeting)
            for kind in generic_events(text):
                # "Fourth meeting (virtual): 17 March 2026" is also "the virtual meeting"
                if kind.start <= ref.end + 2 and ref.start <= kind.end:
                    also_called(kind.key, meeting)
            # only our own next meeting is named by its place ("before we meet in Suva")
            place = _HELD_IN.search(text) if (ref.key == NEXT_MEETING or ref.key in next_keys) else None
            if place:
                # "Our next meeting will be in Suva from 6 to 8 October": also "before Suva"
                also_called(PLACE_KEY + place.group(1), meeting)
            if ref.key in next_keys and (
                NEXT_MEETING not in later or not named_next or later[NEXT_MEETING].coarse is not None
            ):
                later[NEXT_MEETING] = meeting  # the series' next number is the next meeting
                named_next = True
            if (will or explicit_next) and meeting.coarse is None:
                held.append((expression.due.on, ref.key))
        if explicit_next and NEXT_MEETING not in later and not any(r.key == NEXT_MEETING for r in refs):
            expression = dated[0]
            if expression.due is not None and (not refs or will):
                later[NEXT_MEETING] = _meeting_dated(expression, item.norm.original)
    for key in ambiguous:
        later.pop(key, None)
    # "the fourth Ocean Observation Dialogue (Lisbon, 21–22 April 2027)" is what "the Dialogue"
    # means, where the report dates one dialogue only
    by_noun: dict[str, list[LaterMeeting]] = {}
    for key, meeting in later.items():
        noun = key.rsplit(" ", 1)[-1]
        if key.startswith("EV:") and not key.startswith("EV:~") and re.fullmatch(GENERIC_EVENT_NOUNS, noun):
            by_noun.setdefault(f"EV:~{noun}", []).append(meeting)
    for key, meetings in by_noun.items():
        one = len({(m.first_on, m.last_on) for m in meetings}) == 1
        if key not in later and key not in ambiguous and one:
            later[key] = meetings[0]
    for key, month in month_of.items():
        # "for consideration at SBI 66 (June 2027)" and, elsewhere, "the first sessional period in
        # 2027 be held from 7 to 17 June 2027": the one session the report dates in that month.
        in_month = {
            (u.first_on, u.last_on): u for u in unnamed if (u.first_on.year, u.first_on.month) == month
        }
        if key not in later and len(in_month) == 1:
            later[key] = next(iter(in_month.values()))
    if NEXT_MEETING not in later and next_key and next_key in later:
        later[NEXT_MEETING] = later[next_key]
    if NEXT_MEETING not in later and held:
        # The report does not say which is next: the earliest meeting it says will be held.
        later[NEXT_MEETING] = later[min(held)[1]]
    if next_key and next_key not in later and NEXT_MEETING in later:
        # "Next DESG meeting expected back-to-back with SOM3 in August" in a report on the DESG at
        # SOM1: the next meeting is no SOM2
        beside = [numbered(r.key) for r in meeting_refs(Normalised.of(later[NEXT_MEETING].where).text)]
        if not (next_number and any(b and b[0] == next_number[0] and b != next_number for b in beside)):
            later[next_key] = later[NEXT_MEETING]
    return later
