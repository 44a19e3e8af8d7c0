"""Which report headings cover a meeting's sessions (a candidate's session comes from its section).

Pure: a session's `report_section` ("六、(一) 資通訊科技發展與政策指導分組 (DPSG)", "四、大會
(六)–(十二)") and the report's headings in, the words to look for in headings out.
"""

from __future__ import annotations

import re

from followup_dates.text import fold_spaces, number

_CN = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"(?:[壹貳參肆伍陸柒捌玖拾]+、|[{_CN}]+、|\(\s*[{_CN}]+\s*\)|(?<!\d)\d{{1,2}}\s*[.、](?!\d))\s*"
)
_RANGE = re.compile(rf"\(\s*([{_CN}]+)\s*\)\s*[–—~\-－至]\s*\(\s*([{_CN}]+)\s*\)")
_TOP = re.compile(rf"^\s*[{_CN}]+、")
_SUB = re.compile(rf"^\s*\(\s*([{_CN}]+)\s*\)\s*(.+?)\s*(?:[.…]{{2,}}.*|\t.*)?$")
_ABBREVIATION = re.compile(r"\([A-Za-z][A-Za-z0-9 &-]{1,15}\)")


def _cn_number(text: str) -> int:
    """一 … 十九, as section numbers go (0 for anything else)."""
    return number(text) or 0


def _sub_headings(text: str, parent: str, low: int, high: int) -> list[str]:
    """Titles of headings (low)…(high) under the top-level heading whose title is `parent`."""
    titles: list[str] = []
    inside = False
    for raw in text.splitlines():
        line = fold_spaces(raw.split("\t")[0])
        if _TOP.match(line):
            inside = _MARKER.sub("", line, count=1).strip() == parent
            continue
        match = _SUB.match(line) if inside else None
        if match and low <= _cn_number(match.group(1)) <= high:
            title = match.group(2).strip()
            if title and title not in titles:
                titles.append(title)
    return titles


def session_keywords(report_section: str, text: str = "") -> tuple[str, ...]:
    """Words of the report headings that cover a session, from its `report_section`.

    "六、(一) 資通訊科技發展與政策指導分組 (DPSG)" gives the heading's title, the title without
    its parenthesis and "(DPSG)"; "四、大會 (六)–(十二)" gives the titles of sub-headings
    (六) to (十二) of "四、大會" as the report itself writes them.
    """
    section = fold_spaces(report_section)
    if not section:
        return ()
    span = _RANGE.search(section)
    if span is not None:
        parent = _MARKER.sub("", section[: span.start()], count=1).strip()
        low, high = _cn_number(span.group(1)), _cn_number(span.group(2))
        return tuple(_sub_headings(text, parent, low, high)) if text and parent else ()
    title = _MARKER.split(section)[-1].strip()
    if not title:
        return ()
    words = [title]
    bare = _ABBREVIATION.sub("", title).strip()
    if bare and bare != title:
        words.append(bare)
    words.extend(m.group() for m in _ABBREVIATION.finditer(title))
    return tuple(dict.fromkeys(words))
