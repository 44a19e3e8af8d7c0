"""A sent reminder and a way to write replies to it."""

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest

from reminders import addresses
from reminders.models import Reminder, ReminderState
from tests.factories import ActionItemFactory, ParticipantFactory

NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


def sent_reminder(item, user, *, send_at=None) -> Reminder:
    send_at = send_at or NOW - timedelta(hours=1)
    return Reminder.objects.create(
        item=item,
        recipient_key=f"user:{user.pk}",
        user=user,
        role="owner",
        slot_key=f"before-3@{item.deadline.due_on.isoformat()}",
        slot_kind="before",
        slot_days=-3,
        due_at=item.deadline.due_at,
        send_at=send_at,
        state=ReminderState.SENT,
        sent_at=send_at,
        created_at=send_at,
    )


@pytest.fixture
def reminded(db, settings):
    settings.REPLY_TO_ADDRESS = "reply@tracker.example.org"
    item = ActionItemFactory(title="上傳國情報告")
    ParticipantFactory(meeting=item.meeting, user=item.owner)
    row = sent_reminder(item, item.owner)
    return {"item": item, "owner": item.owner, "row": row, "to": addresses.reply_address(row.pk)}


def reply(
    *,
    sender: str,
    to: str,
    body: str,
    subject: str = "Re: Due in 3 days: 上傳國情報告",
    headers: dict | None = None,
    attachments=(),
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{abs(hash((sender, body, subject)))}@mail.example.org>"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for name, data, maintype, subtype in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
