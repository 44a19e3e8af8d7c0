"""Table tests for the pure reminder planner: which reminder goes out when, once."""

from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from followup_dates.reminder_plan import (
    DEFAULT_POLICY,
    Policy,
    Recipient,
    Role,
    countdown,
    due_day_for,
    next_reminder_at,
    planned_slots,
    reader_due_day,
    slots_due,
)
from tests.followup_dates.conftest import ACS_DUE_AT, NEW_YORK, OWNER, TAIPEI, next_at, tpe, utc

# Our comments on the Strategic Action Plan (DESIGN.md), next to the ACS upload (conftest).
SAP_DUE_AT = datetime(2025, 3, 27, 23, 59, 59, tzinfo=TAIPEI)
DST_DUE_AT = datetime(2025, 3, 10, 23, 59, 59, tzinfo=NEW_YORK)  # DST began 9 March
APRIL_DUE_AT = datetime(2025, 4, 30, 23, 59, 59, tzinfo=TAIPEI)  # "114 年 4 月底", month precision

OWNER_OPTED_OUT = Recipient(key=2, zone="Asia/Taipei", role=Role.OWNER, optional_opt_out=True)
WATCHER_NY = Recipient(key=3, zone="America/New_York", role=Role.WATCHER)
WATCHER_SEOUL = Recipient(key=4, zone="Asia/Seoul", role=Role.WATCHER)
HEAD = Recipient(key=9, zone="Asia/Taipei", role=Role.ESCALATION)
HEAD_OPTED_OUT = Recipient(key=10, zone="Asia/Taipei", role=Role.ESCALATION, optional_opt_out=True)


def sap_day(days: int, hour: int) -> datetime:
    """``hour``:00 Taipei time, ``days`` days from the SAP due day (27 March)."""
    return tpe(2025, 3, 27, hour) + timedelta(days=days)


def due(
    due_at: datetime | None, recipients: list[Recipient], now: datetime, status: str = "open"
) -> list[tuple[int | str, str]]:
    """slots_due under the default policy, as (recipient key, slot key) pairs."""
    pairs = slots_due(due_at=due_at, status=status, policy=DEFAULT_POLICY, recipients=recipients, now=now)
    return [(recipient.key, slot.key) for recipient, slot in pairs]


# --- the worked example (issue text) ---------------------------------------------


def test_worked_example() -> None:
    at = datetime.fromisoformat

    assert due(ACS_DUE_AT, [OWNER], at("2025-03-06T09:05+08:00")) == [(1, "before-7@2025-03-13")]
    assert due(ACS_DUE_AT, [OWNER], at("2025-03-12T09:05+08:00")) == [(1, "before-1@2025-03-13")]
    assert due(ACS_DUE_AT, [OWNER], at("2025-03-12T09:05+08:00"), status="done") == []

    assert due(SAP_DUE_AT, [OWNER, HEAD], at("2025-03-29T09:05+08:00")) == [(1, "overdue-2@2025-03-27")]
    assert due(SAP_DUE_AT, [OWNER, HEAD], at("2025-03-30T09:05+08:00")) == [
        (1, "overdue-2@2025-03-27"),  # already written on the 29th: the unique key drops it
        (9, "escalation-3@2025-03-27"),
    ]


# --- due day and plan -------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_at", "zone", "expected"),
    [
        pytest.param(ACS_DUE_AT, "Asia/Taipei", date(2025, 3, 13), id="sg-23:59-in-taipei"),
        pytest.param(ACS_DUE_AT, "America/New_York", date(2025, 3, 13), id="11:59-in-new-york"),
        pytest.param(ACS_DUE_AT, "Asia/Seoul", date(2025, 3, 14), id="00:59-next-day-in-seoul"),
        pytest.param(APRIL_DUE_AT, "Asia/Taipei", date(2025, 4, 30), id="month-end"),
        pytest.param(APRIL_DUE_AT - timedelta(days=61), "Asia/Taipei", date(2025, 2, 28), id="feb"),
    ],
)
def test_due_day_for(due_at: datetime, zone: str, expected: date) -> None:
    assert due_day_for(due_at, zone) == expected


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2025, 3, 13, 23, 59)
    with pytest.raises(ValueError, match="aware"):
        due_day_for(naive, "Asia/Taipei")
    with pytest.raises(ValueError, match="aware"):
        due(ACS_DUE_AT, [OWNER], naive)


