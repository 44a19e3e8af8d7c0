"""Reminder policies and the reminder outbox moved from actions/ to reminders/ with their tables:
a deployed database migrates forward without losing a row, an item keeps its own policy, and
the admin's content types (so the permissions given to staff) follow."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actions.models import ActionItem
from reminders.models import Reminder, ReminderPolicy

BEFORE_THE_MOVE = [("actions", "0013_webhooks_move_to_webhooks"), ("reminders", "0001_inbound_messages")]


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_from_reminders_in_actions_keeps_every_row():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    meeting = old.get_model("meetings", "Meeting").objects.create(
        slug="m",
        series="S",
        number=1,
        title="S 1",
        start_on=date(2025, 3, 3),
        end_on=date(2025, 3, 7),
        venue_zone="Asia/Seoul",
    )
    policy = old.get_model("actions", "ReminderPolicy").objects.create(
        name="Tight", meeting_id=meeting.pk, days_before=[2], send_hour=8, quiet_after_hour=20
    )
    item = old.get_model("actions", "ActionItem").objects.create(
        meeting_id=meeting.pk,
        number=1,
        title="Upload the country report",
        kind="our_task",
        reminder_policy_id=policy.pk,
        created_at=datetime(2025, 3, 7, tzinfo=UTC),
        updated_at=datetime(2025, 3, 7, tzinfo=UTC),
    )
    sent = old.get_model("actions", "Reminder").objects.create(
        item_id=item.pk,
        recipient_key="email:focal@example.org",
        recipient_email="focal@example.org",
        role="escalation",
        slot_key="due@2025-03-13",
        slot_kind="due",
        slot_days=0,
        due_at=datetime(2025, 3, 13, 15, tzinfo=UTC),
        send_at=datetime(2025, 3, 13, 0, tzinfo=UTC),
        state="sent",
        created_at=datetime(2025, 3, 12, tzinfo=UTC),
    )
    # A deployed database knows the outbox only as actions' model, with staff permissions on it.
    ContentType.objects.filter(app_label="reminders", model__in=["reminder", "reminderpolicy"]).delete()
    content_type = ContentType.objects.get_or_create(app_label="actions", model="reminder")[0]
    permission_pk = Permission.objects.get_or_create(
        content_type=content_type, codename="view_reminder", defaults={"name": "Can view reminder"}
    )[0].pk

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved_policy = ReminderPolicy.objects.get(pk=policy.pk)
    assert (moved_policy.name, moved_policy.days_before, moved_policy.meeting_id) == (
        "Tight",
        [2],
        meeting.pk,
    )
    assert ActionItem.objects.get(pk=item.pk).reminder_policy == moved_policy
    assert list(Reminder.objects.values_list("pk", "item_id", "slot_key", "state", "message_id")) == [
        (sent.pk, item.pk, "due@2025-03-13", "sent", sent.message_id)
    ]
    permission = Permission.objects.get(pk=permission_pk)
    assert (permission.content_type.app_label, permission.codename) == ("reminders", "view_reminder")
    assert ContentType.objects.get_for_model(Reminder).app_label == "reminders"
    assert ContentType.objects.get_for_model(ReminderPolicy).app_label == "reminders"
