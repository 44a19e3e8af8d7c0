"""Shared by the reminder tests: their clock, an item planned at CREATED, a sweep that delivers."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from actions.models import ActionItem
from reminders import delivery, scheduling
from tests.factories import ActionItemFactory, DeadlineFactory, MeetingFactory, UserFactory

# Deadline 13 Mar 2025 23:59 Taipei; the 7-day slot is 6 Mar 09:00 Taipei = 01:00 UTC.
CREATED = datetime(2025, 3, 1, 0, 0, tzinfo=UTC)
SEVEN_DAYS = datetime(2025, 3, 6, 1, 5, tzinfo=UTC)  # 09:05 in Taipei, a week before 13 March
ONE_DAY = datetime(2025, 3, 12, 1, 5, tzinfo=UTC)


def make_item(**fields) -> ActionItem:
    fields.setdefault("owner", UserFactory())
    item = ActionItemFactory(**fields)
    scheduling.item_reschedule(item=item, now=CREATED)
    item.refresh_from_db()
    return item


def sweep_and_deliver(now: datetime) -> list:
    before = len(mail.outbox)
    result = delivery.reminders_sweep(now=now, enqueue=None)
    for ids in result.groups:
        delivery.reminders_deliver(ids=ids, now=now)
    return mail.outbox[before:]


def _reminder(language: str):
    """(message, html part) of the 7-day reminder to an owner reading `language`."""
    meeting = MeetingFactory(title="電信暨資訊工作小組會議", title_en="Telecommunications Working Group")
    owner = UserFactory(language=language, time_zone="Asia/Taipei")
    item = ActionItemFactory(
        meeting=meeting, owner=owner, title="上傳國情報告", deadline=DeadlineFactory(meeting=meeting)
    )
    scheduling.item_reschedule(item=item, now=CREATED)
    before = len(mail.outbox)
    result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    for ids in result.groups:
        delivery.reminders_deliver(ids=ids, now=SEVEN_DAYS)
    [message] = mail.outbox[before:]
    return message, message.alternatives[0][0]


@pytest.fixture
def reminder_of(db):
    return _reminder
