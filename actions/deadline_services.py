"""Every change of state of deadlines, and of the meeting days and sessions they count from:
one keyword-only, atomic function each (items: actions/services.py).

Views, admin actions, API views, tasks and commands call these; nothing happens in
save() or signals, so reading one function shows every consequence of a change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions import deadline_moves
from actions.activity_log import due_snapshot, log_activity
from actions.models import (
    EDITABLE_FIELDS,
    RULE_FIELDS,
    ActionItem,
    ActivityVerb,
    Deadline,
    DeadlineMode,
    RuleAnchor,
    RuleDirection,
)
from actions.visibility import is_head_of_delegation
from followup_dates import dates
from meetings.models import Meeting, Organization, Session
from reminders import scheduling
from webhooks.events import WebhookEvent, webhook_events_emit

_RULE_FIELDS = {"mode", *RULE_FIELDS}  # a change to any of these is a change of its rule


def _log_deadline_move(
    *,
    deadline: Deadline,
    before: dict,
    after: dict,
    cause: dict | None,
    by: User | None,
    now: datetime,
    reason: str,
) -> None:
    data: dict[str, Any] = {"from": before, "to": after, "deadline": deadline.label}
    if cause:
        data["cause"] = cause
    for item in deadline.items.select_related("meeting", "owner", "responsible", "deadline"):
        log_activity(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=data)
        webhook_events_emit(
            item=item,
            event=WebhookEvent.ITEM_DEADLINE_MOVED,
            now=now,
            data={"from": before, "to": after, "deadline": deadline.label, "reason": reason},
        )
        scheduling.item_reschedule(item=item, now=now)


def _recompute(
    *,
    seeds: list[tuple[Deadline, dict | None]],
    by: User | None,
    now: datetime,
    reason: str = "",
    log: bool = True,
) -> list[Deadline]:
    """Re-resolve relative deadlines, then everything anchored on the ones that moved
    (planned by deadline_moves.plan_moves on rows locked here, then applied)."""
    seeds, dependents = deadline_moves.load_graph(seeds, lock=True)
    return _apply_moves(
        deadline_moves.plan_moves(seeds=seeds, dependents=dependents), by=by, now=now, reason=reason, log=log
    )


def _apply_moves(
    moves: list[deadline_moves.PlannedMove],
    *,
    by: User | None,
    now: datetime,
    reason: str = "",
    log: bool = True,
) -> list[Deadline]:
    """Save each planned move; each item on a moved deadline logs it (or is only
    re-planned, without `log`). Returns the moved deadlines, in order."""
    moved: dict[int, Deadline] = {}
    for move in moves:
        deadline = move.deadline
        deadline.save(update_fields=["due_on", "precision", "due_at"])
        if log:
            _log_deadline_move(
                deadline=deadline,
                before=move.before,
                after=move.after,
                cause=move.cause,
                by=by,
                now=now,
                reason=reason,
            )
        else:
            for item in deadline.items.all():
                scheduling.item_reschedule(item=item, now=now)
        moved.setdefault(deadline.pk, deadline)
    return list(moved.values())


def _dependents_of(deadline: Deadline, before: dict) -> list[tuple[Deadline, dict | None]]:
    because = {"kind": "deadline", "label": deadline.label, "from": before, "to": deadline.snapshot()}
    return [
        (dependent, because) for dependent in deadline.dependent_deadlines.filter(mode=DeadlineMode.RELATIVE)
    ]


@transaction.atomic
def deadline_create(
    *,
    meeting: Meeting,
    key: str,
    label: str,
    by: User | None,
    now: datetime,
    mode: str = DeadlineMode.ABSOLUTE,
    due: dates.DueDate | None = None,
    zone: str | None = None,
    set_by: Organization | None = None,
    rule_amount: int | None = None,
    rule_unit: str = "",
    rule_direction: str = RuleDirection.AFTER,
    rule_anchor: str = "",
    anchor_session: Session | None = None,
    anchor_deadline: Deadline | None = None,
    calendar: str = "",
    source_excerpt: str = "",
) -> Deadline:
    """Create a deadline: a date (`due`, with its precision) or a rule; the instant is computed.

    The zone defaults to the setter's, else the meeting venue's; a working-day rule without
    a calendar counts on the meeting's. Bad input raises ValidationError naming the field.
    """
    deadline = Deadline(
        meeting=meeting,
        key=key,
        label=label,
        set_by=set_by,
        mode=mode,
        zone=zone or Deadline.default_zone(meeting=meeting, set_by=set_by),
        rule_amount=rule_amount,
        rule_unit=rule_unit,
        rule_direction=rule_direction,
        rule_anchor=rule_anchor,
        anchor_session=anchor_session,
        anchor_deadline=anchor_deadline,
        calendar=calendar,
        source_excerpt=source_excerpt,
    )
    _fill_due(deadline, due)
    deadline.save()
    return deadline


def _fill_due(deadline: Deadline, due: dates.DueDate | None) -> None:
    """Validate the deadline and compute due_on/precision/due_at (absolute: from `due`)."""
    if not deadline.is_relative and due is None:
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _("Enter the due date, for example 114年3月13日 or 115年1月."), code="required"
                )
            }
        )
    deadline.full_clean(exclude=["due_on", "precision", "due_at"])
    deadline.set_due(deadline_moves.resolve(deadline) if deadline.is_relative else due)


# Who may move a deadline (issue 13, point 4): a deadline that items of other people hang
# on moves for all of them, so only staff and the meeting's head of delegation may move it.
# Anyone else moves their own item's due date (action_item_move_deadline), which gives the
# item a deadline of its own. Web, API and admin all reach deadline_update, which checks.
DEADLINE_MOVE_REFUSED = _(
    "Only staff or the head of delegation can move a deadline that other people's items "
    "share; move this item's own due date instead."
)


def may_move_deadline(user: User | None, deadline: Deadline) -> bool:
    """Staff, the meeting's head of delegation, or the owner of every item on the deadline.
    `None` is the system itself (data loading, the meeting's own dates moving)."""
    if user is None or user.is_staff:
        return True
    if is_head_of_delegation(user, deadline.meeting_id):
        return True
    return not deadline.items.exclude(owner=user).exists()


@transaction.atomic
def deadline_update(
    *, deadline: Deadline, changes: dict[str, Any], by: User | None, now: datetime, reason: str = ""
) -> Deadline:
    """Edit a deadline (its date, its rule, its zone...); if its due moment moves, every item
    hanging on it logs the move, and deadlines counting from it follow (transitively)."""
    changes = dict(changes)
    due = changes.pop("due", None)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"deadline_update cannot change {sorted(unknown)}")
    if not may_move_deadline(by, deadline):
        raise PermissionDenied(DEADLINE_MOVE_REFUSED)
    Deadline.objects.select_for_update(of=("self",)).filter(pk=deadline.pk).first()
    before = deadline.snapshot()
    rule_changed = any(
        getattr(deadline, name) != value for name, value in changes.items() if name in _RULE_FIELDS
    )
    for name, value in changes.items():
        setattr(deadline, name, value)
    if not deadline.zone:
        deadline.zone = Deadline.default_zone(meeting=deadline.meeting, set_by=deadline.set_by)
    if not deadline.is_relative and due is None:
        due = deadline.due
    _fill_due(deadline, due)
    deadline.save()
    after = deadline.snapshot()
    if before != after:
        cause = {"kind": "rule"} if rule_changed and deadline.is_relative else None
        _log_deadline_move(
            deadline=deadline, before=before, after=after, cause=cause, by=by, now=now, reason=reason
        )
        _recompute(seeds=_dependents_of(deadline, before), by=by, now=now, reason=reason)
    return deadline


