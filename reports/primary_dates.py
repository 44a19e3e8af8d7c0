"""Which date(s) a clause is about, among those it holds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from django.utils.translation import gettext_noop

from reports.notes import note
from reports.temporal import (
    Expression,
    Frame,
    later_in_month,
)

_MEETING_NOUN = re.compile(
    r"會議|大會|例會|年會|論壇|工作坊|研討會|\b(?:meeting|mtg|session|plenary|forum|conference|summit|workshop|roundtable)\b",
    re.I,
)


def meeting_month(primary: Expression, clause_text: str, later_ref: str | None, frame: Frame) -> Expression:
    """ "2 月的寧波大會", "at its meeting in November 2025": the month of a later meeting whose days the
    report states is that meeting's first day."""
    if primary.due is None or primary.due.precision.value != "month" or primary.rule or primary.meeting:
        return primary
    # "analysis of EB158's outcomes by end of February 2026": a deadline, not EB158's month
    if primary.role == "by" and primary.names_an_end():
        return primary
    year, month = primary.due.on.year, primary.due.on.month
    named = frame.later.get(later_ref or "")
    if named is not None and (named.first_on.year, named.first_on.month) == (year, month):
        key: str | None = later_ref
    elif _MEETING_NOUN.search(clause_text):
        # "at the January meeting": the meeting dated in January (the next one, if it is)
        key = later_in_month(month, frame, year)
    else:
        return primary
    if key is None or (key.startswith("EV:~") and key[4:] not in clause_text.casefold()):
        return primary  # "in January 2026" is the consultation dated then only in a clause naming it
    meeting = frame.later[key]
    return replace(
        primary,
        due=meeting.due,
        ends_on=meeting.ends_on,
        meeting=key,
        note=note(
            gettext_noop("{date}: {meeting}, which the report dates {start} to {end}"),
            date=primary.text,
            meeting=key,
            start=meeting.first_on.isoformat(),
            end=meeting.last_on.isoformat(),
        ),
    )


def _without_enclosing_periods(chosen: list[Expression]) -> list[Expression]:
    """ "the first sessional period in 2027 be held from 7 to 17 June 2027": the year only places
    the days; a plain year, half or quarter that holds another chosen date is not a date of its own
    (a deadline's end, "by the end of 2027", still is)."""

    def holds(period: Expression, other: Expression) -> bool:
        return (
            other is not period
            and other.due is not None
            and period.due is not None
            and period.due.precision.value in {"year", "half", "quarter"}
            and other.due.precision.value in {"day", "month"}
            and period.due.first_day <= other.due.on <= period.due.on
        )

    kept = [
        e
        for e in chosen
        if not (e.role != "by" and not e.names_an_end() and any(holds(e, other) for other in chosen))
    ]
    return kept or chosen


def without_the_meeting_counted_from(chosen: list[Expression]) -> list[Expression]:
    """ "for consideration at SBI 65 (November 2026), and to make it available at least six weeks
    before that session": the deadline counted back from the session, not the session itself."""
    counted = {e.meeting for e in chosen if e.meeting and e.role == "by" and e.due is not None}
    kept = [e for e in chosen if not (e.meeting in counted and e.role != "by")]
    return kept or chosen


def _restated_in_brackets(future: Sequence[Expression]) -> list[Expression]:
    """ "請於下週一 (11/17) 前", "by next Monday (17 Nov)": a day written right after a relative one
    (within three characters, as in brackets) is the day meant; the weekday counted from the
    message's date only says it again."""
    dropped = [
        e
        for e in future
        if e.relative_word
        and e.due.precision.value == "day"
        and any(
            o is not e
            and not o.relative_word
            and o.rule is None
            and o.due.precision.value == "day"
            and 0 <= o.start - e.end <= 3
            for o in future
        )
    ]
    return [e for e in future if e not in dropped]


