"""Activate the signed-in user's language and time zone for the request."""

import zoneinfo

from django.utils import timezone, translation


def activate_user_preferences(user) -> None:
    """The user's zone and language for what follows (the web middleware, and the API after
    token authentication, which happens after middleware)."""
    try:
        timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()
    if user.language:
        translation.activate(user.language)


class UserPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_user_preferences(user)
            request.LANGUAGE_CODE = translation.get_language()
        else:
            timezone.deactivate()
        return self.get_response(request)
