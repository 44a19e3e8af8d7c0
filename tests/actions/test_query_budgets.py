"""The write path does each thing once: an item edit is one UPDATE, one INSERT of its log
entries and at most one re-plan of its reminders, within a query budget.

Measured on SQLite with this set-up before the change (issue 12): a title-only edit ran 32
queries, title + owner + status 64 (reminders were re-planned three times); after: 4 and 13.
"""

from datetime import UTC, datetime

import pytest

from actions import services
from actions.models import Activity, Status
from meetings.models import ParticipantRole
from reminders import scheduling
from tests.factories import ActionItemFactory, DeadlineFactory, ParticipantFactory, UserFactory

NOW = datetime(2025, 3, 8, tzinfo=UTC)
TITLE_ONLY_BUDGET = 8
TITLE_OWNER_STATUS_BUDGET = 15


@pytest.fixture
def item(db):
    scheduling.reminder_policy_default()
    deadline = DeadlineFactory()
    owner, other, head = UserFactory(), UserFactory(username="other"), UserFactory()
    for user, role in (
        (owner, ParticipantRole.DELEGATE),
        (other, ParticipantRole.DELEGATE),
        (head, ParticipantRole.HEAD),
    ):
        ParticipantFactory(meeting=deadline.meeting, user=user, role=role)
    item = ActionItemFactory(meeting=deadline.meeting, deadline=deadline, owner=owner, status=Status.OPEN)
    scheduling.item_reschedule(item=item, now=NOW)
    return item


@pytest.fixture
def replans(monkeypatch):
    calls = []
    real = scheduling.item_reschedule_after_write

    def counting(**kwargs):
        calls.append(kwargs["item"].pk)
        return real(**kwargs)

    monkeypatch.setattr(scheduling, "item_reschedule_after_write", counting)
    return calls


def test_a_title_only_edit_stays_within_its_budget_and_plans_nothing(
    item, replans, django_assert_max_num_queries
):
    planned = item.next_reminder_at
    with django_assert_max_num_queries(TITLE_ONLY_BUDGET):
        services.action_item_update(item=item, changes={"title": "New title"}, by=None, now=NOW)
    item.refresh_from_db()
    assert (item.title, item.next_reminder_at) == ("New title", planned)
    assert replans == []
    assert list(Activity.objects.filter(item=item).values_list("verb", "data")) == [
        ("edited", {"fields": ["title"]})
    ]


def test_title_owner_and_status_in_one_edit_re_plan_reminders_once(
    item, replans, django_assert_max_num_queries
):
    other = item.meeting.participants.get(user__username="other").user
    with django_assert_max_num_queries(TITLE_OWNER_STATUS_BUDGET):
        services.action_item_update(
            item=item,
            changes={"title": "Newer", "owner": other, "status": Status.IN_PROGRESS},
            by=None,
            now=NOW,
        )
    item.refresh_from_db()
    assert (item.title, item.owner, item.status) == ("Newer", other, Status.IN_PROGRESS)
    assert replans == [item.pk]
    assert [verb for (verb,) in Activity.objects.filter(item=item).values_list("verb")] == [
        "edited",
        "reassigned",
        "status",
    ]


def test_closing_an_item_in_an_edit_stops_its_reminders(item, replans):
    assert item.next_reminder_at is not None
    services.action_item_update(item=item, changes={"status": Status.DONE}, by=None, now=NOW)
    item.refresh_from_db()
    assert (item.status, item.completed_at, item.next_reminder_at) == (Status.DONE, NOW, None)
    assert replans == [item.pk]
