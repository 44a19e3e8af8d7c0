"""Who sees what, with two delegations: every view, export and feed keeps them apart."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Status
from tests import factories
from web import services as web_services

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, tzinfo=UTC)

ITEM_GETS = ["web:item"]
ITEM_POSTS = {
    "web:item_comment": {"comment-text": "hello"},
    "web:item_status": {"status-status": "done"},
    "web:item_complete": {"complete-note": "done"},
    "web:item_reassign": {"reassign-owner": "0"},
    "web:item_deadline": {
        "deadline-due": "2025-04-01",
        "deadline-reason": "x",
        "deadline-confirm_past": "on",
    },
    "web:item_evidence": {"evidence-url": "https://example.org/x"},
}
LISTS = ["web:tasks", "web:tasks_csv", "web:meetings", "web:calendar", "web:preferences"]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", [*LISTS, "web:delegation", "web:delegation_csv"])
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["web:meeting", "web:meeting_csv"])
def test_foreign_meeting_is_404(ours, theirs, name):
    client = login(ours.member)
    assert client.get(reverse(name, args=[ours.meeting.pk])).status_code == 200
    assert client.get(reverse(name, args=[theirs.meeting.pk])).status_code == 404


def test_foreign_item_page_is_404(ours, theirs):
    client = login(ours.head)
    assert client.get(reverse("web:item", args=[ours.item.pk])).status_code == 200
    assert client.get(reverse("web:item", args=[theirs.item.pk])).status_code == 404
    assert client.get(reverse("web:item", args=[999999])).status_code == 404


@pytest.mark.parametrize(("name", "data"), ITEM_POSTS.items())
def test_posts_on_a_foreign_item_are_404_and_change_nothing(ours, theirs, name, data):
    client = login(ours.head)  # head of *our* delegation: no power over theirs
    response = client.post(reverse(name, args=[theirs.item.pk]), data)
    assert response.status_code == 404
    theirs.item.refresh_from_db()
    assert theirs.item.status == Status.OPEN
    assert not theirs.item.activities.exists()
    assert not theirs.item.evidence.exists()


@pytest.mark.parametrize(("name", "data"), [(n, d) for n, d in ITEM_POSTS.items() if n != "web:item_comment"])
def test_a_fellow_delegate_who_does_not_own_the_item_gets_403(ours, name, data):
    colleague = factories.UserFactory()
    factories.ParticipantFactory(meeting=ours.meeting, user=colleague)
    response = login(colleague).post(reverse(name, args=[ours.item.pk]), data)
    assert response.status_code == 403
    assert not ours.item.activities.exists()


def test_head_of_delegation_may_manage_members_items(ours):
    response = login(ours.head).post(
        reverse("web:item_complete", args=[ours.item.pk]), {"complete-note": "checked"}
    )
    assert response.status_code == 302
    ours.item.refresh_from_db()
    assert ours.item.status == Status.DONE


def test_lists_and_exports_never_show_another_delegation(ours, theirs):
    theirs.item.watchers.add(ours.member)  # even a stray watcher row must not leak
    for user in (ours.member, ours.head):
        client = login(user)
        for name in [*LISTS, "web:meetings"]:
            body = client.get(reverse(name)).content.decode("utf-8-sig")
            assert "theirs task" not in body, name
            assert "Meeting of theirs" not in body, name
    head = login(ours.head)
    for name in ("web:delegation", "web:delegation_csv"):
        body = head.get(reverse(name)).content.decode("utf-8-sig")
        assert "ours task" in body
        assert "theirs task" not in body


def test_delegation_view_is_for_heads_and_staff(ours, theirs):
    assert login(ours.member).get(reverse("web:delegation")).status_code == 403
    assert login(ours.member).get(reverse("web:delegation_csv")).status_code == 403
    assert login(ours.head).get(reverse("web:delegation")).status_code == 200
    staff = factories.UserFactory(is_staff=True)
    body = login(staff).get(reverse("web:delegation")).content.decode()
    assert "ours task" in body
    assert "theirs task" in body


def test_foreign_evidence_is_404(ours, theirs):
    evidence = services.evidence_add(
        item=theirs.item, by=theirs.member, now=NOW, url="https://example.org/secret"
    )
    assert login(ours.head).get(reverse("web:evidence", args=[evidence.pk])).status_code == 404
    assert login(theirs.member).get(reverse("web:evidence", args=[evidence.pk])).status_code == 302


def test_feeds_only_carry_the_token_owners_visible_items(ours, theirs, client):
    _token, raw = web_services.feed_token_create(user=ours.member, meeting=None, now=NOW)
    body = client.get(reverse("web:feed", args=[raw])).content.decode()
    assert "ours task" in body
    assert "theirs task" not in body
    _token, raw = web_services.feed_token_create(user=ours.member, meeting=ours.meeting, now=NOW)
    body = client.get(reverse("web:feed", args=[raw])).content.decode()
    assert "ours task" in body
    assert "theirs task" not in body


def test_meeting_feed_stops_when_the_user_leaves_the_meeting(ours, client):
    _token, raw = web_services.feed_token_create(user=ours.member, meeting=ours.meeting, now=NOW)
    ours.meeting.participants.filter(user=ours.member).delete()
    assert client.get(reverse("web:feed", args=[raw])).status_code == 404


def test_feed_token_for_a_foreign_meeting_cannot_be_created(ours, theirs):
    client = login(ours.member)
    response = client.post(reverse("web:feed_create"), {"feed-meeting": theirs.meeting.pk})
    assert response.status_code == 400
    assert not ours.member.feed_tokens.exists()


def test_someone_elses_feed_token_cannot_be_revoked(ours, theirs):
    token, _raw = web_services.feed_token_create(user=theirs.member, meeting=None, now=NOW)
    response = login(ours.member).post(reverse("web:feed_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoked_and_unknown_feed_tokens(ours, client):
    token, raw = web_services.feed_token_create(user=ours.member, meeting=None, now=NOW)
    assert client.get(reverse("web:feed", args=[raw])).status_code == 200
    login(ours.member).post(reverse("web:feed_revoke", args=[token.pk]))
    assert client.get(reverse("web:feed", args=[raw])).status_code == 410
    assert client.get(reverse("web:feed", args=["made-up-token"])).status_code == 404


def test_inactive_users_feed_is_gone(ours, client):
    _token, raw = web_services.feed_token_create(user=ours.member, meeting=None, now=NOW)
    ours.member.is_active = False
    ours.member.save()
    assert client.get(reverse("web:feed", args=[raw])).status_code == 404


def test_feed_token_is_stored_only_as_a_hash(ours):
    token, raw = web_services.feed_token_create(user=ours.member, meeting=None, now=timezone.now())
    assert raw not in token.token_hash
    assert len(token.token_hash) == 64


def test_error_pages_say_what_happened(ours, theirs):
    client = login(ours.member)
    not_found = client.get(reverse("web:item", args=[theirs.item.pk]))
    assert "meeting you do not take part in" in not_found.content.decode()
    forbidden = client.get(reverse("web:delegation"))
    assert "Only heads of delegation and staff" in forbidden.content.decode()


def test_csrf_failure_page_says_nothing_was_saved(ours):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ours.member)
    response = client.post(reverse("web:item_complete", args=[ours.item.pk]), {"complete-note": "x"})
    assert response.status_code == 403
    assert "Nothing was saved" in response.content.decode()
    ours.item.refresh_from_db()
    assert ours.item.status == Status.OPEN
