"""The pure rule resolver: a template's rule against one meeting's days."""

from datetime import date

import pytest

from followups import rules

TEL71 = rules.MeetingDays(
    start_on=date(2025, 7, 29), end_on=date(2025, 8, 4), returns_on=date(2025, 8, 6), calendar="KR"
)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (rules.Rule(6, "days", "after", "meeting_end"), date(2025, 8, 10)),
        (rules.Rule(3, "months", "after", "delegation_return"), date(2025, 11, 6)),
        (rules.Rule(2, "weeks", "before", "meeting_start"), date(2025, 7, 15)),
        # 15 Aug (Liberation Day) is a Korean holiday: 10 working days land on the 19th.
        (rules.Rule(10, "working_days", "after", "meeting_end"), date(2025, 8, 19)),
        # The same count on Taiwan's calendar has no holiday in between.
        (rules.Rule(10, "working_days", "after", "meeting_end", calendar="TW"), date(2025, 8, 18)),
        (rules.Rule(0, "days", "after", "meeting_start"), date(2025, 7, 29)),
    ],
)
def test_rule_resolves_on_the_meetings_days(rule, expected):
    assert rules.resolve(rule, TEL71) == expected


def test_return_day_defaults_to_the_last_day():
    days = rules.MeetingDays(start_on=date(2025, 3, 3), end_on=date(2025, 3, 7))
    assert rules.resolve(rules.Rule(3, "months", "after", "delegation_return"), days) == date(2025, 6, 7)


def test_three_months_after_the_last_day_of_a_month_clips_to_the_month_end():
    days = rules.MeetingDays(
        start_on=date(2025, 11, 25), end_on=date(2025, 11, 28), returns_on=date(2025, 11, 30)
    )
    assert rules.resolve(rules.Rule(3, "months", "after", "delegation_return"), days) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("rule", "days", "code"),
    [
        (rules.Rule(None, "days", "after", "meeting_end"), TEL71, "incomplete"),
        (rules.Rule(3, "fortnights", "after", "meeting_end"), TEL71, "incomplete"),
        (rules.Rule(3, "days", "sideways", "meeting_end"), TEL71, "incomplete"),
        (rules.Rule(3, "days", "after", "a_session"), TEL71, "unknown_anchor"),
        (
            rules.Rule(5, "working_days", "after", "meeting_end"),
            rules.MeetingDays(start_on=date(2025, 7, 29), end_on=date(2025, 8, 4)),
            "calendar_required",
        ),
        (rules.Rule(5, "working_days", "after", "meeting_end", calendar="XX"), TEL71, "unknown_calendar"),
        (rules.Rule(99999, "months", "after", "meeting_end"), TEL71, "year_out_of_range"),
        (rules.Rule(10**7, "days", "after", "meeting_end"), TEL71, "out_of_range"),
    ],
)
def test_a_rule_that_does_not_resolve_says_why(rule, days, code):
    with pytest.raises(rules.RuleError) as caught:
        rules.resolve(rule, days)
    assert caught.value.code == code
    assert str(caught.value.message)
