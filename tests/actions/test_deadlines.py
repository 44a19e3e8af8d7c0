"""Deadline services: creating, moving and recomputing deadlines, and what the items' logs say."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from actions import deadline_services
from actions.models import Activity, Deadline
from followup_dates import dates
from tests.factories import (
    ActionItemFactory,
    DeadlineFactory,
    MeetingFactory,
    OrganizationFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


def telwg70_like():
    """TELWG 70's shape: 3–7 March 2025 in Gyeongju, the declaration session on 4 March."""
    meeting = MeetingFactory(
        start_on=date(2025, 3, 3), end_on=date(2025, 3, 7), venue_zone="Asia/Seoul", holiday_calendar="KR"
    )
    session = SessionFactory(
        meeting=meeting,
        code="dmm-declaration",
        name="Declaration",
        starts_at=datetime(2025, 3, 4, 5, 0, tzinfo=UTC),
        ends_at=datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
    )
    return meeting, session


def relative(meeting, key, **rule):
    return deadline_services.deadline_create(
        meeting=meeting, key=key, label=key, mode="relative", by=None, now=NOW, **rule
    )


def lines(item, **prefs) -> list[str]:
    return [a.describe(**prefs) for a in Activity.objects.filter(item=item)]


def test_telwg70_relative_deadlines_resolve_through_the_service():
    meeting, session = telwg70_like()
    secretariat = OrganizationFactory(code="apec-secretariat", time_zone="Asia/Singapore")
    draft = relative(
        meeting,
        "declaration-revised-draft",
        rule_amount=2,
        rule_unit="weeks",
        rule_anchor="session",
        anchor_session=session,
    )
    compilation = relative(
        meeting,
        "secretariat-compilation",
        rule_amount=20,
        rule_unit="working_days",
        rule_anchor="meeting_end",
        set_by=secretariat,
    )
    assert (draft.due_on, draft.precision, draft.zone) == (date(2025, 3, 18), "day", "Asia/Seoul")
    # Korea's calendar (the meeting's, by default); the day ends in Singapore, the setter's zone.
    assert (compilation.due_on, compilation.calendar) == (date(2025, 4, 4), "KR")
    assert compilation.due_at.isoformat() == "2025-04-04T15:59:59+00:00"


@pytest.mark.parametrize(
    ("text", "on", "precision", "at"),
    [
        ("114年3月13日", date(2025, 3, 13), "day", "2025-03-13T15:59:59+00:00"),
        ("115 年 1 月", date(2026, 1, 31), "month", "2026-01-31T15:59:59+00:00"),
        ("115年第1季", date(2026, 3, 31), "quarter", "2026-03-31T15:59:59+00:00"),
    ],
)
def test_absolute_deadline_from_roc_text_keeps_its_precision(text, on, precision, at):
    setter = OrganizationFactory(time_zone="Asia/Singapore")
    deadline = deadline_services.deadline_create(
        meeting=MeetingFactory(),
        key="k",
        label="k",
        set_by=setter,
        due=dates.parse_due_date(text),
        by=None,
        now=NOW,
    )
    assert (deadline.due_on, deadline.precision, deadline.due_at.isoformat()) == (on, precision, at)


def test_zone_defaults_to_the_setter_then_the_venue():
    meeting = MeetingFactory(venue_zone="Asia/Seoul")
    due = dates.DueDate.day(date(2025, 3, 13))
    no_zone = OrganizationFactory(time_zone="")
    venue = deadline_services.deadline_create(
        meeting=meeting, key="a", label="a", set_by=no_zone, due=due, by=None, now=NOW
    )
    assert venue.zone == "Asia/Seoul"
    assert venue.due_at.isoformat() == "2025-03-13T14:59:59+00:00"


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        (
            {"rule_amount": 2, "rule_unit": "weeks", "rule_anchor": "session"},
            "anchor_session",
            "Choose the session",
        ),
        (
            {"rule_amount": 2, "rule_unit": "weeks", "rule_anchor": "deadline"},
            "anchor_deadline",
            "Choose the deadline",
        ),
        ({"rule_unit": "weeks", "rule_anchor": "meeting_end"}, "rule_amount", "needs an amount"),
        (
            {"rule_amount": 2, "rule_unit": "working_days", "rule_anchor": "meeting_end", "calendar": "XX"},
            "calendar",
            "Unknown holiday calendar “XX”",
        ),
    ],
)
def test_bad_rules_are_refused_naming_the_field(rule, field, message):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as caught:
        relative(meeting, "bad", **rule)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Deadline.objects.exists()


def test_working_days_without_any_calendar_are_refused():
    # No calendar on the meeting, no host, a venue and zone that name no country.
    meeting = MeetingFactory(holiday_calendar="", venue="", venue_zone="UTC")
    with pytest.raises(ValidationError) as caught:
        relative(meeting, "bad", rule_amount=20, rule_unit="working_days", rule_anchor="meeting_end")
    assert "holiday calendar" in caught.value.message_dict["calendar"][0]


