"""Template filters that show dates the way the reader prefers (ROC or Gregorian, their zone).

    {% load tracker_dates %}
    {{ item.deadline|due:user }}        "114年3月13日 (新加坡時間)" / "by end of Jan 2026"
    {{ item.deadline|due_instant:user }} the instant in the reader's zone, naming the deadline's zone
    {{ some_date|roc_date:user }}       a plain day in the reader's style
"""

from django import template
from django.utils import translation

from followup_dates import dates

register = template.Library()


def reader_prefs(user) -> tuple[str, str, str]:
    """(style, language, zone) for a user, or the active language's defaults for anonymous readers."""
    language = translation.get_language() or "zh-hant"
    language = "zh-hant" if language.startswith("zh") else "en"
    if user is not None and getattr(user, "is_authenticated", False):
        return user.effective_date_style, language, user.time_zone
    return ("roc" if language == "zh-hant" else "gregorian"), language, "Asia/Taipei"


@register.filter
def due(deadline, user=None) -> str:
    if deadline is None:
        return "—"
    style, language, _zone = reader_prefs(user)
    return dates.format_due_date(deadline.due, style=style, language=language)


@register.filter
def due_instant(deadline, user=None) -> str:
    if deadline is None:
        return "—"
    style, language, zone = reader_prefs(user)
    return dates.format_instant(deadline.due_at, reader_zone=zone, deadline_zone=deadline.zone,
                                style=style, language=language)


@register.filter
def roc_date(value, user=None) -> str:
    if value is None:
        return "—"
    style, language, _zone = reader_prefs(user)
    return dates.format_date(value, style=style, language=language)
