"""Counts in the navigation, on every page a signed-in user sees."""

from django.utils import timezone

from web.lists import headed_meeting_ids, nav_counts


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # My tasks unfiltered has just counted them: its rows are the person's open items
        "nav_counts": getattr(request, "nav_counts", None) or nav_counts(user, now=timezone.now()),
        "nav_is_head": user.is_staff or bool(headed_meeting_ids(user)),
    }
