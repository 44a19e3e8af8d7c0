"""The recommendations of a trip report: the headed items of its 心得與建議 section (pure).

TELWG 70's report: "參、心得與建議" → "一、我國代表與會心得及建議" → "(一) …", "(二) …",
"（四） …" until "二、未來會議重點". A heading the PDF wrapped over two lines ("…相互承認協議"
/ "(MRA) 之興盛指日可待") is joined again.
"""

from __future__ import annotations

import re

_SECTION_START = re.compile(r"^\s*[參叁三][、.．]\s*心得(?:與|及)建議\s*$")
# The next top-level part (肆、…) or the report's "未來會議重點" sub-part ends it.
_SECTION_END = re.compile(r"^\s*(?:[肆伍陸柒捌玖][、.．]|[二三四五][、.．]\s*未來)")
_HEADING = re.compile(r"^\s*[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(?P<title>\S.*)$")
_SENTENCE_END = "。！？!?"


def recommendations_in_report(text: str) -> list[str]:
    """The headings (一)(二)… of the 心得與建議 section, in order, each on one line."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _SECTION_START.match(line)), None)
    if start is None:
        return []
    found: list[str] = []
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if _SECTION_END.match(line):
            break
        match = _HEADING.match(line)
        index += 1
        if match is None:
            continue
        title = match["title"].strip()
        # A wrapped heading: the next non-empty line is short and ends no sentence.
        look = index
        while look < len(lines) and not lines[look].strip():
            look += 1
        if look < len(lines):
            nxt = lines[look].strip()
            if (
                len(nxt) <= 20
                and nxt[-1:] not in _SENTENCE_END
                and not _HEADING.match(nxt)
                and not _SECTION_END.match(nxt)
            ):
                # A PDF wrap sometimes repeats the last character on the next line.
                title = title + (
                    nxt[1:]
                    if nxt[:1] == title[-1:]
                    else (" " if title[-1:].isascii() or nxt[:1].isascii() else "") + nxt
                )
                index = look + 1
        found.append(re.sub(r"\s+", " ", title)[:300])
    return found
