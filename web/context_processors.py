"""Counts in the navigation, on every page a signed-in user sees."""

from django.utils import timezone

from web.lists import headed_meeting_ids, nav_counts


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_counts": nav_counts(user, now=timezone.now()),
        "nav_is_head": user.is_staff or bool(headed_meeting_ids(user)),
    }
