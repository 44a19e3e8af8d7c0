"""The item lists: whose items, filtered how, grouped into Overdue / this week / later / waiting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions.models import OPEN_STATUSES, ActionItem, ItemKind, Status
from actions.visibility import visible_items, visible_meetings
from meetings.models import Meeting, head_of_delegation
from web.forms import ItemFilterForm
from web.models import SavedViewList
from web.rows import ItemRow

WEEK = timedelta(days=7)
MONTH = timedelta(days=30)


def my_items(user: User) -> QuerySet[ActionItem]:
    """Items I own, and other parties' commitments I watch (the "waiting on others" ones)."""
    watched = ActionItem.watchers.through.objects.filter(user_id=user.pk).values("actionitem_id")
    return visible_items(user).filter(Q(owner_id=user.pk) | Q(kind=ItemKind.EXTERNAL, pk__in=watched))


def headed_meeting_ids(user: User) -> frozenset[int]:
    """The ids of the meetings a (non-staff) user leads, read once a request: the navigation and
    the list's line forms both ask."""
    cached = getattr(user, "_headed_meeting_ids", None)
    if cached is None:
        cached = (
            frozenset(headed_meetings(user).values_list("pk", flat=True))
            if not user.is_staff
            else frozenset()
        )
        user._headed_meeting_ids = cached
    return cached


def headed_meetings(user: User) -> QuerySet[Meeting]:
    """Meetings whose delegation the user leads; staff oversee every meeting."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    if user.is_staff:
        return Meeting.objects.all()
    return Meeting.objects.filter(head_of_delegation(user, via="participants__"))


def filter_form(data, *, user: User, list_name: str) -> ItemFilterForm:
    """A task list's filter form: the meetings the person sees (on the delegation list, those they
    lead); My tasks and the delegation list read it, and so does a saved view of either."""
    meetings = visible_meetings(user)
    if list_name == SavedViewList.DELEGATION:
        meetings = meetings.filter(pk__in=headed_meetings(user).values("pk"))
    return ItemFilterForm(data, meetings=meetings, every_meeting=user.is_staff)


def is_every_open_item(data: dict) -> bool:
    """Do these filters (a valid ItemFilterForm's cleaned_data) keep every open item? Sorting
    does not narrow."""
    narrowing = {key: value for key, value in data.items() if key != "sort" and value}
    return narrowing in ({}, {"status": "open"})


def apply_filters(items: QuerySet[ActionItem], data: dict, *, now: datetime) -> QuerySet[ActionItem]:
    """`data` is a valid ItemFilterForm's cleaned_data."""
    status = data.get("status") or "open"
    if status == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        items = items.filter(status=status)
    if data.get("meeting"):
        items = items.filter(meeting=data["meeting"])
    if data.get("kind"):
        items = items.filter(kind=data["kind"])
    if data.get("responsible"):
        items = items.filter(responsible=data["responsible"])
    window = data.get("due")
    if window == "overdue":
        items = items.filter(deadline__due_at__lt=now)
    elif window == "week":
        items = items.filter(deadline__due_at__gte=now, deadline__due_at__lt=now + WEEK)
    elif window == "month":
        items = items.filter(deadline__due_at__gte=now, deadline__due_at__lt=now + MONTH)
    elif window == "none":
        items = items.filter(deadline__isnull=True)
    query = (data.get("q") or "").strip()
    if query:
        items = items.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(source_excerpt__icontains=query)
            | Q(owner__full_name__icontains=query)
            | Q(responsible__name__icontains=query)
            | Q(responsible__abbreviation__icontains=query)
        )
    due = F("deadline__due_at")
    order = due.desc(nulls_last=True) if data.get("sort") == "-due" else due.asc(nulls_last=True)
    return items.with_related().order_by(order, "meeting_id", "number")


@dataclass
class Group:
    key: str
    label: str
    rows: list[ItemRow] = field(default_factory=list)


def group_my_items(rows: list[ItemRow], *, now: datetime) -> list[Group]:
    groups = {
        "overdue": Group("overdue", _("Overdue")),
        "week": Group("week", _("Due this week")),
        "later": Group("later", _("Later")),
        "waiting": Group("waiting", _("Waiting on others")),
    }
    for row in rows:
        item = row.item
        if item.kind == ItemKind.EXTERNAL:
            key = "waiting"
        elif row.is_overdue:
            key = "overdue"
        elif item.is_open and item.deadline is not None and item.deadline.due_at < now + WEEK:
            key = "week"
        else:
            key = "later"
        groups[key].rows.append(row)
    return list(groups.values())


def nav_counts(user: User, *, now: datetime) -> dict[str, int]:
    """What the navigation shows: my open items and how many of them are overdue (one query)."""
    return (
        my_items(user)
        .filter(status__in=OPEN_STATUSES)
        .aggregate(
            open_count=Count("pk"),
            overdue_count=Count("pk", filter=Q(deadline__due_at__lt=now)),
        )
    )


@dataclass
class Member:
    name: str
    rows: list[ItemRow] = field(default_factory=list)
    late_count: int = 0


def group_by_owner(rows: list[ItemRow]) -> list[Member]:
    members: dict[int | None, Member] = {}
    for row in rows:
        item = row.item
        name = item.owner.display_name if item.owner else str(_("Unassigned"))
        member = members.setdefault(item.owner_id, Member(name))
        member.rows.append(row)
        member.late_count += row.is_overdue
    return sorted(members.values(), key=lambda m: (-m.late_count, m.name))


def progress(items: list[ActionItem], *, now: datetime) -> dict[str, int]:
    done = sum(1 for i in items if i.status == Status.DONE)
    overdue = sum(1 for i in items if i.is_overdue(now))
    still_open = sum(1 for i in items if i.is_open) - overdue
    return {"done": done, "open": still_open, "overdue": overdue}
