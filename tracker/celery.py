"""The Celery app and its beat schedule."""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


if os.environ.get("LOG_FORMAT") == "json":
    # Celery replaces the root handlers with its own text format unless someone handles
    # setup_logging: keep Django's LOGGING, so worker and beat log one JSON object a line too.
    @setup_logging.connect
    def _django_logging(**_kwargs) -> None:
        from logging.config import dictConfig

        from django.conf import settings

        dictConfig(settings.LOGGING)


app.conf.beat_schedule = {
    # The sweep looks at state, not at timers: a beat that was down catches up on restart.
    "sweep-due-reminders": {
        "task": "reminders.tasks.sweep_reminders_task",
        # REMINDER_SWEEP_SECONDS: the integration tests run the beat every second.
        "schedule": float(os.environ.get("REMINDER_SWEEP_SECONDS", "60")),
    },
    # The webhook outbox: pending deliveries whose next attempt is due (a lost publish, a
    # retry after its back-off, a worker that died) are queued again.
    "dispatch-webhook-deliveries": {
        "task": "webhooks.tasks.dispatch_webhooks_task",
        "schedule": float(os.environ.get("REMINDER_SWEEP_SECONDS", "60")),
    },
    # item.overdue webhooks: once per item and due instant, so re-running sends nothing twice.
    "webhooks-overdue": {
        "task": "webhooks.tasks.webhooks_overdue_task",
        "schedule": 300.0,
    },
}
