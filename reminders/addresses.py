"""The Reply-To address of a reminder email: plus-addressing with a signed token.

reply+<reminder id in base 36>.<HMAC>@domain: the id names the reminder row (so the
recipient and, through the email's other rows, its items); the HMAC (Django's
salted_hmac over SECRET_KEY, what django.core.signing signs with) makes it unguessable.
Lower-case hex and base 36 only, so an MTA that folds the local part's case breaks
nothing, and the local part stays under RFC 5321's 64 octets.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "reminders.reply-to"
SIGNATURE_CHARS = 24  # 96 bits
_TOKEN = re.compile(rf"^(?P<id>[0-9a-z]{{1,13}})\.(?P<sig>[0-9a-f]{{{SIGNATURE_CHARS}}})$")


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _signature(value: str) -> str:
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:SIGNATURE_CHARS]


def reply_token(reminder_id: int) -> str:
    value = _base36(reminder_id)
    return f"{value}.{_signature(value)}"


def read_reply_token(token: str) -> int | None:
    """The reminder id a token names, or None for anything not signed by us."""
    match = _TOKEN.match(token.strip().lower())
    if match is None:
        return None
    if not constant_time_compare(_signature(match["id"]), match["sig"]):
        return None
    return int(match["id"], 36)


def reply_mailbox() -> tuple[str, str] | None:
    """(local part, domain) replies go to: REPLY_TO_ADDRESS, e.g. reply@tracker.example.org;
    None when replies are switched off (an empty setting)."""
    address = getattr(settings, "REPLY_TO_ADDRESS", "")
    if not address or "@" not in address:
        return None
    local, domain = address.rsplit("@", 1)
    return local.split("+", 1)[0], domain


def reply_address(reminder_id: int) -> str | None:
    mailbox = reply_mailbox()
    if mailbox is None:
        return None
    local, domain = mailbox
    return f"{local}+{reply_token(reminder_id)}@{domain}"


def token_in(recipients: list[str]) -> str | None:
    """The token of the first recipient that is our reply mailbox with a +token."""
    mailbox = reply_mailbox()
    if mailbox is None:
        return None
    local, domain = mailbox
    for recipient in recipients:
        address = recipient.strip().strip("<>").lower()
        if "@" not in address:
            continue
        box, at = address.rsplit("@", 1)
        if at != domain.lower() or "+" not in box:
            continue
        base, token = box.split("+", 1)
        if base == local.lower():
            return token
    return None
