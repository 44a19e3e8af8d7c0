"""Sentences and clauses of a block, with their offsets in the block's text.

Pure. English (and English passages inside Chinese text) is split by pysbd, a maintained
rule-based sentence boundary detector that works offline; Chinese is split by rule at
。！？ and the full stops of embedded English. Brackets and quotes are never split inside:
「會議於 3 月 4 日。」 stays one piece of its sentence.

A clause is the part of a sentence that one deadline belongs to: sentences are cut at ；/;
and, when they hold more than one date, at the commas and "and"s that start a new verb
phrase ("…於 3 月 13 日前上傳，並於 3 月 27 日前提供意見").
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from reports.layout import is_cjk


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


_OPEN = "「『《〈（([{“‘"
_CLOSE = "」』》〉）)]}”’"
_CJK_END = "。！？!?"
# An English sentence end inside Chinese text: ". " before a capital or a CJK character.
# '…before the meeting."我國…': a quoted English passage ends, and the Chinese goes on.
_EMBEDDED_END = re.compile(
    r"(?<=[a-z0-9)])\.[\"”’]?\s+(?=[\"“A-Z\u4e00-\u9fff])|(?<=[a-z0-9)])\.[\"”’]?(?=[\u4e00-\u9fff])"
)
# pysbd cuts after these; the next piece belongs to the same sentence.
_NO_BREAK_AFTER = re.compile(
    r"\b(?:para|paras|paragraph|No|Nos|no|art|Art|arts|doc|Doc|vol|Vol|p|pp|fig|Fig|sect|Sect|ch|Ch|cf|"
    r"Rev|rev|Corr|Add|Ref|ref|approx|e\.g|i\.e|etc|viz|vs|St|Mt|Dr|Mr|Mrs|Ms|Sr|Sra|Jr|Mme|Prof|Amb|H\.E|Jan|Feb|Mar|Apr|"
    r"Dir|Dept|Div|Min|Sec|Gen|Govt|Assoc|Intl|Natl|Coord|Amb|Rep|Del|Encl|Att|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|"
    # a delegate's shorthand: "SMEMM tent. 8-9 Sep", "prelim. list", "2 wks. before"
    r"tent|tentat|prov|prelim|incl|excl|wk|wks|mtg|mtgs|Cttee|cttee|cc|attn|approx)\.\s*$"
)
# The same in a text typed in capitals (cables, telexes): "WILL BE ISSUED APPROX. SIX WEEKS…".
_NO_BREAK_AFTER_CAPS = re.compile(
    r"\b(?:PARA|PARAS|APPROX|ART|DOC|VOL|REF|REV|CORR|ADD|CF|VIZ|VS|E\.G|I\.E)\.\s*$"
)


def _mostly_cjk(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(is_cjk(ch) for ch in letters) >= 0.3 * len(letters)


@functools.cache
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _english(text: str, offset: int = 0) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for piece in _segmenter().segment(text):
        start = text.find(piece.sent.strip(), position) if piece.sent.strip() else -1
        if start < 0:
            continue
        end = start + len(piece.sent.strip())
        position = end
        first = text[start:end][:1]
        if (
            spans
            and (
                _NO_BREAK_AFTER.search(text[spans[-1].start - offset : spans[-1].end - offset])
                or _NO_BREAK_AFTER_CAPS.search(text[spans[-1].start - offset : spans[-1].end - offset])
                or first.islower()  # "SG to circ." + "revised text by Fri": an abbreviation, not an end
                or not any(ch.isalnum() for ch in text[start:end])  # a closing quote alone
                or (not first.isalnum() and first not in "\"“(‘'")
                or (first == "(" and end - start < 80)  # "(~12 Dec if SG on time)" belongs to its sentence
            )
        ):
            spans[-1] = Span(spans[-1].start, end + offset)
        else:
            spans.append(Span(start + offset, end + offset))
    return spans


def _chinese(text: str) -> list[Span]:
    spans: list[Span] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _CJK_END and depth == 0:
            end = i + 1
            while end < len(text) and text[end] in _CLOSE + _CJK_END:
                end += 1
            spans.append(Span(start, end))
            start, i = end, end
            continue
        elif ch == "." and depth == 0:
            match = _EMBEDDED_END.match(text, i) if i > 0 and text[i - 1] not in " " else None
            if match and not _NO_BREAK_AFTER.search(text[start : i + 1]):
                close = i + 1 + (1 if i + 1 < len(text) and text[i + 1] in '"”’' else 0)
                spans.append(Span(start, close))
                start = match.end()
                i = start
                continue
        i += 1
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def sentences(text: str) -> list[Span]:
    """The sentences of a block, as spans of `text` with outer white space trimmed."""
    if _mostly_cjk(text):
        raw = _chinese(text)
    elif any(is_cjk(ch) for ch in text):
        # English quoted inside Chinese, or Chinese inside English: cut at 。 and at the ends of
        # the English passages, then let pysbd read each English passage.
        raw = []
        for piece in _chinese(text):
            part = piece.of(text)
            raw += [piece] if _mostly_cjk(part) else _english(part, piece.start)
    else:
        raw = _english(text)
    out: list[Span] = []
    for span in raw:
        piece = span.of(text)
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        out.append(Span(span.start + lead, span.start + lead + len(stripped)))
    return out


_CLAUSE_END = re.compile(r"(?<=[；;])\s*")
# Where a new verb phrase starts inside a sentence: "，並於…", "，另…", ", and to …", "; and".
_CLAUSE_START = re.compile(
    r"[，,]\s*(?=(?:並|另|且|亦|再|同時|以及|及|而|惟|但|另外|此外|並請|並於|並將|並應|其中)\S)"
    r"|[，,]\s*(?=(?:and|while|whereas|but|with|also)\s)"
    r"|\s(?=and\s+(?:to|will|shall|should|that|the|a|invited|requested|asked|agreed|urged|encouraged|"
    r"decided|noted|would|must)\b)"
    r"|[，,]\s*(?=[^，,。；;]{0,12}(?:於|在|by|before|on|until)\s*\d)"
    # a new subject with its own duty: "…分送各代表團，各代表團於收到後兩週內提出修正意見"
    r"|[，,]\s*(?=(?:請)?(?:各|本|我)[\u4e00-\u9fff]{1,5}(?:應|須|需|請|將|於|得|可)\S)"
    r"|[，,]\s*(?=(?i:members|delegations|economies|participants|parties)\s+(?:are|were|will|would|should|shall|may|must)\s)"
)


def clauses(text: str, span: Span, *, split_commas: bool) -> list[Span]:
    """A sentence's clauses: cut at ；/; always, and at new verb phrases when asked."""
    cuts = {span.start, span.end}
    sentence = span.of(text)
    depth = 0
    for i, ch in enumerate(sentence):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "；;" and depth == 0:
            cuts.add(span.start + i + 1)
    if split_commas:
        for match in _CLAUSE_START.finditer(sentence):
            if _depth_at(sentence, match.start()) == 0:
                cuts.add(span.start + match.start() + (1 if sentence[match.start()] in "，, " else 0))
    ordered = sorted(cuts)
    out: list[Span] = []
    for start, end in itertools.pairwise(ordered):
        piece = text[start:end]
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip(" ，,"))
        trail = len(piece.rstrip())
        out.append(Span(start + lead, start + trail))
    return [s for s in out if s.end > s.start]


def _depth_at(text: str, index: int) -> int:
    depth = 0
    for ch in text[:index]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth
