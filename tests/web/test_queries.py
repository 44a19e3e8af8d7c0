"""List pages run the same number of SQL queries for 5 items as for 50."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from web import services as web_services

pytestmark = pytest.mark.django_db


def populate(meeting, head, count: int) -> None:
    sessions = [factories.SessionFactory(meeting=meeting) for _ in range(3)]
    members = [head]
    for _ in range(3):
        member = factories.UserFactory()
        factories.ParticipantFactory(meeting=meeting, user=member)
        members.append(member)
    for n in range(count):
        deadline = factories.DeadlineFactory(
            meeting=meeting,
            due_on=date(2025, 3, 1) + timedelta(days=n),
            zone=["Asia/Taipei", "Asia/Singapore"][n % 2],
        )
        item = factories.ActionItemFactory(
            meeting=meeting,
            deadline=deadline,
            owner=members[n % 2 * (n % 4)],
            session=sessions[n % 3],
            responsible=factories.OrganizationFactory(),
            kind=["our_task", "external_commitment", "event"][n % 3],
            source_excerpt=f"sentence {n}",
        )
        item.watchers.add(head)


def pages(meeting, raw_token):
    return [
        reverse("web:tasks"),
        reverse("web:tasks") + "?status=all&sort=-due",
        reverse("web:tasks_csv"),
        reverse("web:delegation"),
        reverse("web:delegation_csv"),
        reverse("web:meetings"),
        reverse("web:meeting", args=[meeting.pk]),
        reverse("web:meeting_csv", args=[meeting.pk]),
        reverse("web:calendar") + "?month=2025-03",
        reverse("web:feed", args=[raw_token]),
    ]


def measure(count: int) -> dict[str, int]:
    head = factories.UserFactory(language="en")
    meeting = factories.MeetingFactory()
    factories.ParticipantFactory(meeting=meeting, user=head, role="head")
    populate(meeting, head, count)
    _token, raw = web_services.feed_token_create(user=head, meeting=None, now=timezone.now())
    client = Client()
    client.force_login(head)
    counts = {}
    for url in pages(meeting, raw):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        assert response.status_code == 200, url
        counts[url.replace(raw, "<token>").replace(f"/{meeting.pk}/", "/<pk>/")] = len(queries)
    return counts


def test_list_queries_do_not_grow_with_items():
    small = measure(5)
    large = measure(50)
    assert small.keys() == large.keys()
    grown = {url: (small[url], large[url]) for url in small if large[url] > small[url]}
    assert not grown, grown


def test_my_tasks_stays_within_its_query_budget(client, django_assert_max_num_queries):
    head = factories.UserFactory()
    meeting = factories.MeetingFactory()
    factories.ParticipantFactory(meeting=meeting, user=head, role="head")
    populate(meeting, head, 50)
    client.force_login(head)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("web:tasks")).status_code == 200


def test_the_navigation_counts_are_the_same_whether_the_list_counted_them_or_a_query_did(client):
    from datetime import UTC, datetime

    member = factories.UserFactory(language="en")
    meeting = factories.MeetingFactory()
    factories.ParticipantFactory(meeting=meeting, user=member)
    past = factories.DeadlineFactory(meeting=meeting, due_on=date(2020, 1, 10))
    future = factories.DeadlineFactory(meeting=meeting, due_on=date(2099, 1, 10))
    factories.ActionItemFactory(meeting=meeting, owner=member, deadline=past)
    factories.ActionItemFactory(meeting=meeting, owner=member, deadline=future)
    factories.ActionItemFactory(
        meeting=meeting, owner=member, deadline=future, status="done", completed_at=datetime.now(UTC)
    )
    client.force_login(member)

    def badge(path: str) -> str:
        page = client.get(path).content.decode()
        start = page.index('title="open">')
        return page[start : page.index("</a>", start)]

    counted_by_the_list = badge("/")  # unfiltered: the rows are the count
    counted_by_a_query = badge("/?status=all")  # filtered: the navigation asks the database
    assert counted_by_the_list == counted_by_a_query
    assert counted_by_the_list.startswith('title="open">2<') and "1 overdue" in counted_by_the_list
