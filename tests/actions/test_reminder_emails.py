"""What a reminder email looks like: names in the reader's language, styled HTML."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from actions import services
from tests.factories import ActionItemFactory, DeadlineFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATED = datetime(2025, 3, 1, 0, 0, tzinfo=UTC)
SEVEN_DAYS = datetime(2025, 3, 6, 1, 5, tzinfo=UTC)  # 09:05 in Taipei, a week before 13 March


def _reminder(language: str):
    meeting = MeetingFactory(title="電信暨資訊工作小組會議", title_en="Telecommunications Working Group")
    owner = UserFactory(language=language, time_zone="Asia/Taipei")
    item = ActionItemFactory(meeting=meeting, owner=owner, title="上傳國情報告",
                             deadline=DeadlineFactory(meeting=meeting))
    services.item_reschedule(item=item, now=CREATED)
    before = len(mail.outbox)
    result = services.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    for ids in result.groups:
        services.reminders_deliver(ids=ids, now=SEVEN_DAYS)
    [message] = mail.outbox[before:]
    return message, message.alternatives[0][0]


def test_an_english_reader_gets_the_english_meeting_title():
    message, html = _reminder("en")
    assert "Telecommunications Working Group" in message.body
    assert "Telecommunications Working Group" in html
    assert "電信暨資訊工作小組會議" not in message.body


def test_a_chinese_reader_gets_the_chinese_title():
    message, html = _reminder("zh-hant")
    assert "電信暨資訊工作小組會議" in message.body
    assert "電信暨資訊工作小組會議" in html
