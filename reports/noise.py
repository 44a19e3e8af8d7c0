"""Lines of a report that are not content: running headers and footers, contents pages, page
numbers, figure captions and pasted HTML tags. Pure; `reports.layout` drops them before reading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from reports.characters import nfkc

_TOC_LINE = re.compile(
    r"(?:\t\s*\d{1,3}|\.{3,}\s*\d{1,3}|…+\s*\d{1,3}|\s\.\s?\.\s?\.[\s.]*\d{1,3})\s*$"
    r"|^\s*\d{0,2}\.?\d{0,2}\s*[A-Z][A-Z0-9 ,&'()/:-]{3,}\s{2,}\d{1,3}\s*$"  # "3   AMENDMENTS TO SOLAS   4"
    r"|^\s*(?:Section|Chapter|Item)\s{2,}Page\s*$"
)
_CAPTION = re.compile(
    r"^(?:圖|表|Figure|Fig\.|Table|Photo|照片)\s*\d+\s*[:：.]|^資料來源\s*[:：]|^Source\s*:|^[(（]\s*(?:左|右|前|後|中|from\s+left|photo)",
    re.I,
)
# HTML tags pasted into a text report (not "<name@example.org>", which is an address).
TAG = re.compile(
    r"</?(?:p|br|div|span|ul|ol|li|table|tr|td|th|tbody|thead|b|i|u|em|strong|font|a|h[1-6]|hr|img|sup|sub)"
    r"\b[^<>@]{0,200}>",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|第\s*\d{1,3}\s*頁(?:\s*[/，,]?\s*共\s*\d{1,3}\s*頁)?|"
    r"(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?)$",
    re.IGNORECASE,
)
_HEADING_TOC = re.compile(r"^(?:目\s*錄|目\s*次|圖目錄|表目錄|contents|table of contents)$", re.I)


def _shape(line: str) -> str:
    """A line with its numbers blanked: the same page header on every page has one shape."""
    return re.sub(r"\d+", "#", " ".join(nfkc(line).split())).casefold()


def repeated_margins(pages: Sequence[Sequence[str]]) -> set[str]:
    """Shapes of the lines that open or close most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edge = {_shape(line) for line in content[:2] + content[-2:]}
        counts.update(edge)
    needed = max(2, len(pages) // 2)
    return {shape for shape, count in counts.items() if count >= needed and len(shape) <= 120}


def drop_noise(lines: Iterable[str], margins: set[str]) -> Iterator[str]:
    """The lines that are content: no running header or footer, contents page, page number or caption."""
    in_toc = False
    for raw in lines:
        line = raw.replace("\u3000", " ").rstrip()
        stripped = line.strip()
        if margins and stripped and _shape(stripped) in margins:
            continue
        if _HEADING_TOC.match(" ".join(nfkc(stripped).split())):
            in_toc = True
            continue
        if _TOC_LINE.search(line):
            continue
        if in_toc and stripped and not _TOC_LINE.search(line):
            in_toc = False
        if stripped and _PAGE_NUMBER.match(nfkc(stripped)):
            continue
        if stripped and _CAPTION.match(nfkc(stripped)):
            continue
        yield line
