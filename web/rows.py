"""One line of a task list, worked out once in Python; web/_item.html only prints it.

Through template filters and lookups, 200 lines cost ~75 ms of the My tasks page (two
reverse() calls, a status label, three date formats and ~30 attribute lookups a line).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from actions.models import ActionItem, Status
from meetings import names
from tracker.templatetags import tracker_dates
from web.templatetags.web_tags import clock_differs


@dataclass(frozen=True)
class ItemRow:
    item: ActionItem
    url: str
    meeting_url: str
    meeting_label: str
    status_label: str
    is_overdue: bool
    due: str  # the due date in the reader's language and style, "—" without a deadline
    due_iso: str  # the due instant (ISO 8601, reader's zone), "" without a deadline
    due_instant: str  # the instant in the reader's zone, naming the deadline's zone if another
    clock_differs: bool  # the day ends at another wall-clock time for the reader
    owner_name: str
    responsible_label: str


def row_labels() -> dict[str, str]:
    """What a line's fields are called, translated once a page rather than once a line."""
    return {
        "due": _("Due"),
        "status": _("Status"),
        "overdue": _("overdue"),
        "meeting": _("Meeting"),
        "owner": _("Owner"),
        "responsible": _("Responsible"),
    }


class _PathOf:
    """reverse() once per list, not per line: the path for a placeholder id, then each id put
    in its place (the URL patterns take a bare integer id)."""

    PLACEHOLDER = 2_147_483_647

    def __init__(self, name: str):
        self.path = reverse(name, args=[self.PLACEHOLDER])

    def __call__(self, pk: int) -> str:
        return self.path.replace(str(self.PLACEHOLDER), str(pk))


def item_rows(items: list[ActionItem], *, user: User, now: datetime) -> list[ItemRow]:
    """Items with select_related meeting, owner, responsible and deadline (with_related())."""
    item_path, meeting_path = _PathOf("web:item"), _PathOf("web:meeting")
    status_labels = {value: str(label) for value, label in Status.choices}
    rows = []
    for item in items:
        deadline = item.deadline
        responsible = item.responsible
        rows.append(
            ItemRow(
                item=item,
                url=item_path(item.pk),
                meeting_url=meeting_path(item.meeting_id),
                meeting_label=item.meeting.short_label,
                status_label=status_labels.get(item.status, item.status),
                is_overdue=item.is_overdue(now),
                due=tracker_dates.due(deadline, user),
                due_iso="" if deadline is None else timezone.localtime(deadline.due_at).isoformat(),
                due_instant=tracker_dates.due_instant(deadline, user),
                clock_differs=clock_differs(deadline, user),
                owner_name=(item.owner.display_name if item.owner is not None else "") or "—",
                responsible_label=(responsible.abbreviation or names.organization_name(responsible))
                if responsible
                else "",
            )
        )
    return rows
