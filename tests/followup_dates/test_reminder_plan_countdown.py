"""What a reminder says at the very edge of the deadline."""

from datetime import date, datetime, timedelta

import pytest

from followup_dates.reminder_plan import countdown
from tests.followup_dates.conftest import TAIPEI

NOON_DEADLINE = datetime(2025, 3, 13, 12, 0, tzinfo=TAIPEI)
DUE_DAY = date(2025, 3, 13)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(NOON_DEADLINE - timedelta(seconds=1), ("due", 0), id="a-second-before-due-today"),
        pytest.param(NOON_DEADLINE, ("overdue", 0), id="at-the-deadline-it-has-passed"),
        pytest.param(NOON_DEADLINE + timedelta(hours=1), ("overdue", 0), id="an-hour-late"),
        pytest.param(NOON_DEADLINE + timedelta(hours=12), ("overdue", 1), id="next-day"),
        pytest.param(NOON_DEADLINE - timedelta(hours=13), ("due", 1), id="the-evening-before"),
    ],
)
def test_countdown_around_the_deadline(now: datetime, expected: tuple[str, int]) -> None:
    assert countdown(due_at=NOON_DEADLINE, due_day=DUE_DAY, now=now, zone="Asia/Taipei") == expected
