"""Read an uploaded meeting report (.txt, .docx, .pdf) into layout pieces, or say clearly why not.

A path in, `reports.layout.Piece`s out: lines of text as the file holds them, Word
paragraphs with their style, and tables as rows of cells (Word tables; PDF tables found by
pdfplumber). Every refusal is a `DocumentError` whose `code` a caller can branch on and
whose message (translated lazily) tells the person what to do.

PDF text is read by pdfplumber (which also finds tables and where lines sit on the page)
and by pypdf; when their Chinese disagree — a PDF whose fonts pdfminer maps wrongly yields
rare characters in place of common ones — the reading with more common characters wins.

Encodings: text files must be UTF-8 (with or without a BOM) or UTF-16 with a BOM.
Big5/cp950 is refused, not guessed: GBK and Big5 bytes overlap, so a "successful"
cp950 decode of a GBK file yields wrong characters without any error, and a wrong
name or date in a follow-up is worse than a clear request to re-save the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from reports.layout import Piece, text_pieces

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_CONTROL_SHARE = 0.01  # more than 1% control characters: not a text file
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DocumentError(ValueError):
    """A file that cannot be read as a report; `code` says which problem, `str()` says what to do."""

    def __init__(self, message: Any, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message  # translated lazily: shown in the reader's language
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


def read_document(path: Path) -> str:
    """The text of a report, blocks separated by blank lines (for display and checks)."""
    pieces = read_pieces(path)
    parts: list[str] = []
    for piece in pieces:
        if piece.rows:
            parts.append("\n".join("\t".join(row) for row in piece.rows))
        else:
            parts.append("\n".join(piece.lines))
    return "\n".join(parts)


def read_pieces(path: Path) -> list[Piece]:
    """The pieces of a .txt, .docx or text-based .pdf file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(
            format_lazy(_("{name}: file not found."), name=path.name), code="not_found"
        ) from None
    if size == 0:
        raise DocumentError(format_lazy(_("{name} is empty."), name=path.name), code="empty")
    if size > MAX_BYTES:
        raise DocumentError(
            format_lazy(
                _(
                    "{name} is {size} MB; the limit is {limit} MB. Upload the report without images, "
                    "or as .txt."
                ),
                name=path.name,
                size=f"{size / 1024 / 1024:.1f}",
                limit=MAX_BYTES // 1024 // 1024,
            ),
            code="too_large",
        )
    suffix = path.suffix.casefold()
    if suffix in TEXT_SUFFIXES:
        text = _decode(path.read_bytes(), path.name).replace("\r\n", "\n").replace("\r", "\n")
        pieces = text_pieces(text)
    elif suffix == ".docx":
        pieces = _read_docx(path)
    elif suffix == ".pdf":
        pieces = _read_pdf(path)
    elif suffix == ".doc":
        raise DocumentError(
            format_lazy(
                _("{name} is an old Word (.doc) file; save it as .docx and upload that."), name=path.name
            ),
            code="unsupported_type",
        )
    else:
        raise DocumentError(
            format_lazy(
                _("{name}: {suffix} is not supported; upload .txt, .docx or .pdf."),
                name=path.name,
                suffix=suffix or _("a file without extension"),
            ),
            code="unsupported_type",
        )
    cells = (cell for piece in pieces for row in piece.rows for cell in row)
    if not any(line.strip() for line in (*(line for piece in pieces for line in piece.lines), *cells)):
        raise DocumentError(format_lazy(_("{name} has no text."), name=path.name), code="empty")
    return pieces


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), name)
            except UnicodeDecodeError:
                raise DocumentError(
                    format_lazy(
                        _(
                            "{name} starts with a {encoding} byte-order mark but is not valid "
                            "{encoding}; save it again as UTF-8."
                        ),
                        name=name,
                        encoding=encoding.upper(),
                    ),
                    code="encoding",
                ) from None
    if b"\x00" in data:
        raise DocumentError(
            format_lazy(
                _(
                    "{name} is not a text file (it contains NUL bytes). If it is UTF-16 text, "
                    "save it as UTF-8 instead."
                ),
                name=name,
            ),
            code="binary",
        )
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    hint: Any = ""
    try:
        decoded = data.decode("cp950")
    except UnicodeDecodeError:
        decoded = ""
    if decoded and sum(_is_cjk(ch) for ch in decoded) >= 0.2 * len(decoded.strip()):
        hint = _(" It looks like Big5 (cp950), which is not read automatically.")
    raise DocumentError(
        format_lazy(
            _("{name} is not UTF-8; save it as UTF-8 and upload it again.{hint}"), name=name, hint=hint
        ),
        code="encoding",
    )


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _check_text(text: str, name: str) -> str:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if text and controls > _CONTROL_SHARE * len(text):
        raise DocumentError(
            format_lazy(_("{name} does not look like text (too many control characters)."), name=name),
            code="binary",
        )
    return text


