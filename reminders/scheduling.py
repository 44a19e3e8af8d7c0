"""Which reminders each action item owes: the policy it follows, its recipients, and when the
sweep must next look at it (ActionItem.next_reminder_at).

actions/services.py and actions/deadline_services.py call item_reschedule from every write
that changes what an item's reminders depend on; the sweep and delivery (reminders/delivery.py)
read the same policy and recipients from here. The planning itself is the pure
followup_dates/reminder_plan.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Q, Value, When

from accounts.models import User
from actions.models import ActionItem
from followup_dates import reminder_plan as planner
from meetings.models import Participant, head_of_delegation
from reminders.models import Reminder, ReminderPolicy, ReminderState

# The flow (README "Reminders"): services keep ActionItem.next_reminder_at; the sweep
# reads only items whose instant has passed, writes Reminder rows (the unique key makes
# a second sweep a no-op) and queues delivery after commit; delivery claims rows with a
# conditional UPDATE, sends one email per recipient and send time, and records the result.
# Retries never use Celery countdowns: a failed attempt leaves the row pending with
# next_attempt_at in the future and the sweep queues it again then.

DEFAULT_POLICY_VALUES = {
    "name": "Default",
    "days_before": [7, 3, 1],
    "on_due_day": True,
    "overdue_every_days": 2,
    "overdue_max_days": 30,
    "escalate_after_days": 3,
    "send_hour": 9,
    "quiet_after_hour": 21,
}


def reminder_setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def reminder_policy_default() -> ReminderPolicy:
    """The shipped default policy (recreated if someone deleted it)."""
    policy, _created = ReminderPolicy.objects.get_or_create(is_default=True, defaults=DEFAULT_POLICY_VALUES)
    return policy


def policy_row(item: ActionItem, default: ReminderPolicy) -> ReminderPolicy:
    if item.reminder_policy_id:
        return item.reminder_policy
    try:
        return item.meeting.reminder_policy
    except ReminderPolicy.DoesNotExist:
        return default


@dataclass(frozen=True)
class _Target:
    """A planner recipient plus where the mail goes."""

    recipient: planner.Recipient
    user: User | None
    email: str


def _user_target(user: User, role: planner.Role) -> _Target | None:
    if not user.is_active or not user.email:
        return None
    return _Target(
        planner.Recipient(
            key=f"user:{user.pk}",
            zone=user.time_zone,
            role=role,
            optional_opt_out=not user.optional_reminders,
        ),
        user,
        user.email,
    )


def heads_by_meeting(meeting_ids: Iterable[int]) -> dict[int, list[User]]:
    heads: dict[int, list[User]] = defaultdict(list)
    for participant in Participant.objects.filter(
        head_of_delegation(), meeting_id__in=set(meeting_ids), user__isnull=False
    ).select_related("user"):
        heads[participant.meeting_id].append(participant.user)
    return heads


def reminder_targets(item: ActionItem, heads: Sequence[User]) -> list[_Target]:
    """Owner, watchers, and for escalation the heads of delegation and the focal point."""
    targets: dict[str, _Target] = {}

    def add(target: _Target | None) -> None:
        if target is not None:
            targets.setdefault(f"{target.recipient.role}:{target.recipient.key}", target)

    if item.owner is not None:
        add(_user_target(item.owner, planner.Role.OWNER))
    for watcher in item.watchers.all():
        if watcher.pk != item.owner_id:
            add(_user_target(watcher, planner.Role.WATCHER))
    for head in heads:
        add(_user_target(head, planner.Role.ESCALATION))
    responsible = item.responsible
    if responsible is not None and responsible.focal_point_email:
        address = responsible.focal_point_email.strip().lower()
        add(
            _Target(
                planner.Recipient(
                    key=f"email:{address}",
                    zone=responsible.time_zone or settings.TIME_ZONE,
                    role=planner.Role.ESCALATION,
                ),
                None,
                responsible.focal_point_email,
            )
        )
    return list(targets.values())


def planning_inputs(item: ActionItem, heads: Sequence[User]):
    if not item.is_open or item.deadline is None:
        return None
    return item.deadline.due_at, reminder_targets(item, heads)


@transaction.atomic
def item_reschedule(
    *, item: ActionItem, now: datetime, default_policy: ReminderPolicy | None = None
) -> datetime | None:
    """Recompute when the sweep must next look at `item`; cancel rows that no longer apply.

    Called by every service that changes status, deadline, owner, watchers or policy.
    The instant is the earliest planned slot not yet written (after the latest one
    written for that recipient), independent of the wall clock, so a sweep run
    `--as-of` a past instant still finds it. Unsent rows for a closed item, an old due
    instant or a former recipient are cancelled; sent rows stay as history.
    """
    item.refresh_from_db()
    return item_reschedule_after_write(item=item, default_policy=default_policy)


def _policy_for(item: ActionItem) -> ReminderPolicy:
    """The item's policy, else its meeting's, else the default: one query (two if the
    default must be created)."""
    if item.reminder_policy_id:
        return item.reminder_policy
    rows = list(ReminderPolicy.objects.filter(Q(meeting_id=item.meeting_id) | Q(is_default=True)))
    own = [row for row in rows if row.meeting_id == item.meeting_id]
    default = [row for row in rows if row.is_default]
    return (own or default or [reminder_policy_default()])[0]


def item_reschedule_after_write(
    *, item: ActionItem, default_policy: ReminderPolicy | None = None
) -> datetime | None:
    """item_reschedule for an `item` the caller has just written (inside its transaction)."""
    if default_policy is None:
        policy = _policy_for(item).to_policy()
    else:
        policy = policy_row(item, default_policy).to_policy()
    inputs = planning_inputs(item, heads_by_meeting([item.meeting_id])[item.meeting_id])
    unsent = Reminder.objects.filter(item=item, state=ReminderState.PENDING)
    if inputs is None:
        unsent.update(state=ReminderState.CANCELLED, last_error="item closed or undated")
        next_at = None
    else:
        due_at, targets = inputs
        keys = {t.recipient.key for t in targets}
        unsent.filter(~Q(due_at=due_at) | ~Q(recipient_key__in=keys)).update(
            state=ReminderState.CANCELLED,
            last_error=Case(
                When(~Q(due_at=due_at), then=Value("deadline moved")), default=Value("no longer a recipient")
            ),
        )
        written: dict[str, set[str]] = defaultdict(set)
        latest: dict[str, datetime] = {}
        for key, slot_key, send_at in (
            Reminder.objects.filter(item=item, due_at=due_at)
            .exclude(state=ReminderState.CANCELLED)
            .values_list("recipient_key", "slot_key", "send_at")
        ):
            written[key].add(slot_key)
            latest[key] = max(send_at, latest.get(key, send_at))
        candidates = []
        for target in targets:
            key = target.recipient.key
            for slot in planner.planned_slots(due_at=due_at, policy=policy, recipient=target.recipient):
                if slot.optional and target.recipient.optional_opt_out:
                    continue
                if slot.key in written[key] or (key in latest and slot.send_at <= latest[key]):
                    continue
                candidates.append(slot.send_at)
                break
        next_at = min(candidates, default=None)
    if item.next_reminder_at != next_at:
        ActionItem.objects.filter(pk=item.pk).update(next_reminder_at=next_at)
        item.next_reminder_at = next_at
    return next_at


def reminders_reschedule_items(*, items: Iterable[ActionItem], now: datetime) -> int:
    """Reschedule many items (after loading data or editing a policy)."""
    default = reminder_policy_default()
    count = 0
    for item in items:
        item_reschedule(item=item, now=now, default_policy=default)
        count += 1
    return count


@transaction.atomic
def reminder_policy_save(*, policy: ReminderPolicy, now: datetime) -> ReminderPolicy:
    """Save a policy (from the admin) and reschedule every open item that follows it."""
    policy.full_clean()
    policy.save()
    items = ActionItem.objects.open()
    if policy.is_default:
        items = items.filter(reminder_policy__isnull=True)
    elif policy.meeting_id:
        items = items.filter(
            Q(reminder_policy=policy) | Q(meeting_id=policy.meeting_id, reminder_policy__isnull=True)
        )
    else:
        items = items.filter(reminder_policy=policy)
    reminders_reschedule_items(items=items, now=now)
    return policy


@transaction.atomic
def user_optional_reminders_off(*, user: User, now: datetime) -> User:
    """One-click unsubscribe: no more "before" reminders; cancel the unsent ones."""
    if user.optional_reminders:
        user.optional_reminders = False
        user.save(update_fields=["optional_reminders"])
    Reminder.objects.filter(user=user, optional=True, state=ReminderState.PENDING).update(
        state=ReminderState.CANCELLED, last_error="recipient opted out"
    )
    reminders_reschedule_for_user(user=user, now=now)
    return user


def reminders_reschedule_for_user(*, user: User, now: datetime) -> int:
    """After a change to what or when a person is reminded (opt-in/out, time zone):
    every open item they own, watch, or would be escalated about (as head of delegation)."""
    headed = Participant.objects.filter(head_of_delegation(user)).values("meeting")
    items = (
        ActionItem.objects.open().filter(Q(owner=user) | Q(watchers=user) | Q(meeting__in=headed)).distinct()
    )
    return reminders_reschedule_items(items=items, now=now)
