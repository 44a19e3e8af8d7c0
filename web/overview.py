"""What staff and heads of delegation see first: every meeting's progress, who and which
organization is late, what is due this week. Aggregates in the database, a few queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from actions.models import OPEN_STATUSES, ActionItem, Status
from meetings import names
from meetings.models import Meeting
from web.lists import WEEK


@dataclass(frozen=True)
class MeetingProgress:
    meeting: Meeting
    label: str
    total: int
    done: int
    open: int
    overdue: int

    @property
    def summary(self) -> dict[str, int]:
        return {"done": self.done, "open": self.open, "overdue": self.overdue}

    @property
    def done_percent(self) -> int:
        counted = self.done + self.open + self.overdue
        return round(100 * self.done / counted) if counted else 0


def meeting_progress(meetings: QuerySet[Meeting], *, now: datetime) -> list[MeetingProgress]:
    """Each meeting with its item counts (one query). Dropped items count in none of them."""
    late = Q(action_items__status__in=OPEN_STATUSES, action_items__deadline__due_at__lt=now)
    rows = (
        meetings.select_related("host", "meeting_series")
        .annotate(
            total_count=Count("action_items", distinct=True),
            done_count=Count("action_items", filter=Q(action_items__status=Status.DONE), distinct=True),
            open_count=Count("action_items", filter=Q(action_items__status__in=OPEN_STATUSES), distinct=True),
            overdue_count=Count("action_items", filter=late, distinct=True),
        )
        .order_by("-start_on")
    )
    return [
        MeetingProgress(
            meeting=m,
            label=names.meeting_label(m),
            total=m.total_count,
            done=m.done_count,
            open=m.open_count - m.overdue_count,
            overdue=m.overdue_count,
        )
        for m in rows
    ]


def overdue_by_organization(items: QuerySet[ActionItem], *, now: datetime) -> list[tuple[str, int]]:
    late = items.filter(status__in=OPEN_STATUSES, deadline__due_at__lt=now)
    rows = (
        late.values("responsible__name", "responsible__name_en", "responsible__abbreviation")
        .annotate(n=Count("pk"))
        .order_by("-n", "responsible__name")
    )
    out = []
    for row in rows:
        name = names.pick(row["responsible__name"] or "", row["responsible__name_en"] or "")
        if row["responsible__abbreviation"]:
            name = f"{name} ({row['responsible__abbreviation']})"
        out.append((name or _("No organization"), row["n"]))
    return out


def overdue_by_person(items: QuerySet[ActionItem], *, now: datetime) -> list[tuple[str, int]]:
    from accounts.models import user_display_name

    late = items.filter(status__in=OPEN_STATUSES, deadline__due_at__lt=now)
    rows = (
        late.values(
            "owner_id", "owner__full_name", "owner__first_name", "owner__last_name", "owner__username"
        )
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return [
        (
            user_display_name(
                r["owner__full_name"] or "",
                r["owner__first_name"] or "",
                r["owner__last_name"] or "",
                r["owner__username"] or "",
            )
            if r["owner_id"]
            else _("Unassigned"),
            r["n"],
        )
        for r in rows
    ]


def due_this_week(items: QuerySet[ActionItem], *, now: datetime, limit: int = 100) -> list[ActionItem]:
    return list(
        items.filter(status__in=OPEN_STATUSES, deadline__due_at__gte=now, deadline__due_at__lt=now + WEEK)
        .with_related()
        .order_by("deadline__due_at", "number")[:limit]
    )