def test_default_plan_for_an_owner() -> None:
    slots = planned_slots(due_at=ACS_DUE_AT, policy=DEFAULT_POLICY, recipient=OWNER)

    before = ["before-7@2025-03-13", "before-3@2025-03-13", "before-1@2025-03-13"]
    overdue = [f"overdue-{n}@2025-03-13" for n in range(2, 31, 2)]
    assert [s.key for s in slots] == [*before, "due@2025-03-13", *overdue]
    assert [s.days for s in slots[:5]] == [-7, -3, -1, 0, 2]
    assert [s.kind for s in slots[2:5]] == ["before", "due", "overdue"]
    assert [s.optional for s in slots[2:5]] == [True, False, False]
    assert slots[0].send_at == utc(2025, 3, 6, 1)  # 09:00 Taipei
    assert slots[-1].send_at == tpe(2025, 4, 12, 9)  # day +30
    assert all(s.send_at.tzinfo is UTC for s in slots)


@pytest.mark.parametrize(
    ("policy", "recipient", "expected"),
    [
        pytest.param(DEFAULT_POLICY, HEAD, ["escalation-3"], id="escalation-recipient"),
        pytest.param(Policy(escalate_after_days=None), HEAD, [], id="never-escalate"),
        pytest.param(
            Policy(days_before=[1, 3], overdue_every_days=0),
            OWNER,
            ["before-3", "before-1", "due"],
            id="list-in-any-order-no-overdue",
        ),
        pytest.param(
            Policy(days_before=(), on_due_day=False, overdue_every_days=5, overdue_max_days=12),
            OWNER,
            ["overdue-5", "overdue-10"],
            id="overdue-only",
        ),
    ],
)
def test_plan_shapes(policy: Policy, recipient: Recipient, expected: list[str]) -> None:
    slots = planned_slots(due_at=ACS_DUE_AT, policy=policy, recipient=recipient)
    assert [s.key for s in slots] == [f"{name}@2025-03-13" for name in expected]
    assert all(not s.optional for s in slots if s.kind == "escalation")


@pytest.mark.parametrize(
    ("slot_key", "send_at"),
    [
        # New York moved to EDT on 9 March: 09:00 local is 14:00 UTC before, 13:00 UTC after.
        pytest.param("before-7@2025-03-10", utc(2025, 3, 3, 14), id="before-7-est"),
        pytest.param("before-3@2025-03-10", utc(2025, 3, 7, 14), id="before-3-est"),
        pytest.param("before-1@2025-03-10", utc(2025, 3, 9, 13), id="before-1-edt"),
        pytest.param("due@2025-03-10", utc(2025, 3, 10, 13), id="due-edt"),
    ],
)
def test_send_instants_across_dst(slot_key: str, send_at: datetime) -> None:
    slots = planned_slots(due_at=DST_DUE_AT, policy=DEFAULT_POLICY, recipient=WATCHER_NY)
    assert {s.key: s.send_at for s in slots}[slot_key] == send_at


@pytest.mark.parametrize(
    ("recipient", "slot_key", "send_at"),
    [
        # One Singapore deadline: each reader is reminded at 09:00 on their own due day.
        pytest.param(OWNER, "due@2025-03-13", utc(2025, 3, 13, 1), id="taipei"),
        pytest.param(WATCHER_NY, "due@2025-03-13", utc(2025, 3, 13, 13), id="new-york"),
        # Seoul: the deadline ends at 00:59 on 14 March, so its due day is 13 March (09:00
        # on 14 March would be eight hours late).
        pytest.param(WATCHER_SEOUL, "due@2025-03-13", utc(2025, 3, 13, 0), id="seoul"),
    ],
)
def test_send_instants_across_zones(recipient: Recipient, slot_key: str, send_at: datetime) -> None:
    slots = planned_slots(due_at=ACS_DUE_AT, policy=DEFAULT_POLICY, recipient=recipient)
    assert {s.key: s.send_at for s in slots}[slot_key] == send_at


