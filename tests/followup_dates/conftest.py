"""What several followup_dates test modules share: the zones, the TELWG 70 deadlines, the owner
in Taipei, wall-clock helpers, the planner asked with the keyword arguments filled in, and the
English the date modules' message assertions read."""

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from followup_dates.deadlines import DueDate
from followup_dates.reminder_plan import DEFAULT_POLICY, Policy, Recipient, Role, next_reminder_at

if not settings.configured:
    # Lets these pure modules' tests run without pytest-django (-p no:django):
    # messages are lazy and only need settings when a test reads them.
    settings.configure(USE_I18N=False)

TAIPEI = ZoneInfo("Asia/Taipei")
SINGAPORE = ZoneInfo("Asia/Singapore")
NEW_YORK = ZoneInfo("America/New_York")

# The TELWG 70 follow-ups (DESIGN.md): the ACS upload, set by the APEC Secretariat in Singapore,
# and a deadline set in Taipei on the same day.
ACS_DUE_AT = datetime(2025, 3, 13, 23, 59, 59, tzinfo=SINGAPORE)
TAIPEI_DUE_AT = datetime(2025, 3, 13, 23, 59, 59, tzinfo=TAIPEI)

OWNER = Recipient(key=1, zone="Asia/Taipei", role=Role.OWNER)

MAR_13 = DueDate.day(date(2025, 3, 13))


class NoOffset(tzinfo):
    """A zone object that does not know its offset: Python treats such a datetime as naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


def tpe(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=TAIPEI)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def next_at(
    due_at: datetime | None,
    recipients: Sequence[Recipient],
    now: datetime,
    *,
    policy: Policy = DEFAULT_POLICY,
    status: str = "open",
) -> datetime | None:
    """next_reminder_at for an open item under the default policy unless told otherwise."""
    return next_reminder_at(due_at=due_at, status=status, policy=policy, recipients=recipients, now=now)


@pytest.fixture
def english() -> Iterator[None]:
    """The project's default language is zh-hant; the date modules' message assertions are English."""
    from django.utils import translation

    with translation.override("en"):
        yield
