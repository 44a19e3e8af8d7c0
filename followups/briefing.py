"""The pre-meeting briefing: what is still open for the next meeting of a series, per
session, with each item's history; as page content and as a .docx."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from actions.models import ActionItem
from actions.visibility import visible_items
from followup_dates import dates
from followups.services import preparation_for
from meetings.models import Meeting
from tracker.templatetags.tracker_dates import reader_prefs


@dataclass
class Entry:
    item: ActionItem
    origin: str  # "carried", "marked" or "own"
    due: str
    history: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


def briefing_content(*, meeting: Meeting, user) -> dict:
    """Items carried to `meeting`, marked for it at the previous meeting, and its own open
    items, grouped by the session they came from (visible to `user` only)."""
    style, language, zone = reader_prefs(user)
    reader_zone = dates.validate_zone(zone)
    visible = (
        set(
            visible_items(user)
            .filter(meeting__meeting_series=meeting.meeting_series_id)
            .values_list("pk", flat=True)
        )
        if meeting.meeting_series_id
        else set(visible_items(user).filter(meeting=meeting).values_list("pk", flat=True))
    )
    preparation = preparation_for(meeting)
    chosen: list[tuple[ActionItem, str]] = []
    seen: set[int] = set()
    for origin, rows in (("carried", preparation["carried"]), ("marked", preparation["marked"])):
        for row in rows:
            if row.item_id in visible and row.item_id not in seen:
                chosen.append((row.item, origin))
                seen.add(row.item_id)
    own = meeting.action_items.open().with_related().order_by("number")
    chosen.extend((item, "own") for item in own if item.pk in visible and item.pk not in seen)
    sections: dict[str, Section] = {}
    for item, origin in chosen:
        if item.session_id:
            title = f"{item.meeting.short_label} · {item.session.name}"
        else:
            title = f"{item.meeting.short_label} · {_('Other follow-ups')}"
        entry = Entry(
            item=item,
            origin=origin,
            due=(
                dates.format_due_date(item.deadline.due, style=style, language=language)
                if item.deadline
                else "—"
            ),
        )
        entry.history = []
        for activity in item.activities.select_related("actor"):
            day = activity.created_at.astimezone(reader_zone).date()
            entry.history.append(
                f"{dates.format_date(day, style=style, language=language)} "
                f"{activity.describe(style=style, language=language)}"
            )
        sections.setdefault(title, Section(title=title)).entries.append(entry)
    return {"meeting": meeting, "sections": list(sections.values()), "count": len(chosen)}


def _origin_label(origin: str) -> str:
    return {
        "carried": _("carried from an earlier meeting"),
        "marked": _("marked for this meeting"),
        "own": _("this meeting's follow-up"),
    }[origin]


def briefing_docx(*, meeting: Meeting, user) -> bytes:
    """The briefing as a Word document: one table per session (item, owner, due, status,
    history)."""
    from docx import Document

    _style, language, _zone = reader_prefs(user)
    with translation.override(language):
        content = briefing_content(meeting=meeting, user=user)
        document = Document()
        document.add_heading(_("Pre-meeting briefing: %(meeting)s") % {"meeting": str(meeting)}, level=1)
        document.add_paragraph(
            f"{meeting.start_on.isoformat()} – {meeting.end_on.isoformat()} · {meeting.venue}"
        )
        if not content["sections"]:
            document.add_paragraph(_("Nothing is open or carried for this meeting."))
        for section in content["sections"]:
            document.add_heading(section.title, level=2)
            table = document.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                (_("Follow-up"), _("Owner"), _("Due"), _("Status"), _("History")),
                strict=True,
            ):
                cell.text = text
            for entry in section.entries:
                item = entry.item
                cells = table.add_row().cells
                cells[0].text = f"#{item.number} {item.title} ({_origin_label(entry.origin)})"
                cells[1].text = item.owner.display_name if item.owner else "—"
                cells[2].text = entry.due
                cells[3].text = str(item.get_status_display())
                cells[4].text = "\n".join(entry.history)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()
