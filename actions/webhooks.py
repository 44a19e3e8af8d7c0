"""Webhooks: which deliveries an event creates, how a body is signed, and one delivery attempt.

`webhook_events_emit` is called from the item services inside their transaction; the
delivery task is queued only after commit. `webhook_delivery_attempt` is the service the
Celery task calls: it POSTs once and either marks the row sent, raises for a retry, or —
at the last attempt — marks it failed, visibly in the admin.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from datetime import datetime
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction

from actions.models import (
    ActionItem,
    DeliveryState,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
)

# Attempts in all (the first one and its retries); the task's max_retries follows from it.
MAX_ATTEMPTS = 6
TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Tracker-Signature"
TIMESTAMP_HEADER = "X-Tracker-Timestamp"
EVENT_HEADER = "X-Tracker-Event"
DELIVERY_HEADER = "X-Tracker-Delivery"


class WebhookDeliveryError(Exception):
    """This attempt failed; the task retries it with back-off."""


def _due(item: ActionItem) -> dict[str, str] | None:
    deadline = item.deadline
    if deadline is None:
        return None
    return {
        "on": deadline.due_on.isoformat(),
        "precision": deadline.precision,
        "zone": deadline.zone,
        "at": deadline.due_at_for(deadline.zone).isoformat(),
    }


def event_payload(*, item: ActionItem, event: str, now: datetime,
                  data: dict[str, Any] | None = None) -> dict[str, Any]:
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


def webhook_events_emit(*, item: ActionItem, event: str, now: datetime,
                        data: dict[str, Any] | None = None, key: str = "") -> list[WebhookDelivery]:
    """Write one delivery per active webhook of the item's meeting that wants `event`.

    Runs inside the caller's transaction; the deliveries are queued after it commits, so
    a rolled-back change sends nothing. With `key`, an event is written once per webhook.
    """
    event = WebhookEvent(event).value
    hooks = [hook for hook in Webhook.objects.filter(meeting_id=item.meeting_id, active=True)
             if event in hook.events]
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
                    webhook=hook, item=item, event=event, key=key, payload=payload,
                    created_at=now,
                )
        except IntegrityError:  # another sweep wrote the same once-only event first
            continue
        created.append(delivery)
    from actions.tasks import deliver_webhook_task  # the task module imports this one

    for delivery in created:
        transaction.on_commit(partial(deliver_webhook_task.delay, delivery.pk))
    return created


def body_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def sign(secret: str, body: bytes) -> str:
    """The X-Tracker-Signature value: HMAC-SHA256 of the raw body under the webhook's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_matches(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (and the tests do): recompute and compare in constant time."""
    return hmac.compare_digest(sign(secret, body), header or "")


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) only, validated on the model
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def webhook_delivery_attempt(*, delivery: WebhookDelivery, now: datetime) -> WebhookDelivery:
    """POST one delivery once. Sent: marked sent. Failed: raises for a retry, or is marked failed
    at MAX_ATTEMPTS. A delivery that is no longer pending (sent, failed) is left alone."""
    delivery.refresh_from_db()
    if delivery.state != DeliveryState.PENDING:
        return delivery
    hook = delivery.webhook
    body = body_bytes(delivery.payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "meeting-followup-tracker-webhooks/1",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        TIMESTAMP_HEADER: str(int(now.timestamp())),
        SIGNATURE_HEADER: sign(hook.secret, body),
    }
    status: int | None = None
    error = ""
    try:
        status = _post(hook.url, body, headers)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    attempts = delivery.attempts + 1
    if status is not None and 200 <= status < 300:
        WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(
            state=DeliveryState.SENT, attempts=attempts, last_status_code=status, last_error="",
            last_attempt_at=now, delivered_at=now,
        )
        delivery.refresh_from_db()
        return delivery
    if not error:
        error = f"HTTP {status}"
    final = attempts >= MAX_ATTEMPTS
    WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(
        state=DeliveryState.FAILED if final else DeliveryState.PENDING, attempts=attempts,
        last_status_code=status, last_error=error[:2000], last_attempt_at=now,
    )
    delivery.refresh_from_db()
    if final:
        return delivery
    raise WebhookDeliveryError(f"delivery {delivery.pk} attempt {attempts}: {error}")


@transaction.atomic
def webhook_delivery_retry(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Put a failed delivery back in the queue with a fresh set of attempts (admin action)."""
    from actions.tasks import deliver_webhook_task

    updated = WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.FAILED).update(
        state=DeliveryState.PENDING, attempts=0
    )
    if updated:
        transaction.on_commit(partial(deliver_webhook_task.delay, delivery.pk))
    delivery.refresh_from_db()
    return delivery


def webhooks_overdue_emit(*, now: datetime) -> int:
    """item.overdue, once per item and due instant, for meetings whose webhooks want it."""
    meetings = {hook.meeting_id for hook in Webhook.objects.filter(active=True)
                if WebhookEvent.ITEM_OVERDUE in hook.events}
    count = 0
    items = (ActionItem.objects.overdue(now).filter(meeting_id__in=meetings)
             .select_related("meeting", "owner", "responsible", "deadline"))
    for item in items:
        with transaction.atomic():
            key = f"item.overdue:{item.pk}:{item.deadline.due_at.isoformat()}"
            count += len(webhook_events_emit(item=item, event=WebhookEvent.ITEM_OVERDUE, now=now,
                                             key=key))
    return count


# --- Registering webhooks (the API and the admin form) -----------------------------------


@transaction.atomic
def webhook_create(*, meeting, url: str, events: list[str], active: bool = True) -> Webhook:
    """Register a URL for a meeting's events; the secret is generated here."""
    hook = Webhook(meeting=meeting, url=url, events=list(events), active=active)
    hook.full_clean()
    hook.save()
    return hook


@transaction.atomic
def webhook_update(*, webhook: Webhook, changes: dict[str, Any]) -> Webhook:
    """Change a webhook's URL, events or active flag (the secret stays unless rotated)."""
    for name in ("url", "events", "active"):
        if name in changes:
            setattr(webhook, name, changes[name])
    if changes.get("rotate_secret"):
        from actions.models import new_webhook_secret

        webhook.secret = new_webhook_secret()
    webhook.full_clean()
    webhook.save()
    return webhook


@transaction.atomic
def webhook_delete(*, webhook: Webhook) -> None:
    """Remove a webhook and its delivery history."""
    webhook.delete()
