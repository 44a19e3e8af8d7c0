"""Replies to a real reminder, through the project's own receiver.

A Celery worker and beat send TELWG 70's reminders to the SMTP sink; the reply receiver
(reminders/receiver.py, LMTP as Postfix would deliver) gets four answers to one of them:
(a) a comment, (c) an out-of-office saying "完成", (d) "完成" from a forged From, (b)
"完成" with a PDF. The item ends with exactly the comment, done, the PDF as evidence;
every message is recorded.
"""

import os
import smtplib
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from actions import deadline_services
from actions.models import ActionItem, Activity, ActivityVerb, Evidence, Status
from followup_dates import reminder_plan as planner
from meetings.models import Meeting
from reminders import scheduling
from reminders.models import InboundMessage
from reminders.receiver import ReplyController
from tests.integration.conftest import free_port, noon_zone, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def receiver():
    controller = ReplyController(hostname="127.0.0.1", port=free_port(), lmtp=True)
    controller.start()
    yield controller.port
    controller.stop()


def country_report_due_today() -> ActionItem:
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    now = timezone.now()
    zone = noon_zone(now)
    User.objects.update(time_zone=zone, language="en")
    meeting = Meeting.objects.get(slug="apec-telwg-70")
    upload = ActionItem.objects.get(meeting=meeting, number=1)
    today = now.astimezone(ZoneInfo(zone)).date()
    days = (today - planner.due_day_for(upload.deadline.due_at, zone)).days
    deadline_services.demo_meeting_shift(meeting=meeting, days=days, now=now)
    scheduling.reminders_reschedule_items(items=meeting.action_items.all(), now=now)
    return upload


def answer(port: int, *, sender: str, to: str, body: str, headers=None, pdf=False) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, "Re: Due today"
    message["Message-ID"] = f"<{abs(hash((sender, body, str(headers))))}@mail.example.org>"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body + "\n\nOn a day, Follow-up tracker wrote:\n> Due today\n")
    if pdf:
        message.add_attachment(PDF, maintype="application", subtype="pdf", filename="acs-receipt.pdf")
    with smtplib.LMTP("127.0.0.1", port) as client:
        client.send_message(message, from_addr=sender, to_addrs=[to])


def test_replies_to_a_real_reminder(celery_processes, smtp_sink, receiver):
    sink, _port = smtp_sink
    item = country_report_due_today()
    mao = User.objects.get(username="mao.yinli")
    procs = celery_processes()
    procs.worker()
    procs.beat()
    mails = wait_for(
        lambda: [r for r in sink.reminders() if r.rcpt_tos == [mao.email]],
        timeout=90,
        what="mao's reminder",
        logs=procs.tail,
    )
    reply_to = mails[0].message["Reply-To"]
    assert reply_to.startswith("reply+")
    ref = f"#{item.number}"

    answer(receiver, sender=mao.email, to=reply_to, body=f"{ref} 格式已與秘書處確認")
    answer(
        receiver,
        sender=mao.email,
        to=reply_to,
        body=f"{ref} 完成",
        headers={"Auto-Submitted": "auto-replied"},
    )
    answer(receiver, sender="someone@elsewhere.example", to=reply_to, body=f"{ref} 完成")
    item.refresh_from_db()
    assert item.status == Status.OPEN
    answer(receiver, sender=mao.email, to=reply_to, body=f"{ref} 完成\n已上傳，收據如附件", pdf=True)

    item.refresh_from_db()
    assert (item.status, item.completed_by, item.completion_note) == (Status.DONE, mao, "已上傳，收據如附件")
    assert list(
        Activity.objects.filter(item=item, verb=ActivityVerb.COMMENT).values_list("text", flat=True)
    ) == ["格式已與秘書處確認"]
    assert list(Evidence.objects.filter(item=item).values_list("original_name", flat=True)) == [
        "acs-receipt.pdf"
    ]
    assert list(InboundMessage.objects.order_by("id").values_list("status", "reason")) == [
        ("accepted", "applied"),
        ("ignored", "auto_reply"),
        ("ignored", "sender_mismatch"),
        ("accepted", "applied"),
    ]


def test_the_receiver_refuses_an_address_we_never_signed(transactional_db, receiver):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@x.example", "b@y.example", "hi"
    message.set_content("hello")
    with smtplib.LMTP("127.0.0.1", receiver) as client, pytest.raises(smtplib.SMTPDataError) as caught:
        client.send_message(
            message, from_addr="a@x.example", to_addrs=["reply+1.000000000000000000000000@example.org"]
        )
    assert caught.value.smtp_code == 550
    assert InboundMessage.objects.get().reason == "bad_token"