# --- what the sweep writes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(tpe(2025, 3, 6, 9), "before-7", id="exactly-on-offset"),
        pytest.param(tpe(2025, 3, 6, 8, 59, 59), None, id="a-second-early"),
        pytest.param(tpe(2025, 3, 8, 10), "before-7", id="between-offsets-latest-stays-due"),
        pytest.param(tpe(2025, 3, 11, 10), "before-3", id="downtime-latest-only"),
        pytest.param(tpe(2025, 3, 13, 9), "due", id="due-day"),
        pytest.param(tpe(2025, 3, 14, 10), "due", id="day+1-due-still-live"),
        # Quiet hours in the reader's zone; a catch-up waits for the morning.
        pytest.param(tpe(2025, 3, 11, 3), None, id="quiet-03:00"),
        pytest.param(tpe(2025, 3, 11, 21), None, id="quiet-from-21:00"),
        pytest.param(tpe(2025, 3, 11, 20, 59), "before-3", id="not-yet-quiet-20:59"),
    ],
)
def test_what_the_owner_gets(now: datetime, expected: str | None) -> None:
    assert due(ACS_DUE_AT, [OWNER], now) == ([(1, f"{expected}@2025-03-13")] if expected else [])


@pytest.mark.parametrize(
    ("due_at", "status"),
    [
        pytest.param(ACS_DUE_AT, "done", id="done"),
        pytest.param(ACS_DUE_AT, "dropped", id="dropped"),
        pytest.param(None, "open", id="no-deadline"),
    ],
)
@pytest.mark.parametrize(
    "now", [tpe(2025, 3, 6, 9), tpe(2025, 3, 13, 9), tpe(2025, 3, 16, 9)], ids=["-7", "0", "+3"]
)
def test_closed_or_undated_items_get_nothing(due_at: datetime | None, status: str, now: datetime) -> None:
    assert due(due_at, [OWNER, HEAD], now, status=status) == []
    assert next_at(due_at, [OWNER, HEAD], now, status=status) is None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Readers outside their send hours (Taipei 08:05, New York 21:05) get nothing yet.
        pytest.param(
            utc(2025, 3, 13, 0, 5),
            [(3, "before-1@2025-03-13"), (4, "due@2025-03-13")],
            id="seoul-09:05-new-york-20:05",
        ),
        pytest.param(
            utc(2025, 3, 13, 1, 5),
            [(1, "due@2025-03-13"), (4, "due@2025-03-13")],
            id="taipei-09:05-seoul-10:05",
        ),
        pytest.param(utc(2025, 3, 13, 13, 5), [(3, "due@2025-03-13")], id="new-york-09:05"),
        pytest.param(
            # The deadline passed at 00:59 in Seoul: the due-day slot is still the latest
            # (the email then says it is a day late), never a "due today" on the 14th.
            utc(2025, 3, 14, 0, 5),
            [(3, "due@2025-03-13"), (4, "due@2025-03-13")],
            id="seoul-the-morning-after",
        ),
    ],
)
def test_each_reader_in_their_own_zone(now: datetime, expected: list[tuple[int, str]]) -> None:
    assert due(ACS_DUE_AT, [OWNER, WATCHER_NY, WATCHER_SEOUL], now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(utc(2025, 3, 7, 14), "before-3", id="before-3-at-14:00-utc"),
        pytest.param(utc(2025, 3, 9, 12, 59), None, id="08:59-edt-is-quiet"),
        pytest.param(utc(2025, 3, 9, 13), "before-1", id="before-1-at-13:00-utc"),
    ],
)
def test_across_dst(now: datetime, expected: str | None) -> None:
    assert due(DST_DUE_AT, [WATCHER_NY], now) == ([(3, f"{expected}@2025-03-10")] if expected else [])


