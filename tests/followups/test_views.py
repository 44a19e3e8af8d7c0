"""The series page, marking an item for the next meeting, and refusals."""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import Status
from followups.models import CarriedItem
from tests.factories import ActionItemFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_series_page_lists_meetings_with_progress_and_what_is_still_open(client, series):
    tel70 = MeetingFactory(
        meeting_series=series, number=70, start_on=date(2025, 3, 3), end_on=date(2025, 3, 7)
    )
    tel71 = MeetingFactory(
        meeting_series=series, number=71, start_on=date(2025, 7, 29), end_on=date(2025, 8, 4)
    )
    old_open = ActionItemFactory(meeting=tel70, title="舊的待辦")
    ActionItemFactory(meeting=tel70, title="已完成", status=Status.DONE, completed_at="2025-03-20T00:00:00Z")
    ActionItemFactory(meeting=tel71, title="新的待辦")
    client.force_login(UserFactory(is_staff=True, language="en"))
    page = client.get(
        reverse("followups:series", args=[series.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert tel70.short_label in page and tel71.short_label in page
    still_open = page.split("Still open from earlier meetings")[1]
    assert f"{tel70.short_label} #{old_open.number} 舊的待辦" in still_open
    assert "已完成" not in still_open and "新的待辦" not in still_open


def test_the_series_page_refuses_someone_in_none_of_its_meetings(client, series):
    MeetingFactory(meeting_series=series)
    client.force_login(UserFactory())
    assert client.get(reverse("followups:series", args=[series.pk])).status_code == 403


def test_the_owner_marks_an_item_for_the_next_meeting_and_unmarks_it(client, series):
    meeting = MeetingFactory(meeting_series=series)
    item = ActionItemFactory(meeting=meeting)
    ParticipantFactory(meeting=meeting, user=item.owner)
    item.owner.language = "en"
    item.owner.save()
    client.force_login(item.owner)
    url = reverse("followups:next_meeting", args=[item.pk])
    client.post(url, {"note": "TEL 71 再議"})
    assert CarriedItem.objects.get(item=item).note == "TEL 71 再議"
    page = client.get(reverse("web:item", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert f"Marked at {meeting.short_label} for the next meeting." in page.content.decode()
    client.post(url, {"unmark": "1"})
    assert not CarriedItem.objects.exists()


def test_a_done_item_cannot_be_marked(client, series):
    meeting = MeetingFactory(meeting_series=series)
    item = ActionItemFactory(meeting=meeting, status=Status.DONE, completed_at="2025-03-20T00:00:00Z")
    client.force_login(UserFactory(is_staff=True, language="en"))
    response = client.post(
        reverse("followups:next_meeting", args=[item.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "is not open: only open items are carried" in response.content.decode()
    assert not CarriedItem.objects.exists()


def test_a_delegate_cannot_carry_items(client, series):
    meeting = MeetingFactory(meeting_series=series)
    user = UserFactory()
    ParticipantFactory(meeting=meeting, user=user)
    client.force_login(user)
    assert client.post(reverse("followups:carry", args=[meeting.pk]), {"item": ["1"]}).status_code == 403


def test_carrying_nothing_selected_is_a_message_not_an_error(client, series):
    meeting = MeetingFactory(meeting_series=series)
    client.force_login(UserFactory(is_staff=True, language="en"))
    response = client.post(
        reverse("followups:carry", args=[meeting.pk]), {"item": ["x"]}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Choose at least one item." in response.content.decode()
