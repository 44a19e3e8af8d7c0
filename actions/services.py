"""Every change of state of items and deadlines: one keyword-only, atomic function each.

Views, admin actions, API views, tasks and commands call these; nothing happens in
save() or signals, so reading one function shows every consequence of a change.
"""

from __future__ import annotations

from collections import Counter, deque
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
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
    WebhookEvent,
)
from actions.webhooks import webhook_events_emit
from meetings.models import Meeting, Organization, Session
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


def evidence_add(*, item: ActionItem, by: User | None, now: datetime,
                 file: UploadedFile | None = None, url: str = "", note: str = "") -> Evidence:
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
    evidence = Evidence(item=item, url=url, note=note, added_by=by, added_at=now,
                        original_name=name, size=file.size if file is not None else None)
    if file is not None:
        evidence.file.save(name, file, save=False)
    try:
        with transaction.atomic():
            evidence.full_clean()
            evidence.save()
            # The note is shown with the evidence itself; the log names what was attached.
            _log(item=item, verb=ActivityVerb.EVIDENCE, by=by, now=now,
                 data={"name": name, "url": url, "note": note})
    except Exception:
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    return evidence


# --- Deadlines -------------------------------------------------------------------------

_DEADLINE_FIELDS = (
    "label", "key", "set_by", "zone", "mode", "rule_amount", "rule_unit", "rule_direction",
    "rule_anchor", "anchor_session", "anchor_deadline", "calendar", "source_excerpt",
)
_RULE_FIELDS = {"mode", "rule_amount", "rule_unit", "rule_direction", "rule_anchor",
                "anchor_session", "anchor_deadline", "calendar"}
# A chain of deadlines deeper than this is a cycle that slipped past validation.
_MAX_RECOMPUTES = 1000


def _deadline_snapshot(deadline: Deadline) -> dict[str, str]:
    return {"on": deadline.due_on.isoformat(), "precision": deadline.precision,
            "at": deadline.due_at.isoformat(), "zone": deadline.zone}


def _apply_due(deadline: Deadline, due: dates.DueDate) -> None:
    deadline.due_on = due.on
    deadline.precision = due.precision.value
    deadline.due_at = dates.due_at(due, deadline.zone)


def _resolve(deadline: Deadline) -> dates.DueDate:
    """The rule's due date, or a ValidationError naming the deadline (never a bare crash)."""
    try:
        return deadline.resolved_due()
    except dates.DateInputError as error:
        raise ValidationError({"rule_amount": ValidationError(
            _("“%(label)s”: %(reason)s"), code=error.code,
            params={"label": deadline.label, "reason": error.message})}) from error
    except (OverflowError, ValueError) as error:
        raise ValidationError({"rule_amount": ValidationError(
            _("“%(label)s”: its rule gives a date outside the range this tracker handles."),
            code="out_of_range", params={"label": deadline.label})}) from error


def _log_deadline_move(*, deadline: Deadline, before: dict, after: dict, cause: dict | None,
                       by: User | None, now: datetime, reason: str) -> None:
    data: dict[str, Any] = {"from": before, "to": after, "deadline": deadline.label}
    if cause:
        data["cause"] = cause
    for item in deadline.items.select_related("meeting", "owner", "responsible", "deadline"):
        _log(item=item, verb=ActivityVerb.DEADLINE_MOVED, by=by, now=now, text=reason, data=data)
        webhook_events_emit(item=item, event=WebhookEvent.ITEM_DEADLINE_MOVED, now=now,
                            data={"from": before, "to": after, "deadline": deadline.label,
                                  "reason": reason})


def _recompute(*, seeds: list[tuple[Deadline, dict | None]], by: User | None, now: datetime,
               reason: str = "", log: bool = True) -> list[Deadline]:
    """Re-resolve relative deadlines, then everything anchored on the ones that moved.

    Only deadlines whose due moment actually changed are saved and logged; each gets its
    own cause (what it counts from moved). Returns the moved deadlines, in order.
    """
    queue = deque(seeds)
    moved: dict[int, Deadline] = {}
    visits: Counter[int] = Counter()
    while queue:
        stale, cause = queue.popleft()
        visits[stale.pk] += 1
        if visits[stale.pk] > _MAX_RECOMPUTES:
            raise ValidationError(
                {"anchor_deadline": _("Deadlines count from each other in a circle.")},
                code="anchor_cycle")
        deadline = (Deadline.objects.select_for_update(of=("self",))
                    .select_related("meeting", "anchor_session__meeting", "anchor_deadline")
                    .get(pk=stale.pk))
        if not deadline.is_relative:
            continue
        before = _deadline_snapshot(deadline)
        _apply_due(deadline, _resolve(deadline))
        after = _deadline_snapshot(deadline)
        if before == after:
            continue
        deadline.save(update_fields=["due_on", "precision", "due_at"])
        if log:
            _log_deadline_move(deadline=deadline, before=before, after=after, cause=cause,
                               by=by, now=now, reason=reason)
        moved[deadline.pk] = deadline
        because = {"kind": "deadline", "label": deadline.label, "from": before, "to": after}
        queue.extend((dependent, because) for dependent in
                     deadline.dependent_deadlines.filter(mode=DeadlineMode.RELATIVE))
    return list(moved.values())