def deadline_move(
    *, deadline: Deadline, to: dates.DueDate, reason: str = "", by: User | None, now: datetime
) -> Deadline:
    """Give a deadline a new date. A relative deadline moved by hand becomes a plain date."""
    return deadline_update(
        deadline=deadline, changes={"mode": DeadlineMode.ABSOLUTE, "due": to}, by=by, now=now, reason=reason
    )


def _free_deadline_key(meeting: Meeting, base: str) -> str:
    taken = set(Deadline.objects.filter(meeting=meeting, key__startswith=base).values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def action_item_move_deadline(
    *, item: ActionItem, due: dates.DueDate, by: User | None, now: datetime, reason: str = ""
) -> ActionItem:
    """Give one item a new due date without moving the other items that share its deadline.

    An absolute deadline only this item hangs on is moved in place (deadline_move); a
    shared or relative deadline stays as it is and the item gets its own absolute one, in
    the same zone and set by the same authority.
    """
    current = item.deadline
    if (
        current is not None
        and current.mode == DeadlineMode.ABSOLUTE
        and not current.items.exclude(pk=item.pk).exists()
    ):
        deadline_move(deadline=current, to=due, by=by, now=now, reason=reason)
        item.refresh_from_db()
        return item
    if current is not None and (current.due_on, current.precision) == (due.on, due.precision):
        return item
    if current is not None:
        zone, set_by, label = current.zone, current.set_by, current.label
    else:
        # The party responsible for the item stands in for the deadline's setter.
        zone = Deadline.default_zone(meeting=item.meeting, set_by=item.responsible)
        set_by, label = None, item.title
    deadline = Deadline(
        meeting=item.meeting,
        key=_free_deadline_key(item.meeting, f"item-{item.number}"),
        label=label[:300],
        set_by=set_by,
        zone=zone,
        mode=DeadlineMode.ABSOLUTE,
    )
    deadline.set_due(due)
    deadline.full_clean()
    deadline.save()
    moved = {"from": due_snapshot(current), "to": due_snapshot(deadline)}
    item.deadline = deadline
    item.save(update_fields=["deadline", "updated_at"])
    log_activity(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=moved)
    webhook_events_emit(
        item=item, event=WebhookEvent.ITEM_DEADLINE_MOVED, now=now, data={**moved, "reason": reason}
    )
    scheduling.item_reschedule(item=item, now=now)
    return item


@transaction.atomic
def meeting_update_dates(
    *, meeting: Meeting, start_on: date, end_on: date, by: User | None, now: datetime, reason: str = ""
) -> list[Deadline]:
    """Move a meeting's days; every deadline counting from them (or from those) follows, and
    each item on a moved deadline logs why. Returns the deadlines that moved.

    The moves are planned first (deadline_moves.meeting_dates_plan, which the admin's
    meeting form also asks), then written."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    old_return = current.return_day
    # The delegation comes home as many days after the meeting as before.
    if current.returns_on is not None:
        meeting.returns_on = current.returns_on + (end_on - current.end_on)
    moves = deadline_moves.meeting_dates_plan(
        meeting=meeting,
        start_on=start_on,
        end_on=end_on,
        old_start=current.start_on,
        old_end=current.end_on,
        old_return=old_return,
        lock=True,
    )
    meeting.save(update_fields=["start_on", "end_on", "returns_on"])
    return _apply_moves(moves, by=by, now=now, reason=reason)


@transaction.atomic
def session_update_times(
    *,
    session: Session,
    starts_at: datetime,
    ends_at: datetime | None,
    by: User | None,
    now: datetime,
    reason: str = "",
) -> list[Deadline]:
    """Move a session; deadlines counting from its day (and from those) follow and log it."""
    Session.objects.select_for_update().filter(pk=session.pk).first()
    old_day = Session.objects.select_related("meeting").get(pk=session.pk).local_date
    session.starts_at, session.ends_at = starts_at, ends_at
    session.full_clean(exclude=["meeting"], validate_unique=False)
    session.save(update_fields=["starts_at", "ends_at"])
    cause = {
        "kind": "session",
        "session": session.name,
        "from": old_day.isoformat(),
        "to": session.local_date.isoformat(),
    }
    seeds: list[tuple[Deadline, dict | None]] = [
        (deadline, cause)
        for deadline in Deadline.objects.filter(
            mode=DeadlineMode.RELATIVE, rule_anchor=RuleAnchor.SESSION, anchor_session=session
        )
    ]
    return _recompute(seeds=seeds, by=by, now=now, reason=reason)


@transaction.atomic
def deadlines_recompute_for_meeting(
    *, meeting: Meeting, by: User | None, now: datetime, reason: str = "", log: bool = True
) -> list[Deadline]:
    """Re-resolve every relative deadline of a meeting (after loading or shifting data);
    returns the moved ones. Deadlines counting from other deadlines follow their anchor."""
    seeds: list[tuple[Deadline, dict | None]] = [
        (deadline, None)
        for deadline in Deadline.objects.filter(meeting=meeting, mode=DeadlineMode.RELATIVE).order_by("pk")
    ]
    return _recompute(seeds=seeds, by=by, now=now, reason=reason, log=log)


def _shift_due(due: dates.DueDate, days: int) -> dates.DueDate:
    if due.precision == dates.Precision.DAY:
        return dates.DueDate.day(due.on + timedelta(days=days))
    # A month stays a month: move its last day, then take the end of that period.
    moved = due.on + timedelta(days=days)
    if due.precision == dates.Precision.MONTH:
        return dates.DueDate.month(moved.year, moved.month)
    if due.precision == dates.Precision.QUARTER:
        return dates.DueDate.quarter(moved.year, (moved.month - 1) // 3 + 1)
    return dates.DueDate.year(moved.year)


@transaction.atomic
def demo_meeting_shift(*, meeting: Meeting, days: int, now: datetime) -> Meeting:
    """Move a demo meeting and everything hanging on it by `days` (load_demo --shift-to-today).

    Not a real deadline move, so nothing is logged: it rewrites demo data.
    """
    if days == 0:
        return meeting
    delta = timedelta(days=days)
    meeting.start_on += delta
    meeting.end_on += delta
    if meeting.returns_on is not None:
        meeting.returns_on += delta
    meeting.save(update_fields=["start_on", "end_on", "returns_on"])
    for limited in Deadline.objects.filter(meeting=meeting, latest_on__isnull=False):
        limited.latest_on += delta
        limited.save(update_fields=["latest_on"])
    for session in meeting.sessions.all():
        session.starts_at += delta
        session.ends_at = session.ends_at + delta if session.ends_at else None
        session.save(update_fields=["starts_at", "ends_at"])
    for deadline in Deadline.objects.filter(meeting=meeting, mode="absolute"):
        deadline.set_due(_shift_due(deadline.due, days))
        deadline.save(update_fields=["due_on", "precision", "due_at"])
    for item in ActionItem.objects.filter(meeting=meeting, ends_on__isnull=False):
        item.ends_on += delta
        item.save(update_fields=["ends_on"])
    deadlines_recompute_for_meeting(meeting=meeting, by=None, now=now, log=False)
    scheduling.reminders_reschedule_items(items=meeting.action_items.all(), now=now)
    return meeting