def test_working_days_without_a_calendar_count_on_the_meetings_as_the_reader_does():
    # One rule (Meeting.working_day_calendar): the meeting's own, else its host's, else
    # its venue's; here the venue, Gyeongju, in Korea.
    meeting = MeetingFactory(holiday_calendar="", venue="Gyeongju", venue_zone="Asia/Seoul")
    deadline = relative(meeting, "kr", rule_amount=20, rule_unit="working_days", rule_anchor="meeting_end")
    assert deadline.calendar == meeting.working_day_calendar()[0] == "KR"


def test_unknown_zone_is_refused():
    with pytest.raises(ValidationError) as caught:
        deadline_services.deadline_create(
            meeting=MeetingFactory(),
            key="k",
            label="k",
            zone="Asia/Gyeongju",
            due=dates.DueDate.day(date(2025, 3, 13)),
            by=None,
            now=NOW,
        )
    assert "zone" in caught.value.message_dict
    assert not Deadline.objects.exists()


def test_a_cycle_of_deadlines_is_refused_and_nothing_changes():
    meeting = MeetingFactory()
    a = DeadlineFactory(meeting=meeting, due_on=date(2025, 3, 13))
    b = relative(meeting, "b", rule_amount=1, rule_unit="weeks", rule_anchor="deadline", anchor_deadline=a)
    with pytest.raises(ValidationError) as caught:
        deadline_services.deadline_update(
            deadline=a,
            by=None,
            now=NOW,
            changes={
                "mode": "relative",
                "rule_amount": 1,
                "rule_unit": "days",
                "rule_anchor": "deadline",
                "anchor_deadline": b,
            },
        )
    assert "circle" in caught.value.message_dict["anchor_deadline"][0]
    a.refresh_from_db()
    assert (a.mode, a.anchor_deadline) == ("absolute", None)


def test_a_deadline_cannot_count_from_itself():
    deadline = DeadlineFactory()
    with pytest.raises(ValidationError, match="circle"):
        deadline_services.deadline_update(
            deadline=deadline,
            by=None,
            now=NOW,
            changes={
                "mode": "relative",
                "rule_amount": 1,
                "rule_unit": "days",
                "rule_anchor": "deadline",
                "anchor_deadline": deadline,
            },
        )


def test_moving_the_meeting_end_moves_deadlines_transitively_and_logs_why():
    meeting, _session = telwg70_like()
    user = UserFactory(full_name="秘書")
    compilation = relative(
        meeting, "compilation", rule_amount=20, rule_unit="working_days", rule_anchor="meeting_end"
    )
    review = relative(
        meeting,
        "review",
        rule_amount=1,
        rule_unit="weeks",
        rule_anchor="deadline",
        anchor_deadline=compilation,
    )
    check = ActionItemFactory(meeting=meeting, deadline=compilation)
    follow = ActionItemFactory(meeting=meeting, deadline=review)
    assert review.due_on == date(2025, 4, 11)

    moved = deadline_services.meeting_update_dates(
        meeting=meeting,
        start_on=date(2025, 3, 3),
        end_on=date(2025, 3, 14),
        by=user,
        now=NOW,
        reason="the plenary ran a week longer",
    )

    assert [d.key for d in moved] == ["compilation", "review"]
    compilation.refresh_from_db()
    review.refresh_from_db()
    assert (compilation.due_on, review.due_on) == (date(2025, 4, 11), date(2025, 4, 18))
    assert lines(check) == [
        "due moved from 4 Apr 2025 to 11 Apr 2025 because the last day of APEC TELWG "
        f"{meeting.number} moved from 7 Mar 2025 to 14 Mar 2025; the plenary ran a week longer"
    ]
    assert lines(follow) == [
        "due moved from 11 Apr 2025 to 18 Apr 2025 because the deadline “compilation” it counts "
        "from moved from 4 Apr 2025 to 11 Apr 2025; the plenary ran a week longer"
    ]
    assert Activity.objects.get(item=follow).actor == user
    # The reader's style: ROC years.
    assert lines(check, style="roc")[0].startswith("due moved from 4 Apr ROC 114 to 11 Apr ROC 114")


def test_only_deadlines_that_actually_move_log():
    meeting, session = telwg70_like()
    from_start = relative(meeting, "start", rule_amount=1, rule_unit="days", rule_anchor="meeting_start")
    from_end = relative(meeting, "end", rule_amount=20, rule_unit="working_days", rule_anchor="meeting_end")
    from_session = relative(
        meeting, "session", rule_amount=2, rule_unit="weeks", rule_anchor="session", anchor_session=session
    )
    fixed = DeadlineFactory(meeting=meeting)
    items = {
        d.key: ActionItemFactory(meeting=meeting, deadline=d)
        for d in (from_start, from_end, from_session, fixed)
    }

    # Friday 7 March to Saturday 8 March: 20 Korean working days later is the same Friday.
    moved = deadline_services.meeting_update_dates(
        meeting=meeting, start_on=date(2025, 3, 3), end_on=date(2025, 3, 8), by=None, now=NOW
    )
    assert moved == []
    assert not Activity.objects.exists()

    moved = deadline_services.meeting_update_dates(
        meeting=meeting, start_on=date(2025, 3, 2), end_on=date(2025, 3, 8), by=None, now=NOW
    )
    assert [d.key for d in moved] == ["start"]
    assert set(Activity.objects.values_list("item", flat=True)) == {items["start"].pk}
    assert lines(items["start"]) == [
        f"due moved from 4 Mar 2025 to 3 Mar 2025 because the first day of APEC TELWG "
        f"{meeting.number} moved from 3 Mar 2025 to 2 Mar 2025"
    ]


