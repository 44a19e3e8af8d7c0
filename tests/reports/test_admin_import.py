"""The admin's "Import a report": upload, then the review page; the candidates' list; clear errors."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import ActionItem, Deadline, Status
from reports.models import CandidateState, ImportCandidate, MinutesImport
from tests import factories
from tests.reports.conftest import REPORT_TEXT

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:reports_minutesimport_add")
CANDIDATES = reverse("admin:reports_importcandidate_changelist")


@pytest.fixture
def staff(client):
    user = factories.UserFactory(
        username="staff", is_staff=True, is_superuser=True, language="en", date_style="roc"
    )
    client.force_login(user)
    return client


def _upload(client, to, name: str, data: bytes):
    return client.post(UPLOAD, {"meeting": to.pk, "file": SimpleUploadedFile(name, data)})


def _nothing_written():
    return not (
        MinutesImport.objects.exists()
        or ImportCandidate.objects.exists()
        or ActionItem.objects.exists()
        or Deadline.objects.exists()
    )


def test_upload_opens_the_review_page(staff, meeting):
    assert staff.get(UPLOAD).status_code == 200
    response = _upload(staff, meeting, "report.txt", REPORT_TEXT.encode("utf-8"))
    minutes_import = MinutesImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:review", args=[minutes_import.pk])
    assert (minutes_import.file_name, minutes_import.candidate_count) == ("report.txt", 5)
    assert not ActionItem.objects.exists()  # nothing becomes an item before review

    page = staff.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "國情報告最後上傳期限" in html
    assert "5 follow-ups found, 0 of them already items" in html
    listing = staff.get(f"{CANDIDATES}?minutes_import__id__exact={minutes_import.pk}&state__exact=pending")
    assert len(listing.context["cl"].result_list) == 5
    listed = listing.content.decode()
    assert "13 Mar ROC 114" in listed  # the reader's date style
    assert "4 Apr ROC 114 (20 working days)" in listed
    imports_page = staff.get(reverse("admin:reports_minutesimport_changelist"))
    assert imports_page.status_code == 200
    assert "Import a report" in imports_page.content.decode()


def test_accept_selected_creates_open_items_on_their_sessions(staff, meeting):
    _upload(staff, meeting, "report.txt", REPORT_TEXT.encode("utf-8"))
    chosen = ImportCandidate.objects.filter(data__excerpt__icontains="秘書處", state=CandidateState.PENDING)
    assert chosen.count() == 2
    response = staff.post(
        CANDIDATES, {"action": "accept_selected", "_selected_action": [c.pk for c in chosen]}, follow=True
    )
    assert "2 accepted (2 new items)" in response.content.decode()
    items = ActionItem.objects.select_related("session", "deadline").order_by("number")
    assert [(i.status, i.session.code, i.deadline.due_on) for i in items] == [
        (Status.OPEN, "closing", date(2025, 3, 13)),
        (Status.OPEN, "closing", date(2025, 4, 4)),
    ]
    assert items[1].deadline.mode == "relative"
    assert ImportCandidate.objects.filter(state=CandidateState.PENDING).count() == 3

    # Uploading the same report again: the two items are found, not created again.
    _upload(staff, meeting, "report.txt", REPORT_TEXT.encode("utf-8"))
    second = MinutesImport.objects.order_by("-id").first()
    assert second.candidates.filter(state=CandidateState.DUPLICATE).count() == 2
    staff.post(
        CANDIDATES,
        {
            "action": "accept_selected",
            "_selected_action": list(second.candidates.values_list("pk", flat=True)),
        },
    )
    assert ActionItem.objects.count() == 5


def test_reject_selected_writes_no_item(staff, meeting):
    _upload(staff, meeting, "report.txt", REPORT_TEXT.encode("utf-8"))
    staff.post(
        CANDIDATES,
        {
            "action": "reject_selected",
            "_selected_action": list(ImportCandidate.objects.values_list("pk", flat=True)),
        },
    )
    assert set(
        ImportCandidate.objects.exclude(state=CandidateState.NOT_PROPOSED).values_list("state", flat=True)
    ) == {CandidateState.REJECTED}
    assert not ActionItem.objects.exists()
    assert not Deadline.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.txt", b"\x00\x01\x02PK\x03\x04" * 50, "is not a text file"),
        ("report.txt", "請於 3 月 13 日前上傳國情報告。".encode("cp950"), "is not UTF-8"),
        ("report.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Word (.doc) file"),
        ("report.pdf", b"%PDF-1.4 broken", "cannot be read as a PDF"),
        ("report.txt", b"", "The submitted file is empty."),
        ("r" * 300 + ".txt", b"\x00" * 10, "is not a text file"),
    ],
)
def test_a_bad_file_is_a_form_error_and_writes_nothing(staff, meeting, name, data, message):
    response = _upload(staff, meeting, name, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert _nothing_written()


def test_a_chinese_language_user_gets_the_form_error_too(client, meeting):
    user = factories.UserFactory(username="zh", is_staff=True, is_superuser=True, language="zh-hant")
    client.force_login(user)
    response = _upload(client, meeting, "report.txt", b"\x00\x01\x02" * 50)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert _nothing_written()
