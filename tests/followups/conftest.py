"""A meeting series with TELWG-like templates, for the follow-up tests."""

from datetime import date

import pytest

from followups.models import FollowUpTemplate
from meetings.models import MeetingSeries
from tests.factories import OrganizationFactory


@pytest.fixture
def series(db):
    secretariat = OrganizationFactory(code="sec", kind="secretariat", time_zone="Asia/Singapore")
    series = MeetingSeries.objects.create(
        code="telwg",
        name="電信工作小組",
        label="TELWG",
        organiser=secretariat,
        holiday_calendar="KR",
        zone="Asia/Seoul",
    )
    moda = OrganizationFactory(code="moda-t", time_zone="Asia/Taipei")
    FollowUpTemplate.objects.create(
        series=series,
        key="country-report",
        title="上傳國情報告",
        kind="our_task",
        responsible=moda,
        set_by=secretariat,
        owner_role="delegate",
        rule_amount=6,
        rule_unit="days",
        rule_direction="after",
        rule_anchor="meeting_end",
        limit_days=14,
        order=1,
    )
    FollowUpTemplate.objects.create(
        series=series,
        key="trip-report",
        title="出國報告",
        kind="our_task",
        responsible=moda,
        owner_role="head",
        rule_amount=3,
        rule_unit="months",
        rule_direction="after",
        rule_anchor="delegation_return",
        order=2,
    )
    return series


TEL71_DAYS = {"start_on": date(2025, 7, 29), "end_on": date(2025, 8, 4), "returns_on": date(2025, 8, 6)}
