"""Calendar feeds parse back as iCalendar and put deadlines at the right instants."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse

from actions import deadline_services
from followup_dates import dates
from tests import factories
from web import services as web_services

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, tzinfo=UTC)


@pytest.fixture
def feed(client, settings):
    settings.SITE_URL = "https://tracker.example.org"
    owner = factories.UserFactory(username="mao", language="en")
    meeting = factories.MeetingFactory()
    factories.ParticipantFactory(meeting=meeting, user=owner)
    singapore = factories.DeadlineFactory(meeting=meeting, due_on=date(2025, 3, 13), zone="Asia/Singapore")
    month = factories.DeadlineFactory(
        meeting=meeting, due_on=date(2025, 4, 30), precision="month", zone="Asia/Taipei"
    )
    acs = factories.ActionItemFactory(
        meeting=meeting, owner=owner, deadline=singapore, title="Upload the country report"
    )
    globac = factories.ActionItemFactory(
        meeting=meeting, owner=owner, deadline=month, title="GLOBAC work plan"
    )
    _token, raw = web_services.feed_token_create(user=owner, meeting=None, now=NOW)

    def calendar() -> icalendar.Calendar:
        response = client.get(reverse("web:feed", args=[raw]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        return icalendar.Calendar.from_ical(response.content)

    def fetch() -> dict[str, icalendar.Event]:
        return {str(e["uid"]): e for e in calendar().walk("VEVENT")}

    fetch.calendar = calendar

    return fetch, acs, globac, singapore


def test_singapore_deadline_is_a_timed_event_at_the_right_instant(feed):
    fetch, acs, _globac, _deadline = feed
    event = fetch()[f"item-{acs.pk}@tracker.example.org"]
    start = event.decoded("dtstart")
    assert start.astimezone(UTC) == datetime(2025, 3, 13, 15, 59, 59, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Asia/Singapore"
    assert "dtstamp" in event
    assert "Upload the country report" in str(event["summary"])


def test_feed_carries_the_vtimezone_it_references(feed):
    fetch, *_ = feed
    calendar = fetch.calendar()
    zones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert "Asia/Singapore" in zones
    assert str(calendar["version"]) == "2.0"
    assert "prodid" in calendar


def test_month_deadline_is_all_day_on_the_months_last_day(feed):
    fetch, _acs, globac, _deadline = feed
    event = fetch()[f"item-{globac.pk}@tracker.example.org"]
    assert event.decoded("dtstart") == date(2025, 4, 30)
    assert event.decoded("dtend") == date(2025, 5, 1)
    assert not isinstance(event.decoded("dtstart"), datetime)


def test_moving_a_deadline_keeps_the_uid_and_raises_the_sequence(feed):
    fetch, acs, _globac, deadline = feed
    uid = f"item-{acs.pk}@tracker.example.org"
    before = fetch()[uid]
    deadline_services.deadline_move(
        deadline=deadline,
        to=dates.DueDate.day(date(2025, 3, 20)),
        by=None,
        now=datetime.now(UTC) + timedelta(minutes=5),
        reason="extended",
    )
    after = fetch()[uid]
    assert int(after["sequence"]) > int(before["sequence"])
    assert after.decoded("dtstart").astimezone(UTC) == datetime(2025, 3, 20, 15, 59, 59, tzinfo=UTC)


def test_multi_day_event_spans_its_days(client):
    owner = factories.UserFactory()
    meeting = factories.MeetingFactory()
    factories.ParticipantFactory(meeting=meeting, user=owner)
    deadline = factories.DeadlineFactory(meeting=meeting, due_on=date(2025, 7, 29), zone="Asia/Seoul")
    factories.ActionItemFactory(
        meeting=meeting, owner=owner, deadline=deadline, kind="event", ends_on=date(2025, 8, 4)
    )
    _token, raw = web_services.feed_token_create(user=owner, meeting=meeting, now=NOW)
    calendar = icalendar.Calendar.from_ical(client.get(reverse("web:feed", args=[raw])).content)
    (event,) = calendar.walk("VEVENT")
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (date(2025, 7, 29), date(2025, 8, 5))


@pytest.mark.parametrize(("language", "name"), [("en", "My follow-ups"), ("zh-hant", "我的後續工作")])
def test_personal_feed_is_named_in_its_owners_language_whatever_the_request_says(client, language, name):
    # Calendar apps send no Accept-Language, or the device's: the owner's choice decides.
    owner = factories.UserFactory(language=language)
    _token, raw = web_services.feed_token_create(user=owner, meeting=None, now=NOW)
    for accept in ("", "zh-TW,zh;q=0.9", "en-US,en;q=0.9"):
        response = client.get(reverse("web:feed", args=[raw]), HTTP_ACCEPT_LANGUAGE=accept)
        assert str(icalendar.Calendar.from_ical(response.content)["x-wr-calname"]) == name
