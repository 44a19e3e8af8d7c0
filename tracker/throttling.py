"""Rate limits for signing in, password resets, API tokens and the API (issue 13, point 3).

Sign-in and password reset use django-ratelimit (counters in the default cache, Redis in
production); the API uses DRF's throttles on the same cache, plus a limit on *failed* token
attempts per address, which DRF's throttles cannot see (authentication fails before they
run). Every limit is a setting read when the request comes (README "Rate limits"), and
every refusal is a 429 saying, in the reader's language, when to try again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage
from rest_framework import exceptions, throttling

SIGN_IN_THROTTLED = _("Too many sign-in attempts. Wait %(minutes)s and try again.")
PASSWORD_RESET_THROTTLED = _("Too many password reset requests. Wait %(minutes)s and try again.")
API_THROTTLED = _("Too many requests. Try again in %(seconds)d seconds.")


def _minutes(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def _limited(request, group: str, limits: list[tuple[str, str]]) -> int:
    """Count this request against every (key, rate); seconds to wait if one is exceeded,
    else 0. Every limit is counted, so a refused request still counts."""
    wait = 0
    for key, rate in limits:
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
        if usage is not None and usage["should_limit"]:
            wait = max(wait, int(usage["time_left"]))
    return wait


def sign_in_wait(request) -> int:
    """Seconds before this sign-in POST may be tried (0: go on). Counted per user name (a
    guessed password for one account) and per address (many accounts from one place)."""
    return _limited(
        request,
        "sign-in",
        [("post:username", settings.SIGN_IN_RATE_PER_USERNAME), ("ip", settings.SIGN_IN_RATE_PER_ADDRESS)],
    )


def password_reset_wait(request) -> int:
    return _limited(
        request,
        "password-reset",
        [
            ("post:email", settings.PASSWORD_RESET_RATE_PER_EMAIL),
            ("ip", settings.PASSWORD_RESET_RATE_PER_ADDRESS),
        ],
    )


def sign_in_message(wait: int) -> str:
    return str(SIGN_IN_THROTTLED) % {"minutes": _minutes(wait)}


def password_reset_message(wait: int) -> str:
    return str(PASSWORD_RESET_THROTTLED) % {"minutes": _minutes(wait)}


class Throttled(exceptions.Throttled):
    """DRF's 429 with our wording (translated) and a Retry-After header."""

    def __init__(self, wait: float | None = None):
        seconds = int(wait or 1)
        super().__init__(wait=seconds, detail=str(API_THROTTLED) % {"seconds": seconds})
        self.detail = exceptions.ErrorDetail(str(API_THROTTLED) % {"seconds": seconds}, code="throttled")


class _SettingsRate:
    """Rates come from settings at request time (so tests and operators can change them)."""

    setting = ""

    def get_rate(self):
        return getattr(settings, self.setting)


def _increment(cache, key: str, timeout: int) -> int:
    """Count one more in `key` (created with `timeout`); one round trip on Redis."""
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is not None:  # django.core.cache.backends.redis: INCR and EXPIRE, pipelined
        redis_key = cache.make_and_validate_key(key)
        pipe = client(redis_key, write=True).pipeline()
        pipe.incr(redis_key)
        pipe.expire(redis_key, timeout, nx=True)
        return int(pipe.execute()[0])
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request
        return 1 if cache.add(key, 1, timeout) else cache.incr(key)


class _FixedWindow(_SettingsRate):
    """A counter per client and window (one cache increment per request), instead of DRF's
    list of every request's time, which at 1,200 a minute is read and written whole on
    every request."""

    def window_key(self, request, view) -> str | None:
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return None
        self.now = self.timer()
        window = int(self.now // self.duration)
        self._wait = (window + 1) * self.duration - self.now
        return f"{self.key}:{window}"

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.window_key(request, view)
        if key is None:
            return True
        return _increment(self.cache, key, self.duration + 1) <= self.num_requests

    def wait(self):
        return self._wait


class AnonymousApiThrottle(_FixedWindow, throttling.AnonRateThrottle):
    setting = "API_RATE_ANONYMOUS"


class UserApiThrottle(_FixedWindow, throttling.UserRateThrottle):
    setting = "API_RATE_PER_USER"


class TokenFailureThrottle(_FixedWindow, throttling.SimpleRateThrottle):
    """Failed token attempts per client address: 50 wrong keys must end in 429s."""

    scope = "token-failure"
    setting = "API_RATE_TOKEN_FAILURES"
    cache = caches["default"]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def blocked_for(self, request) -> float | None:
        """Seconds to wait if this address is over its failures already (counts nothing)."""
        key = self.window_key(request, None)
        return self._wait if (self.cache.get(key) or 0) >= self.num_requests else None

    def record_failure(self, request) -> None:
        _increment(self.cache, self.window_key(request, None), self.duration + 1)
