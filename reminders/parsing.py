"""Reading one inbound email (pure: bytes in, plain values out; no ORM, no settings).

What a reply says once quotes and signatures are gone (mail-parser-reply, which knows the
quote headers of English, Chinese, Korean, Japanese… mail clients), whether it is an
automatic reply or a bounce, its attachments, and whether its first line says "done".
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

REPLY_LANGUAGES = ["en", "zh", "ko", "ja"]


class MalformedMessage(ValueError):
    """The bytes are not an email we can read."""


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedMail:
    from_address: str
    subject: str
    message_id: str
    text: str  # the whole text body (quotes included)
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    is_report: bool = False  # multipart/report: a delivery status notification


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"br", "p", "div", "li", "tr"}:
            self.parts.append("\n")


def _html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


_WATCHED_HEADERS = (
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "x-auto-response-suppress",
    "return-path",
    "content-type",
    "x-failed-recipients",
)


def parse_message(raw: bytes) -> ParsedMail:
    """Parse `raw`; MalformedMessage if it has no usable From or cannot be read at all."""
    if not raw or not raw.strip():
        raise MalformedMessage("empty message")
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if not isinstance(message, EmailMessage):
            raise TypeError("not an EmailMessage")
        from_header = str(message.get("From", "") or "")
        subject = str(message.get("Subject", "") or "")
        message_id = str(message.get("Message-ID", "") or "").strip()
        headers = {
            name: str(message.get(name, "") or "")
            for name in _WATCHED_HEADERS
            if message.get(name) is not None
        }
    except Exception as error:  # a header the policy cannot decode, a broken structure
        raise MalformedMessage(f"unreadable headers: {error}") from error
    addresses = [address for _name, address in getaddresses([from_header]) if "@" in address]
    if len(addresses) != 1:
        raise MalformedMessage("no single From address")
    text, attachments = "", []
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        if body is not None:
            content = body.get_content()
            text = _html_to_text(content) if body.get_content_type() == "text/html" else content
        for part in message.iter_attachments():
            name = part.get_filename()
            if not name:
                continue
            data = part.get_payload(decode=True) or b""
            attachments.append(Attachment(name=name, content_type=part.get_content_type(), data=data))
    except Exception as error:  # undecodable charset or transfer encoding
        raise MalformedMessage(f"unreadable body: {error}") from error
    return ParsedMail(
        from_address=addresses[0].strip().lower(),
        subject=subject[:300],
        message_id=message_id[:300],
        text=text,
        attachments=attachments,
        headers=headers,
        is_report=message.get_content_type() == "multipart/report",
    )


_AUTO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|"
    r"自動回覆|自動回复|休假|不在辦公室|부재중|자동 회신|自動応答|不在)",
    re.IGNORECASE,
)
_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)


def automatic_kind(mail: ParsedMail, *, envelope_from: str) -> str | None:
    """ "bounce" for a delivery report, "auto_reply" for an out-of-office or any other
    machine-sent message (RFC 3834), None for a message a person wrote."""
    sender = envelope_from.strip().strip("<>")
    if (
        mail.is_report
        or not sender
        or _BOUNCE_SENDERS.match(mail.from_address)
        or "x-failed-recipients" in mail.headers
    ):
        return "bounce"
    auto = mail.headers.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return "auto_reply"
    if "x-autoreply" in mail.headers or "x-autorespond" in mail.headers:
        return "auto_reply"
    if mail.headers.get("precedence", "").strip().lower() in {"bulk", "junk", "list", "auto_reply"}:
        return "auto_reply"
    if mail.headers.get("x-auto-response-suppress", "").strip().lower() in {"all", "oof"}:
        return "auto_reply"
    if _AUTO_SUBJECT.match(mail.subject):
        return "auto_reply"
    return None


def reply_text(text: str) -> str:
    """The new text of a reply: quoted text and signatures removed."""
    if not text.strip():
        return ""
    parsed = EmailReplyParser(languages=REPLY_LANGUAGES).read(text=text)
    # The newest reply's body: its quote header, the quoted text and its signature gone.
    latest = parsed.replies[0].body if parsed.replies else (parsed.latest_reply or "")
    lines = []
    for line in latest.splitlines():
        # Quote headers the library does not know (Traditional Chinese clients: 寫道).
        if _QUOTE_HEADER.match(line.strip()):
            break
        # Lines still quoted with ">" (a client that quotes without a header line).
        if not line.lstrip().startswith(">"):
            lines.append(line)
    return "\n".join(lines).strip()


_QUOTE_HEADER = re.compile(
    r"^(?:.{0,200}(?:寫道|写道|來信|wrote)\s*[:：]$|-{2,}\s*(?:original message|原始郵件|原始邮件)"
    r"\s*-{2,}$|(?:寄件者|发件人|from)\s*[:：].{0,200}@.{0,200}$)",
    re.IGNORECASE,
)


_PUNCT = r".!。！,，:：;；\-–—"
_DONE = re.compile(rf"^\s*(?:done|已?完成)(?:\s*$|\s*[{_PUNCT}][\s{_PUNCT}]*(?P<rest>.*)$)", re.IGNORECASE)


def done_command(text: str) -> tuple[bool, str]:
    """(True, note) when the first line says done / 完成 (the rest is the note), else
    (False, text). "Done with the draft" is not "done"; "Done – uploaded" and "完成，已上傳"
    are."""
    lines = text.strip().splitlines()
    if not lines:
        return False, ""
    match = _DONE.match(lines[0])
    if match is None:
        return False, text.strip()
    note = "\n".join([(match["rest"] or "").strip(), *lines[1:]]).strip()
    return True, note


_ITEM_REFERENCE = re.compile(r"^\s*#(?P<number>\d{1,6})\b[\s:：.,，-]*")


def item_reference(text: str) -> tuple[int | None, str]:
    """A digest reply names its item on the first line: "#12 done". (number, rest)."""
    match = _ITEM_REFERENCE.match(text)
    if match is None:
        return None, text
    return int(match["number"]), text[match.end() :]


def address_of(value: str) -> str:
    try:
        return Address(addr_spec=value.strip().strip("<>")).addr_spec.lower()
    except Exception:
        return value.strip().strip("<>").lower()
