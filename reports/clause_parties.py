"""Who acts in a clause: the party it names, its section's member, the member reporting on itself.

Pure; the follow-up decision (reports/decision.py) reads these.
"""

from __future__ import annotations

import re

from reports.clause import Clause
from reports.cues import IC
from reports.layout import strip_marker
from reports.parties import Actor
from reports.parties import actors as find


def first_party(clause: Clause) -> Actor | None:
    """The party that acts: the first named party that is not an addressee or an object."""
    for actor in clause.actors:
        if actor.everyone:
            continue
        before = clause.text[max(0, actor.start - 6) : actor.start]
        if re.search(r"(?:向|對|給|供|與|和|及|就|依|根據|from|to|with|by|for|of)\s*$", before, IC):
            continue
        return actor
    return None


def section_member(clause: Clause) -> Actor | None:
    """ "(4) 韓國", "B. Japan": a section that is one member's report names it in its heading."""
    if not clause.headings:
        return None
    heading = strip_marker(clause.headings[-1])
    if len(heading) > 24:
        return None
    named = [a for a in find(heading, (clause.our_default,)) if not a.everyone and not a.body]
    if not named or not heading.startswith(named[0].name):
        return None
    # "日本", "Japan's country report", "韓國報告": the member's own section; "日本提案之跨境資料
    # 流通計畫" is the group's project that Japan proposed.
    rest = heading[len(named[0].name) :].strip(" :：-–—'’s")
    own_report = (
        r"(?:代表團?|經濟體|國家)?(?:報告|簡報|說明|更新|現況|進展|分享)?"
        r"|(?:country|economy|national)?\s*(?:report|update|statement|presentation|briefing|progress)?"
    )
    return named[0] if re.fullmatch(own_report, rest, IC) else None


def sentence_party(clause: Clause) -> Actor | None:
    """The party that a clause's sentence starts with, when the clause names none itself."""
    for actor in clause.actors:
        if not actor.everyone:
            return actor
    return None


def self_reporter(clause: Clause, reporting: re.Match[str] | None) -> str | None:
    """The member (not a secretariat or chair, not us) whose report on itself the sentence is."""
    if reporting is None:
        return None
    who = reporting["who"]
    named = [a for a in find(who, (clause.our_default,)) if not a.everyone]
    if not named:
        # "Banca d'Italia informed the Group …": a name the lists do not know, in capitals.
        proper = re.match(
            r"^(?:The\s+)?(?:representative|delegate|delegation)s?\s+of\s+(?:the\s+)?(.+)$"
            r"|^([A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|of|d'|de|du|del|la|le|and|for))*)$",
            who.strip(),
        )
        spoke = not reporting.group().rstrip().endswith(("：", ":"))
        if (
            proper
            and spoke
            and not re.fullmatch(r"(?i:she|he|it|they|we|i|this|that|there)", who.strip())
            and not re.search(
                r"Secretar|Chair|Committee|Group|Bureau|Board|Council|President|Director|Convenor|Rapporteur|^SG$|^DG$|^ED$",
                who.strip(),
            )
        ):
            return "?" + (proper.group(1) or proper.group(2)).strip()  # "?": a name no list knows
        return None
    first = named[0]
    said = reporting.group()[len(reporting.group().rstrip("：: ")) :] or reporting.group()[-1:]
    if reporting.group().rstrip().endswith(("：", ":")) and who.strip() not in {
        first.name,
        f"{first.name}代表",
        f"{first.name}代表團",
        f"The delegation of {first.name}",
        f"{first.name} delegation",
    }:
        return None  # "（二）如期填復日本問卷：" is a heading, not Japan speaking
    del said
    if first.body or first.ours:
        return None
    return first.name


def other_member(clause: Clause, reporter: str) -> bool:
    """Does the sentence speak of a member other than the one reporting (the US on the EU's rule)?"""
    return any(
        not a.everyone
        and not a.body
        and not a.ours
        and a.name.casefold() != reporter.casefold()
        and reporter.casefold() not in a.name.casefold()
        and a.name.casefold() not in reporter.casefold()
        for a in find(clause.sentence, (clause.our_default,))
    )
