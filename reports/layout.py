"""A report's layout: pieces of a file become blocks (headings, paragraphs, list items, table rows).

Pure: no Django, no files. A reader (`reports.readers`) turns a .txt, .docx or .pdf into
`Piece`s — runs of lines as the file holds them, Word paragraphs with their style, and
tables as rows of cells — and `blocks()` turns those into `Block`s, each with the path of
headings above it:

* a blank line ends a paragraph; a hard-wrapped line is joined to the next with the right
  separator for the script (nothing between two Chinese characters, a space in English);
  a line that happens to start with 三、 or 2. inside a wrapped sentence is not a heading;
* headings are short marked lines (壹、 一、 (一) 1. (1) A. I. i. "Item 3:", Markdown #, all
  capitals, Word heading styles); their levels follow the order in which the report uses
  its marker families, so any outline works, not one house style;
* tables (Word and PDF tables; pipe, tab and space-aligned tables in text) whose header
  names the columns become one record per row — action / owner / due / status, 辦理事項 /
  負責單位 / 期限 / 辦理情形 — so a due cell is read with its own action;
* repeated page headers and footers, tables of contents, figure captions and HTML tags
  are dropped before anything is read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reports.characters import is_cjk as is_cjk
from reports.characters import join_lines as join_lines
from reports.characters import nfkc as nfkc
from reports.characters import width as width
from reports.noise import TAG, drop_noise, repeated_margins
from reports.text_tables import ACTION as ACTION
from reports.text_tables import DUE as DUE
from reports.text_tables import NUMBER as NUMBER
from reports.text_tables import OWNER as OWNER
from reports.text_tables import RULE_LINE, header_roles, pipe_cells, take_table
from reports.text_tables import STATUS as STATUS
from reports.text_tables import SUPPORT as SUPPORT

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"  # a bulleted or numbered list item
ROW = "row"  # a table row read as a record (its header named the columns)
CELLS = "cells"  # a table row whose header did not name an action or a due column


@dataclass(frozen=True)
class Piece:
    """What a reader found in the file, in order.

    `lines`: text as the file holds it (a .txt, a PDF page, a Word paragraph).
    `rows`: a table, one tuple of cell texts per row. `style`: a Word paragraph style name
    ("Heading 2", "List Paragraph", "Title"). `page`: the page it came from, when known.
    """

    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    style: str = ""
    page: int | None = None
    numbered: bool = False  # a Word paragraph with automatic numbering (its number is not text)


@dataclass(frozen=True)
class Block:
    kind: str
    text: str
    path: tuple[str, ...] = ()  # the headings above, outermost first
    level: int = 0  # for headings: depth in the outline
    cells: tuple[tuple[str, str], ...] = ()  # for rows: (role or header, cell text)
    page: int | None = None
    quoted: bool = False  # inside an e-mail's quoted earlier message ("> …")
    form_field: bool = False  # "報告日期：…", "Date: …": a field of a form, not a sentence
    bullet: bool = False  # a bulleted list item (•, -, *), not a numbered paragraph
    owner: str = ""  # an action line's owner tag: "[MK] circulate the draft", "ACTION: JS to …"
    done: bool = False  # a checked box, "DONE", "✓": already done

    def cell(self, role: str) -> str:
        return next((text for name, text in self.cells if name == role), "")


# --- Markers: headings and list items ---------------------------------------------------------

_CN = "一二三四五六七八九十"
_ROMAN = r"(?:i{1,3}|iv|vi{0,3}|ix|x{1,2}|xi{1,3}|xiv|xv)"
# (family, pattern); a family is one numbering style, its level is found per report.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("壹", re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+\s*[、.．]\s*")),
    ("第章", re.compile(rf"^第\s*[{_CN}\d]+\s*[章節篇部]\s*")),
    ("一", re.compile(rf"^[{_CN}]+\s*、\s*")),
    ("(一)", re.compile(rf"^[(（]\s*[{_CN}]+\s*[)）]\s*")),
    ("1.1", re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=\S)")),
    ("1.", re.compile(r"^\d{1,2}\s*[.、．](?!\d)\s*")),
    ("1)", re.compile(r"^\d{1,2}\s*[)）]\s*")),
    ("(1)", re.compile(r"^[(（]\s*\d{1,2}\s*[)）]\s*")),
    ("I.", re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)\s*[.)]\s+")),
    ("A.", re.compile(r"^[A-Z]\s*[.、)]\s+")),
    ("(a)", re.compile(r"^[(（]\s*[a-z]\s*[)）]\s*")),
    ("a)", re.compile(r"^[a-z]\s*[.)]\s+")),
    ("(i)", re.compile(rf"^[(（]\s*{_ROMAN}\s*[)）]\s*")),
    # IMO's sub-paragraphs: ".1 approve the draft MSC resolution"
    (".1", re.compile(r"^\.\d{1,2}\s+(?=[a-z])")),
    ("item", re.compile(r"^(?:agenda\s+)?item\s+\d{1,2}(?:\.\d{1,2})?\s*[:.\-–—]?\s*", re.IGNORECASE)),
    ("#", re.compile(r"^#{1,6}\s+")),
)
_BULLET = re.compile(r"^(?:\[[ xX✓✔]?\]|[☐☑☒]|[-–•·●○◦▪■□◆◇►▶➢➤→✓✔*＊・]|\u2022|\u25cf)\s*")
_TERMINAL = "。！？!?；;."
_FORM_FIELD = re.compile(
    # "COFI:AQ14 -> Q2 2027": a body's name written with a colon, not a label
    r"^(?![A-Z]{2,10}:[A-Z0-9])"
    r"(?!(?:actions?|action\s+items?|action\s+points?|todo|to\s+do|task|tasks|follow[-\s]?up|next\s+steps?|decisions?|"
    r"resolved|agreed|deadline|due|note|reminder|fyi|nb|n\.b\.|please\s+note|提醒|注意|決議|辦理|待辦|追蹤|後續|行動|備註|附註|說明|結論|建議"
    # an action's code, "AP3: ALL – comments on draft ToR by 31 Jan", "D2:", "A10:"
    r"|[A-Z]{1,3}\s*-?\d{1,3}(?:\.\d{1,2})?)\s*[：:])"
    r"(?:[^，,。：:\s]{1,10}|from|to|cc|sent|date|subject|re|attachments?|venue|chair|present|"
    r"apologies|in attendance|minutes|prepared by|location|time|exported\s+(?:by|on)|generated\s+(?:by|on)|printed\s+on"
    r"|last\s+(?:updated|modified))\s*[：:]\s*\S",
    re.IGNORECASE,
)
_MAIL_HEADER = re.compile(
    r"^(?:From|To|Cc|Bcc|Sent|Date|Subject|寄件者|收件者|副本|密件副本|日期|寄件日期|主旨|附件)\s*[:：]",
    re.IGNORECASE,
)
_ACTION_LABEL = re.compile(
    r"^(?:actions?|action\s+items?|action\s+points?|todo|to\s+do|follow[-\s]?up|待辦|辦理|追蹤)\s*[：:]", re.I
)
_MAX_HEADING_WIDTH = 100


# "b)", "(iii)", "2.", "1.1": a list's marker standing alone in a cell or before a tab
_LIST_MARK = re.compile(r"\(?(?:[a-z]|[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})?)[).]?\)?|[a-z]\.|\d{1,2}\.")
_CIRCLED = re.compile(r"^\s*[\u2460-\u2473\u24f5-\u24fe\u2776-\u277f]\s*")  # ① ② … ⑳, ⓵, ❶


def marker(line: str) -> tuple[str, int] | None:
    """(family, length of the marker) when the line starts with a numbering or bullet marker."""
    circled = _CIRCLED.match(line)
    if circled and circled.end() < len(line):
        return "①", circled.end()
    norm = nfkc(line)
    for family, pattern in _MARKERS:
        match = pattern.match(norm)
        if match and match.end() < len(norm):
            return family, match.end()
    match = _BULLET.match(norm)
    if match and match.end() < len(norm):
        return "bullet", match.end()
    return None


def strip_marker(text: str) -> str:
    found = marker(text)
    return nfkc(text)[found[1] :].strip() if found else text.strip()


_NOTE_MARK = re.compile(r"(?:us|me|we|ours|TODO|todo|to\s+do|watch|FYI|fyi|action)\s*[:：]", re.IGNORECASE)


# "待辦 / follow-up", "Next steps", "Action items:": a to-do list's own title, however it is typed
_TODO_TITLE = re.compile(
    r"(?:待辦(?:事項)?|後續(?:辦理)?(?:事項|工作)?|追蹤事項|follow[-\s]?ups?|next\s+steps?|"
    r"action\s+(?:items?|points?)|actions?(?:\s+arising)?|to[-\s]?dos?)",
    re.IGNORECASE,
)


def todo_title(norm: str) -> bool:
    parts = re.split(r"\s*[/&、|]\s*", norm.rstrip(":： "))
    return all(_TODO_TITLE.fullmatch(part.strip()) for part in parts if part.strip())


def _looks_like_heading(line: str, family: str | None) -> bool:
    norm = nfkc(line).strip()
    if family is None and width(norm) <= 40 and todo_title(norm):
        return True
    if not norm or width(norm) > _MAX_HEADING_WIDTH or norm[-1] in _TERMINAL:
        return False
    if family in {"bullet", "①"} or re.search(r"→|->|=>", line):
        return False  # an arrow is a note's "do this", not a title
    body = strip_marker(norm) if family else norm
    if not body or width(body) > 80:
        return False
    if family is None:
        words = body.split()
        letters = [ch for ch in body if ch.isalpha()]
        # ALL CAPITALS ("DECISIONS AND ACTIONS"), or a short title line ending in ':'.
        ascii_letters = [ch for ch in letters if ch.isascii()]
        if (
            len(ascii_letters) >= 0.8 * len(letters)
            and ascii_letters
            and all(ch.isupper() for ch in ascii_letters)
        ):
            return 1 <= len(words) <= 14  # "13 DATE AND AGENDA OF THE NEXT MEETING"
        return False
    # A marked line: a title, not a sentence ("1. The Committee agreed …" is a paragraph).
    if re.search(r"[，,]\s*\S.*[，,]", body) and width(body) > 40:
        return False
    if _NOTE_MARK.match(body):
        return False  # "4. us: seminar names by 14 Aug", "2. TODO: book rooms": a to-do, not a title
    words = body.split()
    return len(words) <= 14 or width(body) <= 60


# --- Blocks -----------------------------------------------------------------------------------


@dataclass
class _Outline:
    """Heading levels by marker family, in the order the report first uses them."""

    families: list[str] = field(default_factory=list)
    path: list[tuple[int, str]] = field(default_factory=list)

    def level_of(self, family: str) -> int:
        if family not in self.families:
            # A family seen for the first time nests under the current heading.
            depth = self.path[-1][0] + 1 if self.path else 0
            self.families = [f for f in self.families if self.families.index(f) < depth]
            self.families.append(family)
            return len(self.families) - 1
        return self.families.index(family)

    def enter(self, level: int, text: str) -> None:
        self.path = [(lv, h) for lv, h in self.path if lv < level]
        self.path.append((level, text))

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.path)


@dataclass
class _Builder:
    out: list[Block] = field(default_factory=list)
    outline: _Outline = field(default_factory=_Outline)

    def heading(self, text: str, family: str, page: int | None, level: int | None = None) -> None:
        level = self.outline.level_of(family) if level is None else level
        self.outline.enter(level, text)
        self.out.append(Block(HEADING, text, self.outline.headings[:-1], level=level, page=page))

    def add(self, kind: str, text: str, page: int | None, **extra) -> None:
        text = " ".join(text.split()) if not any(is_cjk(ch) for ch in text) else text.strip()
        if text:
            self.out.append(Block(kind, text, self.outline.headings, page=page, **extra))

    def table(self, rows: Sequence[Sequence[str]], page: int | None) -> None:
        rows = [[" ".join(nfkc(c).split()) for c in row] for row in rows if any(c.strip() for c in row)]
        if not rows:
            return
        header_at = next((i for i, row in enumerate(rows[:3]) if header_roles(row) is not None), None)
        if header_at is not None:
            roles = header_roles(rows[header_at]) or []
            names = rows[header_at]
            for row in rows[header_at + 1 :]:
                if all(not c for c in row) or row == names:
                    continue
                cells = tuple(
                    (roles[i] or names[i] or f"col{i + 1}", cell)
                    for i, cell in enumerate(row[: len(roles)])
                    if cell
                )
                action = next((text for role, text in cells if role == ACTION), "")
                if cells:  # a row without an action cell is kept too: nothing is dropped
                    self.add(ROW, action or " | ".join(text for _role, text in cells), page, cells=cells)
            return
        for row in rows:
            if all(re.fullmatch(r"[-=:|+\s]*", c) for c in row):
                continue  # a rule drawn between rows
            filled = [c for c in row if c]
            if len(filled) == 2 and _LIST_MARK.fullmatch(filled[0]):
                # "b)<tab>invited Members to nominate…": a lettered item set with a tab, not a form's field
                self.lines([f"{filled[0]} {filled[1]}"], page)
                continue
            short = [c for c in row if c and width(c) <= 120]
            long = [c for c in row if c and width(c) > 120]
            # "2.7 | Revision of SOLAS chapter II-2 … (a long description) | 2026 | In progress | …": a
            # long cell among short ones is a row's description, not running text
            if len(short) >= 2 and (not long or (len(long) == 1 and len(short) >= 3)):
                self.add(
                    CELLS,
                    " | ".join(short),
                    page,
                    cells=tuple((f"col{i + 1}", c) for i, c in enumerate(row) if c),
                    form_field=len(row) == 2,
                )
            else:
                # A long cell is running text: read it as paragraphs.
                for cell in row:
                    if cell and width(cell) > 120:
                        self.paragraphs([cell], page)
                    elif cell:
                        self.add(CELLS, cell, page, form_field=True)

    def paragraphs(self, lines: Sequence[str], page: int | None, *, style: str = "") -> None:
        self.lines(lines, page)

    def lines(self, raw_lines: Sequence[str], page: int | None) -> None:
        lines = [part for line in raw_lines for part in _split_inline_items(line)]
        wrap = _wrap_width(lines)
        buffer: list[str] = []  # lines of the block being read
        kind = PARAGRAPH
        quoted = False

        def flush() -> None:
            nonlocal buffer, kind
            if buffer:
                text = buffer[0]
                for line in buffer[1:]:
                    text = join_lines(text, line)
                form = _is_form_field(text) and kind != ITEM
                owner, done = action_tags(text)
                bullet = kind == ITEM and (marker(text) or ("", 0))[0] == "bullet"
                self.add(
                    kind, text, page, quoted=quoted, form_field=form, owner=owner, done=done, bullet=bullet
                )
            buffer, kind = [], PARAGRAPH

        i = 0
        previous, listed_family = "", None  # the last line read; the family of a list it introduced
        while i < len(lines):
            raw = lines[i]
            is_quote = raw.lstrip().startswith(">")
            line = re.sub(r"^\s*(?:>\s?)+", "", raw) if is_quote else raw
            if is_quote != quoted:
                flush()
                quoted = is_quote
            stripped = line.strip()
            if not stripped or (RULE_LINE.match(stripped) and not pipe_cells(stripped)):
                if (
                    stripped
                    and buffer
                    and len(buffer) == 1
                    and RULE_LINE.match(stripped)
                    and width(buffer[0]) < 80
                ):
                    title, buffer = buffer[0], []  # "Title\n=====": a heading
                    self.heading(title.strip(), "underline", page)
                flush()
                i += 1
                continue
            table = take_table([re.sub(r"^\s*(?:>\s?)+", "", x) if quoted else x for x in lines], i)
            if table is not None:
                flush()
                self.table(table[0].rows, page)
                i = table[1]
                continue
            found = marker(stripped)
            family = found[0] if found else None
            continues = (
                bool(buffer)
                and _continues(buffer[-1], stripped, family, wrap)
                and not _next_in_sequence(buffer[0], stripped)
            )
            if continues:
                buffer.append(stripped)
                previous = stripped
                i += 1
                continue
            flush()
            # "需要課長決定的只有兩件：" then "  1. rolling speed …": an indented list the line before
            # introduces, its numbered lines no headings
            listed = family is not None and (
                family == listed_family or (raw[:1].isspace() and previous.endswith((":", "：")))
            )
            listed_family = family if listed else None
            previous = stripped
            following = next((x.strip() for x in lines[i + 1 : i + 2] if x.strip()), "")
            if (
                not listed
                and _looks_like_heading(stripped, family)
                and not _next_is_continuation(lines, i, wrap)
                # "1. 下週一 (3/2) 口頭報告科長" then "2. 下週五前寄 thank-you emails": a list, not a
                # heading with nothing under it
                and not (family is not None and _next_in_sequence(stripped, following))
            ):
                self.heading(" ".join(nfkc(stripped).split()), family or "caps", page)
                i += 1
                continue
            if family is not None or _ACTION_LABEL.match(nfkc(stripped)):
                kind = ITEM
            if family is not None and family != "bullet":
                # "2. 下週五前寄 thank-you emails (Santos, Nguyen, Aziz)": a numbered item, so the
                # lines numbered after it ("4. PH critical minerals memo — 3/10") are items too
                listed_family = family
            buffer = [stripped]
            i += 1
        flush()


_INLINE_CIRCLED = re.compile(r"[\u2460-\u2473\u24f5-\u24fe\u2776-\u277f]")


def _split_inline_items(line: str) -> list[str]:
    """ "① 報告修正稿 → 下週一前寄 ② survey → 月底前回": several numbered items typed on one line."""
    starts = [m.start() for m in _INLINE_CIRCLED.finditer(line)]
    if len(starts) < 2:
        return [line]
    head = line[: starts[0]]
    parts = [line[a:b].rstrip() for a, b in itertools.pairwise([*starts, len(line)])]
    return ([head.rstrip()] if head.strip() else []) + parts


_OWNER_TAG = re.compile(
    # "AI: [USTR/ENR - Morales] circulate the draft": an action label, then the owner in brackets
    r"^\W{0,3}(?:(?:(?i:AIs?|APs?|A/P|action(?:\s+items?|\s+points?)?)\s*[:：]\s*)?\[(?P<tag>[A-Za-z][\w .&/+-]{0,24})\]|(?:ACTION|Action|行動|待辦)\s*[:：]\s*(?P<who>[A-Z]{2,3}(?:\s*[/&,]\s*[A-Z]{2,3})*)\b"
    # "- AP me: brief ottawa before SG plenary", "AP @raj: circulate the data": an action point and its owner
    r"|(?i:AP|AI|A/P|action\s+point)\s+(?P<ap>me|us|we|@[\w.-]{1,20}|[A-Z]{2,3})\s*[:：])"
)
_DONE_TAG = re.compile(
    r"^\W{0,3}(?:\[[xX✓✔]\]|[☑☒✓✔])|\b(?:DONE|COMPLETED|CLOSED)\b|\[(?i:done|closed)\b[^\]]{0,30}\]|（已完成）|\(已完成\)|已辦結|[✓✔☑]\s*$"
)
_OPEN_BOX = re.compile(r"^\W{0,3}(?:\[ \]|☐)")


def action_tags(text: str) -> tuple[str, bool]:
    """(owner, done) of an action line: "- [MK] survey to go live (Q1)", "[x] book flights", "… - DONE"."""
    norm = nfkc(text).strip()
    done = bool(_DONE_TAG.search(norm))
    match = _OWNER_TAG.match(norm)
    if match and (match["tag"] or match["who"] or match["ap"]):
        tag = (match["tag"] or match["who"] or match["ap"]).strip()
        if not re.match(r"(?:x|tbc|tbd|note|fyi|draft|done|closed)\b", tag.casefold()):
            return tag, done
    if _OPEN_BOX.match(norm) and len(re.findall(r"\[ \]|☐", norm)) < 2:
        return "—", done  # an open to-do box: ours, whoever does it ("[ ] a  [ ] b" is a form's choices)
    if _ACTION_LABEL.match(norm) and len(norm) > _ACTION_LABEL.match(norm).end() + 8:
        return (
            "—",
            done,
        )  # "Action: The Secretariat to continue liaising with PPWE": an action, its owner in it
    return "", done


# "APEC Secretariat, 21 May 2025", "Geneva, 13 June 2025": a dateline, where and when it was written.
_DATELINE = re.compile(
    r"^[A-Z][\w.'’&()-]*(?:\s+[\w.'’&()-]+){0,4}\s*,\s*"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)\s+\d{4}\s*\.?$"
)


def _is_form_field(text: str) -> bool:
    """ "報告日期：114 年 5 月 7 日", "Date: 20 May 2025": a label and a short value, not a sentence."""
    norm = nfkc(text)
    if _DATELINE.match(norm.strip()):
        return True
    match = _FORM_FIELD.match(norm)
    if not match:
        return False
    value = norm[match.end() - 1 :]
    return (
        width(value) <= 60
        and not re.search(r"[，。；,;]\s*\S.*[，。；,;.]", value)
        # "經濟部國際貿易署：歐盟執委會訂於 9 月 9 日舉辦…": a speaker and what was said
        and not re.search(r"訂於|預定於|預計於|將於|舉辦|召開|\b(?:will|shall)\b", value)
    )


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when lines are paragraphs."""
    widths = sorted(width(line.strip()) for line in lines if len(line.strip()) >= 10)
    if len(widths) < 8:
        return None
    top = widths[int(len(widths) * 0.9)]
    near = sum(1 for w in widths if w >= 0.75 * top)
    # Wrapped text: most lines are near the wrap width, and it is a page, not a paragraph.
    if top <= 160 and near >= 0.4 * len(widths):
        return top
    return None


