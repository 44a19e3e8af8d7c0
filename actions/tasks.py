"""Thin Celery tasks: take ids, read the clock, call one service; each owns its retry policy.

Reminders use no ETA or countdown: Redis re-delivers long ETAs after its visibility
timeout. Their scheduling is state in the database (next_reminder_at, next_attempt_at)
that the beat's sweep reads every REMINDER_SWEEP_SECONDS; webhook deliveries are the same
kind of outbox (WebhookDelivery.next_attempt_at, dispatch_webhooks_task).
"""

from celery import shared_task
from django.utils import timezone

from actions import services, webhooks
from actions.models import WebhookDelivery


@shared_task(ignore_result=True)
def sweep_reminders_task() -> int:
    result = services.reminders_sweep(now=timezone.now())
    return result.written


@shared_task(ignore_result=True, acks_late=True)
def deliver_reminders_task(reminder_groups: list[list[int]]) -> None:
    # One email per group of reminder ids. Failures are recorded on the rows (pending with a
    # later next_attempt_at, or failed); the task never raises for SMTP trouble, so Celery
    # never redelivers it.
    services.reminders_deliver_many(groups=reminder_groups, now=timezone.now())


@shared_task(ignore_result=True, acks_late=True)
def deliver_webhook_task(delivery_id: int) -> str:
    # One attempt. Its outcome is recorded on the row (sent, pending with a later
    # next_attempt_at, failed); the retry is the sweep's (dispatch_webhooks_task), never a
    # Celery countdown, so a broker outage or a lost task cannot strand a delivery.
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return "gone"
    return webhooks.webhook_delivery_attempt(delivery=delivery, now=timezone.now()).state


@shared_task(ignore_result=True)
def dispatch_webhooks_task() -> int:
    return webhooks.webhooks_dispatch(now=timezone.now())


@shared_task
def webhooks_overdue_task() -> int:
    return webhooks.webhooks_overdue_emit(now=timezone.now())