def _dependents_of(deadline: Deadline, before: dict) -> list[tuple[Deadline, dict | None]]:
    because = {"kind": "deadline", "label": deadline.label, "from": before,
               "to": _deadline_snapshot(deadline)}
    return [(dependent, because) for dependent in
            deadline.dependent_deadlines.filter(mode=DeadlineMode.RELATIVE)]


@transaction.atomic
def deadline_create(*, meeting: Meeting, key: str, label: str, by: User | None, now: datetime,
                    mode: str = DeadlineMode.ABSOLUTE, due: dates.DueDate | None = None,
                    zone: str | None = None, set_by: Organization | None = None,
                    rule_amount: int | None = None, rule_unit: str = "",
                    rule_direction: str = RuleDirection.AFTER, rule_anchor: str = "",
                    anchor_session: Session | None = None,
                    anchor_deadline: Deadline | None = None, calendar: str = "",
                    source_excerpt: str = "") -> Deadline:
    """Create a deadline: a date (`due`, with its precision) or a rule; the instant is computed.

    The zone defaults to the setter's, else the meeting venue's; a working-day rule without
    a calendar counts on the meeting's. Bad input raises ValidationError naming the field.
    """
    deadline = Deadline(
        meeting=meeting, key=key, label=label, set_by=set_by, mode=mode,
        zone=zone or Deadline.default_zone(meeting=meeting, set_by=set_by),
        rule_amount=rule_amount, rule_unit=rule_unit, rule_direction=rule_direction,
        rule_anchor=rule_anchor, anchor_session=anchor_session, anchor_deadline=anchor_deadline,
        calendar=calendar, source_excerpt=source_excerpt,
    )
    _fill_due(deadline, due)
    deadline.save()
    return deadline


def _fill_due(deadline: Deadline, due: dates.DueDate | None) -> None:
    """Validate the deadline and compute due_on/precision/due_at (absolute: from `due`)."""
    if not deadline.is_relative and due is None:
        raise ValidationError({"due_on": ValidationError(
            _("Enter the due date, for example 114年3月13日 or 115年1月."), code="required")})
    deadline.full_clean(exclude=["due_on", "precision", "due_at"])
    _apply_due(deadline, _resolve(deadline) if deadline.is_relative else due)


@transaction.atomic
def deadline_update(*, deadline: Deadline, changes: dict[str, Any], by: User | None,
                    now: datetime, reason: str = "") -> Deadline:
    """Edit a deadline (its date, its rule, its zone...); if its due moment moves, every item
    hanging on it logs the move, and deadlines counting from it follow (transitively)."""
    changes = dict(changes)
    due = changes.pop("due", None)
    unknown = set(changes) - set(_DEADLINE_FIELDS)
    if unknown:
        raise TypeError(f"deadline_update cannot change {sorted(unknown)}")
    Deadline.objects.select_for_update(of=("self",)).filter(pk=deadline.pk).first()
    before = _deadline_snapshot(deadline)
    rule_changed = any(getattr(deadline, name) != value for name, value in changes.items()
                       if name in _RULE_FIELDS)
    for name, value in changes.items():
        setattr(deadline, name, value)
    if not deadline.zone:
        deadline.zone = Deadline.default_zone(meeting=deadline.meeting, set_by=deadline.set_by)
    if not deadline.is_relative and due is None:
        due = deadline.due
    _fill_due(deadline, due)
    deadline.save()
    after = _deadline_snapshot(deadline)
    if before != after:
        cause = {"kind": "rule"} if rule_changed and deadline.is_relative else None
        _log_deadline_move(deadline=deadline, before=before, after=after, cause=cause,
                           by=by, now=now, reason=reason)
        _recompute(seeds=_dependents_of(deadline, before), by=by, now=now, reason=reason)
    return deadline