def _read_docx(path: Path) -> list[Piece]:
    """Paragraphs (with their style) and tables, in document order."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise DocumentError(
            format_lazy(
                _(
                    "{name} is not a Word document (.docx files are zip archives); open it in "
                    "Word and save it as .docx again."
                ),
                name=path.name,
            ),
            code="corrupt",
        )
    from lxml.etree import LxmlError

    try:
        document = Document(str(path))
        return _docx_pieces(document.element.body, document)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, LxmlError) as error:
        # LxmlError: a zip whose XML parts are damaged.
        raise DocumentError(
            format_lazy(
                _("{name} cannot be opened as a Word document ({error})."), name=path.name, error=error
            ),
            code="corrupt",
        ) from None


def _style_names(document: Any) -> dict[str, str]:
    """Paragraph style id → name ("Heading2" → "Heading 2"), read once: python-docx looks it up slowly."""
    names: dict[str, str] = {}
    for style in document.styles.element.iterchildren():
        if style.tag.rsplit("}", 1)[-1] != "style":
            continue
        style_id = style.get(f"{{{_W}}}styleId") or ""
        name = next((n.get(f"{{{_W}}}val") for n in style.iterchildren() if n.tag.endswith("}name")), "")
        names[style_id] = name or style_id
    return names


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_pieces(container: Any, parent: Any, styles: dict[str, str] | None = None) -> list[Piece]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if styles is None:
        styles = _style_names(parent)
    pieces: list[Piece] = []
    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, parent)
            style_id = child.find(f".//{{{_W}}}pStyle")
            style = styles.get(style_id.get(f"{{{_W}}}val"), "") if style_id is not None else ""
            numbered = child.find(".//{*}numPr") is not None
            text = paragraph.text
            if style.casefold() in {"normal", "body text", "default paragraph style", ""} and not numbered:
                pieces.append(Piece(lines=tuple(text.split("\n"))))
            else:
                pieces.append(
                    Piece(lines=tuple(text.split("\n")), style=style or "Normal", numbered=numbered)
                )
        elif tag == "tbl":
            table = Table(child, parent)
            rows: list[tuple[str, ...]] = []
            for row in table.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    inner = [
                        line
                        for piece in _docx_pieces(cell._tc, cell, styles)
                        for line in (*piece.lines, *(" ".join(r) for r in piece.rows))
                        if line.strip()
                    ]
                    cells.append(" ".join(inner))
                rows.append(tuple(cells))
            pieces.append(Piece(rows=tuple(rows)))
    return pieces


# The most common characters of written Chinese: a reading that has few of them is garbled.
_COMMON_HANZI = frozenset(
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法"
    "所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政"
    "四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最"
    "立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根"
    "論運農指幾九區強放決西被做必戰先回則任取據處府研景報議請提供交意見告務辦理單位擬預計截止期限於前後會議"
)


def _common_share(text: str) -> float:
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return 1.0
    return sum(ch in _COMMON_HANZI for ch in hanzi) / len(hanzi)


def _read_pdf(path: Path) -> list[Piece]:
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF-"):
            raise DocumentError(format_lazy(_("{name} is not a PDF file."), name=path.name), code="corrupt")
    try:
        pieces = _pdf_pieces(path)
    except DocumentError:
        raise
    except Exception as error:
        if isinstance(error, (MemoryError, KeyboardInterrupt)):
            raise
        raise DocumentError(
            format_lazy(_("{name} cannot be read as a PDF ({error})."), name=path.name, error=error),
            code="corrupt",
        ) from None
    if not any(line.strip() for piece in pieces for line in piece.lines) and not any(p.rows for p in pieces):
        raise DocumentError(
            format_lazy(
                _(
                    "{name} has no text layer (a scanned document?); run OCR on it or upload "
                    "the report as .docx or .txt."
                ),
                name=path.name,
            ),
            code="no_text",
        )
    return pieces


_DRAWING = re.compile(rb"(?:^|\s)(?:re|l)\s")


def _draws_lines(page: Any) -> bool:
    """Does the page draw lines or boxes (a table's rules)? Read from its content stream, cheaply."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:
        return True
    return len(_DRAWING.findall(data)) >= 4


def _pdf_pieces(path: Path) -> list[Piece]:
    """pypdf reads the text (fast); pdfplumber reads the pages that draw tables, and every page
    when pypdf's Chinese is garbled (some fonts' character maps are read better by pdfminer)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise DocumentError(
            format_lazy(_("{name} is password-protected; upload an unprotected copy."), name=path.name),
            code="encrypted",
        )
    texts = [page.extract_text() or "" for page in reader.pages]
    tabled = {number for number, page in enumerate(reader.pages, start=1) if _draws_lines(page)}
    joined = "\n".join(texts)
    if _common_share(joined) < 0.3 or not joined.strip():
        plumbed = _pdfplumber_pieces(path, None)
        if _common_share("\n".join(line for p in plumbed for line in p.lines)) >= _common_share(joined):
            return plumbed
    by_page = {number: _pdfplumber_pieces(path, tabled) for number in [0]} if tabled else {}
    plumbed_pages: dict[int, list[Piece]] = {}
    for piece in by_page.get(0, []):
        plumbed_pages.setdefault(piece.page or 0, []).append(piece)
    pieces: list[Piece] = []
    for number, text in enumerate(texts, start=1):
        if number in plumbed_pages:
            pieces.extend(plumbed_pages[number])
        else:
            pieces.append(Piece(lines=tuple(text.split("\n")), page=number))
    return _merge_lines(pieces)


def _pdfplumber_pieces(path: Path, only: set[int] | None) -> list[Piece]:
    """Each page's lines outside its tables, and its tables, in the order they stand on the page."""
    import pdfplumber

    pieces: list[Piece] = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if only is not None and number not in only:
                continue
            tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.rows[0].cells) >= 2]
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes) -> bool:
                x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
                y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            free = page.filter(outside) if boxes else page
            entries: list[tuple[float, Piece]] = []
            lines = free.extract_text_lines(return_chars=False, keep_blank_chars=False)
            gap_lines: list[tuple[float, str]] = []
            previous_bottom = None
            for line in lines:
                top = float(line["top"])
                # A gap wider than a line: a blank line between paragraphs.
                height = line["bottom"] - line["top"]
                if previous_bottom is not None and top - previous_bottom > 0.9 * height:
                    gap_lines.append((top - 0.01, ""))
                gap_lines.append((top, line["text"]))
                previous_bottom = float(line["bottom"])
            for top, text in gap_lines:
                entries.append((top, Piece(lines=(text,), page=number)))
            for table in tables:
                rows = tuple(
                    tuple((cell or "").replace("\n", " ").strip() for cell in row) for row in table.extract()
                )
                entries.append((float(table.bbox[1]), Piece(rows=rows, page=number)))
            entries.sort(key=lambda entry: entry[0])
            pieces.extend(piece for _top, piece in entries)
    return _merge_lines(pieces)


def _merge_lines(pieces: list[Piece]) -> list[Piece]:
    """Consecutive line pieces of a page become one piece (the layout reads them together)."""
    merged: list[Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last is not None and piece.lines and last.lines and not last.rows and last.page == piece.page:
            merged[-1] = Piece(lines=merged[-1].lines + piece.lines, page=piece.page)
        else:
            merged.append(piece)
    return merged
