"""Which uploads are kept as evidence: extension and first bytes must agree, size is capped."""

import io
import zipfile

import pytest

from actions.evidence import EvidenceError, check_bytes


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{part}document.xml", "<x/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
MSG = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20
EML = b"From: chair@example.org\r\nSubject: revised draft\r\n\r\nPlease find attached."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", PDF),
        ("receipt.PNG", PNG),
        ("photo.jpg", JPG),
        ("photo.jpeg", JPG),
        ("comments.docx", office("word/")),
        ("plan.xlsx", office("xl/")),
        ("notes.txt", "國情報告已上傳 ACS。".encode()),
        ("notes.txt", "\ufeffBOM text".encode()),
        ("reply.eml", EML),
        ("reply.msg", MSG),
    ],
)
def test_accepted(name, data):
    assert check_bytes(name, data, max_bytes=1000) == name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "extension"),
        ("noextension", b"hello", "extension"),
        ("page.html", b"<html>", "extension"),
        ("fake.pdf", b"<html><script>", "content"),
        ("fake.png", PDF, "content"),
        ("fake.jpg", PNG, "content"),
        ("fake.docx", office("xl/"), "content"),
        ("fake.xlsx", b"PK\x03\x04 not a real zip", "content"),
        ("binary.txt", b"abc\x00def", "content"),
        ("latin1.txt", "café".encode("latin-1"), "content"),
        ("plain.eml", b"just some text without headers", "content"),
        ("fake.msg", PDF, "content"),
        ("empty.pdf", b"", "empty"),
        ("huge.pdf", PDF + b"x" * 2000, "too_large"),
    ],
)
def test_refused(name, data, code):
    with pytest.raises(EvidenceError) as caught:
        check_bytes(name, data, max_bytes=1000)
    assert caught.value.code == code


@pytest.mark.django_db
def test_service_keeps_a_checked_file_and_logs_it(settings, tmp_path):
    from datetime import UTC, datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from actions import services
    from tests.factories import ActionItemFactory

    settings.MEDIA_ROOT = tmp_path
    item = ActionItemFactory()
    evidence = services.evidence_add(
        item=item,
        by=item.owner,
        now=datetime(2025, 3, 12, tzinfo=UTC),
        file=SimpleUploadedFile("receipt.pdf", PDF),
        note="ACS",
    )
    assert evidence.file.read() == PDF
    assert item.activities.get().describe() == "evidence attached: receipt.pdf"


@pytest.mark.django_db
def test_service_leaves_nothing_behind_when_the_row_is_refused(settings, tmp_path):
    from datetime import UTC, datetime

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actions import services
    from actions.models import Evidence
    from tests.factories import ActionItemFactory

    settings.MEDIA_ROOT = tmp_path
    item = ActionItemFactory()
    with pytest.raises(ValidationError):
        services.evidence_add(
            item=item,
            by=None,
            now=datetime(2025, 3, 12, tzinfo=UTC),
            file=SimpleUploadedFile("receipt.pdf", PDF),
            url="not a url",
        )
    assert not Evidence.objects.exists()
    assert not item.activities.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.django_db
def test_service_refuses_a_disguised_file_before_writing():
    from datetime import UTC, datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from actions import services
    from actions.models import Evidence
    from tests.factories import ActionItemFactory

    item = ActionItemFactory()
    with pytest.raises(EvidenceError):
        services.evidence_add(
            item=item,
            by=None,
            now=datetime(2025, 3, 12, tzinfo=UTC),
            file=SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00"),
        )
    assert not Evidence.objects.exists()
