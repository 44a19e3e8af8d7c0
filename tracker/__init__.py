"""Project package: settings, URLs, the Celery app and the pure date module."""

from tracker.celery import app as celery_app

__all__ = ("celery_app",)
