"""A reply to a reminder: what it changes on the item, and the record of every message."""

from datetime import timedelta

import pytest

from actions.models import Activity, ActivityVerb, Evidence, Status
from reminders.inbound import (
    SMTP_MALFORMED,
    SMTP_OK,
    SMTP_TOO_BIG,
    SMTP_UNKNOWN,
    inbound_message_receive,
)
from reminders.models import InboundMessage
from tests.factories import ActionItemFactory, ParticipantFactory, UserFactory
from tests.reminders.conftest import NOW, PDF, reply, sent_reminder

pytestmark = pytest.mark.django_db


def receive(raw, to, *, envelope_from="sender@example.org"):
    return inbound_message_receive(raw=raw, envelope_from=envelope_from, envelope_to=[to], now=NOW)


def comments(item):
    return list(Activity.objects.filter(item=item, verb=ActivityVerb.COMMENT).values_list("text", flat=True))


def test_a_reply_becomes_a_comment_without_the_quote(reminded):
    owner, item = reminded["owner"], reminded["item"]
    body = (
        "已與產發署確認，下週提供。\n\nOn Mon, 10 Mar 2025, Follow-up tracker wrote:\n"
        "> Due in 3 days: 上傳國情報告\n"
    )
    result = receive(reply(sender=owner.email, to=reminded["to"], body=body), reminded["to"])
    assert result.smtp_reply == SMTP_OK
    assert comments(item) == ["已與產發署確認，下週提供。"]
    assert Activity.objects.get(item=item, verb=ActivityVerb.COMMENT).actor == owner
    record = InboundMessage.objects.get()
    assert (record.status, record.reason, record.item, record.user) == ("accepted", "applied", item, owner)


def test_done_with_a_pdf_marks_the_item_done_with_evidence(reminded):
    owner, item = reminded["owner"], reminded["item"]
    raw = reply(
        sender=owner.email,
        to=reminded["to"],
        body="完成\n已上傳 ACS，收據如附件",
        attachments=[("receipt.pdf", PDF, "application", "pdf")],
    )
    receive(raw, reminded["to"])
    item.refresh_from_db()
    assert (item.status, item.completed_by, item.completion_note) == (
        Status.DONE,
        owner,
        "已上傳 ACS，收據如附件",
    )
    assert list(Evidence.objects.filter(item=item).values_list("original_name", flat=True)) == ["receipt.pdf"]
    assert comments(item) == []


@pytest.mark.parametrize("headers", [{"Auto-Submitted": "auto-replied"}, {"X-Autoreply": "yes"}])
def test_an_out_of_office_changes_nothing_and_is_recorded(reminded, headers):
    owner, item = reminded["owner"], reminded["item"]
    raw = reply(sender=owner.email, to=reminded["to"], body="完成", headers=headers, subject="Out of office")
    assert receive(raw, reminded["to"]).smtp_reply == SMTP_OK
    item.refresh_from_db()
    assert item.status == Status.OPEN and comments(item) == []
    assert InboundMessage.objects.get().reason == "auto_reply"


def test_a_forged_from_changes_nothing(reminded):
    item = reminded["item"]
    raw = reply(sender="attacker@evil.example", to=reminded["to"], body="完成")
    assert receive(raw, reminded["to"]).smtp_reply == SMTP_OK  # no backscatter
    item.refresh_from_db()
    assert item.status == Status.OPEN and comments(item) == []
    record = InboundMessage.objects.get()
    assert (record.status, record.reason) == ("ignored", "sender_mismatch")


def test_a_forged_token_is_refused_once_by_smtp(reminded):
    owner = reminded["owner"]
    to = reminded["to"].replace("+", "+1").replace("@", "0@")
    result = receive(reply(sender=owner.email, to=to, body="完成"), to)
    assert result.smtp_reply == SMTP_UNKNOWN
    assert InboundMessage.objects.get().reason == "bad_token"


def test_mail_to_the_bare_mailbox_is_refused(reminded):
    owner = reminded["owner"]
    result = receive(
        reply(sender=owner.email, to="reply@tracker.example.org", body="hi"), "reply@tracker.example.org"
    )
    assert (result.smtp_reply, InboundMessage.objects.get().reason) == (SMTP_UNKNOWN, "no_token")


def test_a_bounce_is_ignored(reminded):
    raw = reply(sender="MAILER-DAEMON@mx.example.org", to=reminded["to"], body="failed")
    receive(raw, reminded["to"], envelope_from="")
    assert InboundMessage.objects.get().reason == "bounce"


def test_a_watcher_may_comment_but_not_mark_done(reminded):
    item = reminded["item"]
    watcher = UserFactory()
    ParticipantFactory(meeting=item.meeting, user=watcher)
    row = sent_reminder(item, watcher)
    from reminders.addresses import reply_address

    to = reply_address(row.pk)
    receive(reply(sender=watcher.email, to=to, body="我可以協助"), to)
    assert comments(item) == ["我可以協助"]
    receive(reply(sender=watcher.email, to=to, body="完成"), to)
    item.refresh_from_db()
    assert item.status == Status.OPEN
    assert InboundMessage.objects.order_by("id").last().reason == "not_allowed"


