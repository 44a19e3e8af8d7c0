"""What the reader is given (the meeting) and what it gives back (candidates, mentions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reports.layout import Block
from reports.notes import as_json as notes_json
from reports.parties import OUR_DEFAULT
from reports.temporal import (
    Frame,
)


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
    calendar: str | None = "KR"  # working days count on it; None when none is known
    our_names: tuple[str, ...] = OUR_DEFAULT
    sessions: tuple[SessionContext, ...] = ()
    title: str = ""  # "APEC TELWG 70": tells which meeting is "the next one"
    calendar_note: str = ""  # where the calendar came from, for the candidates' notes


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
    source: str = "paragraph"  # paragraph, item (a list item) or row (a table row)
    block: int | None = None  # index of the block in `Extraction.blocks`
    span: tuple[int, int] | None = None  # the clause, as offsets in that block's text
    notes: tuple[str, ...] = ()  # the notes, as templates a page translates (`reports.notes`)

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
            "source": self.source,
            "block": self.block,
            "span": list(self.span) if self.span else None,
            "notes": notes_json(self.notes),
        }


@dataclass(frozen=True)
class Mention:
    """A clause or row with a date after the meeting (or a request) that was not proposed."""

    excerpt: str
    reason: str
    due_date: date | None
    due_precision: str | None
    section: str
    block: int | None
    span: tuple[int, int] | None
    candidate: Candidate  # what it would be if someone promotes it

    def as_json(self) -> dict:
        return {
            "excerpt": self.excerpt,
            "reason": self.reason,
            "reason_notes": notes_json([self.reason]),
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "due_precision": self.due_precision,
            "section": self.section,
            "block": self.block,
            "span": list(self.span) if self.span else None,
            "candidate": self.candidate.as_json(),
        }


@dataclass
class Extraction:
    candidates: list[Candidate]
    mentions: list[Mention]
    blocks: list[Block]
    frame: Frame
    notes: list[str] = field(default_factory=list)  # about the whole report (its own dates, calendar)
