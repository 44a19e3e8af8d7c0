"""Which clauses of a sentence are follow-ups of their own: a clause with a date or a request of
its own stands alone, any other belongs to the clause before; a clause's dates less those that
only explain another (a purpose's date, a date moved from)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reports.sentences import Span
from reports.temporal import Expression, meeting_refs

_REQUEST_START = re.compile(
    r"^\s*(?:並|另|且|亦|同時)?\s*(?:請|歡迎|邀請|呼籲|鼓勵|提醒|要求|促請)"
    r"|^\s*(?:and\s+)?(?:invited|requested|urged|encouraged|asked|reminded|called\s+(?:up)?on)\b",
    re.IGNORECASE,
)


_PURPOSE_WORDS = r"(?:以便|以利|俾便|俾|\bso\s+(?:that|as\s+to)\b|\bin\s+order\s+to\b)"
# "…須於 12 月 31 日前回覆，以便於 2026 年第 1 次例會進行討論": the purpose of the clause before.
_PURPOSE = re.compile(rf"^\W*(?:並|且|and\s+)?{_PURPOSE_WORDS}", re.IGNORECASE)


def states_a_purpose(text: str) -> bool:
    """ "…，俾於期限前提交", "so that it can be discussed": words giving the purpose of what came before."""
    return bool(re.search(_PURPOSE_WORDS, text, re.IGNORECASE))


# "本團預定 6 月 14 日搭機返國，將於返國後兩週內提交出國報告": the day of the return, counted from.
_RETURN_AFTER = re.compile(
    r"^\s*(?:搭機|搭乘\S{0,8}?)?(?:返國|回國|返臺|返台|返抵)|^\s*,?\s*(?:fly|flying|return|returning)\b", re.I
)


_MOVED_FROM = re.compile(
    r"\b(?:moved|postponed|changed|shifted|deferred|delayed|rescheduled|brought\s+forward|pushed\s+back)\s+from\s+$"
    r"|(?:原訂|原定|原預定|原排定)(?:於)?\s*$",  # "原訂 5 月 20 日召開，延至 6 月 3 日"
    re.IGNORECASE,
)
# "now due 28 Nov, not 21 Nov", "The new dates replace the tentative 11-13 November slot": a date
# the clause sets aside for another
_SET_ASIDE = re.compile(
    r"(?:\bnot|\binstead\s+of|\brather\s+than|\breplac(?:es|ed|ing)\s+(?:the\s+)?(?:tentative\s+|earlier\s+|original\s+)?"
    r"|\bdisregard\s+(?:the\s+)?|\b(?:originally|previously|initially)\s+(?:scheduled\s+|planned\s+|set\s+|foreseen\s+)?"
    r"(?:for|on)\s+(?:the\s+)?)\s*$",
    re.IGNORECASE,
)
_PURPOSE_AFTER = re.compile(
    r"[,，]\s*(?:so\s+(?:that\s+)?(?=the|it|they|we|members|delegates)|in\s+order\s+(?:to|that)\b|以便|以利|俾便)",
    re.IGNORECASE,
)


def dates_of_its_own(future: list[Expression], text: str, piece: Span) -> list[Expression]:
    """A clause's dates ahead, less those that only explain another: the date of a purpose
    ("…quotes within 10 business days, so the renewal can be bound before year end") and a date
    moved from ("DATE OF APPLICATION MOVED FROM 1 FEBRUARY 2027 TO 1 AUGUST 2027"); the day of the
    delegation's return that a later deadline counts from ("6 月 14 日返國，返國後兩週內")."""
    clause_text = text[piece.start : piece.end]
    purpose = _PURPOSE_AFTER.search(clause_text)
    if (
        purpose
        and any(e.start < piece.start + purpose.start() for e in future)
        # "…, so that they can be reflected in the version the Secretariat will circulate by
        # 13 February": a promise of its own inside the purpose keeps its date
        and not re.search(r"\b(?:will|shall)\b|將", clause_text[purpose.end() :], re.IGNORECASE)
    ):
        future = [e for e in future if e.start < piece.start + purpose.start()]
    superseded = [
        e
        for e in future
        if (
            (
                _MOVED_FROM.search(text[max(0, e.start - 40) : e.start])
                or (e.role != "by" and _RETURN_AFTER.search(text[e.end : e.end + 12]))
            )
            and any(other.start > e.end for other in future)
        )
        or (
            _SET_ASIDE.search(text[max(0, e.start - 40) : e.start])
            and any(other is not e and other.due != e.due for other in future)
        )
    ]
    return [e for e in future if e not in superseded]


def _counted_from_the_meeting_before(
    piece: Span, before: Span, future: Sequence[Expression], text: str
) -> bool:
    """ "…, and to make it available at least six weeks before that session": a clause without a
    subject whose only date counts back from the meeting the clause before names."""
    own = [e for e in future if piece.start <= e.start < piece.end]
    if not own or any(e.meeting is None or e.role != "by" for e in own):
        return False
    if not re.match(r"\W*(?:and\s+(?:to\s+)?|並|且)", text[piece.start : piece.end], re.IGNORECASE):
        return False
    named = {r.key for r in meeting_refs(text[before.start : before.end])}
    return all(e.meeting in named for e in own)


def group_clauses(pieces: list[Span], future: Sequence[Expression], text: str) -> list[Span]:
    """Clauses holding a date of their own, or a request of their own ("…，並歡迎各經濟體提供回饋").

    Any other clause belongs to the clause before: "主席將於 10 月底前提出草案，並以書面程序徵詢意見"
    is one follow-up.
    """
    grouped: list[Span] = []
    pending: Span | None = None
    for piece in pieces:
        own = (
            any(piece.start <= e.start < piece.end for e in future)
            or bool(_REQUEST_START.search(text[piece.start : piece.end]))
        ) and not _PURPOSE.match(text[piece.start : piece.end])
        if own and grouped and _counted_from_the_meeting_before(piece, grouped[-1], future, text):
            # "…for consideration at SBI 65, and to make it available six weeks before that session"
            own = False
        if pending is not None:
            piece = Span(pending.start, piece.end)
            pending = None
        if own or not grouped:
            if not own and not grouped:
                pending = piece
                continue
            grouped.append(piece)
        else:
            grouped[-1] = Span(grouped[-1].start, piece.end)
    if pending is not None:
        if grouped:
            grouped[-1] = Span(grouped[-1].start, pending.end)
        else:
            grouped.append(pending)
    return grouped
