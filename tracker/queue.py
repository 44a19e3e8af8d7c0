"""Queue a Celery task by name after the current transaction commits, robustly.

Zulip's queue_event_on_commit: services publish without importing worker code, and a
broker that is down is logged, never raised into the request that made the change. What
was to be done is already a row in an outbox (reminders, webhook deliveries) that the
beat's sweep queues again, so a lost publish delays the work, it does not lose it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def publish(task_name: str, *args: Any) -> bool:
    """Send now; False (and a logged error) if the broker cannot be reached."""
    from celery import current_app

    try:
        current_app.send_task(task_name, args=list(args))
    except Exception:
        logger.exception("Could not queue %s%r; the sweep will queue it again", task_name, args)
        return False
    return True


def enqueue_on_commit(task_name: str, *args: Any) -> None:
    """Queue `task_name(*args)` once the surrounding transaction commits (now, outside one)."""
    transaction.on_commit(lambda: publish(task_name, *args))
