"""Every change of state of items: one keyword-only, atomic function each (deadlines:
actions/deadline_services.py).

Views, admin actions, API views, tasks and commands call these; nothing happens in
save() or signals, so reading one function shows every consequence of a change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions.activity_log import due_snapshot, log_activity, user_label
from actions.evidence import EvidenceError, check_upload
from actions.models import ActionItem, Activity, ActivityVerb, Evidence, Status
from actions.visibility import may_own_item
from meetings.models import Meeting
from reminders import scheduling
from webhooks.events import WebhookEvent, webhook_events_emit

logger = logging.getLogger(__name__)

# Fields whose change gets its own sentence in the log; others are listed as "edited".
_LOGGED_SEPARATELY = {"status", "owner", "deadline"}


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
    log_activity(item=item, verb=ActivityVerb.CREATED, by=by, now=now)
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
            "from": user_label(old),
            "to": user_label(owner),
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
        moved = {"from": due_snapshot(item.deadline), "to": due_snapshot(deadline)}
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
    return log_activity(item=item, verb=ActivityVerb.COMMENT, by=by, now=now, text=text)


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
            log_activity(
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
