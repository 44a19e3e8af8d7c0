"""Which reminders are planned and written: slots, sweeps, policies, and what item changes do to them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from actions import deadline_services, services
from actions.models import ActionItem
from followup_dates import dates
from reminders import delivery, scheduling
from reminders.models import Reminder, ReminderPolicy, ReminderState
from tests.actions.conftest import CREATED, ONE_DAY, SEVEN_DAYS, make_item, sweep_and_deliver
from tests.factories import (
    ActionItemFactory,
    DeadlineFactory,
    OrganizationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_reschedule_points_at_the_first_slot_whatever_the_wall_clock():
    item = make_item()
    assert item.next_reminder_at == datetime(2025, 3, 6, 1, 0, tzinfo=UTC)
    scheduling.item_reschedule(item=item, now=datetime(2030, 1, 1, tzinfo=UTC))
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 6, 1, 0, tzinfo=UTC)


def test_sweep_writes_once_and_a_second_sweep_writes_nothing():
    item = make_item()
    first = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    assert first.written == 1
    row = Reminder.objects.get()
    assert (row.item, row.user, row.slot_key, row.state) == (
        item,
        item.owner,
        "before-7@2025-03-13",
        ReminderState.PENDING,
    )
    assert row.message_id.startswith("<reminder-")
    assert row.message_id.endswith("@tracker>")
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 10, 1, 0, tzinfo=UTC)  # the 3-day slot
    # Even if something puts the item back in the sweep's way, the unique key holds.
    ActionItem.objects.filter(pk=item.pk).update(next_reminder_at=CREATED)
    second = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    assert (second.written, Reminder.objects.count()) == (0, 1)


def test_a_sweep_that_finds_another_running_writes_and_queues_nothing():
    """Two sweeps at once could split one recipient's email in two (issue 13, point 9):
    the second leaves the work to the first, and the next beat finds everything."""
    import threading

    from django.db import connection

    from tracker.locks import held_alone

    make_item()
    holding, release = threading.Event(), threading.Event()

    def other_sweep() -> None:  # another process's sweep: its own connection
        try:
            with held_alone(delivery.SWEEP_LOCK) as alone:
                assert alone
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    other = threading.Thread(target=other_sweep)
    other.start()
    try:
        assert holding.wait(10)
        deferred = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
        assert (deferred.deferred, deferred.items, deferred.written, deferred.groups) == (True, 0, 0, [])
        assert Reminder.objects.count() == 0
    finally:
        release.set()
        other.join(10)
    after = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    assert (after.deferred, after.written, len(after.groups)) == (False, 1, 1)


def test_sweep_reads_only_items_that_are_due():
    make_item()
    for _ in range(30):
        ActionItemFactory(deadline=DeadlineFactory(due_on=date(2026, 1, 1)))
    for item in ActionItem.objects.all():
        scheduling.item_reschedule(item=item, now=CREATED)
    result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    assert (result.items, result.written) == (1, 1)


def test_sweep_queues_delivery_after_commit(django_capture_on_commit_callbacks, sent_tasks):
    make_item()
    queued = sent_tasks
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delivery.reminders_sweep(now=SEVEN_DAYS)
    assert queued == []  # nothing before commit
    for callback in callbacks:
        callback()
    # one task, by name: a batch of one email
    assert queued == [("reminders.tasks.deliver_reminders_task", [[[Reminder.objects.get().pk]]])]
    # Queued rows are not queued again by the next beat, only after REMINDER_REQUEUE_SECONDS.
    with django_capture_on_commit_callbacks(execute=True):
        delivery.reminders_sweep(now=SEVEN_DAYS + timedelta(minutes=1))
    assert len(queued) == 1


def test_a_broker_outage_does_not_fail_the_caller(django_capture_on_commit_callbacks, broker_down, caplog):
    make_item()
    with django_capture_on_commit_callbacks(execute=True):
        delivery.reminders_sweep(now=SEVEN_DAYS)
    assert "the sweep will queue it again" in caplog.text
    row = Reminder.objects.get()
    assert row.state == ReminderState.PENDING
    # After the requeue delay the sweep offers it again.
    later = SEVEN_DAYS + timedelta(seconds=301)
    assert delivery.reminders_dispatch(now=later, enqueue=None) == [[row.pk]]


def test_a_done_item_gets_nothing():
    item = make_item()
    services.action_item_complete(item=item, by=item.owner, now=CREATED)
    item.refresh_from_db()
    assert item.next_reminder_at is None
    assert sweep_and_deliver(SEVEN_DAYS) == []


def test_done_after_the_row_was_written_skips_it():
    item = make_item()
    result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    ActionItem.objects.filter(pk=item.pk).update(status="done", completed_at=SEVEN_DAYS)
    outcome = delivery.reminders_deliver(ids=result.groups[0], now=SEVEN_DAYS)
    assert outcome.skipped == result.groups[0]
    assert mail.outbox == []
    assert Reminder.objects.get().state == ReminderState.SKIPPED


def test_moving_the_deadline_cancels_unsent_rows_and_plans_the_new_date():
    item = make_item()
    delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)  # written, not yet sent
    deadline_services.deadline_move(
        deadline=item.deadline,
        to=dates.DueDate.day(date(2025, 3, 20)),
        by=None,
        now=SEVEN_DAYS + timedelta(hours=1),
    )
    old = Reminder.objects.get()
    assert (old.state, old.last_error) == (ReminderState.CANCELLED, "deadline moved")
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 13, 1, 0, tzinfo=UTC)  # new 7-day slot
    sent = sweep_and_deliver(datetime(2025, 3, 13, 1, 5, tzinfo=UTC))
    assert len(sent) == 1
    assert Reminder.objects.get(state=ReminderState.SENT).slot_key == "before-7@2025-03-20"


def test_moving_the_deadline_keeps_sent_rows_as_history():
    item = make_item()
    sweep_and_deliver(SEVEN_DAYS)
    deadline_services.deadline_move(
        deadline=item.deadline, to=dates.DueDate.day(date(2025, 3, 20)), by=None, now=SEVEN_DAYS
    )
    assert Reminder.objects.get().state == ReminderState.SENT


def test_reassigning_cancels_the_old_owners_unsent_rows():
    item = make_item()
    old_owner = item.owner
    delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    new_owner = ParticipantFactory(meeting=item.meeting).user
    services.action_item_reassign(item=item, owner=new_owner, by=None, now=SEVEN_DAYS)
    assert Reminder.objects.get(user=old_owner).state == ReminderState.CANCELLED
    sent = sweep_and_deliver(SEVEN_DAYS + timedelta(minutes=1))
    assert [m.to for m in sent] == [[new_owner.email]]


def test_escalation_goes_to_the_head_and_the_focal_point_once_three_days_late():
    head = UserFactory(username="head", language="en")
    responsible = OrganizationFactory(focal_point_email="focal@moda.example", time_zone="Asia/Taipei")
    item = make_item(responsible=responsible)
    ParticipantFactory(meeting=item.meeting, user=head, role="head")
    ParticipantFactory(meeting=item.meeting, user=UserFactory(), role="delegate")
    scheduling.item_reschedule(item=item, now=CREATED)
    # +2 days: the owner's overdue reminder, no escalation yet.
    sent = sweep_and_deliver(datetime(2025, 3, 15, 1, 5, tzinfo=UTC))
    assert [m.to for m in sent] == [[item.owner.email]]
    sent = sweep_and_deliver(datetime(2025, 3, 16, 1, 5, tzinfo=UTC))
    assert sorted(m.to[0] for m in sent) == ["focal@moda.example", head.email]
    rows = Reminder.objects.filter(role="escalation")
    assert {(r.user_id, r.recipient_email) for r in rows} == {(head.pk, ""), (None, "focal@moda.example")}
    assert all("List-Unsubscribe" not in m.extra_headers for m in sent)
    # Each in the reader's language: the head reads English, a focal point the site default.
    subjects = {m.to[0]: m.subject for m in sent}
    assert subjects[head.email].startswith("[Escalation]")
    assert subjects["focal@moda.example"].startswith("【升級通知】")


def test_opted_out_users_get_no_before_slots_but_the_due_day():
    item = make_item(owner=UserFactory(optional_reminders=False))
    assert item.next_reminder_at == datetime(2025, 3, 13, 1, 0, tzinfo=UTC)
    assert sweep_and_deliver(ONE_DAY) == []
    assert len(sweep_and_deliver(datetime(2025, 3, 13, 1, 5, tzinfo=UTC))) == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"days_before": [7, 7]}, "duplicates"),
        ({"days_before": [0]}, "positive"),
        ({"days_before": "7,3"}, "whole days"),
        ({"send_hour": 22}, "send_hour"),
    ],
)
def test_invalid_policies_are_refused_with_a_clear_error(values, message):
    policy = ReminderPolicy(name="Bad", **values)
    with pytest.raises(ValidationError, match=message):
        policy.full_clean()


def test_the_default_policy_ships_and_converts_to_the_planner_value():
    policy = ReminderPolicy.objects.get(is_default=True).to_policy()
    assert (
        policy.days_before,
        policy.on_due_day,
        policy.overdue_every_days,
        policy.escalate_after_days,
        policy.send_hour,
    ) == ((7, 3, 1), True, 2, 3, 9)


def test_a_meeting_policy_overrides_the_default_and_an_item_policy_both():
    item = make_item()
    ReminderPolicy.objects.create(name="Meeting", meeting=item.meeting, days_before=[2])
    scheduling.reminder_policy_save(policy=item.meeting.reminder_policy, now=CREATED)
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 11, 1, 0, tzinfo=UTC)
    own = ReminderPolicy.objects.create(name="Item", days_before=[10])
    services.action_item_update(item=item, changes={"reminder_policy": own}, by=None, now=CREATED)
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 3, 1, 0, tzinfo=UTC)


def test_watchers_get_their_own_reminders():
    item = make_item()
    watcher = ParticipantFactory(meeting=item.meeting).user
    services.action_item_update(item=item, changes={"watchers": [watcher]}, by=None, now=CREATED)
    sent = sweep_and_deliver(SEVEN_DAYS)
    assert sorted(m.to[0] for m in sent) == sorted([item.owner.email, watcher.email])


def test_a_deadline_moved_away_and_back_reminds_again():
    item = make_item()
    delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)  # written, not sent yet
    original = item.deadline.due
    for due in (dates.DueDate.day(date(2025, 3, 20)), original):
        deadline_services.deadline_move(deadline=item.deadline, to=due, by=None, now=SEVEN_DAYS)
    assert Reminder.objects.get().state == ReminderState.CANCELLED
    sent = sweep_and_deliver(SEVEN_DAYS + timedelta(minutes=1))
    assert len(sent) == 1
    assert Reminder.objects.get().state == ReminderState.SENT


def test_a_reopened_item_is_reminded_again():
    item = make_item()
    delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    services.action_item_complete(item=item, by=None, now=SEVEN_DAYS)
    services.action_item_set_status(item=item, status="open", by=None, now=SEVEN_DAYS)
    assert len(sweep_and_deliver(SEVEN_DAYS + timedelta(minutes=1))) == 1


@pytest.mark.parametrize("due_count", [2, 20])
def test_the_sweep_costs_the_same_queries_for_2_or_20_due_items(due_count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(due_count):
        make_item().watchers.add(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    assert result.written == 2 * due_count
    assert len(queries) <= 25  # 23 for both sizes: no query per item
