"""{{ meeting|in_language }}: meetings, sessions and organizations named in the active language."""

from django import template

from meetings import names

register = template.Library()


@register.filter
def in_language(obj) -> str:
    return names.in_language(obj)


@register.filter
def title_in_language(meeting) -> str:
    return names.meeting_title(meeting) if meeting is not None else ""
