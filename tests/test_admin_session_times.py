"""Session times in the admin: typed as a day (ROC or Gregorian) and a time, read and shown
in the venue's zone, and labelled so."""

import html
import re
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from meetings.models import Session
from tests.admin_forms import meeting_form
from tracker.date_picker import TIME_NEEDED, split_day_and_time

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "day", "at"),
    [
        ("114/3/4 09:30", "114/3/4", time(9, 30)),
        ("民國114年3月4日 9:05", "民國114年3月4日", time(9, 5)),
        ("2025-03-04T18:00", "2025-03-04", time(18, 0)),
        ("  2025-03-04   07：45 ", "2025-03-04", time(7, 45)),
    ],
)
def test_split_day_and_time(typed, day, at):
    assert split_day_and_time(typed) == (day, at)


@pytest.mark.parametrize("typed", ["114/3/4", "114/3/4 24:00", "114/3/4 9:60", "09:30"])
def test_a_moment_without_a_valid_time_is_refused(typed):
    with pytest.raises(ValidationError):
        split_day_and_time(typed)


@pytest.fixture
def admin_client(client, telwg70):
    admin = User.objects.get(username="admin")
    admin.language = "en"
    admin.save()
    client.force_login(admin)
    return client


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_the_inline_shows_venue_times_and_says_so(admin_client, telwg70):
    session = Session.objects.filter(meeting=telwg70).order_by("starts_at").first()
    local = session.starts_at.astimezone(telwg70.zone)
    page = _text(admin_client.get(reverse("admin:meetings_meeting_change", args=[telwg70.pk])))
    assert "Starts (venue time)" in page
    assert "Venue time (Asia/Seoul)" in page
    assert f'value="{local:%-d %b %Y %H:%M}"' in page


def test_roc_input_is_read_at_the_venue(admin_client, telwg70):
    session = Session.objects.get(code="dmm-declaration")
    data = meeting_form(telwg70)
    row = next(k[: -len("-id")] for k, v in data.items() if k.endswith("-id") and v == session.pk)
    data[f"{row}-starts_at"] = "114/3/5 09:00"
    data[f"{row}-ends_at"] = "114/3/5 12:30"
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[telwg70.pk]), data)
    assert response.status_code == 302, _text(response)[:2000]
    session.refresh_from_db()
    assert session.starts_at.isoformat() == "2025-03-05T00:00:00+00:00"  # 09:00 in Seoul
    assert session.ends_at.isoformat() == "2025-03-05T03:30:00+00:00"


def test_a_day_without_a_time_is_a_form_error(admin_client, telwg70):
    session = Session.objects.get(code="dmm-declaration")
    before = session.starts_at
    data = meeting_form(telwg70)
    row = next(k[: -len("-id")] for k, v in data.items() if k.endswith("-id") and v == session.pk)
    data[f"{row}-starts_at"] = "114/3/5"
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[telwg70.pk]), data)
    assert response.status_code == 200
    assert str(TIME_NEEDED) in _text(response)
    session.refresh_from_db()
    assert session.starts_at == before


def test_the_session_page_takes_venue_times_too(admin_client, telwg70):
    session = Session.objects.get(code="dmm-declaration")
    page = _text(admin_client.get(reverse("admin:meetings_session_change", args=[session.pk])))
    assert "Venue time (Asia/Seoul)" in page


def test_admin_dates_offer_the_picker(admin_client, telwg70):
    page = _text(admin_client.get(reverse("admin:meetings_meeting_change", args=[telwg70.pk])))
    assert 'name="start_on__picked"' in page
    assert "web/date_picker.js" in page