def _end_named_by_its_day(future: Sequence[Expression]) -> list[Expression]:
    """ "before fiscal year-end on March 31", "by the end of the quarter (30 June)": the day written
    right after the end of a period is the end meant."""
    return [
        e
        for e in future
        if not (
            e.due.precision.value in {"year", "half", "quarter"}
            and e.names_an_end()
            and any(
                o.due.precision.value == "day"
                and 0 <= o.start - e.end <= 5
                and e.first_day <= o.due.on <= e.due.on
                for o in future
                if o is not e and o.due is not None
            )
        )
    ]


def choose_primaries(future: Sequence[Expression], undated: Sequence[Expression]) -> list[Expression]:
    """The date(s) a clause is about: each deadline of its own, the written date over a rule."""
    future = _end_named_by_its_day(_restated_in_brackets(future))
    absolute = [e for e in future if e.rule is None and e.meeting is None]
    relative = [e for e in future if e.rule is not None or e.meeting is not None]
    for counted in relative:
        # "no later than two weeks before the Jakarta workshop (3-5 March)": the dates right after
        # the event are what the deadline counts back from, not a date of their own
        anchor = next((e for e in absolute if 0 <= e.start - counted.end <= 3), None)
        # (counted from a later event, not "會議結束後一周，即 3 月 13 日", where the date restates it)
        counts_back = counted.meeting is not None and (counted.rule is not None or counted.role == "by")
        if anchor is not None and counted.due is not None and counts_back:
            return [counted, *[e for e in absolute if e is not anchor and e.role == "by"][:2]]
    for counted in relative:
        # "no later than four weeks before the Mumbai meeting. i.e. expect it around the first
        # weekend of Feb": a later plain month (or quarter) that holds the counted day restates it
        restated = [
            e
            for e in absolute
            if e.start > counted.end
            and e.role != "by"
            and e.due.precision.value != "day"
            and e.first_day <= counted.due.on <= e.last_day
        ]
        if counted.meeting is not None and counted.role == "by" and counted.due is not None and restated:
            return [counted, *[e for e in absolute if e.role == "by" and e.due != counted.due][:2]]
    if absolute and relative and relative[0].start < absolute[0].start and relative[0].rule is not None:
        gap = absolute[0].start - relative[0].end
        if gap > 8:  # not "會議結束後一周，即 3 月 13 日", where the written date restates the rule
            return [relative[0], *[e for e in absolute if e.role == "by" and e.due != relative[0].due][:2]]
    if absolute:
        by = [e for e in absolute if e.role == "by"]
        # a deadline first, else a date that is not only a meeting's month ("for the October face-to-face")
        chosen = [by[0] if by else next((e for e in absolute if e.role != "at"), absolute[0])]
        for other in absolute:
            if (
                other is chosen[0]
                or (other.role == "at" and chosen[0].role in {"by", ""})
                or (
                    chosen[0].role == "by"
                    and other.role != "by"
                    and other.due.precision.value in {"quarter", "half", "year"}
                )
            ):
                # "decide who goes to Jun mtg by end Apr", "States interested in hosting, in the
                # second half of 2027, a workshop were invited to inform the Secretariat by the end
                # of January 2027": the deadline, not the time of what it is about
                continue
            distinct = all(other.due != c.due for c in chosen)
            apart = all(abs(other.start - c.start) > 20 for c in chosen)
            if (distinct or (other.role == "by" and apart)) and len(chosen) < 4:
                chosen.append(other)
        # "14-23 September 2026 | Geneva | Contributions due 12 calendar days before the meeting":
        # a deadline counted back from a meeting, after the meeting's own dates, is one more.
        for other in relative:
            if (
                other.meeting is not None
                and other.role == "by"
                and other.start > chosen[0].end
                and all(other.due != c.due for c in chosen)
                and len(chosen) < 4
            ):
                chosen.append(other)
        return _without_enclosing_periods(chosen)
    if relative:
        # "…at the next meeting were invited to inform the Secretariat three weeks before the
        # meeting": the deadline, not the meeting it is for.
        deadlines = [e for e in relative if e.role == "by"]
        relative = deadlines or relative
        chosen = [relative[0]]
        for other in relative[1:]:
            if other.role == "by" and all(other.due != c.due for c in chosen):
                chosen.append(other)
        return chosen
    if undated:
        return [undated[0]]
    return []
