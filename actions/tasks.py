"""Thin Celery tasks: take ids, read the clock, call one service; each owns its retry policy.

Reminders use no ETA or countdown: Redis re-delivers long ETAs after its visibility
timeout. Their scheduling is state in the database (next_reminder_at, next_attempt_at)
that the beat's sweep reads every REMINDER_SWEEP_SECONDS. Webhook retries use short
back-offs (at most 10 minutes), well inside the visibility timeout.
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


@shared_task(
    bind=True,
    autoretry_for=(webhooks.WebhookDeliveryError,),
    max_retries=webhooks.MAX_ATTEMPTS - 1,
    retry_backoff=30,  # up to 30 s, 60 s, 120 s, 240 s, 480 s (jittered) between attempts
    retry_backoff_max=600,  # well inside the Redis visibility timeout (settings.py)
    retry_jitter=True,
)
def deliver_webhook_task(self, delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return "gone"
    return webhooks.webhook_delivery_attempt(delivery=delivery, now=timezone.now()).state


@shared_task
def webhooks_overdue_task() -> int:
    return webhooks.webhooks_overdue_emit(now=timezone.now())
