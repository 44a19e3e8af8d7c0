"""Items as an RFC 5545 calendar: day deadlines at 23:59:59 in their zone, periods all-day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.utils.translation import gettext_lazy as _

from actions.models import ActionItem, Precision, Status

DONE_MARK = _("Done")


def _host(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def item_uid(item: ActionItem, site_url: str) -> str:
    return f"item-{item.pk}@{_host(site_url)}"


def build_calendar(
    items: Iterable[ActionItem], *, name: str, site_url: str, now: datetime, item_url
) -> bytes:
    """`items` carry `deadline` (selected) and `last_change_at` (annotated).

    `item_url(item)` gives the link back to the item page.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Meeting follow-up tracker//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for item in items:
        deadline = item.deadline
        if deadline is None:
            continue
        event = icalendar.Event()
        event.add("uid", item_uid(item, site_url))
        event.add("dtstamp", now)
        changed = max(filter(None, [item.updated_at, getattr(item, "last_change_at", None)]))
        # Grows whenever the item or its log changes (a moved deadline logs on every item).
        event.add("sequence", int(changed.timestamp()))
        event.add("last-modified", changed)
        summary = f"{item.meeting.short_label} #{item.number} {item.title}"
        if item.status == Status.DONE:
            # Done: marked in the title (a VEVENT has no "completed"), free time, no longer
            # a confirmed appointment.
            summary = f"✓ {DONE_MARK} · {summary}"
        event.add("summary", summary)
        url = item_url(item)
        event.add("url", url)
        description = [deadline.label, url]
        if item.source_excerpt:
            description.insert(1, item.source_excerpt)
        event.add("description", "\n".join(description))
        if deadline.precision != Precision.DAY:
            # "By end of April": an all-day event on the period's last day.
            event.add("dtstart", deadline.due_on)
            event.add("dtend", deadline.due_on + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        elif item.ends_on and item.ends_on > deadline.due_on:
            # A multi-day event (TEL 71: 29 Jul – 4 Aug).
            event.add("dtstart", deadline.due_on)
            event.add("dtend", item.ends_on + timedelta(days=1))
        else:
            # A deadline is a moment: the event ends where it starts (RFC 5545 allows an
            # instant; without DTEND some calendar apps guess an hour).
            due_at = deadline.due_at_for(deadline.zone)
            event.add("dtstart", due_at)
            event.add("dtend", due_at)
            event.add("transp", "TRANSPARENT")
        if item.status == Status.DONE:
            event.add("categories", ["done"])
            if "transp" not in event:
                event.add("transp", "TRANSPARENT")
        elif item.status == Status.DROPPED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