def test_meeting_dates_ending_before_they_start_are_refused():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        deadline_services.meeting_update_dates(
            meeting=meeting, start_on=date(2025, 3, 7), end_on=date(2025, 3, 3), by=None, now=NOW
        )
    meeting.refresh_from_db()
    assert meeting.end_on == date(2025, 3, 7)


def test_moving_a_session_moves_the_deadlines_counting_from_it():
    meeting, session = telwg70_like()
    draft = relative(
        meeting, "draft", rule_amount=2, rule_unit="weeks", rule_anchor="session", anchor_session=session
    )
    item = ActionItemFactory(meeting=meeting, deadline=draft)
    deadline_services.session_update_times(
        session=session,
        starts_at=datetime(2025, 3, 5, 5, 0, tzinfo=UTC),
        ends_at=datetime(2025, 3, 5, 9, 0, tzinfo=UTC),
        by=None,
        now=NOW,
    )
    draft.refresh_from_db()
    assert draft.due_on == date(2025, 3, 19)
    assert lines(item) == [
        "due moved from 18 Mar 2025 to 19 Mar 2025 because the session "
        "“Declaration” moved from 4 Mar 2025 to 5 Mar 2025"
    ]


def test_session_times_only_an_hour_apart_on_the_same_day_log_nothing():
    meeting, session = telwg70_like()
    draft = relative(
        meeting, "draft", rule_amount=2, rule_unit="weeks", rule_anchor="session", anchor_session=session
    )
    ActionItemFactory(meeting=meeting, deadline=draft)
    moved = deadline_services.session_update_times(
        session=session, starts_at=datetime(2025, 3, 4, 6, 0, tzinfo=UTC), ends_at=None, by=None, now=NOW
    )
    assert moved == []
    assert not Activity.objects.exists()


def test_changing_a_rule_logs_and_moves_its_dependents():
    meeting, _session = telwg70_like()
    base = relative(meeting, "base", rule_amount=1, rule_unit="weeks", rule_anchor="meeting_end")
    later = relative(
        meeting, "later", rule_amount=3, rule_unit="days", rule_anchor="deadline", anchor_deadline=base
    )
    item = ActionItemFactory(meeting=meeting, deadline=base)
    deadline_services.deadline_update(
        deadline=base, changes={"rule_amount": 2}, by=None, now=NOW, reason="the chair asked for more time"
    )
    later.refresh_from_db()
    assert later.due_on == date(2025, 3, 24)
    assert lines(item) == [
        "due moved from 14 Mar 2025 to 21 Mar 2025 because its rule changed; the chair asked for more time"
    ]


def test_moving_by_hand_turns_a_rule_into_a_date_and_moves_dependents():
    meeting, _session = telwg70_like()
    base = relative(meeting, "base", rule_amount=1, rule_unit="weeks", rule_anchor="meeting_end")
    later = relative(
        meeting, "later", rule_amount=3, rule_unit="days", rule_anchor="deadline", anchor_deadline=base
    )
    watcher = ActionItemFactory(meeting=meeting, deadline=later)
    deadline_services.deadline_move(
        deadline=base,
        to=dates.DueDate.day(date(2025, 3, 20)),
        reason="the secretariat set a date",
        by=None,
        now=NOW,
    )
    base.refresh_from_db()
    later.refresh_from_db()
    assert (base.mode, base.rule_anchor, base.due_on) == ("absolute", "", date(2025, 3, 20))
    assert later.due_on == date(2025, 3, 23)
    assert lines(watcher)[0].startswith(
        "due moved from 17 Mar 2025 to 23 Mar 2025 because the deadline “base” it counts from moved"
    )


def test_changing_only_the_zone_says_which_zone():
    deadline = DeadlineFactory(due_on=date(2025, 3, 13), zone="Asia/Singapore")
    item = ActionItemFactory(meeting=deadline.meeting, deadline=deadline)
    deadline_services.deadline_update(deadline=deadline, changes={"zone": "Asia/Seoul"}, by=None, now=NOW)
    assert lines(item) == ["due moved from 13 Mar 2025 (Asia/Singapore) to 13 Mar 2025 (Asia/Seoul)"]


def test_editing_the_label_moves_nothing_and_logs_nothing():
    deadline = DeadlineFactory()
    ActionItemFactory(meeting=deadline.meeting, deadline=deadline)
    deadline_services.deadline_update(deadline=deadline, changes={"label": "Renamed"}, by=None, now=NOW)
    assert not Activity.objects.exists()
    assert Deadline.objects.get(pk=deadline.pk).label == "Renamed"
