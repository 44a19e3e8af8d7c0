"""Small server-rendered SVG charts: a meeting's progress bar and its deadline timeline."""

from __future__ import annotations

from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from actions.models import ActionItem, Deadline, Status
from followup_dates import dates
from meetings.models import Meeting

COLOURS = {"done": "#1b7a3a", "open": "#1f5fa8", "overdue": "#b00020", "today": "#6b4e00"}


def progress_bar(summary: dict[str, int]) -> SafeString:
    total = sum(summary.values())
    labels = {"done": _("Done"), "open": _("Open"), "overdue": _("Overdue")}
    description = ", ".join(f"{labels[k]} {summary[k]}" for k in ("done", "open", "overdue"))
    parts, x = [], 0.0
    for key in ("done", "open", "overdue"):
        if not total or not summary[key]:
            continue
        width = 300 * summary[key] / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="28" fill="{COLOURS[key]}">'
            f"<title>{escape(labels[key])}: {summary[key]}</title></rect>"
        )
        x += width
    if not parts:
        parts.append('<rect x="0" y="0" width="300" height="28" fill="#d0d4da"/>')
    return mark_safe(  # noqa: S308 - every text part above is escaped
        f'<svg class="chart" viewBox="0 0 300 28" width="100%" height="28" role="img" '
        f'aria-label="{escape(description)}" preserveAspectRatio="none">{"".join(parts)}</svg>'
    )


def _state(items: list[ActionItem], now: datetime) -> str:
    if any(i.is_overdue(now) for i in items):
        return "overdue"
    if items and all(i.status in (Status.DONE, Status.DROPPED) for i in items):
        return "done"
    return "open"


def timeline(
    meeting: Meeting,
    deadlines: list[Deadline],
    items: list[ActionItem],
    *,
    now: datetime,
    style: str,
    language: str,
    zone: str,
) -> SafeString:
    """One row per deadline in due order, coloured by its items, with a "today" marker."""
    by_deadline: dict[int, list[ActionItem]] = {}
    for item in items:
        if item.deadline_id:
            by_deadline.setdefault(item.deadline_id, []).append(item)
    rows: list[tuple[str, str, str]] = []
    today_done = False
    for deadline in deadlines:
        if not today_done and deadline.due_at >= now:
            rows.append(
                (
                    dates.format_date(
                        now.astimezone(dates.validate_zone(zone)).date(), style=style, language=language
                    ),
                    _("Today"),
                    "today",
                )
            )
            today_done = True
        state = _state(by_deadline.get(deadline.pk, []), now)
        rows.append(
            (dates.format_due_date(deadline.due, style=style, language=language), deadline.label, state)
        )
    if not today_done:
        rows.append(
            (
                dates.format_date(
                    now.astimezone(dates.validate_zone(zone)).date(), style=style, language=language
                ),
                _("Today"),
                "today",
            )
        )
    step, top = 40, 20
    height = top + step * len(rows)
    parts = [
        f'<line x1="16" y1="{top}" x2="16" y2="{height - step + top}" stroke="#6b7280" stroke-width="2"/>'
    ]
    for index, (when, label, state) in enumerate(rows):
        y = top + index * step
        shape = (
            f'<rect x="9" y="{y - 7}" width="14" height="14" fill="{COLOURS[state]}"/>'
            if state == "today"
            else f'<circle cx="16" cy="{y}" r="8" fill="{COLOURS[state]}"/>'
        )
        short = label if len(label) <= 42 else label[:41] + "…"
        parts.append(
            f'<g class="row {state}"><title>{escape(when)} {escape(label)}</title>{shape}'
            f'<text x="34" y="{y - 3}" class="when">{escape(when)}</text>'
            f'<text x="34" y="{y + 13}" class="what">{escape(short)}</text></g>'
        )
    title = _("Deadlines of %(meeting)s in order") % {"meeting": meeting.short_label}
    return mark_safe(  # noqa: S308 - every text part above is escaped
        f'<svg class="timeline" viewBox="0 0 560 {height}" width="100%" role="img" '
        f'aria-labelledby="timeline-title"><title id="timeline-title">{escape(title)}</title>'
        f"{''.join(parts)}</svg>"
    )
