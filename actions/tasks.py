"""Thin Celery tasks for reminders; the services own the logic.

No ETA or countdown anywhere: Redis re-delivers long ETAs after its visibility
timeout. Scheduling is state in the database (next_reminder_at, next_attempt_at)
that the beat's sweep reads every REMINDER_SWEEP_SECONDS.
"""

from celery import shared_task
from django.utils import timezone

from actions import services


@shared_task(ignore_result=True)
def sweep_reminders_task() -> int:
    result = services.reminders_sweep(now=timezone.now())
    return result.written


@shared_task(ignore_result=True, acks_late=True)
def deliver_reminders_task(reminder_ids: list[int]) -> None:
    # Failures are recorded on the rows (pending with a later next_attempt_at, or failed);
    # the task itself never raises for SMTP trouble, so Celery never redelivers it.
    services.reminders_deliver(ids=reminder_ids, now=timezone.now())
