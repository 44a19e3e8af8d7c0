"""Reading uploaded reports: text encodings, .docx paragraphs and tables, text PDFs, clear refusals."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest

from reports.readers import MAX_BYTES, DocumentError, read_document
from tests.reports.conftest import pdf_bytes as _pdf
from tests.reports.conftest import text_pdf as _text_pdf


@pytest.fixture(autouse=True)
def _english():
    """Messages are translated (gettext_lazy); these tests read the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield


REPORT = Path(__file__).resolve().parent.parent / "data" / "telwg70-report-zh-Hant.txt"
SENTENCE = "APEC 秘書處提醒各經濟體 3 月 13 日為國情報告最後上傳期限。"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_text_encodings(tmp_path: Path, data: bytes) -> None:
    assert read_document(_write(tmp_path, "report.txt", data)) == SENTENCE


def test_windows_line_ends_become_newlines(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.txt", "第一行\r\n第二行\r\n".encode())
    assert read_document(path) == "第一行\n第二行\n"


def test_the_worked_example_reads_as_is() -> None:
    assert read_document(REPORT) == REPORT.read_text(encoding="utf-8")


def test_big5_is_refused_with_a_way_out(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.txt", SENTENCE.encode("cp950"))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.code == "encoding"
    assert "not UTF-8; save it as UTF-8" in str(caught.value)
    assert "Big5" in str(caught.value)


def test_latin1_is_refused_without_a_big5_hint(tmp_path: Path) -> None:
    path = _write(tmp_path, "minutes.txt", "Café by 12 September 2025".encode("latin-1"))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.code == "encoding"
    assert "Big5" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("controls.txt", b"\x01\x02\x03\x04 text \x05\x06", "binary"),
        ("report.doc", b"\xd0\xcf\x11\xe0 old word", "unsupported_type"),
        ("report.xlsx", b"PK\x03\x04", "unsupported_type"),
        ("report.docx", b"this is not a zip archive", "corrupt"),
        ("report.pdf", b"not a pdf at all", "corrupt"),
        ("report.pdf", b"%PDF-1.4\n1 0 obj garbage", "corrupt"),
    ],
)
def test_refusals_have_a_code_and_a_message(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(_write(tmp_path, name, data))
    assert caught.value.code == code
    assert name in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "nowhere.txt")
    assert caught.value.code == "not_found"


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.code == "too_large"
    assert "20 MB" in str(caught.value)


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("(十) 後續工作項目確認")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "時間"
    table.cell(0, 1).text = "會議"
    table.cell(0, 1).merge(table.cell(0, 2))  # one merged cell across two grid columns
    table.cell(1, 0).text = "114 年 4 月 1 日至 3 日"
    table.cell(1, 1).text = "TCB Council Workshop"
    table.cell(1, 2).text = "Santa Clara"
    document.add_paragraph("TELWG 71 預計於 7 月 29 日舉行。")
    path = tmp_path / "report.docx"
    document.save(str(path))

    assert read_document(path).splitlines() == [
        "(十) 後續工作項目確認",
        SENTENCE,
        "時間\t會議",
        "114 年 4 月 1 日至 3 日\tTCB Council Workshop\tSanta Clara",
        "TELWG 71 預計於 7 月 29 日舉行。",
    ]


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.code == "empty"


def test_pdf_with_a_text_layer(tmp_path: Path) -> None:
    lines = (
        "Economies are invited to submit comments by 12 September 2025.",
        "The Secretariat will circulate the record within 15 working days.",
    )
    text = read_document(_write(tmp_path, "minutes.pdf", _text_pdf(*lines)))
    assert [line.strip() for line in text.splitlines() if line.strip()] == list(lines)


def test_scanned_pdf_without_text_says_so(tmp_path: Path) -> None:
    drawing_only = _pdf(b"0.5 g 72 72 451 698 re f")  # a grey box, as a scan has an image
    with pytest.raises(DocumentError) as caught:
        read_document(_write(tmp_path, "scan.pdf", drawing_only))
    assert caught.value.code == "no_text"
    assert "OCR" in str(caught.value)
