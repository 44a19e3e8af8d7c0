"""Done-when of issue 4: the TELWG 70 data, the default policy, `send_due_reminders --as-of`."""

from datetime import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from actions import services
from actions.models import ActionItem
from reminders.models import Reminder, ReminderState

pytestmark = pytest.mark.django_db


def run(as_of: str) -> list:
    """Run the command at `as_of`; return the messages it sent."""
    before = len(mail.outbox)
    out = StringIO()
    call_command("send_due_reminders", "--as-of", as_of, stdout=out)
    return mail.outbox[before:]


def to(messages, username: str) -> list:
    return [m for m in messages if m.to == [f"{username}@example.org"]]


def mentions(message, title: str) -> bool:
    return title in message.body


def test_telwg70_reminders_follow_the_default_policy(telwg70):
    upload = ActionItem.objects.get(meeting=telwg70, number=1)  # ACS country report, 13 Mar
    comments = ActionItem.objects.get(meeting=telwg70, number=2)  # strategy comments, 27 Mar
    assert upload.owner.username == "mao.yinli"

    sent = run("2025-03-06T09:05+08:00")
    mine = [m for m in to(sent, "mao.yinli") if mentions(m, upload.title)]
    assert len(mine) == 1
    assert "7" in mine[0].subject
    # A zh-hant reader in Taipei: ROC dates, and the Singapore deadline's zone is named.
    assert "114年3月13日 23:59" in mine[0].body
    assert "新加坡" in mine[0].body
    assert f"/items/{upload.pk}/" in mine[0].body

    assert run("2025-03-06T09:05+08:00") == []

    sent = run("2025-03-12T09:05+08:00")
    mine = [m for m in to(sent, "mao.yinli") if mentions(m, upload.title)]
    assert len(mine) == 1
    assert Reminder.objects.filter(
        item=upload, user__username="mao.yinli", slot_key="before-1@2025-03-13", state=ReminderState.SENT
    ).exists()

    services.action_item_complete(
        item=upload, by=upload.owner, now=datetime.fromisoformat("2025-03-12T10:00+08:00")
    )
    for as_of in ["2025-03-13T09:05+08:00", "2025-03-15T09:05+08:00", "2025-03-17T09:05+08:00"]:
        assert not [m for m in run(as_of) if mentions(m, upload.title)]

    # The strategy comments stay open: overdue reminders, then the escalation at +3 days.
    sent = run("2025-03-29T09:05+08:00")
    overdue = [m for m in to(sent, "mao.yinli") if mentions(m, comments.title)]
    assert len(overdue) == 1
    assert (
        Reminder.objects.get(item=comments, user__username="mao.yinli", slot_key="overdue-2@2025-03-27").state
        == ReminderState.SENT
    )
    sent = run("2025-03-30T09:05+08:00")
    escalation = Reminder.objects.get(item=comments, user__username="shen.hsinhsiung", role="escalation")
    escalated = [
        m for m in to(sent, "shen.hsinhsiung") if m.extra_headers["Message-ID"] == escalation.message_id
    ]
    assert mentions(escalated[0], comments.title)
    assert (
        Reminder.objects.get(item=comments, user__username="shen.hsinhsiung", role="escalation").state
        == ReminderState.SENT
    )
    assert len(escalated) == 1
    assert "List-Unsubscribe" not in escalated[0].extra_headers


def test_as_of_must_be_an_aware_iso_instant(db):
    with pytest.raises(CommandError, match="offset"):
        call_command("send_due_reminders", "--as-of", "2025-03-06T09:05", stdout=StringIO())
    with pytest.raises(CommandError, match="ISO-8601"):
        call_command("send_due_reminders", "--as-of", "next tuesday", stdout=StringIO())
