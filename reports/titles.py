"""A short title for a proposed follow-up, built from its clause (the reviewer can edit it).

Pure. The date phrase and its glue words (於…前, by …) are cut out, and so are the speaker
and the request ("APEC 秘書處提醒各經濟體", "The Committee invited Member States to"), so
that what is left says what must happen: 上傳國情報告至 ACS, "Submit comments on the draft".
"""

from __future__ import annotations

import re

from reports.layout import ROW, Block, strip_marker
from reports.temporal import Expression

MAX_TITLE = 80

_CJK_SPEAKER = re.compile(
    r"^.{0,40}?(?:表示|說明|指出|提醒|呼籲|邀請|歡迎|鼓勵|預告|提議|強調|宣布|要求|建議|請|決議|決定|同意|責成)"
    r"(?:各會員經濟體|所有經濟體|各經濟體|會員經濟體|其他經濟體|與會者|各主管機關|各會員國|各會員|各國|各單位|各機關|相關機關|各代表團)?\s*"
)
_CJK_LEAD = re.compile(
    r"^(?:其中|此外|另外|另|並且|並|且|亦|而|最後|首先|接續|同時|即|惟|故|是否可|如|可|將會|將|擬|預計|預定|規劃|計劃)\s*[，,]?\s*"
)
_CJK_GLUE_BEFORE = re.compile(r"(?:於|在|至遲於|最遲於|自|從|到|截至|即)\s*$")
_CJK_GLUE_AFTER = re.compile(r"^\s*(?:前|之前|以前|底前|止|起|為|內|以內|之內|後|之後)\s*[，,]?")
_EN_REQUEST = re.compile(
    r"\b(?:invited|requested|asked|reminded|urged|encouraged|called\s+(?:up)?on|instructed|tasked|agreed|decided|undertook|"
    r"offered|volunteered|committed|welcome[sd]?|expected|required|need|needs|plans?|intends?)\s+"
    r"(?:(?:all\s+|the\s+)?[\w\s,-]{0,60}?\s+)?to\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_EN_WILL = re.compile(
    r"^(?P<who>.{0,60}?)\s+(?:will|shall|would|is\s+to|are\s+to|(?-i:to))\s+(?P<rest>.+)$", re.IGNORECASE
)
_EN_DATE_GLUE = re.compile(
    r"\b(?:by|on|from|before|until|till|no\s+later\s+than|not\s+later\s+than|in|at|during|within|prior\s+to|of)\s*$",
    re.I,
)


def _cut(text: str, expressions: list[tuple[int, int]], chinese: bool) -> str:
    for start, end in sorted(expressions, key=lambda span: -span[0]):
        if not 0 <= start < end <= len(text):
            continue
        before, after = text[:start], text[end:]
        if chinese:
            before = _CJK_GLUE_BEFORE.sub("", before)
            after = _CJK_GLUE_AFTER.sub("", after)
        else:
            before = _EN_DATE_GLUE.sub("", before.rstrip()).rstrip()
        text = f"{before.rstrip()} {after.lstrip()}" if not chinese else before + after
    return re.sub(r"\s*[(（]\s*[)）]", "", text)  # "chase them (by 9 Jan)": no empty brackets left


def _trim(text: str) -> str:
    text = " ".join(text.split()).strip(" ，,;；。.:：、-–—")
    text = re.sub(r"^(?:and|also|then|that)\s+", "", text, flags=re.I)
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rstrip() + "…"
    return text


def title_for(clause: str, primary: Expression | None, block: Block, kind: str, actor: str = "") -> str:
    """`clause` is normalised text; `primary` the date it is about (its offsets are the sentence's)."""
    if block.kind == ROW:
        return _trim(strip_marker(block.cell("action") or block.text))
    text = strip_marker(clause)
    chinese = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") >= 0.2 * max(1, len(text))
    spans: list[tuple[int, int]] = []
    if primary is not None and primary.text and primary.text in text:
        at = text.find(primary.text)
        spans.append((at, at + len(primary.text)))
    text = _cut(text, spans, chinese)
    if chinese:
        text = re.sub(r"[(（][^()（）]{0,40}[)）]", "", text) if len(text) > 40 else text
        core = _CJK_SPEAKER.sub("", text, count=1) or text
        core = _CJK_LEAD.sub("", core)
        core = _CJK_LEAD.sub("", core)
        if actor and len(core) < 8 and actor not in core:
            core = actor + core
        return _trim(core or text)
    match = _EN_REQUEST.search(text)
    if match:
        core = match["rest"]
    else:
        will = _EN_WILL.match(text)
        core = f"{will['who'].strip()}: {will['rest']}" if will and len(will["who"]) < 50 else text
    core = re.sub(r"^(?:the\s+)?(?:Committee|Working Group|Sub-Committee|Board|Council|Meeting)\s+", "", core)
    core = _trim(core)
    return core[:1].upper() + core[1:]
