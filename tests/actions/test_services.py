"""Services against the database, with `now` injected."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from actions import deadline_services, services
from actions.models import Activity, Status
from followup_dates import dates
from tests.factories import (
    ActionItemFactory,
    DeadlineFactory,
    MeetingFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


def test_items_are_numbered_within_their_meeting():
    meeting, other = MeetingFactory(), MeetingFactory()
    first = services.action_item_create(meeting=meeting, title="A", kind="our_task", by=None, now=NOW)
    second = services.action_item_create(meeting=meeting, title="B", kind="our_task", by=None, now=NOW)
    elsewhere = services.action_item_create(meeting=other, title="C", kind="our_task", by=None, now=NOW)
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert first.activities.get().verb == "created"


def test_complete_records_who_when_and_note_and_reopen_clears_it():
    item = ActionItemFactory()
    user = UserFactory()
    services.action_item_complete(item=item, by=user, note="ACS receipt #123", now=NOW)
    item.refresh_from_db()
    assert (item.status, item.completed_at, item.completed_by, item.completion_note) == (
        Status.DONE,
        NOW,
        user,
        "ACS receipt #123",
    )
    services.action_item_set_status(item=item, status=Status.OPEN, by=user, now=NOW)
    item.refresh_from_db()
    assert item.completed_at is None
    lines = [a.describe() for a in item.activities.all()]
    assert lines == [
        "status changed from Open to Done because ACS receipt #123",
        "status changed from Done to Open",
    ]


def test_reassign_logs_old_and_new_owner():
    old, new = UserFactory(full_name="毛胤立"), UserFactory(full_name="沈信雄")
    item = ActionItemFactory(owner=old)
    ParticipantFactory(meeting=item.meeting, user=new)
    services.action_item_reassign(item=item, owner=new, by=new, now=NOW, reason="on leave")
    entry = item.activities.get()
    assert entry.describe() == "reassigned from 毛胤立 to 沈信雄 because on leave"


def test_moving_a_shared_deadline_logs_on_every_item():
    deadline = DeadlineFactory(due_on=date(2025, 3, 13), zone="Asia/Singapore")
    items = ActionItemFactory.create_batch(2, deadline=deadline, meeting=deadline.meeting)
    deadline_services.deadline_move(
        deadline=deadline,
        to=dates.DueDate.day(date(2025, 3, 20)),
        by=None,
        now=NOW,
        reason="the secretariat extended it",
    )
    deadline.refresh_from_db()
    assert deadline.due_at.isoformat() == "2025-03-20T15:59:59+00:00"
    for item in items:
        assert item.activities.get().describe() == (
            "due moved from 13 Mar 2025 to 20 Mar 2025 because the secretariat extended it"
        )


def test_update_from_a_form_logs_each_kind_of_change_once():
    item = ActionItemFactory(title="Old title")
    new_owner = ParticipantFactory(meeting=item.meeting).user
    services.action_item_update(
        item=item,
        changes={"title": "New title", "owner": new_owner, "status": Status.IN_PROGRESS},
        by=new_owner,
        now=NOW,
    )
    verbs = sorted(Activity.objects.filter(item=item).values_list("verb", flat=True))
    assert verbs == ["edited", "reassigned", "status"]


def test_empty_comment_is_refused():
    item = ActionItemFactory()
    with pytest.raises(ValueError, match="empty"):
        services.comment_add(item=item, by=item.owner, text="   ", now=NOW)
    assert not item.activities.exists()


def test_an_owner_or_watcher_who_could_never_see_the_item_is_refused_everywhere():
    """Issue 13, point 15: owners and watchers must see their items (participant or staff)."""
    item = ActionItemFactory(title="Upload")
    member = ParticipantFactory(meeting=item.meeting).user
    outsider = UserFactory(full_name="局外人")
    staff = UserFactory(is_staff=True)
    message = str(services.ASSIGNEE_OUTSIDE_MEETING) % {
        "names": "局外人",
        "meeting": item.meeting.short_label,
    }
    attempts = [
        lambda: services.action_item_reassign(item=item, owner=outsider, by=None, now=NOW),
        lambda: services.action_item_update(item=item, changes={"owner": outsider}, by=None, now=NOW),
        lambda: services.action_item_update(item=item, changes={"watchers": [outsider]}, by=None, now=NOW),
        lambda: services.action_item_create(
            meeting=item.meeting, title="x", kind="our_task", by=None, now=NOW, owner=outsider
        ),
        lambda: services.action_item_create(
            meeting=item.meeting, title="x", kind="our_task", by=None, now=NOW, watchers=[outsider]
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert list(refused.value.message_dict.values()) == [[message]]
    item.refresh_from_db()
    assert item.owner != outsider and not item.watchers.exists()
    assert not Activity.objects.filter(item=item).exists()
    # A participant of the meeting, and staff, may be given it.
    services.action_item_update(item=item, changes={"owner": member, "watchers": [staff]}, by=None, now=NOW)
    assert services.item_assignees_check(meeting=item.meeting, owner=staff, watchers=[member]) is None


def test_only_staff_and_the_head_move_a_deadline_shared_with_other_peoples_items():
    """Issue 13, point 4: one rule, in the service, whoever calls it."""
    from django.core.exceptions import PermissionDenied

    deadline = DeadlineFactory(due_on=date(2025, 3, 13))
    meeting = deadline.meeting
    mine, theirs = (ActionItemFactory(meeting=meeting, deadline=deadline) for _ in range(2))
    head = ParticipantFactory(meeting=meeting, role="head").user
    to = dates.DueDate.day(date(2025, 3, 20))
    with pytest.raises(PermissionDenied) as refused:
        deadline_services.deadline_move(deadline=deadline, to=to, by=mine.owner, now=NOW, reason="x")
    assert str(refused.value) == str(deadline_services.DEADLINE_MOVE_REFUSED)
    deadline.refresh_from_db()
    assert deadline.due_on == date(2025, 3, 13)
    assert not Activity.objects.exists()
    # The owner moves their own item: it gets its own deadline, the other item keeps its.
    deadline_services.action_item_move_deadline(item=mine, due=to, by=mine.owner, now=NOW, reason="x")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.deadline.due_on, theirs.deadline.due_on) == (date(2025, 3, 20), date(2025, 3, 13))
    # The head (and staff) move the shared deadline for everyone on it.
    deadline_services.deadline_move(
        deadline=deadline, to=dates.DueDate.day(date(2025, 3, 27)), by=head, now=NOW, reason="extended"
    )
    theirs.refresh_from_db()
    assert theirs.deadline.due_on == date(2025, 3, 27)
    # Someone who owns every item on a deadline may move it.
    assert deadline_services.may_move_deadline(mine.owner, mine.deadline)
