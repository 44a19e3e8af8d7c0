"""Webhooks moved from actions/ to webhooks/ with their tables: a deployed database migrates
forward from the old state without losing a row, and the admin's content types follow."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from webhooks.models import Webhook, WebhookDelivery

BEFORE_THE_MOVE = [("actions", "0010_reminder_recipient_index"), ("webhooks", None)]


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_from_webhooks_in_actions_keeps_every_row():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE[0]).apps
    meeting = old.get_model("meetings", "Meeting").objects.create(
        slug="m",
        series="S",
        number=1,
        title="S 1",
        start_on=date(2025, 3, 3),
        end_on=date(2025, 3, 7),
        venue_zone="Asia/Seoul",
    )
    hook = old.get_model("actions", "Webhook").objects.create(
        meeting_id=meeting.pk, url="https://hooks.example.org/t", secret="s3cret", events=["item.created"]
    )
    delivery = old.get_model("actions", "WebhookDelivery").objects.create(
        webhook_id=hook.pk,
        event="item.created",
        payload={"event": "item.created"},
        state="pending",
        created_at=datetime(2025, 3, 8, tzinfo=UTC),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Webhook.objects.get(pk=hook.pk)
    assert (moved.url, moved.secret, moved.events, moved.meeting_id) == (
        "https://hooks.example.org/t",
        "s3cret",
        ["item.created"],
        meeting.pk,
    )
    assert list(WebhookDelivery.objects.values_list("pk", "webhook_id", "state", "payload")) == [
        (delivery.pk, hook.pk, "pending", {"event": "item.created"})
    ]
    assert ContentType.objects.get_for_model(Webhook).app_label == "webhooks"
    assert not ContentType.objects.filter(app_label="actions", model__startswith="webhook").exists()