def _ordinal(line: str) -> tuple[str, int] | None:
    """(family, number) of a numbered line: "3) Customs …" → ("1)", 3), "（二）" → ("(一)", 2)."""
    found = marker(line)
    if found is None or found[0] in {"bullet", "#", "item"}:
        return None
    digits = re.search(r"\d+", nfkc(line)[: found[1]])
    if digits and found[0] not in {"一", "(一)", "壹", "第章"}:
        return found[0], int(digits.group())
    cjk = re.search(rf"[{_CN}]+", nfkc(line)[: found[1]])
    if cjk and len(cjk.group()) == 1:
        return found[0], _CN.index(cjk.group()) + 1
    return None


def _next_in_sequence(first: str, line: str) -> bool:
    """Does `line` carry the next number after the block's own ("1) …" then "2) …")? A new item,
    even where a hard-wrapped text would otherwise run it on."""
    here, there = _ordinal(first), _ordinal(line)
    return here is not None and there is not None and here[0] == there[0] and there[1] == here[1] + 1


# "…trade measures by 27" + "June 2025": a date broken over two lines
_DAY_AT_END = re.compile(r"\b\d{1,2}$")
_MONTH_AT_START = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}\b")
_OPEN_ENDED = re.compile(r"\b(?:the|of|and|for|to|a|an|in|on|by|with|from|at|than|before|until|or)$")


