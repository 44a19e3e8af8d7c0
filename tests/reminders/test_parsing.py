"""Reading a reply: the new text only, automatic replies, "done" on the first line."""

import pytest

from reminders import parsing
from tests.reminders.conftest import reply


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成", (True, "")),
        ("完成，已上傳\n收據 42", (True, "已上傳\n收據 42")),
        ("Done", (True, "")),
        ("done – uploaded to ACS", (True, "uploaded to ACS")),
        ("已完成！", (True, "")),
        (
            "Done with the first half, the rest next week",
            (False, "Done with the first half, the rest next week"),
        ),
        ("完成了嗎？", (False, "完成了嗎？")),
        ("請問要上傳到哪裡？", (False, "請問要上傳到哪裡？")),
    ],
)
def test_done_on_the_first_line(text, expected):
    assert parsing.done_command(text) == expected


def test_quotes_and_signatures_are_removed():
    text = (
        "已與產發署確認，下週提供。\n\n-- \n毛胤立\n數位發展部\n\n"
        "On Mon, 10 Mar 2025 at 09:00, Follow-up tracker <tracker@example.org> wrote:\n"
        "> Due in 3 days: 上傳國情報告\n> Open the item: https://x/items/1/\n"
    )
    assert parsing.reply_text(text) == "已與產發署確認，下週提供。"


def test_a_chinese_client_quote_header_is_removed():
    text = "完成\n\n於 2025年3月10日 週一 09:00，Follow-up tracker <tracker@example.org> 寫道：\n> 提醒\n"
    assert parsing.reply_text(text) == "完成"


@pytest.mark.parametrize(
    ("headers", "subject", "envelope_from", "expected"),
    [
        ({}, "Re: reminder", "mao@example.org", None),
        ({"Auto-Submitted": "auto-replied"}, "Re: reminder", "mao@example.org", "auto_reply"),
        ({"Auto-Submitted": "no"}, "Re: reminder", "mao@example.org", None),
        ({"X-Autoreply": "yes"}, "Re: reminder", "mao@example.org", "auto_reply"),
        ({"Precedence": "bulk"}, "Re: reminder", "mao@example.org", "auto_reply"),
        ({}, "Out of Office: Due in 3 days", "mao@example.org", "auto_reply"),
        ({}, "自動回覆：提醒", "mao@example.org", "auto_reply"),
        ({}, "Undelivered Mail Returned to Sender", "", "bounce"),
    ],
)
def test_automatic_messages_are_recognised(headers, subject, envelope_from, expected):
    mail = parsing.parse_message(
        reply(
            sender="mao@example.org",
            to="reply+x@t.example.org",
            body="I am away",
            subject=subject,
            headers=headers,
        )
    )
    assert parsing.automatic_kind(mail, envelope_from=envelope_from) == expected


def test_a_mailer_daemon_is_a_bounce():
    mail = parsing.parse_message(
        reply(sender="MAILER-DAEMON@mx.example.org", to="a@b.example", body="failed")
    )
    assert parsing.automatic_kind(mail, envelope_from="x@mx.example.org") == "bounce"


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \r\n",
        b"Subject: no sender\r\n\r\nhello",
        b"From: a@x.example, b@y.example\r\n\r\ntwo senders",
    ],
)
def test_a_message_without_one_sender_is_malformed(raw):
    with pytest.raises(parsing.MalformedMessage):
        parsing.parse_message(raw)


def test_attachments_and_html_only_bodies_are_read():
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Mao <MAO@Example.org>"
    message.set_content("<p>完成</p><p>收據如附件</p>", subtype="html")
    message.add_attachment(b"%PDF-1.7\n", maintype="application", subtype="pdf", filename="收據.pdf")
    mail = parsing.parse_message(message.as_bytes())
    assert mail.from_address == "mao@example.org"
    assert parsing.done_command(parsing.reply_text(mail.text)) == (True, "收據如附件")
    assert [(a.name, a.data) for a in mail.attachments] == [("收據.pdf", b"%PDF-1.7\n")]
