"""Webhook deliveries: one attempt, the outbox sweep, a retry, item.overdue, and registering a URL.

Deliveries are an outbox, like reminders: `webhook_events_emit` (webhooks/events.py) writes
one row per webhook inside the caller's transaction and queues its task by name after commit
(tracker/queue.py: a broker outage is logged, never raised into the request).
`webhooks_dispatch`, run by
beat with the reminder sweep, queues again every pending row whose `next_attempt_at` has
passed: rows whose publish was lost, retries after their back-off, attempts whose worker
died. `webhook_delivery_attempt` claims the row, POSTs once through tracker/netguard.py
(public addresses only, checked after DNS; redirects not followed) and records the outcome:
sent, pending with a later `next_attempt_at`, or failed at MAX_ATTEMPTS.
"""

from __future__ import annotations

import http.client
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from actions.models import ActionItem
from tracker import netguard
from tracker.queue import enqueue_on_commit
from webhooks.events import DELIVER_TASK, requeue_after, webhook_events_emit
from webhooks.models import (
    DeliveryState,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
    new_webhook_secret,
)
from webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    body_bytes,
    sign,
)

logger = logging.getLogger(__name__)

# Attempts in all (the first one and its retries).
MAX_ATTEMPTS = 6
# Back-off after a failed attempt: 30 s, 60 s, 120 s, 240 s, 480 s (at most 10 minutes).
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 600


def _lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "REMINDER_LEASE_SECONDS", 300)))


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    return netguard.post(
        url,
        body,
        headers,
        timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
        allow_private=settings.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    )


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(RETRY_BASE_SECONDS * 2 ** (attempts - 1), RETRY_MAX_SECONDS))


def webhook_delivery_claim(*, delivery: WebhookDelivery, now: datetime) -> str | None:
    """Claim a pending delivery for one attempt (conditional UPDATE); None if it is not
    pending, or another worker holds a claim that has not expired."""
    token = uuid.uuid4().hex
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING)
        .filter(Q(claim_token="") | Q(claimed_at__lt=now - _lease()))
        .update(claim_token=token, claimed_at=now, next_attempt_at=now + _lease())
    )
    return token if claimed else None


def webhook_delivery_attempt(*, delivery: WebhookDelivery, now: datetime) -> WebhookDelivery:
    """POST one delivery once. 2xx: sent. A target that is not a public address: failed at
    once (nothing was sent, and retrying cannot help). Any other failure: pending again
    with a backed-off next_attempt_at for the sweep, or failed at MAX_ATTEMPTS. A delivery
    that is not pending (sent, failed, claimed by another worker) is left alone."""
    token = webhook_delivery_claim(delivery=delivery, now=now)
    delivery.refresh_from_db()
    if token is None:
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
    refused = False
    try:
        status = _post(hook.url, body, headers)
    except netguard.TargetRefused as exc:
        error, refused = f"refused: {exc.message}", True
    except (OSError, http.client.HTTPException, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    attempts = delivery.attempts + 1
    mine = WebhookDelivery.objects.filter(pk=delivery.pk, claim_token=token, state=DeliveryState.PENDING)
    if status is not None and 200 <= status < 300:
        mine.update(
            state=DeliveryState.SENT,
            attempts=attempts,
            last_status_code=status,
            last_error="",
            last_attempt_at=now,
            delivered_at=now,
            claim_token="",
            next_attempt_at=None,
        )
    else:
        if not error:
            error = f"HTTP {status}"  # a 3xx too: redirects are not followed
        final = refused or attempts >= MAX_ATTEMPTS
        mine.update(
            state=DeliveryState.FAILED if final else DeliveryState.PENDING,
            attempts=attempts,
            last_status_code=status,
            last_error=error[:2000],
            last_attempt_at=now,
            claim_token="",
            next_attempt_at=None if final else now + backoff(attempts),
        )
        log = logger.error if final else logger.warning
        log("Webhook delivery %s attempt %d failed: %s", delivery.pk, attempts, error)
    delivery.refresh_from_db()
    return delivery


def webhooks_dispatch(*, now: datetime, chunk_size: int = 500) -> int:
    """Queue every pending delivery whose next attempt is due (the outbox sweep); each is
    then not offered again for REMINDER_REQUEUE_SECONDS, unless its attempt records a
    retry. Returns how many were queued."""
    queued = 0
    while True:
        with transaction.atomic():
            ids = list(
                WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
                .select_for_update(skip_locked=True)
                .order_by("next_attempt_at", "pk")
                .values_list("pk", flat=True)[:chunk_size]
            )
            if not ids:
                return queued
            WebhookDelivery.objects.filter(pk__in=ids).update(next_attempt_at=now + requeue_after())
            for pk in ids:
                enqueue_on_commit(DELIVER_TASK, pk)
            queued += len(ids)


@transaction.atomic
def webhook_delivery_retry(*, delivery: WebhookDelivery, now: datetime) -> WebhookDelivery:
    """Put a failed delivery back in the queue with a fresh set of attempts (admin action)."""
    updated = WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.FAILED).update(
        state=DeliveryState.PENDING, attempts=0, claim_token="", next_attempt_at=now + requeue_after()
    )
    if updated:
        enqueue_on_commit(DELIVER_TASK, delivery.pk)
    delivery.refresh_from_db()
    return delivery


def webhooks_overdue_emit(*, now: datetime) -> int:
    """item.overdue, once per item and due instant, for meetings whose webhooks want it."""
    meetings = {
        hook.meeting_id
        for hook in Webhook.objects.filter(active=True)
        if WebhookEvent.ITEM_OVERDUE in hook.events
    }
    count = 0
    items = (
        ActionItem.objects.overdue(now)
        .filter(meeting_id__in=meetings)
        .select_related("meeting", "owner", "responsible", "deadline")
    )
    for item in items:
        with transaction.atomic():
            key = f"item.overdue:{item.pk}:{item.deadline.due_at.isoformat()}"
            count += len(webhook_events_emit(item=item, event=WebhookEvent.ITEM_OVERDUE, now=now, key=key))
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
        webhook.secret = new_webhook_secret()
    webhook.full_clean()
    webhook.save()
    return webhook


@transaction.atomic
def webhook_delete(*, webhook: Webhook) -> None:
    """Remove a webhook and its delivery history."""
    webhook.delete()
