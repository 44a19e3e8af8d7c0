"""Every change of state of items and deadlines: one keyword-only, atomic function each.

Views, admin actions, API views, tasks and commands call these; nothing happens in
save() or signals, so reading one function shows every consequence of a change.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max

from accounts.models import User
from actions.models import (
    ActionItem,
    Activity,
    ActivityVerb,
    Deadline,
    DeadlineMode,
    Status,
    WebhookEvent,
)
from actions.webhooks import webhook_events_emit
from meetings.models import Meeting
from tracker import dates

# Fields whose change gets its own sentence in the log; others are listed as "edited".
_LOGGED_SEPARATELY = {"status", "owner", "deadline"}


def _due_snapshot(deadline: Deadline | None) -> dict[str, str] | None:
    if deadline is None:
        return None
    return {"on": deadline.due_on.isoformat(), "precision": deadline.precision,
            "at": deadline.due_at.isoformat()}


def _log(*, item: ActionItem, verb: str, by: User | None, now: datetime,
         text: str = "", data: dict[str, Any] | None = None) -> Activity:
    return Activity.objects.create(
        item=item, actor=by, verb=verb, text=text, data=data or {}, created_at=now
    )


def _user_label(user: User | None) -> str | None:
    return user.display_name if user else None


@transaction.atomic
def action_item_create(*, meeting: Meeting, title: str, kind: str, by: User | None,
                       now: datetime, watchers: list[User] | None = None,
                       **fields: Any) -> ActionItem:
    """Create an item with the next number in its meeting and log its creation."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    last = ActionItem.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0
    item = ActionItem(meeting=meeting, number=last + 1, title=title, kind=kind, **fields)
    if item.status == Status.DONE and item.completed_at is None:
        item.completed_at = now
    item.full_clean()
    item.save()
    if watchers:
        item.watchers.set(watchers)
    _log(item=item, verb=ActivityVerb.CREATED, by=by, now=now)
    webhook_events_emit(item=item, event=WebhookEvent.ITEM_CREATED, now=now)
    return item


@transaction.atomic
def action_item_set_status(*, item: ActionItem, status: str, by: User | None, now: datetime,
                           note: str = "") -> ActionItem:
    """Move an item to `status`; done records who and when, reopening clears it."""
    old = item.status
    if old == status:
        return item
    item.status = status
    if status == Status.DONE:
        item.completed_at = now
        item.completed_by = by
        if note:
            item.completion_note = note
    elif old == Status.DONE:
        item.completed_at = None
        item.completed_by = None
    item.save()
    _log(item=item, verb=ActivityVerb.STATUS, by=by, now=now, text=note,
         data={"from": old, "to": status})
    webhook_events_emit(item=item, event=WebhookEvent.ITEM_STATUS_CHANGED, now=now,
                        data={"from": old, "to": status, "note": note})
    return item


def action_item_complete(*, item: ActionItem, by: User | None, note: str = "",
                         now: datetime) -> ActionItem:
    return action_item_set_status(item=item, status=Status.DONE, by=by, now=now, note=note)


@transaction.atomic
def action_item_reassign(*, item: ActionItem, owner: User | None, by: User | None,
                         now: datetime, reason: str = "") -> ActionItem:
    old = item.owner
    if old == owner:
        return item
    item.owner = owner
    item.save(update_fields=["owner", "updated_at"])
    _log(item=item, verb=ActivityVerb.REASSIGNED, by=by, now=now, text=reason,
         data={"from": _user_label(old), "to": _user_label(owner),
               "from_id": old.pk if old else None, "to_id": owner.pk if owner else None})
    return item


@transaction.atomic
def action_item_update(*, item: ActionItem, changes: dict[str, Any], by: User | None,
                       now: datetime, reason: str = "") -> ActionItem:
    """Apply an edit (e.g. from the admin form); status, owner and deadline are logged apart."""
    changes = dict(changes)
    status = changes.pop("status", item.status)
    owner = changes.pop("owner", item.owner)
    deadline = changes.pop("deadline", item.deadline)
    watchers = changes.pop("watchers", None)
    edited = [name for name, value in changes.items() if getattr(item, name) != value]
    for name in edited:
        setattr(item, name, changes[name])
    moved = None
    if deadline != item.deadline:
        moved = {"from": _due_snapshot(item.deadline), "to": _due_snapshot(deadline)}
        item.deadline = deadline
        _log(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=moved)
    item.full_clean()
    item.save()
    if moved is not None:
        webhook_events_emit(item=item, event=WebhookEvent.ITEM_DEADLINE_MOVED, now=now,
                            data={**moved, "reason": reason})
    if watchers is not None:
        item.watchers.set(watchers)
    if edited:
        _log(item=item, verb=ActivityVerb.EDITED, by=by, now=now,
             data={"fields": [str(ActionItem._meta.get_field(n).verbose_name) for n in edited]})
    action_item_reassign(item=item, owner=owner, by=by, now=now)
    action_item_set_status(item=item, status=status, by=by, now=now)
    return item


@transaction.atomic
def comment_add(*, item: ActionItem, by: User, text: str, now: datetime) -> Activity:
    text = text.strip()
    if not text:
        raise ValueError("A comment cannot be empty.")
    return _log(item=item, verb=ActivityVerb.COMMENT, by=by, now=now, text=text)


