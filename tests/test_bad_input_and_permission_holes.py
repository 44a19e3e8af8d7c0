"""Regressions from a review: bad input that used to 500, and permission holes that are closed."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions import services
from actions.models import ActionItem, Status
from reminders import delivery, scheduling, tokens
from reminders.models import Reminder
from tests import factories
from tests.admin_forms import deadline_form, meeting_form
from tests.clients import client_for

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("month", ["99999999999999999999-1", "2025-99999999999999999999"])
def test_calendar_huge_month_is_not_a_500(client, month):
    client.raise_request_exception = False
    client.force_login(factories.UserFactory())
    assert client.get(f"/calendar/?month={month}").status_code == 200


def test_api_item_move_deadline_past_last_instant_is_400(ours):
    ours.item.deadline.zone = "Pacific/Honolulu"
    ours.item.deadline.save()
    c = client_for(ours.owner)
    c.raise_request_exception = False
    r = c.post(
        f"/api/v1/action-items/{ours.item.pk}/move-deadline/",
        {"due": "9999-12-31", "reason": "x"},
        format="json",
    )
    assert r.status_code == 400, (r.status_code, r.content[:200])


def test_api_deadline_move_past_last_instant_is_400(ours):
    ours.item.deadline.zone = "Pacific/Honolulu"
    ours.item.deadline.save()
    c = client_for(ours.head)
    c.raise_request_exception = False
    r = c.post(
        f"/api/v1/deadlines/{ours.item.deadline_id}/move/",
        {"due": "9999-12-31", "reason": "x"},
        format="json",
    )
    assert r.status_code == 400, (r.status_code, r.content[:200])


def test_admin_deadline_add_9999_west_of_utc_is_a_form_error(staff_client, telwg70):
    staff_client.raise_request_exception = False
    r = staff_client.post(
        reverse("admin:actions_deadline_add"),
        deadline_form(telwg70, due="9999-12-31", zone="Pacific/Honolulu"),
    )
    assert r.status_code == 200  # re-shown with an error


def test_admin_meeting_dates_that_push_a_rule_out_of_range_is_a_form_error(staff_client, telwg70):
    staff_client.raise_request_exception = False
    r = staff_client.post(
        reverse("admin:meetings_meeting_change", args=[telwg70.pk]),
        meeting_form(telwg70, start_on="9999-12-30", end_on="9999-12-31"),
    )
    assert r.status_code == 200


def test_report_upload_with_corrupt_docx_xml_is_a_form_error(staff_client, telwg70):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<bad")
        z.writestr("word/document.xml", "<<<")
    staff_client.raise_request_exception = False
    r = staff_client.post(
        reverse("admin:reports_minutesimport_add"),
        {"meeting": telwg70.pk, "file": SimpleUploadedFile("report.docx", buf.getvalue())},
    )
    assert r.status_code == 200


def test_done_link_of_a_former_owner_no_longer_completes_the_item(client, ours):
    token = tokens.done_token(item_id=ours.item.pk, user_id=ours.owner.pk)  # from an old email
    services.action_item_reassign(item=ours.item, owner=ours.delegate, by=ours.head, now=NOW)
    ours.meeting.participants.filter(user=ours.owner).delete()  # left the delegation
    client.post(f"/reminders/done/{token}/")
    ours.item.refresh_from_db()
    assert ours.item.status != Status.DONE


def test_api_watcher_must_take_part_in_the_meeting(ours, theirs):
    factories.ParticipantFactory(meeting=theirs.meeting, user=ours.head)  # head sits in both
    r = client_for(ours.head).patch(
        f"/api/v1/action-items/{ours.item.pk}/", {"watchers": [theirs.delegate.pk]}, format="json"
    )
    assert r.status_code == 400, r.json()


def test_admin_bulk_reassign_refuses_non_participant(client, ours, theirs):
    client.force_login(
        factories.UserFactory(username="staffer", is_staff=True, is_superuser=True, language="en")
    )
    client.post(
        "/admin/actions/actionitem/",
        {
            "action": "reassign",
            "apply": "1",
            ACTION_CHECKBOX_NAME: [ours.item.pk],
            "owner": theirs.delegate.pk,
            "reason": "",
        },
    )
    ours.item.refresh_from_db()
    assert ours.item.owner_id != theirs.delegate.pk


def test_optional_reminders_back_on_sends_before_reminders_again(client, ours):
    owner = ours.owner
    owner.email, owner.time_zone = "o@example.org", "Asia/Taipei"
    owner.save()
    deadline = ours.item.deadline
    deadline.due_at = datetime(2025, 4, 20, 15, 59, 59, tzinfo=UTC)
    deadline.due_on = deadline.due_at.date()
    deadline.save()
    now = datetime(2025, 4, 1, 2, 0, tzinfo=UTC)
    scheduling.item_reschedule(item=ours.item, now=now)
    scheduling.user_optional_reminders_off(user=owner, now=now)  # one-click unsubscribe
    client.force_login(owner)
    assert (
        client.post(
            "/preferences/",
            {
                "language": "en",
                "time_zone": "Asia/Taipei",
                "date_style": "",
                "reminder_mode": "single",
                "optional_reminders": "on",
            },
        ).status_code
        == 302
    )
    delivery.reminders_sweep(now=datetime(2025, 4, 17, 2, 0, tzinfo=UTC), enqueue=None)  # D-3 10:00
    slots = set(Reminder.objects.filter(item=ours.item, user=owner).values_list("slot_key", flat=True))
    assert any(s.startswith("before-3") for s in slots), (
        slots,
        ActionItem.objects.get(pk=ours.item.pk).next_reminder_at,
    )
