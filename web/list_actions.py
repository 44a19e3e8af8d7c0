"""Writes made from the task lists: one item or a selection, and undo of the last change.

Every change goes through actions.services or actions.deadline_services (which hold the
rules); what this module adds is the snapshot that lets the last change be undone, and
all-or-nothing for a selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions import deadline_services, services
from actions.models import ActionItem, Deadline, Status
from followup_dates import dates

DONE, MOVE, REASSIGN = "done", "move", "reassign"

NO_DEADLINE_TO_MOVE = _("This item has no deadline to move; staff set one in the admin.")
RULE_DEADLINE = _(
    "This deadline follows a rule (e.g. working days after the meeting); staff change it in the admin."
)
ALREADY_DONE = _("This item is already done.")
NOTHING_TO_UNDO = _("There is nothing to undo.")


@dataclass(frozen=True)
class Outcome:
    """What a list action did: the items touched and how to take it back."""

    items: list[ActionItem]
    undo: dict[str, Any]


def _snapshot(item: ActionItem, kind: str) -> dict[str, Any]:
    if kind == DONE:
        return {"item": item.pk, "kind": kind, "status": item.status}
    if kind == REASSIGN:
        return {"item": item.pk, "kind": kind, "owner": item.owner_id}
    deadline = item.deadline
    return {
        "item": item.pk,
        "kind": kind,
        "deadline": deadline.pk,
        "on": deadline.due_on.isoformat(),
        "precision": deadline.precision,
    }


def _check_movable(item: ActionItem) -> None:
    if item.deadline is None:
        raise ValidationError(NO_DEADLINE_TO_MOVE, code="no_deadline")
    if item.deadline.is_relative:
        raise ValidationError(RULE_DEADLINE, code="relative_deadline")


@transaction.atomic
def items_complete(*, items: list[ActionItem], by: User, note: str, now: datetime) -> Outcome:
    """Mark every item done (with the same optional note); items already done are refused."""
    undo = []
    for item in items:
        if item.status == Status.DONE:
            raise ValidationError(ALREADY_DONE, code="already_done")
        undo.append(_snapshot(item, DONE))
        services.action_item_complete(item=item, by=by, note=note, now=now)
    return Outcome(items=items, undo={"kind": DONE, "changes": undo})


@transaction.atomic
def items_reassign(*, items: list[ActionItem], owner: User, by: User, reason: str, now: datetime) -> Outcome:
    """Give every item to `owner`; one who may not see one of them refuses the whole lot."""
    undo = []
    for item in items:
        undo.append(_snapshot(item, REASSIGN))
        services.action_item_reassign(item=item, owner=owner, by=by, reason=reason, now=now)
    return Outcome(items=items, undo={"kind": REASSIGN, "changes": undo})


@transaction.atomic
def items_move(
    *, items: list[ActionItem], due: dates.DueDate, by: User, reason: str, now: datetime
) -> Outcome:
    """Give every item the new due date. From a list only the chosen items move: an item whose
    deadline is shared with others gets a deadline of its own (the item page moves a shared
    deadline for all its items)."""
    undo = []
    for item in items:
        _check_movable(item)
        undo.append(_snapshot(item, MOVE))
        deadline_services.action_item_move_deadline(item=item, due=due, by=by, reason=reason, now=now)
    return Outcome(items=items, undo={"kind": MOVE, "changes": undo})


def _undo_one(change: dict[str, Any], *, item: ActionItem, by: User, now: datetime) -> None:
    if change["kind"] == DONE:
        services.action_item_set_status(
            item=item, status=change["status"], by=by, now=now, note=str(_("Undone"))
        )
    elif change["kind"] == REASSIGN:
        owner = User.objects.filter(pk=change["owner"]).first() if change["owner"] else None
        services.action_item_reassign(item=item, owner=owner, by=by, now=now, reason=str(_("Undone")))
    else:
        old = Deadline.objects.filter(pk=change["deadline"]).first()
        if old is None:
            raise ValidationError(NOTHING_TO_UNDO, code="gone")
        if item.deadline_id == old.pk:  # moved in place: move it back
            due = dates.DueDate(date.fromisoformat(change["on"]), change["precision"])
            deadline_services.deadline_move(deadline=old, to=due, by=by, now=now, reason=str(_("Undone")))
        else:  # the item got a deadline of its own: hang it on the old one again
            services.action_item_update(
                item=item, changes={"deadline": old}, by=by, now=now, reason=str(_("Undone"))
            )


@transaction.atomic
def undo_apply(
    *, undo: dict[str, Any] | None, items: dict[int, ActionItem], by: User, now: datetime
) -> list[ActionItem]:
    """Take back a change recorded by one of the functions above. `items`: the recorded items
    the user may still manage, by id; one missing refuses the undo as a whole."""
    if not undo or not undo.get("changes"):
        raise ValidationError(NOTHING_TO_UNDO, code="nothing")
    done = []
    for change in undo["changes"]:
        item = items.get(change["item"])
        if item is None:
            raise ValidationError(NOTHING_TO_UNDO, code="gone")
        _undo_one(change, item=item, by=by, now=now)
        done.append(item)
    return done
