"""The links in reminder emails: confirm pages on GET, changes only on POST."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from actions.models import Status
from reminders import delivery, scheduling, tokens
from reminders.models import Reminder, ReminderState
from tests.factories import ActionItemFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def delegate_item():
    """An item whose owner takes part in its meeting (and so may act on it)."""
    item = ActionItemFactory()
    ParticipantFactory(meeting=item.meeting, user=item.owner)
    return item


def done_url(item, user) -> str:
    return reverse("reminders:reminder-done", args=[tokens.done_token(item_id=item.pk, user_id=user.pk)])


def test_done_link_shows_a_form_on_get_and_completes_on_post(client):
    item = delegate_item()
    url = done_url(item, item.owner)
    page = client.get(url)
    assert page.status_code == 200
    assert item.title in page.content.decode()
    item.refresh_from_db()
    assert item.status == Status.OPEN
    client.post(url, {"note": "uploaded, receipt 42"})
    item.refresh_from_db()
    assert (item.status, item.completed_by, item.completion_note) == (
        Status.DONE,
        item.owner,
        "uploaded, receipt 42",
    )
    again = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200
    assert "already closed" in again.content.decode()


def test_done_link_is_csrf_protected():
    from django.test import Client

    item = delegate_item()
    response = Client(enforce_csrf_checks=True).post(done_url(item, item.owner))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Status.OPEN


@pytest.mark.parametrize("token", ["garbage", "eyJpIjoxfQ:1xWhns:forged"])
def test_a_tampered_link_is_a_clear_400_not_a_500(client, token):
    for name in ("reminders:reminder-done", "reminders:reminder-unsubscribe"):
        response = client.post(reverse(name, args=[token]), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert "not valid" in response.content.decode()


def test_one_click_unsubscribe_posts_without_csrf_and_cancels_unsent_before_slots():
    from django.test import Client

    user = UserFactory()
    item = ActionItemFactory(owner=user)
    scheduling.item_reschedule(item=item, now=datetime(2025, 3, 1, tzinfo=UTC))
    delivery.reminders_sweep(now=datetime(2025, 3, 6, 1, 5, tzinfo=UTC), enqueue=None)
    url = reverse("reminders:reminder-unsubscribe", args=[tokens.unsubscribe_token(user_id=user.pk)])
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(url).status_code == 200
    user.refresh_from_db()
    assert user.optional_reminders is True  # GET changes nothing
    response = browser.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.optional_reminders is False
    assert Reminder.objects.get().state == ReminderState.CANCELLED
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 13, 1, 0, tzinfo=UTC)  # due day
