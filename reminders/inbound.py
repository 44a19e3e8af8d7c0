"""A reply to a reminder email: decide what it may change, apply it through the item
services, and record every message (accepted / ignored / refused, and why).

An entry point like a view (the receiver calls it with the raw bytes): the changes
themselves are actions.services' — comment_add, action_item_complete, evidence_add.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from actions import services as actions_services
from actions.evidence import EvidenceError, check_bytes
from actions.models import ActionItem
from actions.visibility import can_manage_item, visible_items
from reminders import addresses, parsing
from reminders.models import InboundMessage, InboundReason, InboundStatus, Reminder

logger = logging.getLogger(__name__)

SMTP_OK = "250 2.0.0 OK"
SMTP_TOO_BIG = "552 5.3.4 Message too big for the follow-up tracker"
SMTP_MALFORMED = "550 5.6.0 The message cannot be read"
SMTP_UNKNOWN = (
    "550 5.1.1 This address only takes replies to the follow-up tracker's "
    "reminders; please answer from the reminder email or sign in to the site"
)
SMTP_TRY_LATER = "451 4.3.0 Temporary failure, please try again later"


@dataclass(frozen=True)
class InboundResult:
    record: InboundMessage
    smtp_reply: str


def _finish(
    record: InboundMessage, status: str, reason: str, smtp: str = SMTP_OK, detail: str = ""
) -> InboundResult:
    record.status, record.reason, record.detail = status, reason, detail[:2000]
    record.save()
    logger.info("inbound message %s: %s (%s)", record.pk, status, reason)
    return InboundResult(record=record, smtp_reply=smtp)


def _items_of_the_email(row: Reminder) -> list[ActionItem]:
    """The items one reminder email listed: its recipient's rows sent at the same time."""
    ids = (
        Reminder.objects.filter(recipient_key=row.recipient_key, send_at=row.send_at)
        .values_list("item_id", flat=True)
        .distinct()
    )
    return list(ActionItem.objects.filter(pk__in=list(ids)).select_related("meeting").order_by("number"))


