"""A policy read from a ReminderPolicy row plans like the one written in code.

The row's ``days_before`` is a JSONField, so it arrives as a list; the policy must still be
usable as a cache and dictionary key, and equal to the same policy written with a tuple.
"""

from datetime import datetime

from followup_dates.reminder_plan import DEFAULT_POLICY, Policy, planned_slots, slots_due
from tests.followup_dates.conftest import OWNER, TAIPEI, TAIPEI_DUE_AT


def test_a_policy_from_a_json_list_equals_the_default_policy() -> None:
    from_row = Policy(days_before=[7, 3, 1])
    assert from_row == DEFAULT_POLICY
    assert from_row.days_before == (7, 3, 1)
    assert {from_row: "row"}[DEFAULT_POLICY] == "row"


def test_a_policy_from_a_json_list_plans_and_sends() -> None:
    from_row = Policy(days_before=[1, 3], overdue_every_days=0)
    slots = planned_slots(due_at=TAIPEI_DUE_AT, policy=from_row, recipient=OWNER)
    assert [slot.key for slot in slots] == ["before-3@2025-03-13", "before-1@2025-03-13", "due@2025-03-13"]
    now = datetime(2025, 3, 12, 10, tzinfo=TAIPEI)
    pairs = slots_due(due_at=TAIPEI_DUE_AT, status="open", policy=from_row, recipients=[OWNER], now=now)
    assert [slot.key for _r, slot in pairs] == ["before-1@2025-03-13"]


def test_changing_the_row_afterwards_does_not_change_the_policy() -> None:
    days = [7, 3, 1]
    policy = Policy(days_before=days)
    days.append(14)
    assert policy.days_before == (7, 3, 1)
    assert [s.key for s in planned_slots(due_at=TAIPEI_DUE_AT, policy=policy, recipient=OWNER)][:3] == [
        "before-7@2025-03-13",
        "before-3@2025-03-13",
        "before-1@2025-03-13",
    ]