def test_month_precision_deadline_ends_on_the_last_day() -> None:
    assert due(APRIL_DUE_AT, [OWNER], tpe(2025, 4, 29, 9)) == [(1, "before-1@2025-04-30")]
    assert due(APRIL_DUE_AT, [OWNER], tpe(2025, 4, 30, 9)) == [(1, "due@2025-04-30")]


@pytest.mark.parametrize(
    ("recipient", "days", "expected"),
    [
        pytest.param(OWNER_OPTED_OUT, -7, None, id="no-before-7"),
        pytest.param(OWNER_OPTED_OUT, -1, None, id="no-before-1"),
        pytest.param(OWNER_OPTED_OUT, 0, "due", id="still-due"),
        pytest.param(OWNER_OPTED_OUT, 2, "overdue-2", id="still-overdue"),
        pytest.param(HEAD_OPTED_OUT, 3, "escalation-3", id="still-escalates"),
    ],
)
def test_opt_out_skips_the_before_slots_only(recipient: Recipient, days: int, expected: str | None) -> None:
    assert due(SAP_DUE_AT, [recipient], sap_day(days, 10)) == (
        [(recipient.key, f"{expected}@2025-03-27")] if expected else []
    )


@pytest.mark.parametrize(
    ("days", "hour", "owner_gets", "head_gets"),
    [
        pytest.param(2, 9, "overdue-2", None, id="day+2"),
        pytest.param(3, 10, "overdue-2", "escalation-3", id="day+3-escalates"),
        pytest.param(4, 9, "overdue-4", "escalation-3", id="day+4-same-escalation-key"),
        pytest.param(11, 12, "overdue-10", "escalation-3", id="day+11"),
        pytest.param(30, 9, "overdue-30", "escalation-3", id="day+30-last"),
        pytest.param(31, 9, None, None, id="day+31-nothing-more"),
        pytest.param(60, 9, None, None, id="day+60-nothing-more"),
    ],
)
def test_overdue_repeats_and_escalation(
    days: int, hour: int, owner_gets: str | None, head_gets: str | None
) -> None:
    wanted = [(OWNER.key, owner_gets), (HEAD.key, head_gets)]
    expected = [(key, f"{name}@2025-03-27") for key, name in wanted if name]
    assert due(SAP_DUE_AT, [OWNER, HEAD], sap_day(days, hour)) == expected


def test_moving_the_deadline_replans_from_the_new_date() -> None:
    now = tpe(2025, 3, 12, 10)
    moved_due_at = tpe(2025, 3, 20, 23, 59, 59)

    assert due(ACS_DUE_AT, [OWNER], now) == [(1, "before-1@2025-03-13")]
    # A week later: the old "before-1" is no longer due, nothing is until the new day -7.
    assert due(moved_due_at, [OWNER], now) == []
    assert next_at(moved_due_at, [OWNER], now) == tpe(2025, 3, 13, 9)
    # The new slots carry the new due day: rows written for the old date do not silence them.
    assert due(moved_due_at, [OWNER], tpe(2025, 3, 13, 9)) == [(1, "before-7@2025-03-20")]
    assert due(moved_due_at, [OWNER], tpe(2025, 3, 19, 9)) == [(1, "before-1@2025-03-20")]


# --- when the sweep must look again ------------------------------------------------


@pytest.mark.parametrize(
    ("recipients", "now", "expected"),
    [
        pytest.param([OWNER], tpe(2025, 3, 1, 10), tpe(2025, 3, 6, 9), id="before-first-slot"),
        pytest.param([OWNER], tpe(2025, 3, 6, 9), tpe(2025, 3, 10, 9), id="strictly-after"),
        pytest.param([OWNER], tpe(2025, 3, 8, 10), tpe(2025, 3, 10, 9), id="between-offsets"),
        # Quiet hours: a catch-up found at night goes out when the reader's morning starts.
        pytest.param([OWNER], tpe(2025, 3, 11, 3), tpe(2025, 3, 11, 9), id="catch-up-03:00"),
        pytest.param([OWNER], tpe(2025, 3, 11, 22), tpe(2025, 3, 12, 9), id="catch-up-22:00"),
        pytest.param([OWNER], tpe(2025, 3, 12, 3), tpe(2025, 3, 12, 9), id="slot-at-09:00"),
        # New York's before-1 (13:00 UTC on the 12th) comes before Taipei's due day.
        pytest.param([OWNER, WATCHER_NY], tpe(2025, 3, 12, 10), utc(2025, 3, 12, 13), id="zones"),
        pytest.param([OWNER_OPTED_OUT], tpe(2025, 3, 1, 10), tpe(2025, 3, 13, 9), id="opt-out"),
    ],
)
def test_next_reminder_at(recipients: list[Recipient], now: datetime, expected: datetime | None) -> None:
    assert next_at(ACS_DUE_AT, recipients, now) == expected


