"""Whom a request goes to when it names everyone: "Members are invited to…", "各經濟體請…"."""

from __future__ import annotations

import re

from reports import decision as rules
from reports.parties import actors


def everyone_addressed(text: str, our_names: tuple[str, ...]) -> str | None:
    """The 'everyone' phrase a request goes to, when the clause asks something of it."""
    for actor in actors(text, our_names):
        if not actor.everyone:
            continue
        before = text[max(0, actor.start - 24) : actor.start]
        after = text[actor.end : actor.end + 60]
        if (
            rules.cue(rules.REQUEST, before)
            # "AP7: ALL – nominate one focal point": an action point whose owner is everyone
            or (
                re.match(r"^\s*(?:[–—:：]|\s-)\s*\S", after)
                and re.fullmatch(r"\W*(?:[A-Z]{1,3}\s*\d{1,3}(?:\.\d{1,2})?\s*[:.)]\s*)?", before)
            )
            or re.match(r"^[^。；;]{0,24}(?:上傳|\bupload)", after, re.I)
            or re.match(r"^\s*(?:應|須|必須|需|務必|宜|請)", after)
            or re.match(
                r"^\s+(?:should|must|shall|need\s+to|needs\s+to|are\s+to|have\s+to|were\s+to|are\s+required"
                r"|are\s+expected|to\s+[a-z]+|may\s+(?:submit|send|provide|wish|nominate|share|register|apply))\b",
                after,
                re.I,
            )
            or re.match(
                r"^[^.;；。]{0,40}?\b(?:are|were|is|be)\s+(?:(?:kindly|also|again|therefore|hereby)\s+)?"
                r"(?:invited|requested|asked|reminded|urged|encouraged|welcome|called\s+upon|expected)\s+to\b",
                after,
                re.I,
            )
        ):
            return actor.name
    return None
