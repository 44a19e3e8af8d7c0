"""Read an uploaded meeting report (.txt, .docx, .pdf) into plain text, or say clearly why not.

Pure: a path in, a string out. Every refusal is a `DocumentError` whose `code` a caller
can branch on and whose message (translated lazily) tells the person what to do.

Encodings: text files must be UTF-8 (with or without a BOM) or UTF-16 with a BOM.
Big5/cp950 is refused, not guessed: GBK and Big5 bytes overlap, so a "successful"
cp950 decode of a GBK file yields wrong characters without any error, and a wrong
name or date in a follow-up is worse than a clear request to re-save the file.
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
    """The text of a .txt, .docx or text-based .pdf file, lines separated by "\\n"."""
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
                _("{name} is {size} MB; the limit is {limit} MB. Upload the report without images, "
                  "or as .txt."),
                name=path.name, size=f"{size / 1024 / 1024:.1f}", limit=MAX_BYTES // 1024 // 1024,
            ),
            code="too_large",
        )
    suffix = path.suffix.casefold()
    if suffix in TEXT_SUFFIXES:
        text = _decode(path.read_bytes(), path.name)
    elif suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    elif suffix == ".doc":
        raise DocumentError(
            format_lazy(_("{name} is an old Word (.doc) file; save it as .docx and upload that."),
                        name=path.name),
            code="unsupported_type",
        )
    else:
        raise DocumentError(
            format_lazy(_("{name}: {suffix} is not supported; upload .txt, .docx or .pdf."),
                        name=path.name, suffix=suffix or _("a file without extension")),
            code="unsupported_type",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(format_lazy(_("{name} has no text."), name=path.name), code="empty")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), name)
            except UnicodeDecodeError:
                raise DocumentError(
                    format_lazy(_("{name} starts with a {encoding} byte-order mark but is not valid "
                                  "{encoding}; save it again as UTF-8."),
                                name=name, encoding=encoding.upper()),
                    code="encoding",
                ) from None
    if b"\x00" in data:
        raise DocumentError(
            format_lazy(_("{name} is not a text file (it contains NUL bytes). If it is UTF-16 text, "
                          "save it as UTF-8 instead."), name=name),
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
        format_lazy(_("{name} is not UTF-8; save it as UTF-8 and upload it again.{hint}"),
                    name=name, hint=hint),
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


def _read_docx(path: Path) -> str:
    """Paragraphs and table cells in document order; a table row becomes tab-separated cells."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise DocumentError(
            format_lazy(_("{name} is not a Word document (.docx files are zip archives); open it in "
                          "Word and save it as .docx again."), name=path.name),
            code="corrupt",
        )
    from lxml.etree import LxmlError

    try:
        document = Document(str(path))
        return "\n".join(_block_lines(document.element.body, document))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, LxmlError) as error:
        # LxmlError: a zip whose XML parts are damaged.
        raise DocumentError(
            format_lazy(_("{name} cannot be opened as a Word document ({error})."),
                        name=path.name, error=error),
            code="corrupt",
        ) from None


def _block_lines(container: Any, parent: Any) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, parent).text)
        elif tag == "tbl":
            table = Table(child, parent)
            for row in table.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    inner = [line for line in _block_lines(cell._tc, cell) if line.strip()]
                    cells.append(" ".join(inner))
                lines.append("\t".join(cells))
    return lines


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF-"):
            raise DocumentError(format_lazy(_("{name} is not a PDF file."), name=path.name), code="corrupt")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                format_lazy(_("{name} is password-protected; upload an unprotected copy."),
                            name=path.name),
                code="encrypted",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(
            format_lazy(_("{name} cannot be read as a PDF ({error})."), name=path.name, error=error),
            code="corrupt",
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(
            format_lazy(_("{name} has no text layer (a scanned document?); run OCR on it or upload "
                          "the report as .docx or .txt."), name=path.name),
            code="no_text",
        )
    return text
