"""A table row's dates: its due cell ("114/10/15", "10 working days", "Fifth meeting", "next
meeting"), else a date still ahead in its status cell, else the action's own words."""

from __future__ import annotations

import re
from dataclasses import replace

from django.utils.translation import gettext_noop

from reports.layout import Block
from reports.notes import note
from reports.temporal import NEXT_MEETING, Expression, Frame, expressions, meeting_refs
from reports.text import Normalised

_CELL_ORDINAL = re.compile(
    r"^(?=(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\s+(?:meeting|session)\b)",
    re.IGNORECASE,
)
_CELL_BEFORE_MEETING = re.compile(
    r"\b(before|prior\s+to|ahead\s+of)\s+(?=(?:meeting|mtg|session)\b)", re.IGNORECASE
)


def _due_cell_meeting(norm: str, frame: Frame) -> list[Expression]:
    """A due cell written short: "Fifth meeting", "4 weeks before meeting" — read as "by the fifth
    meeting", "4 weeks before the meeting" (the meeting last named, else the next one)."""
    phrased = _CELL_BEFORE_MEETING.sub(r"\1 the ", _CELL_ORDINAL.sub("the ", norm.strip()))
    if phrased == norm.strip():
        return []
    if frame.recent not in frame.later:
        frame = replace(frame, recent=NEXT_MEETING if NEXT_MEETING in frame.later else None)
    return [
        replace(e, start=0, end=len(norm), text=norm)
        for e in expressions(f"by {phrased}", frame)
        if e.due is not None
    ]


def _due_text(block: Block, frame: Frame) -> str:
    """The row's due cell; of two ("Due (month) | Due date": "M24 | 31 Oct 2025"), the one that
    holds a date."""
    cells = [text for name, text in block.cells if name == "due"]
    if len(cells) < 2:
        return cells[0] if cells else ""
    dated = (c for c in cells if any(e.due is not None for e in expressions(Normalised.of(c).text, frame)))
    return next(dated, cells[0])


def _has_due_column(block: Block) -> bool:
    """Has the row's table a due column (left empty in this row)?"""
    return any(name == "due" for name, _text in block.cells)


def row_dates(block: Block, frame: Frame, future, past, undated, exprs):
    """A row's due cell holds its date; the action's own words only when that cell has none;
    with no due column, a date still ahead in its status cell."""
    due_text = _due_text(block, frame)
    if re.fullmatch(r"\s*(?:[-–—/]+|n/?a|none)?\s*", due_text, re.IGNORECASE):
        due_text = ""  # "Closing date: -": nothing written there
    if not due_text:
        # "ISO/NP 24328 | NP, 12 weeks | Jan. 2026 | - | Planned": with nothing in its due cell, a
        # date still ahead in its status cell, else in a column of its own ("Opened")
        others = (
            [text for name, text in block.cells if name not in {"action", "owner", "status", "due", "number"}]
            if _has_due_column(block)
            else []
        )
        status = " ; ".join(filter(None, [block.cell("status"), *others]))
        if future or not status:
            return future, past, undated, exprs
        # "已完成鋼鐵類 12 項;鋁製品係數預定 114 年 12 月底前完成": the date still ahead, in the
        # status cell of a table without a due column.
        ahead = [
            replace(e, start=0, end=0, role="by")
            for e in expressions(Normalised.of(status).text, frame)
            if e.due is not None and e.after(frame.end_on)
        ]
        return (ahead, past, undated, [*exprs, *ahead]) if ahead else (future, past, undated, exprs)
    norm = Normalised.of(due_text).text
    cell = expressions(norm, frame)
    if not cell and re.fullmatch(r"\s*\S+\s*(?:個)?\s*\S*\s*(?:working|business|calendar)?\s*\S+\s*", norm):
        # A due cell holding a length of time ("10 working days", "2 週") counts it from the meeting.
        within = [
            replace(e, start=0, end=len(norm), text=norm)
            for e in expressions(f"within {norm}" if norm.isascii() else f"{norm}內", frame)
            if e.rule is not None
        ]
        cell = within
    if not cell and re.fullmatch(r"\s*(?:19|20)\d\d\s*", norm):
        # A due cell of "2027" (a work plan's target completion year): that year, read as "by end of 2027".
        cell = [
            replace(e, start=0, end=len(norm), text=norm)
            for e in expressions(f"by the end of {norm.strip()}", frame)
            if e.due is not None
        ]
    if not cell and re.fullmatch(r"\s*\d{1,2}\s*/\s*\d{1,2}\s*", norm):
        # A due cell of "12/12" or "11/7": read in the row's own script (月/日 for Chinese).
        chinese = bool(re.search(r"[\u4e00-\u9fff]", block.cell("action") or block.text))
        cell = [
            replace(e, start=0, end=len(norm), text=norm)
            for e in expressions(f"於{norm.strip()}前" if chinese else f"by {norm.strip()}", frame)
            if e.due is not None
        ]
    if not cell:
        cell = _due_cell_meeting(norm, frame)
    if not cell:
        refs = meeting_refs(norm)
        if refs and refs[0].key in frame.later:
            meeting = frame.later[refs[0].key]
            cell = [
                Expression(
                    0,
                    len(norm),
                    norm,
                    meeting.due,
                    meeting=refs[0].key,
                    note=note(gettext_noop("{due}: opens {on}"), due=norm, on=meeting.first_on.isoformat()),
                )
            ]
        elif (
            re.search(r"next\s+(?:board\s+)?(?:meeting|session|mtg)|下次|下屆", norm, re.I)
            and NEXT_MEETING in frame.later
        ):
            meeting = frame.later[NEXT_MEETING]
            cell = [
                Expression(
                    0,
                    len(norm),
                    norm,
                    meeting.due,
                    meeting=NEXT_MEETING,
                    note=note(
                        gettext_noop("{due}: the next meeting opens {on}"),
                        due=norm,
                        on=meeting.first_on.isoformat(),
                    ),
                )
            ]
        else:
            # "Eighty-ninth session of ITC": a meeting the report dates, read as "by the …"
            cell = [
                replace(e, start=0, end=len(norm), text=norm)
                for e in expressions(f"by the {norm.strip()}", frame)
                if e.due is not None and e.meeting
            ]
    if not cell:
        return (
            [],
            past,
            [
                Expression(
                    0,
                    0,
                    norm,
                    None,
                    note=note(gettext_noop("due “{due}”: no date could be read"), due=due_text),
                )
            ],
            exprs,
        )
    cell = [replace(e, role="by") for e in cell]
    return (
        [e for e in cell if e.due is not None and e.after(frame.end_on)],
        [e for e in cell if e.due is not None and not e.after(frame.end_on)],
        [e for e in cell if e.due is None],
        cell,
    )


_DATES_HEADER = re.compile(r"^\s*(?:(?:meeting\s+)?dates?|會議日期|會議期間|日期|期間)\s*$", re.IGNORECASE)


def meeting_days_cell(block: Block, frame: Frame, due: Expression | None) -> Expression | None:
    """A calendar row's own dates beside its deadline: "CWG-FHR-22 | 20–21 April 2026 | Geneva |
    Wed 8 April 2026" is the meeting on 20–21 April as well as the deadline of 8 April."""
    if due is None or due.due is None or not block.cell("due"):
        return None
    for name, value in block.cells:
        if not _DATES_HEADER.match(name):
            continue
        for e in expressions(Normalised.of(value).text, frame):
            if e.due is not None and e.after(frame.end_on) and e.due.on != due.due.on and e.rule is None:
                return replace(e, start=0, end=0)
    return None
