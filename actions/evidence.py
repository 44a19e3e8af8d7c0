"""Which uploads count as evidence: allowed extensions, checked against the file's first bytes.

Pure: takes a name, the first bytes and the size; no ORM, no settings.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

ALLOWED_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "txt", "eml", "msg")
HEAD_BYTES = 4096

_MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    # Outlook .msg is an OLE compound file.
    "msg": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
# The part an Office zip must contain to be that kind of document.
_OFFICE_PART = {"docx": "word/", "xlsx": "xl/"}
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.MULTILINE)


class EvidenceError(ValueError):
    def __init__(self, message, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_text(head: bytes, *, complete: bool) -> bool:
    """UTF-8 without NUL bytes; a character cut at the end of an incomplete head is fine."""
    if b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head.removeprefix(codecs.BOM_UTF8), final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _office_part_present(stream: BinaryIO, part: str) -> bool:
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            return any(name.startswith(part) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        stream.seek(0)


def check_upload(name: str, size: int, stream: BinaryIO, *, max_bytes: int) -> str:
    """Return the file's extension if it may be kept as evidence; raise EvidenceError if not."""
    ext = extension_of(name)
    if ext not in ALLOWED_EXTENSIONS:
        raise EvidenceError(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(ALLOWED_EXTENSIONS)},
            code="extension",
        )
    if size > max_bytes:
        raise EvidenceError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{max_bytes / 1048576:.1f}"},
            code="too_large",
        )
    if size == 0:
        raise EvidenceError(_("The file is empty."), code="empty")
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if ext in _MAGIC:
        ok = head.startswith(_MAGIC[ext])
        if ok and ext in _OFFICE_PART:
            ok = _office_part_present(stream, _OFFICE_PART[ext])
    elif ext == "txt":
        ok = _is_text(head, complete=size <= HEAD_BYTES)
    else:  # eml: text that starts with mail headers
        ok = _is_text(head, complete=size <= HEAD_BYTES) and bool(_HEADER_LINE.search(head[:1024]))
    if not ok:
        raise EvidenceError(
            _("The file's content does not look like a .%(ext)s file.") % {"ext": ext},
            code="content",
        )
    return ext


def check_bytes(name: str, data: bytes, *, max_bytes: int) -> str:
    """check_upload for bytes in memory (tests, small uploads)."""
    return check_upload(name, len(data), io.BytesIO(data), max_bytes=max_bytes)
