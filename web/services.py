"""Writes the task-list pages make: preferences, the language switch, calendar feed tokens,
saved views."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.keys import new_secret, secret_hash
from accounts.models import User
from meetings.models import Meeting
from reminders.scheduling import reminders_reschedule_for_user
from tracker.text import validate_single_line
from web.models import FeedToken, SavedView

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


SAVED_VIEWS_PER_LIST = 20
SAVED_VIEW_NAME_EMPTY = _("Give the view a name.")
SAVED_VIEW_TOO_MANY = _("You already keep %(limit)s views of this list: delete one first.")
SAVED_VIEW_NO_FILTERS = _("Choose some filters first: a view without filters is the list itself.")


@transaction.atomic
def saved_view_save(*, user: User, list_name: str, name: str, query: str, now: datetime) -> SavedView:
    """Keep `query` (the list's filters, already checked and normalised) under `name`; a view
    of the same name on the same list is replaced."""
    validate_single_line(name)  # refused, not silently cleaned: a tab or a line break
    name = " ".join(name.split())
    if not name:
        raise ValidationError(SAVED_VIEW_NAME_EMPTY, code="name_empty")
    if not query:
        raise ValidationError(SAVED_VIEW_NO_FILTERS, code="no_filters")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one save of a person's views at a time
    mine = SavedView.objects.filter(user=user, list_name=list_name)
    existing = mine.filter(name=name).first()
    if existing is not None:
        existing.query = query
        existing.full_clean()
        existing.save(update_fields=["query"])
        return existing
    if mine.count() >= SAVED_VIEWS_PER_LIST:
        raise ValidationError(SAVED_VIEW_TOO_MANY, code="too_many", params={"limit": SAVED_VIEWS_PER_LIST})
    view = SavedView(user=user, list_name=list_name, name=name, query=query, created_at=now)
    view.full_clean()
    view.save()
    return view


@transaction.atomic
def saved_view_delete(*, view: SavedView) -> None:
    view.delete()
