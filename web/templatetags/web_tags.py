"""Template helpers of the task-list pages."""

from django import template

from followup_dates import dates

register = template.Library()


@register.filter
def clock_differs(deadline, user) -> bool:
    """True when the deadline's day ends at another wall-clock time in the reader's zone."""
    if deadline is None or deadline.precision != "day" or not getattr(user, "is_authenticated", False):
        return False
    try:
        reader = deadline.due_at.astimezone(dates.validate_zone(user.time_zone))
        own = deadline.due_at.astimezone(dates.validate_zone(deadline.zone))
    except dates.DateInputError:
        return False
    return reader.replace(tzinfo=None) != own.replace(tzinfo=None)


PLACEHOLDER_PK = "2147483647"  # web.rows._PathOf.PLACEHOLDER: a path reversed once a page


@register.filter
def with_pk(path: str, pk) -> str:
    """A path reversed with the placeholder id, for this row's id."""
    return path.replace(PLACEHOLDER_PK, str(pk))