@pytest.mark.parametrize(
    ("recipients", "days", "expected_days"),
    [
        pytest.param([HEAD], 1, 3, id="head-waits-for-day+3"),
        pytest.param([HEAD], 3, None, id="escalates-once"),
        pytest.param([OWNER], 28, 30, id="last-repeat"),
        pytest.param([OWNER, HEAD], 30, None, id="past-overdue-max"),
    ],
)
def test_next_reminder_at_when_overdue(
    recipients: list[Recipient], days: int, expected_days: int | None
) -> None:
    expected = None if expected_days is None else sap_day(expected_days, 9)
    assert next_at(SAP_DUE_AT, recipients, sap_day(days, 10)) == expected


def test_scheduler_down_for_days_sends_each_missed_reminder_once() -> None:
    """Down from day -8 to day -2 10:00: at restart only before-3, then the rest on time."""
    ticks = [tpe(2025, 3, 1) + timedelta(minutes=15 * n) for n in range(4 * 24 * 20)]
    ticks = [t for t in ticks if not tpe(2025, 3, 5) <= t < tpe(2025, 3, 11, 10)]

    written = sweep(ACS_DUE_AT, DEFAULT_POLICY, [OWNER, HEAD], ticks, indexed=True)

    assert [(key, slot_key, at) for (key, slot_key), at in written.items()] == [
        (1, "before-3@2025-03-13", tpe(2025, 3, 11, 10)),
        (1, "before-1@2025-03-13", tpe(2025, 3, 12, 9)),
        (1, "due@2025-03-13", tpe(2025, 3, 13, 9)),
        (1, "overdue-2@2025-03-13", tpe(2025, 3, 15, 9)),
        (9, "escalation-3@2025-03-13", tpe(2025, 3, 16, 9)),
        (1, "overdue-4@2025-03-13", tpe(2025, 3, 17, 9)),
        (1, "overdue-6@2025-03-13", tpe(2025, 3, 19, 9)),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"days_before": (0,)}, "positive", id="zero-offset"),
        pytest.param({"days_before": (3, 3)}, "duplicates", id="duplicate-offset"),
        pytest.param({"overdue_every_days": -1}, "overdue", id="negative-repeat"),
        pytest.param({"overdue_max_days": -1}, "overdue", id="negative-max"),
        pytest.param({"escalate_after_days": -1}, "escalate", id="negative-escalation"),
        pytest.param({"send_hour": 21}, "send_hour", id="send-hour-in-quiet-hours"),
        pytest.param({"quiet_after_hour": 25}, "quiet_after_hour", id="past-midnight"),
    ],
)
def test_invalid_policies_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Policy(**kwargs)


# --- properties -----------------------------------------------------------------

ZONES = [
    "Asia/Taipei",
    "Asia/Seoul",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kathmandu",
    "Pacific/Auckland",
]


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    send_hour = draw(st.integers(0, 22))
    return Policy(
        days_before=tuple(draw(st.lists(st.integers(1, 10), unique=True, max_size=3))),
        on_due_day=draw(st.booleans()),
        overdue_every_days=draw(st.integers(0, 4)),
        overdue_max_days=draw(st.integers(0, 12)),
        escalate_after_days=draw(st.none() | st.integers(0, 6)),
        send_hour=send_hour,
        quiet_after_hour=draw(st.integers(send_hour + 1, 24)),
    )


