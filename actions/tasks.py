"""Celery tasks for actions: thin — take ids, read the clock, call one service."""

from celery import shared_task
from django.utils import timezone

from actions import webhooks
from actions.models import WebhookDelivery


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
