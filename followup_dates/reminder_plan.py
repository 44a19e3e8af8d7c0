"""Decide which reminders one action item owes its recipients at one instant.

The pure core of "How a reminder travels" (DESIGN.md): plain values in (a due
instant, a status, a policy, recipients, ``now``), plain values out. No Django,
no database, no clock; the sweep, the services and the delivery task own those.

Terms used below:

*slot*
    One planned reminder for one recipient, sent at ``send_hour`` local time on
    its day: ``before-7``, ``due``, ``overdue-4``, ``escalation-3``.
*live*
    A slot is worth sending from its ``send_at`` until the local day of the next
    slot in that recipient's plan begins: "due in 3 days" is stale once the
    "due tomorrow" day has started. So a scheduler that was down over several
    slots sends only the latest live one, once. The last ordinary slot is live
    for one repeat interval, never beyond day ``overdue_max_days``. The
    escalation slot stays live until the overdue reminders stop, so the head of
    delegation still hears about an item if the scheduler was down on day +3.
*send hours*
    ``[send_hour, quiet_after_hour)`` in the recipient's zone. Nothing is sent
    outside them; a catch-up found at 03:00 waits for the next ``send_hour``.

Slot keys carry the recipient's local due day (``before-7@2025-03-13``). The
unique constraint on (item, recipient, slot key) then makes a second sweep
write nothing, while moving a deadline yields new keys, so the owner is
reminded of the new date rather than silenced by rows written for the old one.

Opt-out: ``optional`` means the "before" slots only. A user who opts out still
hears on the due day and while the item is overdue, because those say the work
is late; escalations are never optional.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

CLOSED_STATUSES = frozenset({"done", "dropped"})


@dataclass(frozen=True)
class Policy:
    """When to remind; mirrors the ReminderPolicy row. Invalid values raise ValueError."""

    days_before: tuple[int, ...] = (7, 3, 1)
    on_due_day: bool = True
    overdue_every_days: int = 2  # 0 = no overdue repeats
    # Stop after this many days late: a demanding user does not want infinite mail.
    overdue_max_days: int = 30
    escalate_after_days: int | None = 3  # None = never escalate
    send_hour: int = 9  # local hour in the recipient's zone
    # A catch-up is never sent at/after this local hour nor before send_hour.
    quiet_after_hour: int = 21

    def __post_init__(self) -> None:
        # Accept a list (a JSONField gives one) but keep the dataclass hashable.
        object.__setattr__(self, "days_before", tuple(self.days_before))
        if any(days < 1 for days in self.days_before):
            raise ValueError(f"days_before must be positive: {self.days_before}")
        if len(set(self.days_before)) != len(self.days_before):
            # Two slots would share a key and the second would never be sent.
            raise ValueError(f"days_before has duplicates: {self.days_before}")
        if self.overdue_every_days < 0 or self.overdue_max_days < 0:
            raise ValueError("overdue_every_days and overdue_max_days must be >= 0")
        if self.escalate_after_days is not None and self.escalate_after_days < 0:
            raise ValueError("escalate_after_days must be >= 0 or None")
        if not 0 <= self.send_hour < self.quiet_after_hour <= 24:
            raise ValueError("need 0 <= send_hour < quiet_after_hour <= 24")


DEFAULT_POLICY = Policy()


class Role(StrEnum):
    OWNER = "owner"
    WATCHER = "watcher"
    ESCALATION = "escalation"  # head of delegation, the responsible body's focal point


@dataclass(frozen=True)
class Recipient:
    key: int | str  # user id
    zone: str  # IANA zone
    role: Role
    # True = no optional ("before") slots; due-day, overdue and escalation still come.
    optional_opt_out: bool = False


@dataclass(frozen=True)
class Slot:
    key: str  # stable per recipient and due day, e.g. "before-7@2025-03-13"
    kind: str  # "before" | "due" | "overdue" | "escalation"
    days: int  # signed days relative to the due day (-7, 0, +2, ...)
    send_at: datetime  # aware, UTC: send_hour local on that day in the recipient's zone
    optional: bool  # may the user opt out of it: only "before" slots


@dataclass(frozen=True)
class _Planned:
    slot: Slot
    stale_on: date  # first local day on which the slot is no longer worth sending


def due_day_for(due_at: datetime, zone: str) -> date:
    """The calendar day of the due instant in ``zone``.

    A Singapore 23:59 deadline on 13 March is 13 March in Taipei and in New York
    (11:59), but 14 March in Seoul.
    """
    _require_aware(due_at, "due_at")
    try:
        return due_at.astimezone(ZoneInfo(zone)).date()
    except OverflowError:  # 31 Dec 9999 in Singapore is already year 10000 in Tokyo
        return date.max


def reader_due_day(due_at: datetime, zone: str, send_hour: int) -> date:
    """The reader's due day: the last local day whose send hour comes before the deadline.

    Usually the calendar day of the due instant (``due_day_for``). But a Singapore 23:59
    deadline ends at 00:59 in Seoul: reminding "due today" at 09:00 on 14 March would come
    eight hours late, so for that reader the due day is 13 March.
    """
    day = due_day_for(due_at, zone)
    if day != date.max and _local_hour(day, send_hour, ZoneInfo(zone)) >= due_at:
        return day - timedelta(days=1)
    return day


def countdown(*, due_at: datetime, due_day: date, now: datetime, zone: str) -> tuple[str, int]:
    """What a reminder sent at ``now`` must say, whatever slot it was planned for.

    ``("due", n)``: due in n days (0: today); ``("overdue", n)``: n days late (0: the
    deadline passed earlier today). A catch-up sent late names the time left, not the slot:
    a "7 days before" reminder mailed two days late says "due in 5 days".
    """
    _require_aware(now, "now")
    today = now.astimezone(ZoneInfo(zone)).date()
    if now < due_at:
        return "due", max((due_day - today).days, 0)
    return "overdue", max((today - due_day).days, 0)


def planned_slots(*, due_at: datetime, policy: Policy, recipient: Recipient) -> list[Slot]:
    """Every slot for ``recipient``, in time order, ignoring status, opt-out and ``now``.

    Owners and watchers get before/due/overdue slots; ESCALATION recipients get
    the escalation slot only (none when the policy never escalates).
    """
    return [planned.slot for planned in _plan(due_at, policy, recipient)]


def slots_due(
    *,
    due_at: datetime | None,
    status: str,
    policy: Policy,
    recipients: Sequence[Recipient],
    now: datetime,
) -> list[tuple[Recipient, Slot]]:
    """What the sweep should write at ``now``: per recipient, the latest live slot.

    Earlier slots are superseded. Nothing for closed or undated items, nothing
    for a recipient whose local time is outside the send hours, no optional
    slots for recipients who opted out. Returning a slot already written is
    expected (between slots the latest one stays live); the unique key makes
    the second write a no-op.
    """
    _require_aware(now, "now")
    if due_at is None or status in CLOSED_STATUSES:
        return []
    due: list[tuple[Recipient, Slot]] = []
    for recipient in recipients:
        zone = ZoneInfo(recipient.zone)
        if _next_send_start(now, policy, zone) is not None:
            continue  # quiet hours for this reader
        slot = _latest_live(_wanted_plan(due_at, policy, recipient), now, zone)
        if slot is not None:
            due.append((recipient, slot))
    return due


def next_reminder_at(
    *,
    due_at: datetime | None,
    status: str,
    policy: Policy,
    recipients: Sequence[Recipient],
    now: datetime,
) -> datetime | None:
    """The earliest instant after ``now`` at which ``slots_due`` may return something new.

    That is the next ``send_at`` over all recipients' wanted slots, or, for a
    recipient in quiet hours whose latest slot is still live, the next
    ``send_hour`` (when the catch-up may go out). It may be early (the sweep
    then finds its rows already written) but never late. None when nothing
    remains: closed item, no deadline, past ``overdue_max_days`` and the
    escalation.

    Contract with the callers: the sweep stores this right after writing
    ``slots_due`` for the same ``now``. A service that creates an item or
    changes its due date or status should store ``now`` instead (or run the
    sweep's two steps itself), so a slot already due is not skipped.
    """
    _require_aware(now, "now")
    if due_at is None or status in CLOSED_STATUSES:
        return None
    candidates: list[datetime] = []
    for recipient in recipients:
        zone = ZoneInfo(recipient.zone)
        plan = _wanted_plan(due_at, policy, recipient)
        upcoming = next((p.slot.send_at for p in plan if p.slot.send_at > now), None)
        if upcoming is not None:
            candidates.append(upcoming)
        # In quiet hours a live slot may not have gone out yet: look again when
        # the reader's send hours open. Cheap if it was already sent.
        opens_at = _next_send_start(now, policy, zone)
        if opens_at is not None and _latest_live(plan, opens_at, zone) is not None:
            candidates.append(opens_at)
    return min(candidates, default=None)


@lru_cache(maxsize=4096)
def _plan(due_at: datetime, policy: Policy, recipient: Recipient) -> tuple[_Planned, ...]:
    # Cached: a pure function of hashable values; the sweep asks twice per recipient
    # (slots_due, next_reminder_at) and many items share a deadline and an owner.
    zone = ZoneInfo(recipient.zone)
    due_on = reader_due_day(due_at, recipient.zone, policy.send_hour)

    def planned(kind: str, days: int, stale_days: int) -> _Planned | None:
        name = kind if kind == "due" else f"{kind}-{abs(days)}"
        try:
            send_at = _local_hour(due_on + timedelta(days=days), policy.send_hour, zone)
        except OverflowError:  # a day past 9999-12-31: no calendar has it, nobody waits
            return None
        slot = Slot(
            key=f"{name}@{due_on.isoformat()}",
            kind=kind,
            days=days,
            send_at=send_at,
            optional=kind == "before",
        )
        try:
            stale_on = due_on + timedelta(days=stale_days)
        except OverflowError:
            stale_on = date.max
        return _Planned(slot, stale_on)

    if recipient.role == Role.ESCALATION:
        if policy.escalate_after_days is None:
            return ()
        days = policy.escalate_after_days
        escalation = planned("escalation", days, max(days, policy.overdue_max_days) + 1)
        return () if escalation is None else (escalation,)

    offsets = [("before", -days) for days in sorted(policy.days_before, reverse=True)]
    if policy.on_due_day:
        offsets.append(("due", 0))
    if policy.overdue_every_days:
        every = policy.overdue_every_days
        offsets += [("overdue", days) for days in range(every, policy.overdue_max_days + 1, every)]
    if not offsets:
        return ()
    # Each slot goes stale when the next one's day begins; the last one after one
    # repeat interval, but never past overdue_max_days (and not before its own day ends).
    last = offsets[-1][1]
    last_stale = max(last + 1, min(last + (policy.overdue_every_days or 1), policy.overdue_max_days + 1))
    stale_days = [days for _, days in offsets[1:]] + [last_stale]
    slots = (planned(kind, days, stale) for (kind, days), stale in zip(offsets, stale_days, strict=True))
    return tuple(slot for slot in slots if slot is not None)


def _wanted_plan(due_at: datetime, policy: Policy, recipient: Recipient) -> Sequence[_Planned]:
    plan = _plan(due_at, policy, recipient)
    if recipient.optional_opt_out:
        # Dropping slots does not move the others' staleness: that belongs to the
        # full plan, and opting out only removes the leading "before" slots.
        return [p for p in plan if not p.slot.optional]
    return plan


def _latest_live(plan: Sequence[_Planned], now: datetime, zone: ZoneInfo) -> Slot | None:
    latest = None
    for planned in plan:  # in time order
        if planned.slot.send_at > now:
            break
        latest = planned
    # Earlier slots go stale no later than the latest one, so checking it suffices.
    if latest is None or now.astimezone(zone).date() >= latest.stale_on:
        return None
    return latest.slot


def _next_send_start(now: datetime, policy: Policy, zone: ZoneInfo) -> datetime | None:
    """None if ``now`` is within the send hours in ``zone``, else when they next open."""
    today = now.astimezone(zone).date()
    opens_at = _local_hour(today, policy.send_hour, zone)
    if now < opens_at:
        return opens_at
    if now < _local_hour(today, policy.quiet_after_hour, zone):
        return None
    return _local_hour(today + timedelta(days=1), policy.send_hour, zone)


def _local_hour(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """``hour``:00 on ``day`` in ``zone`` as a UTC instant; hour 24 is the next midnight.

    A wall time inside a DST gap resolves (fold=0) to a real instant after the
    jump (02:30 on a New York spring-forward day is 03:30 EDT), so the slot is
    late by the gap, never dropped. Slots and send hours both use this function,
    so a slot's send_at always opens its day's send hours.
    """
    if hour == 24:
        day, hour = day + timedelta(days=1), 0
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {value!r}")
