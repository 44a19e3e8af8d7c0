"""Thin Celery tasks for accounts: take plain values, call one service."""

from celery import shared_task

from accounts import services


@shared_task(ignore_result=True, acks_late=True)
def send_password_reset_email_task(message: dict) -> None:
    services.password_reset_email_send(**message)