recipient_lists = st.lists(
    st.builds(
        Recipient,
        key=st.integers(1, 1000),
        zone=st.sampled_from(ZONES),
        role=st.sampled_from(Role),
        optional_opt_out=st.booleans(),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda r: r.key,
)
due_instants = st.datetimes(
    min_value=datetime(2024, 1, 1),
    max_value=datetime(2027, 12, 31),
    timezones=st.sampled_from([ZoneInfo(z) for z in ZONES]),
)
# Short spans often: quiet-hour catch-ups hinge on what happens later the same day.
minutes = (st.integers(0, 60 * 48) | st.integers(0, 60 * 24 * 40)).map(lambda m: timedelta(minutes=m))


@settings(max_examples=300, deadline=None)
@given(policy=policies(), recipients=recipient_lists, due_at=due_instants, start=minutes, gap=minutes)
# A catch-up found at 03:00 on day -2 must go out at 09:00 that day, not on day -1.
@example(
    policy=DEFAULT_POLICY,
    recipients=[OWNER],
    due_at=ACS_DUE_AT,
    start=tpe(2025, 3, 11, 3) - (ACS_DUE_AT - timedelta(days=12)),
    gap=timedelta(hours=7),
)
def test_nothing_new_is_due_before_next_reminder_at(
    policy: Policy, recipients: list[Recipient], due_at: datetime, start: timedelta, gap: timedelta
) -> None:
    """The sweep may skip an item until next_reminder_at without missing anything."""
    now = due_at - timedelta(days=12) + start
    later = now + gap + timedelta(seconds=1)
    item = {"due_at": due_at, "status": "open", "policy": policy, "recipients": recipients}
    due_for, next_for = partial(slots_due, **item), partial(next_reminder_at, **item)

    look_again_at = next_for(now=now)
    due_now = set(due_for(now=now))
    due_later = due_for(now=later)

    for _, slot in due_later:
        # The property as the issue states it.
        if slot.send_at > now:
            assert look_again_at is not None
            assert slot.send_at >= look_again_at
    # And the stronger one the sweep relies on: catch-ups included.
    if any(pair not in due_now for pair in due_later):
        assert look_again_at is not None
        assert later >= look_again_at
    if look_again_at is not None:
        assert look_again_at > now


@settings(max_examples=40, deadline=None)
@given(
    policy=policies(),
    recipients=recipient_lists,
    due_at=due_instants,
    step=st.integers(17, 180),
    created=minutes,
)
def test_indexed_sweep_writes_what_a_sweep_every_tick_writes(
    policy: Policy, recipients: list[Recipient], due_at: datetime, step: int, created: timedelta
) -> None:
    """Skipping items until next_reminder_at loses nothing, and nothing is written twice.

    The item is created (or its deadline set) anywhere from day -11 to day +29,
    so it may start with a catch-up, possibly during someone's night.
    """
    start = due_at - timedelta(days=11) + created
    ticks = [start + timedelta(minutes=step * n) for n in range(60 * 24 * 20 // step)]

    every_tick = sweep(due_at, policy, recipients, ticks, indexed=False)

    assert sweep(due_at, policy, recipients, ticks, indexed=True) == every_tick
    for recipient in recipients:
        plan = planned_slots(due_at=due_at, policy=policy, recipient=recipient)
        assert [s.send_at for s in plan] == sorted({s.send_at for s in plan})
        assert all(s.send_at.tzinfo is UTC for s in plan)


def sweep(
    due_at: datetime,
    policy: Policy,
    recipients: list[Recipient],
    ticks: list[datetime],
    *,
    indexed: bool,
) -> dict[tuple[int | str, str], datetime]:
    """Run the sweep at each tick; the dict plays the unique constraint (first write wins)."""
    written: dict[tuple[int | str, str], datetime] = {}
    item = {"due_at": due_at, "status": "open", "policy": policy, "recipients": recipients}
    due_for, next_for = partial(slots_due, **item), partial(next_reminder_at, **item)
    look_again_at: datetime | None = ticks[0]  # a new item: the service stores `now`
    for now in ticks:
        if indexed and (look_again_at is None or look_again_at > now):
            continue
        for recipient, slot in due_for(now=now):
            written.setdefault((recipient.key, slot.key), now)
        look_again_at = next_for(now=now)
    return written


END_OF_TIME = datetime(9999, 12, 31, 23, 59, 59, tzinfo=TAIPEI)


@pytest.mark.parametrize("recipient", [OWNER, HEAD, Recipient(key=5, zone="Asia/Tokyo", role=Role.OWNER)])
def test_a_deadline_at_the_end_of_time_plans_the_slots_that_exist_and_no_others(recipient):
    slots = planned_slots(due_at=END_OF_TIME, policy=DEFAULT_POLICY, recipient=recipient)
    assert all(slot.send_at.year == 9999 for slot in slots)
    if recipient.role == Role.OWNER and recipient.zone == "Asia/Taipei":
        assert [slot.key for slot in slots] == [
            "before-7@9999-12-31",
            "before-3@9999-12-31",
            "before-1@9999-12-31",
            "due@9999-12-31",
        ]
        now = datetime(9999, 12, 30, 3, 0, tzinfo=UTC)  # 11:00 in Taipei, the day before
        due = slots_due(
            due_at=END_OF_TIME, status="open", policy=DEFAULT_POLICY, recipients=[recipient], now=now
        )
        assert [slot.key for _r, slot in due] == ["before-1@9999-12-31"]
        assert next_reminder_at(
            due_at=END_OF_TIME, status="open", policy=DEFAULT_POLICY, recipients=[recipient], now=now
        ) == datetime(9999, 12, 31, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due_at", "zone", "expected"),
    [
        pytest.param(ACS_DUE_AT, "Asia/Taipei", date(2025, 3, 13), id="taipei-23:59"),
        pytest.param(ACS_DUE_AT, "America/New_York", date(2025, 3, 13), id="new-york-11:59"),
        pytest.param(ACS_DUE_AT, "Asia/Seoul", date(2025, 3, 13), id="seoul-00:59-next-day"),
        pytest.param(ACS_DUE_AT, "Pacific/Auckland", date(2025, 3, 13), id="auckland-04:59-next-day"),
        pytest.param(
            datetime(2025, 3, 13, 9, 0, tzinfo=TAIPEI),
            "Asia/Taipei",
            date(2025, 3, 12),
            id="due-exactly-at-the-send-hour",
        ),
    ],
)
def test_reader_due_day_is_the_last_day_whose_send_hour_precedes_the_deadline(due_at, zone, expected):
    assert reader_due_day(due_at, zone, 9) == expected
    due = next(
        slot
        for slot in planned_slots(
            due_at=due_at, policy=DEFAULT_POLICY, recipient=Recipient(key=1, zone=zone, role=Role.OWNER)
        )
        if slot.kind == "due"
    )
    assert due.send_at < due_at  # a "due today" reminder never arrives after the deadline


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        pytest.param(tpe(2025, 3, 6, 9), "Asia/Taipei", ("due", 7), id="on-time-7"),
        pytest.param(tpe(2025, 3, 8, 9), "Asia/Taipei", ("due", 5), id="7-day-slot-sent-2-days-late"),
        pytest.param(tpe(2025, 3, 13, 9), "Asia/Taipei", ("due", 0), id="today"),
        pytest.param(tpe(2025, 3, 15, 9), "Asia/Taipei", ("overdue", 2), id="two-days-late"),
        pytest.param(
            datetime(2025, 3, 14, 9, tzinfo=ZoneInfo("Asia/Seoul")),
            "Asia/Seoul",
            ("overdue", 1),
            id="seoul-the-morning-after",
        ),
        pytest.param(
            datetime(2025, 3, 13, 14, tzinfo=NEW_YORK),
            "America/New_York",
            ("overdue", 0),
            id="new-york-passed-at-11:59-today",
        ),
    ],
)
def test_countdown_names_the_time_left_at_sending(now, zone, expected):
    due_day = reader_due_day(ACS_DUE_AT, zone, 9)
    assert countdown(due_at=ACS_DUE_AT, due_day=due_day, now=now, zone=zone) == expected