def _continues(previous: str, line: str, family: str | None, wrap: int | None) -> bool:
    """Is `line` the rest of the block whose last line is `previous`?"""
    if family == "bullet" or _MAIL_HEADER.match(nfkc(line)) or _ACTION_LABEL.match(nfkc(line)):
        return False  # "Action: NTL to report …" starts its own block, however full the line before
    full = wrap is not None and width(previous) >= 0.7 * wrap
    ends = previous.rstrip()[-1:] in _TERMINAL or previous.rstrip().endswith(("：", ":"))
    if (
        not ends
        and family is None
        and width(previous) >= 40
        and not _FORM_FIELD.match(nfkc(line))
        and (
            previous.rstrip()[-1:] in ",，、"
            or _OPEN_ENDED.search(previous.rstrip())
            or (_DAY_AT_END.search(previous.rstrip()) and _MONTH_AT_START.match(line.strip()))
        )
    ):
        return True  # "…Co-coordinators Australia," + "Barbados, China…", "…measures by 27" + "June 2025, by e-mail"
    if wrap is not None:
        if full and not ends:
            return True  # hard-wrapped mid-sentence: even "三、" here is not a heading
        if not ends and family is None and _OPEN_ENDED.search(previous.rstrip()):
            return True  # "…comments on both chapters by" + "15 January 2027;": no sentence ends on "by"
        if (
            not ends
            and family is None
            and not _FORM_FIELD.match(nfkc(line))
            and not _FORM_FIELD.match(nfkc(previous))
            and (line[:1].islower() or (is_cjk(previous.rstrip()[-1]) and is_cjk(line[0])))
        ):
            return True  # "… for the Roadmap" + "network by 17 October": a sentence goes on
        return bool(full and ends and family is None and not _FORM_FIELD.match(nfkc(line)))
    # Paragraph-per-line text: a line broken inside a sentence is joined again.
    if family is not None or ends or _FORM_FIELD.match(nfkc(previous)):
        return False
    return (width(previous) >= 40 and not line[:1].isupper()) or (
        width(previous) >= 40 and previous.rstrip()[-1:].islower()
    )