def deadline_move(*, deadline: Deadline, to: dates.DueDate, reason: str = "",
                  by: User | None, now: datetime) -> Deadline:
    """Give a deadline a new date. A relative deadline moved by hand becomes a plain date."""
    return deadline_update(deadline=deadline, changes={"mode": DeadlineMode.ABSOLUTE, "due": to},
                           by=by, now=now, reason=reason)


def deadline_set_due(*, deadline: Deadline, due: dates.DueDate, by: User | None,
                     now: datetime, reason: str = "") -> Deadline:
    """Older name of `deadline_move`, kept for callers."""
    return deadline_move(deadline=deadline, to=due, reason=reason, by=by, now=now)


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


def _meeting_seeds(meeting: Meeting, causes: dict[str, dict | None]
                   ) -> list[tuple[Deadline, dict | None]]:
    """Relative deadlines counting from the meeting or its sessions, each with its cause."""
    anchored = Deadline.objects.filter(mode=DeadlineMode.RELATIVE).filter(
        Q(meeting=meeting, rule_anchor__in=[RuleAnchor.MEETING_START, RuleAnchor.MEETING_END])
        | Q(rule_anchor=RuleAnchor.SESSION, anchor_session__meeting=meeting)
    ).order_by("due_at", "pk")
    generic = {"kind": "meeting", "meeting": meeting.short_label}
    return [(deadline, causes.get(deadline.rule_anchor, generic)) for deadline in anchored]


@transaction.atomic
def meeting_update_dates(*, meeting: Meeting, start_on: date, end_on: date, by: User | None,
                         now: datetime, reason: str = "") -> list[Deadline]:
    """Move a meeting's days; every deadline counting from them (or from those) follows, and
    each item on a moved deadline logs why. Returns the deadlines that moved."""
    if end_on < start_on:
        raise ValidationError({"end_on": ValidationError(
            _("The last day cannot be before the first day."), code="ends_before_start")})
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    old_start, old_end = current.start_on, current.end_on
    meeting.start_on, meeting.end_on = start_on, end_on
    meeting.save(update_fields=["start_on", "end_on"])
    label = meeting.short_label
    causes: dict[str, dict | None] = {}
    if old_start != start_on:
        causes[RuleAnchor.MEETING_START] = {"kind": "meeting_start", "meeting": label,
                                            "from": old_start.isoformat(),
                                            "to": start_on.isoformat()}
    if old_end != end_on:
        causes[RuleAnchor.MEETING_END] = {"kind": "meeting_end", "meeting": label,
                                          "from": old_end.isoformat(), "to": end_on.isoformat()}
    return _recompute(seeds=_meeting_seeds(meeting, causes), by=by, now=now, reason=reason)


@transaction.atomic
def session_update_times(*, session: Session, starts_at: datetime, ends_at: datetime | None,
                         by: User | None, now: datetime, reason: str = "") -> list[Deadline]:
    """Move a session; deadlines counting from its day (and from those) follow and log it."""
    Session.objects.select_for_update().filter(pk=session.pk).first()
    old_day = Session.objects.select_related("meeting").get(pk=session.pk).local_date
    session.starts_at, session.ends_at = starts_at, ends_at
    session.full_clean(exclude=["meeting"], validate_unique=False)
    session.save(update_fields=["starts_at", "ends_at"])
    cause = {"kind": "session", "session": session.name, "from": old_day.isoformat(),
             "to": session.local_date.isoformat()}
    seeds: list[tuple[Deadline, dict | None]] = [
        (deadline, cause) for deadline in
        Deadline.objects.filter(mode=DeadlineMode.RELATIVE, rule_anchor=RuleAnchor.SESSION,
                                anchor_session=session)
    ]
    return _recompute(seeds=seeds, by=by, now=now, reason=reason)


@transaction.atomic
def deadlines_recompute_for_meeting(*, meeting: Meeting, by: User | None, now: datetime,
                                    reason: str = "", log: bool = True) -> list[Deadline]:
    """Re-resolve every relative deadline of a meeting (after loading or shifting data);
    returns the moved ones. Deadlines counting from other deadlines follow their anchor."""
    seeds: list[tuple[Deadline, dict | None]] = [
        (deadline, None) for deadline in
        Deadline.objects.filter(meeting=meeting, mode=DeadlineMode.RELATIVE).order_by("pk")
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