def test_an_attachment_that_fails_the_upload_checks_applies_nothing(reminded):
    owner, item = reminded["owner"], reminded["item"]
    raw = reply(
        sender=owner.email,
        to=reminded["to"],
        body="完成",
        attachments=[("receipt.pdf", b"MZ\x90\x00not a pdf", "application", "pdf")],
    )
    receive(raw, reminded["to"])
    item.refresh_from_db()
    assert item.status == Status.OPEN and not Evidence.objects.exists()
    record = InboundMessage.objects.get()
    assert (record.status, record.reason) == ("ignored", "attachment_refused")
    assert record.detail.startswith("receipt.pdf: ")


def test_the_same_message_delivered_twice_applies_once(reminded):
    owner, item = reminded["owner"], reminded["item"]
    raw = reply(sender=owner.email, to=reminded["to"], body="收到")
    receive(raw, reminded["to"])
    receive(raw, reminded["to"])
    assert comments(item) == ["收到"]
    assert list(InboundMessage.objects.order_by("id").values_list("reason", flat=True)) == [
        "applied",
        "duplicate",
    ]


def test_a_digest_reply_names_its_item(reminded):
    owner, first = reminded["owner"], reminded["item"]
    second = ActionItemFactory(meeting=first.meeting, owner=owner, title="提交修改意見")
    row = sent_reminder(second, owner, send_at=reminded["row"].send_at)
    to = reminded["to"]
    receive(reply(sender=owner.email, to=to, body="完成"), to)
    assert InboundMessage.objects.get().reason == "which_item"
    receive(reply(sender=owner.email, to=to, body=f"#{second.number} 完成，已寄出"), to)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status, second.completion_note) == (Status.OPEN, Status.DONE, "已寄出")
    assert row.pk


def test_a_reply_to_an_old_reminder_is_not_applied(reminded, settings):
    settings.REPLY_MAX_AGE_DAYS = 30
    row = reminded["row"]
    row.sent_at = NOW - timedelta(days=31)
    row.save()
    receive(reply(sender=reminded["owner"].email, to=reminded["to"], body="完成"), reminded["to"])
    assert InboundMessage.objects.get().reason == "expired"


def test_a_huge_message_is_refused_and_recorded(reminded, settings):
    settings.INBOUND_MAX_BYTES = 1000
    raw = reply(sender=reminded["owner"].email, to=reminded["to"], body="x" * 2000)
    assert receive(raw, reminded["to"]).smtp_reply == SMTP_TOO_BIG
    record = InboundMessage.objects.get()
    assert (record.status, record.reason) == ("refused", "too_large")
    assert comments(reminded["item"]) == []


def test_a_malformed_message_is_refused_and_recorded(reminded):
    assert receive(b"\x00\x01 not an email", reminded["to"]).smtp_reply == SMTP_MALFORMED
    assert InboundMessage.objects.get().reason == "malformed"


def test_an_empty_reply_is_ignored(reminded):
    body = "On Mon, 10 Mar 2025, Follow-up tracker wrote:\n> Due in 3 days\n"
    receive(reply(sender=reminded["owner"].email, to=reminded["to"], body=body), reminded["to"])
    assert InboundMessage.objects.get().reason == "empty"


def test_the_reminder_email_carries_the_reply_to_address(reminded):
    from reminders.emails import build_reminder_message

    row = reminded["row"]
    reminded["owner"].language = "en"
    reminded["owner"].save()
    row.refresh_from_db()
    message = build_reminder_message(rows=[row], now=NOW)
    assert message.reply_to == [reminded["to"]]
    assert (
        "Reply to this email to add a comment; a first line of “完成” or “done” marks the "
        "item done, and attached files become its evidence."
    ) in message.body


def test_no_reply_to_when_replies_are_off(reminded, settings):
    from reminders.emails import build_reminder_message

    settings.REPLY_TO_ADDRESS = ""
    message = build_reminder_message(rows=[reminded["row"]], now=NOW)
    assert message.reply_to == []
    assert "Reply to this email" not in message.body


def test_a_failure_while_applying_writes_nothing_and_asks_the_mta_to_retry(reminded, monkeypatch):
    from actions import services as actions_services
    from reminders.inbound import SMTP_TRY_LATER

    owner, item = reminded["owner"], reminded["item"]

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions_services, "action_item_complete", broken)
    raw = reply(
        sender=owner.email,
        to=reminded["to"],
        body="完成",
        attachments=[("receipt.pdf", PDF, "application", "pdf")],
    )
    assert receive(raw, reminded["to"]).smtp_reply == SMTP_TRY_LATER
    item.refresh_from_db()
    assert item.status == Status.OPEN and not Evidence.objects.exists()
    record = InboundMessage.objects.get()
    assert (record.status, record.reason, record.detail) == (
        "refused",
        "failed",
        "RuntimeError: database went away",
    )
