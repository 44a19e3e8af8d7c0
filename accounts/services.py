"""Writes for accounts: API tokens are created, used and revoked only here."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from accounts.keys import new_secret, secret_hash
from accounts.models import ApiToken, User

# Recording every request would turn each API read into a write; once a minute is enough
# for "last used" to answer "is this token still in use?".
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_key_hash(key: str) -> str:
    return secret_hash(key)


@transaction.atomic
def api_token_create(*, user: User, name: str, now: datetime) -> tuple[ApiToken, str]:
    """Create a token; returns it with the plain key, which is never stored and shown only now."""
    key = new_secret()
    token = ApiToken(user=user, name=name.strip(), key_hash=api_key_hash(key), prefix=key[:8], created_at=now)
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None, now: datetime) -> ApiToken:
    """Revoke a token for good (revoking twice keeps the first time and person)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=by)
    token.refresh_from_db()
    return token


def api_token_touch(*, token: ApiToken, now: datetime) -> None:
    """Note that the token was used (at most once per LAST_USED_RESOLUTION)."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def password_reset_email_send(
    *,
    user_id: int,
    to_email: str,
    from_email: str | None,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None,
    context: dict,
) -> bool:
    """Send the password reset mail the web request queued, in the user's language; False
    if the account is gone or disabled meanwhile (nothing is sent)."""
    from django.contrib.auth.forms import PasswordResetForm
    from django.utils import translation

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with translation.override(user.language or None):
        PasswordResetForm().send_mail(
            subject_template_name,
            email_template_name,
            {**context, "user": user},
            from_email,
            to_email,
            html_email_template_name,
        )
    return True
