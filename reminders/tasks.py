"""Thin Celery tasks: take ids, read the clock, call one service; each owns its retry policy.

Reminders use no ETA or countdown: Redis re-delivers long ETAs after its visibility
timeout. Their scheduling is state in the database (next_reminder_at, next_attempt_at)
that the beat's sweep reads every REMINDER_SWEEP_SECONDS; webhook deliveries are the same
kind of outbox (webhooks/tasks.py).
"""

from celery import shared_task
from django.utils import timezone

from reminders import delivery


@shared_task(ignore_result=True)
def sweep_reminders_task() -> int:
    result = delivery.reminders_sweep(now=timezone.now())
    return result.written


@shared_task(ignore_result=True, acks_late=True)
def deliver_reminders_task(reminder_groups: list[list[int]]) -> None:
    # One email per group of reminder ids. Failures are recorded on the rows (pending with a
    # later next_attempt_at, or failed); the task never raises for SMTP trouble, so Celery
    # never redelivers it.
    delivery.reminders_deliver_many(groups=reminder_groups, now=timezone.now())


# The names these tasks had before they moved from actions/ (2026-12-02): messages a worker of
# the earlier version queued are still delivered. Remove after one release.
@shared_task(name="actions.tasks.sweep_reminders_task", ignore_result=True)
def sweep_reminders_task_before_the_move() -> int:
    return sweep_reminders_task()


@shared_task(name="actions.tasks.deliver_reminders_task", ignore_result=True, acks_late=True)
def deliver_reminders_task_before_the_move(reminder_groups: list[list[int]]) -> None:
    deliver_reminders_task(reminder_groups)
