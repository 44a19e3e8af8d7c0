"""Proposing a series meeting's recurring follow-ups, moving them with the meeting, and
carrying open items to the next meeting."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actions import deadline_services
from actions import services as actions_services
from actions.models import ActionItem, Activity, Deadline, Status
from followups import services
from followups.models import CarriedItem, FollowUpTemplate
from meetings.models import Meeting
from tests.factories import ActionItemFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 7, 1, tzinfo=UTC)


def create_tel71(series, **overrides):
    fields = {
        "start_on": date(2025, 7, 29),
        "end_on": date(2025, 8, 4),
        "returns_on": date(2025, 8, 6),
        **overrides,
    }
    return services.series_meeting_create(
        series=series, number=71, slug="telwg-71", title="TEL 71", venue="Incheon", by=None, now=NOW, **fields
    )


def due_days(meeting):
    return {item.title: item.deadline.due_on for item in meeting.action_items.select_related("deadline")}


def test_creating_a_meeting_in_the_series_proposes_its_follow_ups_on_its_days(series):
    meeting = create_tel71(series)
    assert due_days(meeting) == {"上傳國情報告": date(2025, 8, 10), "出國報告": date(2025, 11, 6)}
    assert set(meeting.action_items.values_list("status", flat=True)) == {Status.PROPOSED}
    # The series' usual calendar and zone, its label; the secretariat's zone ends the day.
    assert (meeting.holiday_calendar, meeting.venue_zone, meeting.series) == ("KR", "Asia/Seoul", "TELWG")
    report = meeting.action_items.get(title="上傳國情報告").deadline
    assert (report.zone, report.latest_on) == ("Asia/Singapore", date(2025, 8, 24))


def test_proposing_again_adds_nothing(series):
    meeting = create_tel71(series)
    assert services.follow_ups_propose(meeting=meeting, by=None, now=NOW) == []
    assert meeting.action_items.count() == 2


def test_defaults_for_all_meetings_are_proposed_unless_the_series_replaces_them(series):
    FollowUpTemplate.objects.create(
        series=None,
        key="trip-report",
        title="預設出國報告",
        kind="our_task",
        rule_amount=1,
        rule_unit="months",
        rule_anchor="delegation_return",
    )
    FollowUpTemplate.objects.create(
        series=None,
        key="thank-you",
        title="致謝函",
        kind="our_task",
        rule_amount=1,
        rule_unit="weeks",
        rule_anchor="meeting_end",
    )
    meeting = create_tel71(series)
    assert due_days(meeting) == {
        "上傳國情報告": date(2025, 8, 10),
        "出國報告": date(2025, 11, 6),
        "致謝函": date(2025, 8, 11),
    }


def test_the_owner_is_the_participant_in_the_templates_role(series):
    meeting = create_tel71(series)
    head = ParticipantFactory(meeting=meeting, role="head").user
    delegate = ParticipantFactory(
        meeting=meeting,
        role="delegate",
        organization=FollowUpTemplate.objects.get(key="country-report").responsible,
    ).user
    other = MeetingFactory(meeting_series=series, start_on=date(2026, 3, 2), end_on=date(2026, 3, 6))
    ParticipantFactory(meeting=other, role="head", user=head)
    ParticipantFactory(
        meeting=other,
        role="delegate",
        user=delegate,
        organization=FollowUpTemplate.objects.get(key="country-report").responsible,
    )
    services.follow_ups_propose(meeting=other, by=None, now=NOW)
    owners = {item.title: item.owner for item in other.action_items.all()}
    assert owners == {"上傳國情報告": delegate, "出國報告": head}


def test_a_rule_that_does_not_resolve_refuses_the_meeting_and_writes_nothing(series):
    FollowUpTemplate.objects.create(
        series=series,
        key="compile",
        title="彙整",
        kind="external_commitment",
        rule_amount=20,
        rule_unit="working_days",
        rule_anchor="meeting_end",
        calendar="",
    )
    series.holiday_calendar = ""
    series.save()
    with pytest.raises(ValidationError) as caught:
        create_tel71(series, holiday_calendar="")
    assert "“彙整” cannot give a date for TELWG 71" in caught.value.messages[0]
    assert not Meeting.objects.filter(slug="telwg-71").exists()
    assert not ActionItem.objects.exists() and not Deadline.objects.exists()


def test_moving_the_meeting_moves_the_proposed_follow_ups(series):
    meeting = create_tel71(series)
    deadline_services.meeting_update_dates(
        meeting=meeting, start_on=date(2025, 8, 5), end_on=date(2025, 8, 11), by=None, now=NOW
    )
    meeting.refresh_from_db()
    assert meeting.returns_on == date(2025, 8, 13)  # home two days after, as before
    assert due_days(meeting) == {"上傳國情報告": date(2025, 8, 17), "出國報告": date(2025, 11, 13)}
    trip = meeting.action_items.get(title="出國報告")
    assert trip.activities.last().describe() == (
        "due moved from 6 Nov 2025 to 13 Nov 2025 because the delegation's return from "
        "TELWG 71 moved from 6 Aug 2025 to 13 Aug 2025"
    )


def test_a_move_that_pushes_a_deadline_past_its_limit_is_refused_and_changes_nothing(series):
    meeting = create_tel71(series)
    with pytest.raises(ValidationError) as caught:
        deadline_services.meeting_update_dates(
            meeting=meeting, start_on=date(2025, 8, 19), end_on=date(2025, 8, 25), by=None, now=NOW
        )
    assert caught.value.messages == [
        "“上傳國情報告” would be due on 2025-08-31, after its limit of 2025-08-24: change the "
        "limit first, or move the meeting less."
    ]
    meeting.refresh_from_db()
    assert (meeting.start_on, meeting.end_on) == (date(2025, 7, 29), date(2025, 8, 4))
    assert due_days(meeting)["出國報告"] == date(2025, 11, 6)


def test_staff_confirm_proposed_follow_ups(series):
    meeting = create_tel71(series)
    items = list(meeting.action_items.all())
    confirmed = services.follow_ups_confirm(items=items, by=None, now=NOW)
    assert len(confirmed) == 2
    assert set(meeting.action_items.values_list("status", flat=True)) == {Status.OPEN}


def tel70_item(series, **fields):
    tel70 = MeetingFactory(
        meeting_series=series, number=70, start_on=date(2025, 3, 3), end_on=date(2025, 3, 7)
    )
    return ActionItemFactory(meeting=tel70, **fields)


def test_carrying_marked_items_links_both_ways_and_keeps_their_history(series):
    item = tel70_item(series)
    actions_services.comment_add(item=item, by=item.owner, text="先與產發署討論", now=NOW)
    services.item_mark_for_next_meeting(item=item, by=item.owner, now=NOW, note="下次 STSG")
    tel71 = create_tel71(series)
    assert [row.item for row in services.preparation_for(tel71)["marked"]] == [item]
    staff = UserFactory(is_staff=True)
    services.items_carry_forward(items=[item], to_meeting=tel71, by=staff, now=NOW)
    preparation = services.preparation_for(tel71)
    assert [row.item for row in preparation["carried"]] == [item]
    assert preparation["marked"] == []
    item.refresh_from_db()
    assert item.meeting.number == 70  # the same item, where it was
    assert [a.describe() for a in Activity.objects.filter(item=item).order_by("id")][-2:] == [
        "先與產發署討論",
        "carried to TELWG 71",
    ]
    assert CarriedItem.objects.get(item=item).to_meeting == tel71


def test_only_open_items_are_carried_and_a_refusal_carries_none(series):
    open_item = tel70_item(series)
    done_item = ActionItemFactory(meeting=open_item.meeting, status=Status.DONE, completed_at=NOW)
    tel71 = create_tel71(series)
    with pytest.raises(ValidationError) as caught:
        services.items_carry_forward(items=[open_item, done_item], to_meeting=tel71, by=None, now=NOW)
    assert caught.value.messages == [
        f"“{done_item.title}” is not open: only open items are carried to the next meeting."
    ]
    assert not CarriedItem.objects.exists()


def test_items_go_only_to_the_next_meeting_of_their_series(series):
    item = tel70_item(series)
    create_tel71(series)
    tel72 = MeetingFactory(
        meeting_series=series, number=72, start_on=date(2026, 3, 2), end_on=date(2026, 3, 6)
    )
    with pytest.raises(ValidationError) as caught:
        services.items_carry_forward(items=[item], to_meeting=tel72, by=None, now=NOW)
    assert caught.value.messages == [
        f"{tel72.short_label} is not the next meeting of the series after {item.meeting.short_label}."
    ]


def test_a_delegate_cannot_carry(series):
    item = tel70_item(series)
    tel71 = create_tel71(series)
    with pytest.raises(PermissionDenied):
        services.items_carry_forward(items=[item], to_meeting=tel71, by=item.owner, now=NOW)


def test_a_template_whose_rule_gives_no_date_is_refused_when_saved(series):
    MeetingFactory(meeting_series=series, number=70)
    template = FollowUpTemplate(
        series=series,
        key="far",
        title="遠期",
        kind="our_task",
        rule_amount=99999,
        rule_unit="months",
        rule_anchor="meeting_end",
    )
    with pytest.raises(ValidationError) as caught:
        template.full_clean()
    assert caught.value.message_dict["rule_amount"] == [
        "This rule gives no date for APEC TELWG 70: The year 10358 is outside the range this "
        "tracker handles (1912 to 9999)."
    ]