def _indent(line: str) -> int:
    """The width of a line's leading blanks (a full-width space is two)."""
    blanks = line[: len(line) - len(line.lstrip())]
    return sum(2 if ch == "\u3000" else 1 for ch in blanks)


def _next_is_continuation(lines: Sequence[str], index: int, wrap: int | None) -> bool:
    """A marked line that goes on in the next line is not a heading: a full, unterminated line in
    wrapped text, or a line whose next line starts in lower case ("… for the Roadmap" + "network by …")."""
    line = lines[index].strip()
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if (following[:1].islower() and line[-1:].isalnum()) or re.search(
        r"\b(?:the|of|and|for|to|a|an|in|on|by|with)$", line
    ):
        return True
    raw, raw_next = lines[index], lines[index + 1] if index + 1 < len(lines) else ""
    if (
        line[-1:]
        and is_cjk(line[-1])
        and following
        and is_cjk(following[0])
        and marker(following) is None
        and _indent(raw_next) > _indent(raw)
    ):
        return True  # "四、…請臺灣港務公司持續" + "　　　　評估可行性，…": a hanging indent goes on
    if wrap is None:
        return False
    if width(line) < 0.85 * wrap or line[-1:] in _TERMINAL:
        return False
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return bool(following) and marker(following) is None


def blocks(pieces: Sequence[Piece]) -> list[Block]:
    """Every block of a document, in reading order, each with its heading path."""
    page_lines: dict[int, list[str]] = {}
    for piece in pieces:
        if piece.page is not None and piece.lines:
            page_lines.setdefault(piece.page, []).extend(piece.lines)
    margins = repeated_margins(list(page_lines.values()))
    builder = _Builder()
    pending: list[str] = []
    pending_page: int | None = None

    def flush_text() -> None:
        nonlocal pending
        if pending:
            builder.lines(list(drop_noise([TAG.sub(" ", x) for x in pending], margins)), pending_page)
        pending = []

    for piece in pieces:
        if piece.rows:
            flush_text()
            builder.table(piece.rows, piece.page)
            continue
        if piece.style:
            flush_text()
            _styled(builder, piece)
            continue
        # Runs of plain lines (a .txt, consecutive PDF pages) are read together, so that a
        # paragraph may go on across a page break.
        if not pending:
            pending_page = piece.page
        pending.extend(piece.lines)
    flush_text()
    return builder.out


