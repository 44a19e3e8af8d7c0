"""Staff in the admin: a new meeting of a series proposes its follow-ups; refusals are form
errors with nothing written."""

import html
import re

import pytest
from django.urls import reverse

from accounts.models import User
from actions.models import Status
from followups.models import FollowUpTemplate
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, telwg70):
    user = User.objects.get(username="admin")
    user.language, user.date_style = "en", ""
    user.save()
    client.force_login(user)
    return client


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def new_meeting(telwg70, **changes) -> dict:
    data = {
        "meeting_series": telwg70.meeting_series_id,
        "series": "APEC TELWG",
        "number": 71,
        "slug": "apec-telwg-71",
        "title": "APEC TELWG 71",
        "title_en": "",
        "start_on": "2025-07-29",
        "end_on": "2025-08-04",
        "returns_on": "2025-08-06",
        "venue": "Incheon",
        "venue_zone": "Asia/Seoul",
        "host": "",
        "holiday_calendar": "KR",
        "report_title": "",
        "notes": "",
        "reason": "",
    }
    for prefix in ("sessions", "participants"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(changes)
    return data


def test_adding_a_meeting_of_the_series_proposes_its_follow_ups(staff_client, telwg70):
    response = staff_client.post(reverse("admin:meetings_meeting_add"), new_meeting(telwg70))
    assert response.status_code == 302, text(response)[:2000]
    tel71 = Meeting.objects.get(slug="apec-telwg-71")
    items = {
        i.title: (i.status, i.deadline.due_on.isoformat())
        for i in tel71.action_items.select_related("deadline")
    }
    assert items["出國報告上傳公務出國報告資訊網"] == (Status.PROPOSED, "2025-11-06")
    assert items["上傳國情報告至 APEC Collaboration System (ACS)"] == (Status.PROPOSED, "2025-08-10")


def test_a_template_that_does_not_resolve_is_a_form_error(staff_client, telwg70):
    FollowUpTemplate.objects.create(
        series=telwg70.meeting_series,
        key="broken",
        title="彙整",
        kind="our_task",
        rule_amount=10,
        rule_unit="working_days",
        rule_anchor="meeting_end",
        calendar="",
    )
    series = telwg70.meeting_series
    series.holiday_calendar = ""
    series.save()
    response = staff_client.post(
        reverse("admin:meetings_meeting_add"), new_meeting(telwg70, holiday_calendar="")
    )
    assert response.status_code == 200
    assert "The template “彙整” cannot give a date for" in text(response)
    assert not Meeting.objects.filter(slug="apec-telwg-71").exists()


def test_moving_a_meeting_past_a_template_limit_is_a_form_error(staff_client, telwg70):
    staff_client.post(reverse("admin:meetings_meeting_add"), new_meeting(telwg70))
    tel71 = Meeting.objects.get(slug="apec-telwg-71")
    data = new_meeting(telwg70, start_on="2025-08-19", end_on="2025-08-25")
    response = staff_client.post(reverse("admin:meetings_meeting_change", args=[tel71.pk]), data)
    assert response.status_code == 200
    assert (
        "“上傳國情報告至 APEC Collaboration System (ACS)” would be due on 2025-08-31, "
        "after its limit of 2025-08-24"
    ) in text(response)
    tel71.refresh_from_db()
    assert tel71.start_on.isoformat() == "2025-07-29"
