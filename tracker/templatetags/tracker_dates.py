"""Template filters that show dates the way the reader prefers (ROC or Gregorian, their zone).

{% load tracker_dates %}
{{ item.deadline|due:user }}        "114年3月13日 (新加坡時間)" / "by end of Jan 2026"
{{ item.deadline|due_instant:user }} the instant in the reader's zone, naming the deadline's zone
{{ some_date|roc_date:user }}       a plain day in the reader's style
"""

from django import template

from tracker.readers import reader_for

register = template.Library()

# (style, language, zone) = reader_prefs(user): the callers that unpack the reader.
reader_prefs = reader_for


@register.filter
def due(deadline, user=None) -> str:
    if deadline is None:
        return "—"
    return reader_for(user).due(deadline.due)


@register.filter
def due_instant(deadline, user=None) -> str:
    if deadline is None:
        return "—"
    return reader_for(user).instant(deadline.due_at, deadline_zone=deadline.zone)


@register.filter
def roc_date(value, user=None) -> str:
    if value is None:
        return "—"
    return reader_for(user).day(value)
