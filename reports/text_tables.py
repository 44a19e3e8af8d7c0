"""Tables written in text: pipe tables, tab-separated and space-aligned columns, and the roles a
header names for its columns (action / owner / due / status, 辦理事項 / 負責單位 / 期限 / 辦理情形).

Pure. `take_table()` finds a table starting at a line; `header_roles()` maps a header's cells to
roles, for Word and PDF tables too (`reports.layout` reads each row as a record).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reports.characters import join_lines, nfkc, width

# Column roles a table header can name.
ACTION, OWNER, DUE, STATUS, SUPPORT, NUMBER = "action", "owner", "due", "status", "support", "number"


_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    ACTION: (
        "action",
        "actions",
        "action item",
        "action items",
        "action point",
        "task",
        "tasks",
        "item",
        "follow-up",
        "follow-up action",
        "follow-up actions",
        "description",
        "activity",
        "deliverable",
        "deliverables",
        "decision",
        "what",
        "next step",
        "next steps",
        "issue",
        "subject",
        "辦理事項",
        "待辦事項",
        "工作項目",
        "應辦事項",
        "事項",
        "決議",
        "決議事項",
        "案由",
        "建議事項",
        "建議",
        "內容",
        "工作內容",
        "項目",
        "後續工作",
        "後續辦理事項",
        "執行事項",
        "待辦",
        "行動",
        "後續行動",
        "追蹤事項",
        "重點工作",
        "會議決議",
        "主題",
    ),
    OWNER: (
        "owner",
        "owners",
        "lead",
        "leads",
        "responsible",
        "responsibility",
        "by whom",
        "who",
        "assigned to",
        "action by",
        "person",
        "responsible party",
        "lead agency",
        "focal point",
        "負責單位",
        "主辦單位",
        "主辦機關",
        "辦理單位",
        "執行單位",
        "承辦單位",
        "負責人",
        "承辦人",
        "權責單位",
        "主責單位",
        "負責機關",
        "主政單位",
        "負責",
        "主辦",
        "執行機關",
        "主責",
    ),
    SUPPORT: ("協辦單位", "協辦機關", "support", "supporting", "協辦"),
    DUE: (
        "due",
        "due date",
        "deadline",
        "deadlines",
        "timeline",
        "timeframe",
        "time frame",
        "target date",
        "by when",
        "when",
        "date",
        "target",
        "completion date",
        "due by",
        "timing",
        "schedule",
        "期限",
        "完成期限",
        "辦理期限",
        "預定完成日期",
        "預定完成時間",
        "時程",
        "完成時間",
        "期程",
        "預計完成",
        "截止日期",
        "完成日期",
        "預定期限",
        "時間",
        "日期",
        "辦理時程",
        "預定時程",
    ),
    STATUS: (
        "status",
        "progress",
        "remarks",
        "comment",
        "comments",
        "notes",
        "state",
        "outcome",
        "辦理情形",
        "執行情形",
        "進度",
        "辦理進度",
        "備註",
        "處理情形",
        "執行進度",
        "說明",
        "現況",
        "狀態",
        "處理狀態",
        "完成情形",
        "執行狀況",
        "辦理狀況",
        "目前進度",
    ),
    NUMBER: ("#", "no", "no.", "item no", "ref", "ref.", "項次", "編號", "序號", "序", "項"),
}
_HEADER_INDEX = {word: role for role, words in _HEADER_WORDS.items() for word in words}


# Longer headers that hold a role's word: "Target completion year", "Status of output for Year 1",
# "Lead agency/ies", "預定完成期限": the first role whose word they hold (a due column before a status).
_HEADER_PARTS = (
    (
        DUE,
        re.compile(
            r"\b(?:deadline|due|target|completion|timeline|timeframe|closing|closes)\b|期限|時程|完成日|截止",
            re.I,
        ),
    ),
    (OWNER, re.compile(r"\b(?:responsible|owner|lead)\b|負責|主辦|承辦", re.I)),
    (STATUS, re.compile(r"\b(?:status|progress|remarks)\b|進度|辦理情形|執行情形", re.I)),
    (ACTION, re.compile(r"\b(?:action|task|description|deliverable)\b|辦理事項|工作項目", re.I)),
)


def header_role(cell: str) -> str | None:
    key = " ".join(nfkc(cell).casefold().replace("*", "").split()).strip(" :：.")
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    key = re.sub(r"\s*[(（][^)）]*[)）]\s*", "", key)  # "Due (date)", "期限（民國）"
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    if width(key) > 30:
        return None
    return next((role for role, words in _HEADER_PARTS if words.search(key)), None)


_HOURS = re.compile(
    r"^\s*(?:time|times|hours?|time\s+slot|時段|時刻)\s*$", re.IGNORECASE
)  # 時間 is a due column


def header_roles(cells: Sequence[str]) -> list[str | None] | None:
    """The role of each column when `cells` is a header that names an action and a due column."""
    if any(re.search(r"\d{2,}|^\W*\d", c) for c in cells) or any(width(c) > 40 for c in cells):
        return None  # values ("2.3", "10 May", "2026"), not a header ("Status of output for Year 1")
    roles = [header_role(c) for c in cells]
    if ACTION not in roles and DUE in roles and roles.count(None) >= 1 and len(cells) >= 3:
        # A header with a due column and one unnamed wide column: that column is the action
        # (not "Time" in "Date | Time | Item / segment": a programme's hours).
        free = [
            i
            for i, (cell, role) in enumerate(zip(cells, roles, strict=True))
            if role is None and not _HOURS.match(cell)
        ]
        if free:
            roles[free[0]] = ACTION
    if ACTION in roles and (DUE in roles or OWNER in roles) and sum(r is not None for r in roles) >= 2:
        return roles
    return None


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a line ruled with "|" (or a full-width "｜", a box-drawing "│")."""
    stripped = line.strip().replace("｜", "|").replace("│", "|")
    if stripped.count("|") < 2 and not (stripped.startswith("|") and stripped.count("|") >= 1):
        return None
    inner = stripped.strip("|")
    return [c.strip() for c in inner.split("|")]


