"""Signed tokens for the links in reminder emails: mark an item done, unsubscribe."""

from django.core import signing

# The salts keep the names they had in actions/, so links in mail already sent still work.
DONE_SALT = "actions.reminder-done"
UNSUBSCRIBE_SALT = "actions.reminder-unsubscribe"
DONE_MAX_AGE = 60 * 60 * 24 * 60  # a reminder's done link works for 60 days
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365  # RFC 8058 links must keep working for a while


def done_token(*, item_id: int, user_id: int) -> str:
    return signing.TimestampSigner(salt=DONE_SALT).sign_object({"i": item_id, "u": user_id})


def read_done_token(token: str) -> tuple[int, int]:
    """(item id, user id); raises signing.BadSignature (or SignatureExpired)."""
    data = signing.TimestampSigner(salt=DONE_SALT).unsign_object(token, max_age=DONE_MAX_AGE)
    try:
        return int(data["i"]), int(data["u"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("malformed token") from error


def unsubscribe_token(*, user_id: int) -> str:
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(str(user_id))


def read_unsubscribe_token(token: str) -> int:
    value = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign(token, max_age=UNSUBSCRIBE_MAX_AGE)
    try:
        return int(value)
    except ValueError as error:
        raise signing.BadSignature("malformed token") from error