@transaction.atomic
def deadline_set_due(*, deadline: Deadline, due: dates.DueDate, by: User | None,
                     now: datetime, reason: str = "") -> Deadline:
    """Give an absolute deadline a new due date; every item hanging on it logs the move."""
    before = _due_snapshot(deadline)
    deadline.due_on = due.on
    deadline.precision = due.precision.value
    deadline.due_at = dates.due_at(due, deadline.zone)
    deadline.full_clean()
    deadline.save()
    after = _due_snapshot(deadline)
    if before != after:
        moved = {"from": before, "to": after, "deadline": deadline.label}
        for item in deadline.items.select_related("meeting", "owner", "responsible", "deadline"):
            _log(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason,
                 data=moved)
            webhook_events_emit(item=item, event=WebhookEvent.ITEM_DEADLINE_MOVED, now=now,
                                data={**moved, "reason": reason})
    return deadline


def _free_deadline_key(meeting: Meeting, base: str) -> str:
    taken = set(Deadline.objects.filter(meeting=meeting, key__startswith=base)
                .values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def action_item_move_deadline(*, item: ActionItem, due: dates.DueDate, by: User | None,
                              now: datetime, reason: str = "") -> ActionItem:
    """Give one item a new due date without moving the other items that share its deadline.

    An absolute deadline only this item hangs on is moved in place (deadline_set_due); a
    shared or relative deadline stays as it is and the item gets its own absolute one, in
    the same zone and set by the same authority.
    """
    current = item.deadline
    if current is not None and current.mode == DeadlineMode.ABSOLUTE and \
            not current.items.exclude(pk=item.pk).exists():
        deadline_set_due(deadline=current, due=due, by=by, now=now, reason=reason)
        item.refresh_from_db()
        return item
    if current is not None and (current.due_on, current.precision) == (due.on, due.precision):
        return item
    if current is not None:
        zone, set_by, label = current.zone, current.set_by, current.label
    else:
        responsible_zone = item.responsible.time_zone if item.responsible else ""
        zone, set_by, label = responsible_zone or item.meeting.venue_zone, None, item.title
    deadline = Deadline(
        meeting=item.meeting, key=_free_deadline_key(item.meeting, f"item-{item.number}"),
        label=label[:300], set_by=set_by, zone=zone, mode=DeadlineMode.ABSOLUTE,
        due_on=due.on, precision=due.precision.value, due_at=dates.due_at(due, zone),
    )
    deadline.full_clean()
    deadline.save()
    moved = {"from": _due_snapshot(current), "to": _due_snapshot(deadline)}
    item.deadline = deadline
    item.save(update_fields=["deadline", "updated_at"])
    _log(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=moved)
    webhook_events_emit(item=item, event=WebhookEvent.ITEM_DEADLINE_MOVED, now=now,
                        data={**moved, "reason": reason})
    return item


@transaction.atomic
def deadlines_recompute_for_meeting(*, meeting: Meeting, by: User | None, now: datetime,
                                    reason: str = "", log: bool = True) -> list[Deadline]:
    """Re-resolve every relative deadline of a meeting (after its dates moved); returns the moved ones."""
    moved = []
    pending = list(Deadline.objects.filter(meeting=meeting, mode="relative")
                   .select_related("meeting", "anchor_session", "anchor_deadline"))
    # Deadlines anchored on other deadlines resolve after their anchor: repeat until stable.
    for _round in range(len(pending) + 1):
        changed = False
        for deadline in pending:
            if deadline.anchor_deadline_id:
                deadline.anchor_deadline.refresh_from_db()
            due = deadline.resolved_due()
            if (due.on, due.precision.value) != (deadline.due_on, deadline.precision) or \
                    deadline.due_at != dates.due_at(due, deadline.zone):
                if log:
                    deadline_set_due(deadline=deadline, due=due, by=by, now=now, reason=reason)
                else:
                    deadline.due_on, deadline.precision = due.on, due.precision.value
                    deadline.due_at = dates.due_at(due, deadline.zone)
                    deadline.save(update_fields=["due_on", "precision", "due_at"])
                moved.append(deadline)
                changed = True
        if not changed:
            break
    return moved


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
    meeting.save(update_fields=["start_on", "end_on"])
    for session in meeting.sessions.all():
        session.starts_at += delta
        session.ends_at = session.ends_at + delta if session.ends_at else None
        session.save(update_fields=["starts_at", "ends_at"])
    for deadline in Deadline.objects.filter(meeting=meeting, mode="absolute"):
        due = _shift_due(deadline.due, days)
        deadline.due_on, deadline.precision = due.on, due.precision.value
        deadline.due_at = dates.due_at(due, deadline.zone)
        deadline.save(update_fields=["due_on", "precision", "due_at"])
    for item in ActionItem.objects.filter(meeting=meeting, ends_on__isnull=False):
        item.ends_on += delta
        item.save(update_fields=["ends_on"])
    deadlines_recompute_for_meeting(meeting=meeting, by=None, now=now, log=False)
    return meeting