_HEADING_STYLE = re.compile(r"^(?:heading|標題)\s*(\d)$", re.IGNORECASE)


def _styled(builder: _Builder, piece: Piece) -> None:
    """A Word paragraph: its style says heading or list; its text is one paragraph."""
    text = " ".join(line.strip() for line in piece.lines if line.strip())
    text = TAG.sub(" ", text).strip()
    if not text:
        return
    style = piece.style.strip()
    match = _HEADING_STYLE.match(style)
    if match or style.casefold() in {"title", "subtitle"}:
        level = int(match.group(1)) if match else 0
        builder.heading(" ".join(nfkc(text).split()), f"style{level}", piece.page, level=level)
        return
    if "list" in style.casefold() or piece.numbered:
        builder.add(ITEM, text, piece.page)
        return
    builder.lines([text], piece.page)


def text_pieces(text: str, page: int | None = None) -> list[Piece]:
    """A plain text as one piece (form feeds start new pages)."""
    if "\f" in text:
        return [Piece(lines=tuple(part.split("\n")), page=n) for n, part in enumerate(text.split("\f"), 1)]
    return [Piece(lines=tuple(text.split("\n")), page=page)]


def read_text(text: str) -> list[Block]:
    return blocks(text_pieces(text.replace("\r\n", "\n").replace("\r", "\n")))
