"""Webhook events: the JSON body of an event and the deliveries it writes (what actions/ calls).

`webhook_events_emit` writes one outbox row per webhook inside the caller's transaction and
queues its delivery by task name after commit (tracker/queue.py: a broker outage is logged,
never raised into the request); webhooks/services.py delivers and re-queues.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from actions.models import ActionItem
from tracker.queue import enqueue_on_commit
from webhooks.models import Webhook, WebhookDelivery
from webhooks.models import WebhookEvent as WebhookEvent

DELIVER_TASK = "webhooks.tasks.deliver_webhook_task"


def requeue_after() -> timedelta:
    """How long a queued delivery may wait for a worker before the sweep queues it again."""
    return timedelta(seconds=int(getattr(settings, "REMINDER_REQUEUE_SECONDS", 300)))


def _due(item: ActionItem) -> dict[str, str] | None:
    return None if item.deadline is None else item.deadline.snapshot(local=True)


def event_payload(
    *, item: ActionItem, event: str, now: datetime, data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON body of an event: plain values only, so a receiver needs no other call."""
    return {
        "event": event,
        "occurred_at": now.isoformat(),
        "meeting": {"id": item.meeting_id, "slug": item.meeting.slug},
        "item": {
            "id": item.pk,
            "number": item.number,
            "title": item.title,
            "kind": item.kind,
            "status": item.status,
            "owner": item.owner.username if item.owner else None,
            "responsible": item.responsible.code if item.responsible else None,
            "due": _due(item),
        },
        "data": data or {},
    }


def webhook_events_emit(
    *, item: ActionItem, event: str, now: datetime, data: dict[str, Any] | None = None, key: str = ""
) -> list[WebhookDelivery]:
    """Write one delivery per active webhook of the item's meeting that wants `event`.

    Runs inside the caller's transaction; the deliveries are queued after it commits, so
    a rolled-back change sends nothing. With `key`, an event is written once per webhook.
    """
    event = WebhookEvent(event).value
    hooks = [
        hook
        for hook in Webhook.objects.filter(meeting_id=item.meeting_id, active=True)
        if event in hook.events
    ]
    if not hooks:
        return []
    payload = event_payload(item=item, event=event, now=now, data=data)
    created = []
    for hook in hooks:
        if key and WebhookDelivery.objects.filter(webhook=hook, key=key).exists():
            continue
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    webhook=hook,
                    item=item,
                    event=event,
                    key=key,
                    payload=payload,
                    created_at=now,
                    next_attempt_at=now + requeue_after(),
                )
        except IntegrityError:  # another sweep wrote the same once-only event first
            continue
        created.append(delivery)
    for delivery in created:
        enqueue_on_commit(DELIVER_TASK, delivery.pk)
    return created
