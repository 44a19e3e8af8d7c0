"""A clause as the follow-up decision sees it, and the decision's verdict on it.

Pure: the reader (reports/extract.py) builds a `Clause`, reports/decision.py returns a `Decision`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reports.cues import EXTERNAL
from reports.parties import Actor
from reports.temporal import Expression


def cue(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(text))


def width_of(text: str) -> int:
    return len(text.strip())


@dataclass
class Decision:
    proposed: bool
    kind: str = EXTERNAL
    responsible: str = ""
    reason: str = ""  # why it is not proposed (shown in the review), or empty
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)


@dataclass
class Clause:
    """One clause as the decision sees it (normalised text)."""

    text: str
    sentence: str
    primary: Expression | None  # the date this clause is about, if any
    future: Sequence[Expression]
    past: Sequence[Expression]
    actors: Sequence[Actor]
    headings: Sequence[str]
    addressee: str | None  # the 'everyone' phrase a request in this clause (or before it) goes to
    ours_named: bool  # one of our names or "we" acts in this clause
    in_list: bool  # a list item or a terse note
    row: dict[str, str] | None = None  # a table row: role -> cell
    our_default: str = "我國"
    quoted: bool = False
    form_field: bool = False
    later_meeting: str | None = None  # the clause says the event is at this later meeting
    heading: bool = False  # the clause is a heading ("7 PROVISIONAL AGENDA FOR SDC 12")
    meeting_year: int | None = None  # the year the meeting ended
    next_meeting_section: bool = False  # under "Date of next meeting", "下次會議"
    action_line: bool = False  # an action line with its owner ("AI: [USTR] …"), read like a row
