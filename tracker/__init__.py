"""Project package: settings, URLs and the Celery app (the pure date module is followup_dates/)."""

from tracker.celery import app as celery_app

__all__ = ("celery_app",)
