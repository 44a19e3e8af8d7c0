"""Writes the task-list pages make: preferences, the language switch, calendar feed tokens."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from accounts.keys import new_secret, secret_hash
from accounts.models import User
from actions.services import reminders_reschedule_for_user
from meetings.models import Meeting
from web.models import FeedToken

PREFERENCE_FIELDS = ("language", "time_zone", "date_style", "reminder_mode", "optional_reminders")


@transaction.atomic
def user_preferences_update(
    *,
    user: User,
    language: str,
    time_zone: str,
    date_style: str,
    reminder_mode: str,
    optional_reminders: bool,
    now: datetime,
) -> User:
    """Save the preferences; when or whether the person is reminded changed: replan."""
    replan = (user.time_zone, user.optional_reminders) != (time_zone, optional_reminders)
    user.language, user.time_zone, user.date_style = language, time_zone, date_style
    user.reminder_mode, user.optional_reminders = reminder_mode, optional_reminders
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=list(PREFERENCE_FIELDS))
    if replan:
        reminders_reschedule_for_user(user=user, now=now)
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    if user.language != language:
        user.language = language
        user.full_clean(exclude=["password", "username", "email"])
        user.save(update_fields=["language"])
    return user


@transaction.atomic
def feed_token_create(*, user: User, meeting: Meeting | None, now: datetime) -> tuple[FeedToken, str]:
    """A new feed address; the raw token is returned once and never stored."""
    raw = new_secret()
    token = FeedToken.objects.create(user=user, meeting=meeting, token_hash=secret_hash(raw), created_at=now)
    return token, raw


@transaction.atomic
def feed_token_revoke(*, token: FeedToken, now: datetime) -> FeedToken:
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
    return token