def inbound_message_receive(
    *, raw: bytes, envelope_from: str, envelope_to: list[str], now: datetime
) -> InboundResult:
    """Handle one inbound message; always records it, returns the SMTP/LMTP answer."""
    record = InboundMessage(
        received_at=now,
        envelope_from=envelope_from[:320],
        envelope_to="\n".join(envelope_to)[:5000],
        size=len(raw),
    )
    if len(raw) > settings.INBOUND_MAX_BYTES:
        return _finish(
            record,
            InboundStatus.REFUSED,
            InboundReason.TOO_LARGE,
            SMTP_TOO_BIG,
            detail=f"{len(raw)} bytes > {settings.INBOUND_MAX_BYTES}",
        )
    try:
        mail = parsing.parse_message(raw)
    except parsing.MalformedMessage as error:
        return _finish(
            record, InboundStatus.REFUSED, InboundReason.MALFORMED, SMTP_MALFORMED, detail=str(error)
        )
    record.header_from, record.subject = mail.from_address[:320], mail.subject
    record.message_id = mail.message_id
    # Never answer a machine: no bounce for a bounce or an out-of-office (RFC 3834).
    automatic = parsing.automatic_kind(mail, envelope_from=envelope_from)
    if automatic is not None:
        reason = InboundReason.BOUNCE if automatic == "bounce" else InboundReason.AUTO_REPLY
        return _finish(record, InboundStatus.IGNORED, reason)
    token = addresses.token_in(envelope_to)
    if token is None:
        return _finish(record, InboundStatus.REFUSED, InboundReason.NO_TOKEN, SMTP_UNKNOWN)
    reminder_id = addresses.read_reply_token(token)
    row = (
        Reminder.objects.select_related("user", "item").filter(pk=reminder_id).first()
        if reminder_id is not None
        else None
    )
    if row is None:
        # Unknown or forged address: the one polite bounce is the MTA's, from this 550.
        return _finish(record, InboundStatus.REFUSED, InboundReason.BAD_TOKEN, SMTP_UNKNOWN)
    record.item = row.item
    sent = row.sent_at or row.created_at
    if sent < now - timedelta(days=settings.REPLY_MAX_AGE_DAYS):
        return _finish(record, InboundStatus.IGNORED, InboundReason.EXPIRED)
    if mail.from_address != parsing.address_of(row.recipient_address):
        # A forged or different From: nothing applied, nothing sent back (no backscatter).
        return _finish(
            record,
            InboundStatus.IGNORED,
            InboundReason.SENDER_MISMATCH,
            detail=f"token for {row.recipient_address}",
        )
    user = row.user
    if user is None or not user.is_active:
        return _finish(
            record,
            InboundStatus.IGNORED,
            InboundReason.NOT_ALLOWED,
            detail="the recipient has no active account",
        )
    record.user = user
    text = parsing.reply_text(mail.text)
    number, text = parsing.item_reference(text)
    items = _items_of_the_email(row)
    if len(items) > 1:
        chosen = [item for item in items if item.number == number]
        if not chosen:
            return _finish(
                record,
                InboundStatus.IGNORED,
                InboundReason.WHICH_ITEM,
                detail="a digest reply starts with the item's number, e.g. #12",
            )
        item = chosen[0]
    else:
        item = row.item
    record.item = item
    record.body_excerpt = text[:2000]
    if (
        mail.message_id
        and InboundMessage.objects.filter(message_id=mail.message_id, status=InboundStatus.ACCEPTED).exists()
    ):
        return _finish(record, InboundStatus.IGNORED, InboundReason.DUPLICATE)
    if not visible_items(user).filter(pk=item.pk).exists():
        return _finish(
            record, InboundStatus.IGNORED, InboundReason.NOT_ALLOWED, detail="the sender cannot see the item"
        )
    done, note = parsing.done_command(text)
    manages = can_manage_item(user, item)
    if (done or mail.attachments) and not manages:
        return _finish(
            record,
            InboundStatus.IGNORED,
            InboundReason.NOT_ALLOWED,
            detail="only the owner or the head of delegation marks done or attaches evidence",
        )
    if done and not item.is_open:
        return _finish(record, InboundStatus.IGNORED, InboundReason.ITEM_CLOSED)
    if not done and not text and not mail.attachments:
        return _finish(record, InboundStatus.IGNORED, InboundReason.EMPTY)
    for attachment in mail.attachments:
        try:
            check_bytes(attachment.name, attachment.data, max_bytes=settings.EVIDENCE_MAX_BYTES)
        except EvidenceError as error:
            return _finish(
                record,
                InboundStatus.IGNORED,
                InboundReason.ATTACHMENT_REFUSED,
                detail=f"{attachment.name}: {error}",
            )
    try:
        applied = _apply(
            item=item, user=user, now=now, done=done, note=note, text=text, attachments=mail.attachments
        )
    except Exception as error:
        logger.exception("inbound message could not be applied")
        return _finish(
            record,
            InboundStatus.REFUSED,
            InboundReason.FAILED,
            SMTP_TRY_LATER,
            detail=f"{type(error).__name__}: {error}",
        )
    record.applied = applied
    return _finish(record, InboundStatus.ACCEPTED, InboundReason.APPLIED)


def _apply(
    *,
    item: ActionItem,
    user,
    now: datetime,
    done: bool,
    note: str,
    text: str,
    attachments: list[parsing.Attachment],
) -> dict:
    """All or nothing: the evidence, then the comment or the completion."""
    stored = []
    try:
        with transaction.atomic():
            for attachment in attachments:
                upload = SimpleUploadedFile(
                    attachment.name, attachment.data, content_type=attachment.content_type
                )
                stored.append(
                    actions_services.evidence_add(item=item, by=user, now=now, file=upload, note="")
                )
            if done:
                actions_services.action_item_complete(item=item, by=user, note=note, now=now)
            else:
                if text:
                    actions_services.comment_add(item=item, by=user, text=text, now=now)
    except Exception:
        for evidence in stored:
            if evidence.file:
                evidence.file.delete(save=False)
        raise
    return {
        "done": done,
        "comment": (not done and bool(text)),
        "note": note if done else "",
        "evidence": [evidence.original_name for evidence in stored],
    }
