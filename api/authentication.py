"""API token authentication: `Authorization: Bearer <key>` (or `Token <key>`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from accounts.models import ApiToken
from accounts.services import api_key_hash, api_token_touch
from tracker.throttling import Throttled, TokenFailureThrottle

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid Authorization header: send “Bearer <key>”."))
        # Guessing keys: an address past its failed attempts is refused before any lookup.
        failures = TokenFailureThrottle()
        wait = failures.blocked_for(request)
        if wait is not None:
            raise Throttled(wait)
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            failures.record_failure(request)
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        try:
            token = ApiToken.objects.select_related("user").get(key_hash=api_key_hash(key))
        except ApiToken.DoesNotExist:
            failures.record_failure(request)
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This user account is disabled."))
        api_token_touch(token=token, now=timezone.now())
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
