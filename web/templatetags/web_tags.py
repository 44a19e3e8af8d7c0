"""Template helpers of the task-list pages."""

from types import SimpleNamespace

from django import template
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def item_actions(context, row):
    """web/_item_actions.html for this line. A plain line (no form shown again with its errors)
    is the same HTML for every open (or every done) line of one meeting but for the item's id,
    so it is rendered once a page for each and the id put in: a list of 200 lines renders it a
    few times instead of 200 (the per-page cache lives in `actions`, made afresh each request)."""
    item = row.item
    engine_template = context.template.engine.get_template("web/_item_actions.html")
    if context.get("open_form") or context.get("notice") or context.get("error"):  # a line answered
        return engine_template.render(context)
    stamps = context["actions"].setdefault("rendered", {})
    key = (item.meeting_id, item.status == "done")
    if key not in stamps:
        stand_in = SimpleNamespace(
            item=SimpleNamespace(pk=PLACEHOLDER_PK, status=item.status, meeting_id=item.meeting_id)
        )
        with context.push(row=stand_in):
            stamps[key] = str(engine_template.render(context))
    return mark_safe(stamps[key].replace(PLACEHOLDER_PK, str(item.pk)))  # noqa: S308 - our own rendered template
