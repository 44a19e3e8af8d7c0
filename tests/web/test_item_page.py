"""The item page in one screen: one edit area of disclosures, the past-date question, the
picker, the latest activity first."""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import Activity
from tracker.date_picker import PICKED_SUFFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, ours):
    client.force_login(ours.member)
    return ours.member


def _page(client, item):
    return client.get(reverse("web:item", args=[item.pk])).content.decode()


def test_the_changes_are_disclosures_with_done_open(client, ours, member):
    page = _page(client, ours.item)
    assert page.count('<details class="edit-part"') == 5  # done, deadline, reassign, status, proof
    assert '<details class="edit-part" open>\n    <summary>Mark as done</summary>' in page


def test_a_form_with_errors_is_shown_open(client, ours, member):
    response = client.post(reverse("web:item_reassign", args=[ours.item.pk]), {"reassign-owner": "999999"})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<details class="edit-part" open>\n    <summary>Reassign</summary>' in page
    assert '<details class="edit-part">\n    <summary>Mark as done</summary>' in page


def _move(client, item, **data):
    return client.post(
        reverse("web:item_deadline", args=[item.pk]),
        {"deadline-reason": "host moved it", **{f"deadline-{key}": value for key, value in data.items()}},
    )


def test_a_deadline_moved_into_the_past_asks_first(client, ours, member):
    response = _move(client, ours.item, due="114/4/30")
    page = response.content.decode()
    assert response.status_code == 400
    assert "30 Apr 2025 is in the past: the item would be overdue at once." in page
    assert 'name="deadline-confirm_past"' in page
    ours.item.deadline.refresh_from_db()
    assert ours.item.deadline.due_on == date(2025, 3, 13)
    assert _move(client, ours.item, due="114/4/30", confirm_past="on").status_code == 302
    ours.item.deadline.refresh_from_db()
    assert ours.item.deadline.due_on == date(2025, 4, 30)


def test_the_confirmation_box_is_not_shown_before_it_is_needed(client, ours, member):
    assert 'name="deadline-confirm_past"' not in _page(client, ours.item)


def test_a_future_date_needs_no_confirmation(client, ours, member):
    assert _move(client, ours.item, due="民國188年4月30日").status_code == 302
    ours.item.deadline.refresh_from_db()
    assert ours.item.deadline.due_on == date(2099, 4, 30)


def test_the_picker_fills_in_when_nothing_is_typed(client, ours, member):
    assert 'name="deadline-due__picked"' in _page(client, ours.item)
    assert _move(client, ours.item, due="", **{f"due{PICKED_SUFFIX}": "2099-05-01"}).status_code == 302
    ours.item.deadline.refresh_from_db()
    assert ours.item.deadline.due_on == date(2099, 5, 1)


def test_the_latest_activity_comes_first_and_older_entries_fold(client, ours, member):
    for n in range(8):
        Activity.objects.create(
            item=ours.item,
            actor=member,
            verb="comment",
            text=f"note {n}",
            created_at=ours.item.created_at.replace(microsecond=n),
        )
    page = _page(client, ours.item)
    assert page.index("note 7") < page.index("note 6")
    assert "older entr" in page
