"""Every change of state of items and deadlines: one keyword-only, atomic function each.

Views, admin actions, API views, tasks and commands call these; nothing happens in
save() or signals, so reading one function shows every consequence of a change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions import deadline_moves
from actions.evidence import EvidenceError, check_upload
from actions.models import (
    ActionItem,
    Activity,
    ActivityVerb,
    Deadline,
    DeadlineMode,
    Evidence,
    RuleAnchor,
    RuleDirection,
    Status,
)
from actions.visibility import is_head_of_delegation, may_own_item
from followup_dates import dates
from meetings.models import Meeting, Organization, Session
from reminders import scheduling
from webhooks.events import WebhookEvent, webhook_events_emit

logger = logging.getLogger(__name__)

# Fields whose change gets its own sentence in the log; others are listed as "edited".
_LOGGED_SEPARATELY = {"status", "owner", "deadline"}


def _due_snapshot(deadline: Deadline | None) -> dict[str, str] | None:
    """An item's due moment in its log (the deadline's zone is not part of it)."""
    return None if deadline is None else deadline.snapshot(zone=False)


def _log(
    *,
    item: ActionItem,
    verb: str,
    by: User | None,
    now: datetime,
    text: str = "",
    data: dict[str, Any] | None = None,
) -> Activity:
    return Activity.objects.create(item=item, actor=by, verb=verb, text=text, data=data or {}, created_at=now)


def _user_label(user: User | None) -> str | None:
    return user.display_name if user else None


# --- Who may be given an item ---------------------------------------------------------
#
# The rule (issue 13, point 15): an item's owner and watchers must be able to see it, that
# is staff or participants of its meeting (actions/visibility.py). Anyone else is refused
# with a message naming them; nobody is added to a meeting behind the staff's back. Web,
# API, admin and the report import all call item_assignees_check (through the services
# below, or before them to show the message on their own field).

ASSIGNEE_OUTSIDE_MEETING = _(
    "%(names)s cannot see items of %(meeting)s (not a participant of the meeting, nor "
    "staff): add them to the meeting's participants first."
)


def item_assignees_check(
    *, meeting: Meeting, owner: User | None = None, watchers: Iterable[User] = ()
) -> None:
    """Refuse an owner or watchers who could never see an item of `meeting`.

    Raises ValidationError on "owner" and/or "watchers" with ASSIGNEE_OUTSIDE_MEETING.
    """
    errors: dict[str, ValidationError] = {}
    if owner is not None and not may_own_item(owner, meeting):
        errors["owner"] = ValidationError(
            ASSIGNEE_OUTSIDE_MEETING,
            code="assignee_outside_meeting",
            params={"names": owner.display_name, "meeting": meeting.short_label},
        )
    outsiders = [user for user in watchers if not may_own_item(user, meeting)]
    if outsiders:
        errors["watchers"] = ValidationError(
            ASSIGNEE_OUTSIDE_MEETING,
            code="assignee_outside_meeting",
            params={
                "names": ", ".join(user.display_name for user in outsiders),
                "meeting": meeting.short_label,
            },
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_item_create(
    *,
    meeting: Meeting,
    title: str,
    kind: str,
    by: User | None,
    now: datetime,
    watchers: list[User] | None = None,
    **fields: Any,
) -> ActionItem:
    """Create an item with the next number in its meeting and log its creation."""
    item_assignees_check(meeting=meeting, owner=fields.get("owner"), watchers=watchers or ())
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
    scheduling.item_reschedule(item=item, now=now)
    return item


# Fields whose change re-plans the item's reminders (item_reschedule reads nothing else of it).
_PLANNING_FIELDS = {"status", "owner", "deadline", "watchers", "reminder_policy", "responsible"}


def _status_change(
    *, item: ActionItem, status: str, by: User | None, now: datetime, note: str = ""
) -> Activity | None:
    """Set `status` on `item` (done records who and when, reopening clears it), unsaved;
    the log entry to write, or None if nothing changed."""
    old = item.status
    if old == status:
        return None
    item.status = status
    if status == Status.DONE:
        item.completed_at = now
        item.completed_by = by
        if note:
            item.completion_note = note
    elif old == Status.DONE:
        item.completed_at = None
        item.completed_by = None
    return Activity(
        item=item,
        actor=by,
        verb=ActivityVerb.STATUS,
        text=note,
        data={"from": old, "to": status},
        created_at=now,
    )


def _status_changed_emit(*, item: ActionItem, entry: Activity, now: datetime) -> None:
    webhook_events_emit(
        item=item, event=WebhookEvent.ITEM_STATUS_CHANGED, now=now, data={**entry.data, "note": entry.text}
    )


def _owner_change(
    *, item: ActionItem, owner: User | None, by: User | None, now: datetime, reason: str = ""
) -> Activity | None:
    """Set `owner` on `item`, unsaved; the log entry to write, or None if nothing changed."""
    old = item.owner
    if old == owner:
        return None
    item.owner = owner
    return Activity(
        item=item,
        actor=by,
        verb=ActivityVerb.REASSIGNED,
        text=reason,
        data={
            "from": _user_label(old),
            "to": _user_label(owner),
            "from_id": old.pk if old else None,
            "to_id": owner.pk if owner else None,
        },
        created_at=now,
    )


@transaction.atomic
def action_item_set_status(
    *, item: ActionItem, status: str, by: User | None, now: datetime, note: str = ""
) -> ActionItem:
    """Move an item to `status`; done records who and when, reopening clears it."""
    entry = _status_change(item=item, status=status, by=by, now=now, note=note)
    if entry is None:
        return item
    item.save()
    entry.save()
    _status_changed_emit(item=item, entry=entry, now=now)
    scheduling.item_reschedule(item=item, now=now)
    return item


def action_item_complete(*, item: ActionItem, by: User | None, note: str = "", now: datetime) -> ActionItem:
    return action_item_set_status(item=item, status=Status.DONE, by=by, now=now, note=note)


@transaction.atomic
def action_item_reassign(
    *, item: ActionItem, owner: User | None, by: User | None, now: datetime, reason: str = ""
) -> ActionItem:
    if item.owner == owner:
        return item
    item_assignees_check(meeting=item.meeting, owner=owner)
    entry = _owner_change(item=item, owner=owner, by=by, now=now, reason=reason)
    item.save(update_fields=["owner", "updated_at"])
    entry.save()
    scheduling.item_reschedule(item=item, now=now)
    return item


@transaction.atomic
def action_item_update(
    *, item: ActionItem, changes: dict[str, Any], by: User | None, now: datetime, reason: str = ""
) -> ActionItem:
    """Apply an edit (e.g. from the admin form); status, owner and deadline are logged apart.

    One UPDATE of the changed columns, one INSERT of the log entries, and reminders re-planned
    once, only if something they depend on changed (tests/actions/test_query_budgets.py).
    """
    changes = dict(changes)
    status = changes.pop("status", item.status)
    owner = changes.pop("owner", item.owner)
    deadline = changes.pop("deadline", item.deadline)
    watchers = changes.pop("watchers", None)
    item_assignees_check(
        meeting=item.meeting, owner=owner if owner != item.owner else None, watchers=watchers or ()
    )
    edited = [name for name, value in changes.items() if getattr(item, name) != value]
    for name in edited:
        setattr(item, name, changes[name])
    entries: list[Activity] = []
    moved = None
    if deadline != item.deadline:
        moved = {"from": _due_snapshot(item.deadline), "to": _due_snapshot(deadline)}
        item.deadline = deadline
        entries.append(
            Activity(
                item=item, actor=by, verb=ActivityVerb.DEADLINE_MOVED, text=reason, data=moved, created_at=now
            )
        )
    if edited:
        entries.append(
            Activity(
                item=item,
                actor=by,
                verb=ActivityVerb.EDITED,
                created_at=now,
                data={"fields": [str(ActionItem._meta.get_field(n).verbose_name) for n in edited]},
            )
        )
    reassigned = _owner_change(item=item, owner=owner, by=by, now=now)
    status_entry = _status_change(item=item, status=status, by=by, now=now)
    entries += [entry for entry in (reassigned, status_entry) if entry is not None]
    changed = set(edited)
    if moved is not None:
        changed.add("deadline")
    if reassigned is not None:
        changed.add("owner")
    if status_entry is not None:
        changed |= {"status", "completed_at", "completed_by", "completion_note"}
    # Validate what this edit changed; the rest was valid when it was written. A status set
    # here keeps "done has a completion time" itself (_status_change), so that check is the
    # database's alone unless the edit typed a completion time.
    unchanged = {f.name for f in ActionItem._meta.concrete_fields} - changed
    item.full_clean(exclude=unchanged, validate_constraints=False)
    item.validate_constraints(exclude=unchanged | ({"status"} if "completed_at" not in edited else set()))
    if changed:
        item.save(update_fields=[*sorted(changed), "updated_at"])
    if entries:
        Activity.objects.bulk_create(entries)
    if moved is not None:
        webhook_events_emit(
            item=item, event=WebhookEvent.ITEM_DEADLINE_MOVED, now=now, data={**moved, "reason": reason}
        )
    if status_entry is not None:
        _status_changed_emit(item=item, entry=status_entry, now=now)
    if watchers is not None:
        item.watchers.set(watchers)
        changed.add("watchers")
    if changed & _PLANNING_FIELDS:
        scheduling.item_reschedule_after_write(item=item)
    return item


@transaction.atomic
def comment_add(*, item: ActionItem, by: User, text: str, now: datetime) -> Activity:
    text = text.strip()
    if not text:
        raise ValueError("A comment cannot be empty.")
    return _log(item=item, verb=ActivityVerb.COMMENT, by=by, now=now, text=text)


def evidence_add(
    *,
    item: ActionItem,
    by: User | None,
    now: datetime,
    file: UploadedFile | None = None,
    url: str = "",
    note: str = "",
) -> Evidence:
    """Keep a file (checked: type, content, size) or a link as evidence, and log it.

    Raises EvidenceError before anything is written; if the database write fails, the
    stored file is removed again so nothing is left half-saved.
    """
    url, note = url.strip(), note.strip()
    if file is None and not url:
        raise EvidenceError(_("Attach a file or give a link."), code="missing")
    name = ""
    if file is not None:
        name = file.name.replace("\\", "/").rsplit("/", 1)[-1][:200]
        check_upload(name, file.size, file, max_bytes=settings.EVIDENCE_MAX_BYTES)
    evidence = Evidence(
        item=item,
        url=url,
        note=note,
        added_by=by,
        added_at=now,
        original_name=name,
        size=file.size if file is not None else None,
    )
    if file is not None:
        evidence.file.save(name, file, save=False)
    try:
        with transaction.atomic():
            evidence.full_clean()
            evidence.save()
            # The note is shown with the evidence itself; the log names what was attached.
            _log(
                item=item,
                verb=ActivityVerb.EVIDENCE,
                by=by,
                now=now,
                data={"name": name, "url": url, "note": note},
            )
    except Exception:
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    return evidence


# --- Deadlines -------------------------------------------------------------------------

_DEADLINE_FIELDS = (
    "label",
    "key",
    "set_by",
    "zone",
    "mode",
    "rule_amount",
    "rule_unit",
    "rule_direction",
    "rule_anchor",
    "anchor_session",
    "anchor_deadline",
    "calendar",
    "source_excerpt",
)
_RULE_FIELDS = {
    "mode",
    "rule_amount",
    "rule_unit",
    "rule_direction",
    "rule_anchor",
    "anchor_session",
    "anchor_deadline",
    "calendar",
}


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
        _log(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=data)
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
    unknown = set(changes) - set(_DEADLINE_FIELDS)
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
    moved = {"from": _due_snapshot(current), "to": _due_snapshot(deadline)}
    item.deadline = deadline
    item.save(update_fields=["deadline", "updated_at"])
    _log(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=moved)
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
