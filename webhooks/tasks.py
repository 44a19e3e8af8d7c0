"""Thin Celery tasks for webhook deliveries: take ids, read the clock, call one service."""

from celery import shared_task
from django.utils import timezone

from webhooks import services
from webhooks.models import WebhookDelivery


@shared_task(ignore_result=True, acks_late=True)
def deliver_webhook_task(delivery_id: int) -> str:
    # One attempt. Its outcome is recorded on the row (sent, pending with a later
    # next_attempt_at, failed); the retry is the sweep's (dispatch_webhooks_task), never a
    # Celery countdown, so a broker outage or a lost task cannot strand a delivery.
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return "gone"
    return services.webhook_delivery_attempt(delivery=delivery, now=timezone.now()).state


@shared_task(ignore_result=True)
def dispatch_webhooks_task() -> int:
    return services.webhooks_dispatch(now=timezone.now())


@shared_task
def webhooks_overdue_task() -> int:
    return services.webhooks_overdue_emit(now=timezone.now())
