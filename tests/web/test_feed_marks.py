"""Feeds: done items marked, every event with an end; the new address with a copy button and
a webcal: link."""

from datetime import UTC, date, datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services
from tests import factories
from web import services as web_services

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, tzinfo=UTC)


@pytest.fixture
def owner(db):
    return factories.UserFactory(username="mao", language="en")


def _item(owner, **fields):
    meeting = factories.MeetingFactory()
    factories.ParticipantFactory(meeting=meeting, user=owner)
    if "deadline" in fields:
        fields["deadline"].meeting = meeting
        fields["deadline"].save()
    return factories.ActionItemFactory(meeting=meeting, owner=owner, **fields)


def _events(client, owner) -> list[icalendar.Event]:
    _token, raw = web_services.feed_token_create(user=owner, meeting=None, now=NOW)
    response = client.get(reverse("web:feed", args=[raw]))
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_done_item_is_marked_and_no_longer_a_confirmed_appointment(client, owner):
    item = _item(owner, title="Upload the country report")
    services.action_item_complete(item=item, by=owner, note="", now=timezone.now())
    [event] = _events(client, owner)
    assert str(event["summary"]).startswith("✓ Done · ")
    assert event.get("status") != "CONFIRMED"
    assert event["transp"] == "TRANSPARENT"


def test_an_open_item_stays_confirmed(client, owner):
    _item(owner)
    [event] = _events(client, owner)
    assert event["status"] == "CONFIRMED"
    assert not str(event["summary"]).startswith("✓")


def test_a_day_deadline_ends_where_it_starts(client, owner):
    _item(owner, deadline=factories.DeadlineFactory(due_on=date(2025, 3, 13), zone="Asia/Singapore"))
    [event] = _events(client, owner)
    assert event.decoded("dtend") == event.decoded("dtstart")


def test_the_new_feed_address_has_a_copy_button_and_a_webcal_link(client, owner, settings):
    settings.SITE_URL = "https://tracker.example.org"
    client.force_login(owner)
    page = client.post(reverse("web:feed_create"), {"feed-meeting": ""}).content.decode()
    assert 'data-copy="new-feed-url"' in page
    assert 'href="webcal://tracker.example.org/feeds/' in page