_PIPE_RULE = re.compile(r"^[|+]?\s*:?-{2,}:?\s*(?:[|+]\s*:?-{2,}:?\s*)*[|+]?$")  # "|---|", "----+----"
RULE_LINE = re.compile(
    r"^\s*(?:[-=_+|:─━═]{4,}|[-=_─━═]{2,}(?:\s+[-=_─━═]{2,})+)\s*$"
)  # "----", "---  -----"


def _aligned_columns(header: str) -> list[int] | None:
    """Column starts of a space-aligned header: text after two or more spaces."""
    starts = [0] if header[:1].strip() else []
    starts += [m.end() for m in re.finditer(r"(?<=\S) {2,}(?=\S)", header)]
    if not header[:1].strip():
        first = len(header) - len(header.lstrip())
        starts = [first, *[s for s in starts if s > first]]
    return starts if len(starts) >= 2 else None


def _columns(line: str) -> Iterator[tuple[int, str]]:
    """Each character with the display column it starts at (a Chinese character is two columns)."""
    column = 0
    for ch in line:
        yield column, ch
        column += 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _display_slices(line: str, starts: Sequence[int]) -> list[str]:
    """Cut a line at display-column positions."""
    cells = [""] * len(starts)
    for column, ch in _columns(line):
        index = 0
        for i, start in enumerate(starts):
            if column >= start - 1:
                index = i
        cells[index] += ch
    return [c.strip() for c in cells]


def _display_starts(header: str) -> list[int] | None:
    """Like `_aligned_columns`, in display columns."""
    starts: list[int] = []
    gap, seen_text = 0, False
    for column, ch in _columns(header):
        if ch == " ":
            gap += 1
        else:
            if not seen_text or gap >= 2:
                starts.append(column)
            seen_text, gap = True, 0
    return starts if len(starts) >= 2 else None


def _cuts_words(line: str, starts: Sequence[int]) -> bool:
    """Would cutting `line` at the columns `starts` split a word? Then it is no row of the table
    (a justified paragraph's double spaces are no columns)."""
    at = dict(_columns(line))
    return any(at.get(start - 1, " ").strip() and at.get(start, " ").strip() for start in starts if start > 0)


def _aligned_header(cells: Sequence[str]) -> bool:
    """A space-aligned header names (nearly) all its columns: "No.  Action  Owner  Due"; a line of
    justified prose whose words happen to include "timeline" is none."""
    roles = header_roles(cells)
    return roles is not None and len(cells) <= 8 and roles.count(None) <= 1 + len(cells) // 4


@dataclass
class _TextTable:
    rows: list[list[str]]
    kind: str  # "pipe", "tab", "aligned"


def take_table(lines: Sequence[str], index: int) -> tuple[_TextTable, int] | None:
    """A table starting at lines[index], and the index after it; None when there is none."""
    line = lines[index]
    if pipe_cells(line) is not None and len(pipe_cells(line) or []) >= 2:
        rows, i = [], index
        while (
            i < len(lines)
            and lines[i].strip()
            and (pipe_cells(lines[i]) is not None or _PIPE_RULE.match(lines[i].strip()))
        ):
            if not _PIPE_RULE.match(lines[i].strip()):
                rows.append(pipe_cells(lines[i]) or [])
            i += 1
        if len(rows) >= 2:
            return _TextTable(rows, "pipe"), i
    if "\t" in line.strip("\t ") or (
        line.count("\t") >= 1 and len([c for c in line.split("\t") if c.strip()]) >= 2
    ):
        rows, i = [], index
        while (
            i < len(lines) and "\t" in lines[i] and len([c for c in lines[i].split("\t") if c.strip()]) >= 1
        ):
            rows.append([c.strip() for c in lines[i].split("\t")])
            i += 1
        if rows and len([c for c in rows[0] if c]) >= 2:
            return _TextTable(rows, "tab"), i
    starts = _display_starts(line)
    if starts and _aligned_header(_display_slices(line, starts)):
        rows, i = [_display_slices(line, starts)], index + 1
        while i < len(lines) and lines[i].strip():
            if RULE_LINE.match(lines[i]):
                i += 1
                continue
            if _cuts_words(lines[i], starts):
                break
            cells = _display_slices(lines[i], starts)
            if len(lines[i]) - len(lines[i].lstrip()) >= 2 and not cells[0] and rows:
                # A wrapped cell: its text continues the row above.
                rows[-1] = [join_lines(a, b) if b else a for a, b in zip(rows[-1], cells, strict=True)]
            else:
                rows.append(cells)
            i += 1
        if len(rows) >= 2:
            return _TextTable(rows, "aligned"), i
    return None
