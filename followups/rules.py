"""Resolve a follow-up template's deadline rule against one meeting's days (pure: no ORM).

"7 days after the last day (host calendar)", "3 calendar months after the delegation's
return", "2 weeks before the first day": an amount, a unit, a direction and an anchor.
Counting is followup_dates.dates.shift_date's, so working days and month ends are the ones the
deadlines use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from followup_dates import dates

ANCHORS = ("meeting_start", "meeting_end", "delegation_return")
DIRECTIONS = ("after", "before")

RULE_INCOMPLETE = _("The rule needs an amount, a unit, a direction and what it counts from.")
RULE_UNKNOWN_ANCHOR = _(
    "A template's rule counts from the first day, the last day or the delegation's return."
)
RULE_OUT_OF_RANGE = _("This rule gives a date outside the range this tracker handles.")


class RuleError(dates.DateInputError):
    """A rule that does not resolve on these days; `message` says why."""


@dataclass(frozen=True)
class MeetingDays:
    start_on: date
    end_on: date
    returns_on: date | None = None
    calendar: str = ""  # the host's working-day calendar

    @property
    def return_day(self) -> date:
        return self.returns_on or self.end_on


@dataclass(frozen=True)
class Rule:
    amount: int | None
    unit: str
    direction: str
    anchor: str
    calendar: str = ""  # empty: the meeting's (host) calendar

    def anchor_day(self, days: MeetingDays) -> date:
        if self.anchor == "meeting_start":
            return days.start_on
        if self.anchor == "meeting_end":
            return days.end_on
        if self.anchor == "delegation_return":
            return days.return_day
        raise RuleError(RULE_UNKNOWN_ANCHOR, code="unknown_anchor")


def resolve(rule: Rule, days: MeetingDays) -> date:
    """The due day `rule` gives for a meeting held on `days`; RuleError if it cannot."""
    if (
        rule.amount is None
        or rule.amount < 0
        or not rule.unit
        or not rule.anchor
        or rule.direction not in DIRECTIONS
    ):
        raise RuleError(RULE_INCOMPLETE, code="incomplete")
    try:
        unit = dates.Unit(rule.unit)
    except ValueError as error:
        raise RuleError(RULE_INCOMPLETE, code="incomplete") from error
    anchor = rule.anchor_day(days)
    sign = -1 if rule.direction == "before" else 1
    calendar = rule.calendar or days.calendar or None
    try:
        return dates.shift_date(anchor, sign * rule.amount, unit, calendar=calendar)
    except RuleError:
        raise
    except dates.DateInputError as error:
        raise RuleError(error.message, code=error.code) from error
    except (OverflowError, ValueError) as error:
        raise RuleError(RULE_OUT_OF_RANGE, code="out_of_range") from error
