"""What the planner says when it refuses a value: which setting or argument, and what it got.

A staff member saving a ReminderPolicy, or a developer wiring a new caller, reads these
messages; they must name the field and show the offending value.
"""

import re
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from followup_dates.reminder_plan import (
    DEFAULT_POLICY,
    Policy,
    countdown,
    due_day_for,
    next_reminder_at,
    planned_slots,
    slots_due,
)
from tests.followup_dates.conftest import OWNER, TAIPEI_DUE_AT, NoOffset

NAIVE = datetime(2025, 3, 12, 10, 0)
OFFSETLESS = datetime(2025, 3, 12, 10, 0, tzinfo=NoOffset())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"days_before": (7, 0)}, "days_before must be positive: (7, 0)", id="zero-offset"),
        pytest.param({"days_before": [3, -1]}, "days_before must be positive: (3, -1)", id="negative-offset"),
        pytest.param({"days_before": [7, 3, 3]}, "days_before has duplicates: (7, 3, 3)", id="duplicates"),
        pytest.param(
            {"overdue_every_days": -1},
            "overdue_every_days and overdue_max_days must be >= 0",
            id="negative-repeat",
        ),
        pytest.param(
            {"overdue_max_days": -2},
            "overdue_every_days and overdue_max_days must be >= 0",
            id="negative-max",
        ),
        pytest.param(
            {"escalate_after_days": -1}, "escalate_after_days must be >= 0 or None", id="negative-escalation"
        ),
        pytest.param(
            {"send_hour": -1}, "need 0 <= send_hour < quiet_after_hour <= 24", id="negative-send-hour"
        ),
        pytest.param(
            {"send_hour": 21, "quiet_after_hour": 21},
            "need 0 <= send_hour < quiet_after_hour <= 24",
            id="empty-send-hours",
        ),
        pytest.param(
            {"quiet_after_hour": 25}, "need 0 <= send_hour < quiet_after_hour <= 24", id="past-midnight"
        ),
    ],
)
def test_an_invalid_policy_is_refused_with_a_message_naming_the_setting(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Policy(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"send_hour": 0, "quiet_after_hour": 24}, id="round-the-clock"),
        pytest.param({"days_before": (), "overdue_every_days": 0, "overdue_max_days": 0}, id="all-zero"),
        pytest.param({"escalate_after_days": 0}, id="escalate-on-the-due-day"),
        pytest.param({"escalate_after_days": None}, id="never-escalate"),
    ],
)
def test_the_edges_of_the_valid_range_are_accepted(kwargs: dict[str, Any]) -> None:
    policy = Policy(**kwargs)
    assert {name: getattr(policy, name) for name in kwargs} == kwargs


@pytest.mark.parametrize("value", [NAIVE, OFFSETLESS], ids=["naive", "tzinfo-without-offset"])
@pytest.mark.parametrize(
    ("call", "name"),
    [
        pytest.param(lambda value: due_day_for(value, "Asia/Taipei"), "due_at", id="due_day_for"),
        pytest.param(
            lambda value: countdown(
                due_at=TAIPEI_DUE_AT, due_day=TAIPEI_DUE_AT.date(), now=value, zone="Asia/Taipei"
            ),
            "now",
            id="countdown",
        ),
        pytest.param(
            lambda value: slots_due(
                due_at=TAIPEI_DUE_AT, status="open", policy=DEFAULT_POLICY, recipients=[OWNER], now=value
            ),
            "now",
            id="slots_due",
        ),
        pytest.param(
            lambda value: next_reminder_at(
                due_at=TAIPEI_DUE_AT, status="open", policy=DEFAULT_POLICY, recipients=[OWNER], now=value
            ),
            "now",
            id="next_reminder_at",
        ),
    ],
)
def test_a_datetime_without_an_offset_is_refused_naming_the_argument_and_the_value(
    call: Any, name: str, value: datetime
) -> None:
    message = f"{name} must be an aware datetime, got {value!r}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call(value)


def test_a_closed_item_is_still_checked_for_an_aware_now() -> None:
    # The check comes first, so a caller's bug shows up before the item is ever closed.
    for status in ("done", "dropped"):
        with pytest.raises(ValueError, match="now must be an aware datetime"):
            slots_due(
                due_at=TAIPEI_DUE_AT, status=status, policy=DEFAULT_POLICY, recipients=[OWNER], now=NAIVE
            )
        with pytest.raises(ValueError, match="now must be an aware datetime"):
            next_reminder_at(due_at=None, status=status, policy=DEFAULT_POLICY, recipients=[OWNER], now=NAIVE)


def test_any_zone_with_an_offset_is_accepted() -> None:
    # The check is for an offset, not for ZoneInfo: a fixed UTC+8 works like Taipei.
    now = datetime(2025, 3, 12, 10, tzinfo=timezone(timedelta(hours=8)))
    pairs = slots_due(due_at=TAIPEI_DUE_AT, status="open", policy=DEFAULT_POLICY, recipients=[OWNER], now=now)
    assert [slot.key for _r, slot in pairs] == ["before-1@2025-03-13"]
    assert (
        planned_slots(due_at=TAIPEI_DUE_AT, policy=DEFAULT_POLICY, recipient=OWNER)[0].key
        == "before-7@2025-03-13"
    )
