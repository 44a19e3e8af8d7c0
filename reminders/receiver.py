"""The small LMTP/SMTP server the organisation's MTA delivers replies to (aiosmtpd).

Postfix, for example (main.cf / transport):
    reply@tracker.example.org  lmtp:inet:127.0.0.1:8024
The handler hands each message to reminders.inbound in a worker thread (the ORM is
synchronous) and answers with what it returned: 250 accepted or ignored, 550 for an
address we never signed (the MTA's bounce is the only one sent), 552 too large.
"""

from __future__ import annotations

import asyncio

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP
from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone

from reminders.inbound import inbound_message_receive

# What aiosmtpd itself refuses before our code sees it; a message between
# INBOUND_MAX_BYTES and this is recorded as too large.
_SLACK_BYTES = 1024 * 1024


def receive(raw: bytes, envelope_from: str, envelope_to: list[str]) -> str:
    close_old_connections()
    try:
        return inbound_message_receive(
            raw=raw, envelope_from=envelope_from or "", envelope_to=list(envelope_to), now=timezone.now()
        ).smtp_reply
    finally:
        # A pool thread keeps no connection between messages (nor past a shutdown).
        connections.close_all()


class ReplyHandler:
    async def handle_DATA(self, server, session, envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        return await asyncio.to_thread(receive, raw, envelope.mail_from, envelope.rcpt_tos)


class ReplyController(Controller):
    """An aiosmtpd controller speaking LMTP (default) or SMTP."""

    def __init__(self, *, hostname: str, port: int, lmtp: bool = True) -> None:
        self.lmtp = lmtp
        super().__init__(ReplyHandler(), hostname=hostname, port=port)

    def factory(self):
        server_class = LMTP if self.lmtp else SMTP
        return server_class(
            self.handler,
            data_size_limit=settings.INBOUND_MAX_BYTES + _SLACK_BYTES,
            decode_data=False,
            enable_SMTPUTF8=True,
        )
