"""Send hours are the reader's: a policy open until midnight sends, and the machine's zone never counts.

CI runs in UTC, so a planner that read "09:00" or "21:00" on the server's clock would pass
every Taipei-only test. These readers live far from UTC (Auckland is UTC+13 in March), and
each test runs with the process zone set to two zones unlike the reader's.
"""

import time as process_time
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup_dates.reminder_plan import (
    DEFAULT_POLICY,
    Policy,
    Recipient,
    Role,
    planned_slots,
    reader_due_day,
    slots_due,
)
from tests.followup_dates.conftest import ACS_DUE_AT, OWNER, next_at, tpe

AUCKLAND = ZoneInfo("Pacific/Auckland")  # the ACS deadline (Singapore 23:59) is 14 March 04:59 there

OWNER_AUCKLAND = Recipient(key=7, zone="Pacific/Auckland", role=Role.OWNER)
HEAD_AUCKLAND = Recipient(key=8, zone="Pacific/Auckland", role=Role.ESCALATION)

OPEN_UNTIL_MIDNIGHT = Policy(send_hour=9, quiet_after_hour=24)
ROUND_THE_CLOCK = Policy(send_hour=0, quiet_after_hour=24)


@pytest.fixture(autouse=True, params=["UTC", "Pacific/Honolulu"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run each test with the server's clock in a zone unlike the reader's."""
    monkeypatch.setenv("TZ", request.param)
    process_time.tzset()
    yield request.param
    monkeypatch.undo()
    process_time.tzset()


def akl(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AUCKLAND)


def due_keys(due_at: datetime, policy: Policy, recipients: list[Recipient], now: datetime) -> list[str]:
    pairs = slots_due(due_at=due_at, status="open", policy=policy, recipients=recipients, now=now)
    return [slot.key for _recipient, slot in pairs]


# --- a quiet limit of hour 24: open until midnight ---------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(tpe(2025, 3, 12, 9), ["before-1@2025-03-13"], id="09:00"),
        pytest.param(tpe(2025, 3, 12, 21), ["before-1@2025-03-13"], id="21:00-no-longer-quiet"),
        pytest.param(tpe(2025, 3, 12, 23, 59), ["before-1@2025-03-13"], id="23:59"),
        # before-3 is live all of 11 March, but not before 09:00.
        pytest.param(tpe(2025, 3, 11, 0, 30), [], id="00:30-quiet-until-09:00"),
        pytest.param(tpe(2025, 3, 11, 8, 59), [], id="08:59"),
    ],
)
def test_a_policy_open_until_midnight_sends_all_evening(now: datetime, expected: list[str]) -> None:
    assert due_keys(ACS_DUE_AT, OPEN_UNTIL_MIDNIGHT, [OWNER], now) == expected


def test_a_policy_open_until_midnight_catches_up_the_same_evening() -> None:
    # Created at 22:00 on day -2: before-3 (09:00 that day) is still live and goes out now.
    now = tpe(2025, 3, 11, 22)
    assert due_keys(ACS_DUE_AT, OPEN_UNTIL_MIDNIGHT, [OWNER], now) == ["before-3@2025-03-13"]
    assert next_at(ACS_DUE_AT, [OWNER], now, policy=OPEN_UNTIL_MIDNIGHT) == tpe(2025, 3, 12, 9)


def test_after_midnight_a_policy_open_until_midnight_waits_for_the_send_hour() -> None:
    now = tpe(2025, 3, 11, 1)  # before-3 (10 March) still live, but it is night
    assert next_at(ACS_DUE_AT, [OWNER], now, policy=OPEN_UNTIL_MIDNIGHT) == tpe(2025, 3, 11, 9)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(tpe(2025, 3, 12, 0), ["before-1@2025-03-13"], id="midnight"),
        pytest.param(tpe(2025, 3, 12, 3), ["before-1@2025-03-13"], id="03:00"),
        pytest.param(tpe(2025, 3, 12, 23, 59), ["before-1@2025-03-13"], id="23:59"),
    ],
)
def test_a_round_the_clock_policy_is_never_quiet(now: datetime, expected: list[str]) -> None:
    assert due_keys(ACS_DUE_AT, ROUND_THE_CLOCK, [OWNER], now) == expected


def test_a_round_the_clock_policy_sends_each_slot_once_in_a_sweep_every_hour() -> None:
    ticks = [tpe(2025, 3, 5, 12) + timedelta(hours=n) for n in range(24 * 12)]
    written: dict[str, datetime] = {}
    for now in ticks:
        for key in due_keys(ACS_DUE_AT, ROUND_THE_CLOCK, [OWNER], now):
            written.setdefault(key, now)
    assert written == {
        "before-7@2025-03-13": tpe(2025, 3, 6, 0),
        "before-3@2025-03-13": tpe(2025, 3, 10, 0),
        "before-1@2025-03-13": tpe(2025, 3, 12, 0),
        "due@2025-03-13": tpe(2025, 3, 13, 0),
        "overdue-2@2025-03-13": tpe(2025, 3, 15, 0),
        "overdue-4@2025-03-13": tpe(2025, 3, 17, 0),
    }


# --- the reader's zone, far from UTC --------------------------------------------


@pytest.mark.parametrize(
    ("due_at", "expected"),
    [
        # 09:00 in Auckland comes before a 10:00 deadline: "due today" that morning.
        pytest.param(akl(2025, 3, 13, 10), date(2025, 3, 13), id="10:00-deadline"),
        # An 08:30 deadline has passed by 09:00: the reader hears "due tomorrow" the day before.
        pytest.param(akl(2025, 3, 13, 8, 30), date(2025, 3, 12), id="08:30-deadline"),
        pytest.param(ACS_DUE_AT, date(2025, 3, 13), id="singapore-23:59-is-04:59-next-day"),
    ],
)
def test_an_auckland_readers_due_day(due_at: datetime, expected: date) -> None:
    assert reader_due_day(due_at, "Pacific/Auckland", 9) == expected
    slots = planned_slots(due_at=due_at, policy=DEFAULT_POLICY, recipient=OWNER_AUCKLAND)
    due_slot = next(slot for slot in slots if slot.kind == "due")
    assert due_slot.key == f"due@{expected.isoformat()}"
    assert due_slot.send_at == datetime.combine(expected, time(9), tzinfo=AUCKLAND)
    assert due_slot.send_at < due_at


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # 09:00 UTC is working hours in London but 22:00 in Auckland.
        pytest.param(akl(2025, 3, 10, 22), [], id="22:00-auckland-is-09:00-utc"),
        pytest.param(akl(2025, 3, 11, 3), [], id="03:00-auckland-is-14:00-utc"),
        pytest.param(akl(2025, 3, 11, 8, 59), [], id="08:59-auckland-is-19:59-utc"),
        pytest.param(akl(2025, 3, 11, 9), ["before-3@2025-03-13"], id="09:00-auckland-is-20:00-utc"),
        pytest.param(akl(2025, 3, 11, 20, 59), ["before-3@2025-03-13"], id="20:59-auckland-is-07:59-utc"),
    ],
)
def test_an_auckland_reader_is_reminded_in_their_own_send_hours(now: datetime, expected: list[str]) -> None:
    assert due_keys(ACS_DUE_AT, DEFAULT_POLICY, [OWNER_AUCKLAND], now) == expected


def test_an_item_created_in_an_auckland_night_catches_up_in_their_morning() -> None:
    # before-3 was planned for 09:00 on 10 March; the item appears at 22:00 that evening.
    now = akl(2025, 3, 10, 22)
    assert due_keys(ACS_DUE_AT, DEFAULT_POLICY, [OWNER_AUCKLAND], now) == []
    assert next_at(ACS_DUE_AT, [OWNER_AUCKLAND], now) == akl(2025, 3, 11, 9)
    assert due_keys(ACS_DUE_AT, DEFAULT_POLICY, [OWNER_AUCKLAND], akl(2025, 3, 11, 9)) == [
        "before-3@2025-03-13"
    ]


def test_an_escalation_found_in_an_auckland_night_goes_out_in_their_morning() -> None:
    # The escalation (day +3, 16 March 09:00) is found at 23:00 on day +4 after downtime.
    now = akl(2025, 3, 17, 23)
    assert due_keys(ACS_DUE_AT, DEFAULT_POLICY, [HEAD_AUCKLAND], now) == []
    assert next_at(ACS_DUE_AT, [HEAD_AUCKLAND], now) == akl(2025, 3, 18, 9)
    assert due_keys(ACS_DUE_AT, DEFAULT_POLICY, [HEAD_AUCKLAND], akl(2025, 3, 18, 9)) == [
        "escalation-3@2025-03-13"
    ]


def test_each_reader_waits_for_their_own_morning() -> None:
    # 22:00 in Auckland is 17:00 in Taipei: the Taipei owner is reminded now, Auckland tomorrow.
    now = akl(2025, 3, 10, 22)
    pairs = slots_due(
        due_at=ACS_DUE_AT, status="open", policy=DEFAULT_POLICY, recipients=[OWNER_AUCKLAND, OWNER], now=now
    )
    assert [(recipient.key, slot.key) for recipient, slot in pairs] == [(1, "before-3@2025-03-13")]
    assert next_at(ACS_DUE_AT, [OWNER, OWNER_AUCKLAND], now) == akl(2025, 3, 11, 9)


def test_an_auckland_readers_last_reminder_day_over_brings_no_more_wake_ups() -> None:
    # Due day 13 March in Auckland, overdue-30 on 12 April, stale from 13 April. At 03:00 on
    # 13 April (09:00 there is still 12 April on a UTC or Honolulu clock) nothing is left to send.
    now = akl(2025, 4, 13, 3)
    assert due_keys(ACS_DUE_AT, DEFAULT_POLICY, [OWNER_AUCKLAND], now) == []
    assert next_at(ACS_DUE_AT, [OWNER_AUCKLAND], now) is None
    # The night before, the last reminder was still live: it waits for the morning.
    assert next_at(ACS_DUE_AT, [OWNER_AUCKLAND], akl(2025, 4, 12, 3)) == akl(2025, 4, 12, 9)


def test_send_instants_are_utc_whatever_the_machines_zone(machine_zone: str) -> None:
    # A reader planned for the first time on this machine's clock, not one remembered from another.
    reader = Recipient(key=f"first-planned-under-{machine_zone}", zone="Pacific/Auckland", role=Role.OWNER)
    slots = planned_slots(due_at=ACS_DUE_AT, policy=DEFAULT_POLICY, recipient=reader)
    assert slots[0].send_at == datetime(2025, 3, 5, 20, tzinfo=UTC)  # 6 March 09:00 in Auckland
    assert {slot.send_at.utcoffset() for slot in slots} == {timedelta(0)}
