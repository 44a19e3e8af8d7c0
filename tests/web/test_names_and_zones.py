"""Names in the reader's language (title_en / name_en, each falling back to the other) and the
time-zone menu from CLDR: grouped, likely zones first, never "Los Angeles時間"."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from followup_dates import dates
from meetings import names
from tests import factories
from web import zones

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("own", "english", "language", "shown"),
    [
        ("歐盟", "European Union", "en", "European Union"),
        ("歐盟", "European Union", "zh-hant", "歐盟"),
        ("歐盟", "", "en", "歐盟"),
        ("", "European Union", "zh-hant", "European Union"),
    ],
)
def test_pick(own, english, language, shown):
    assert names.pick(own, english, language) == shown


@pytest.fixture
def english_reader(client, ours):
    ours.member.language = "en"
    ours.member.save()
    client.force_login(ours.member)
    meeting = ours.meeting
    meeting.title, meeting.title_en = "電信工作小組會議", "Telecommunications Working Group"
    meeting.save()
    org = factories.OrganizationFactory(
        name="數位發展部", name_en="Ministry of Digital Affairs", abbreviation=""
    )
    session = factories.SessionFactory(meeting=meeting, name="開幕式", name_en="Opening")
    ours.item.responsible, ours.item.session = org, session
    ours.item.save()
    return ours


def test_english_pages_use_the_english_names(client, english_reader):
    ours = english_reader
    item_page = client.get(reverse("web:item", args=[ours.item.pk])).content.decode()
    assert "Ministry of Digital Affairs" in item_page and "數位發展部" not in item_page
    assert "Opening" in item_page and "開幕式" not in item_page
    meeting_page = client.get(reverse("web:meeting", args=[ours.meeting.pk])).content.decode()
    assert "Telecommunications Working Group" in meeting_page
    assert "開幕式" not in meeting_page
    assert "Telecommunications Working Group" in client.get(reverse("web:meetings")).content.decode()
    tasks = client.get(reverse("web:tasks")).content.decode()
    assert "Ministry of Digital Affairs" in tasks


def test_chinese_pages_keep_the_chinese_names(client, english_reader):
    ours = english_reader
    ours.member.language = "zh-hant"
    ours.member.save()
    page = client.get(reverse("web:item", args=[ours.item.pk])).content.decode()
    assert "數位發展部" in page and "開幕式" in page


@pytest.mark.parametrize(
    ("zone", "language", "city"),
    [
        ("America/Los_Angeles", "zh-hant", "洛杉磯"),
        ("Europe/Brussels", "zh-hant", "布魯塞爾"),
        ("Europe/Brussels", "en", "Brussels"),
    ],
)
def test_instants_name_the_city_in_the_reader_language(zone, language, city):
    at = datetime(2025, 3, 13, 15, 59, tzinfo=UTC)
    shown = dates.format_instant(at, reader_zone=zone, style="gregorian", language=language)
    assert city in shown
    assert "Los Angeles時間" not in shown


def test_the_zone_menu_is_grouped_with_likely_zones_first():
    choices = zones.zone_choices("zh-hant", ["Europe/Brussels"])
    group, entries = choices[0]
    assert str(group) in ("Likely for you", "您可能需要的時區")
    assert entries[0] == ("Europe/Brussels", entries[0][1])
    assert entries[0][1].startswith("布魯塞爾（比利時時間）")
    regions = [name for name, _ in choices[1:]]
    assert "Asia" in regions and "Europe" in regions
    every = [zone for _, group_entries in choices[1:] for zone, _ in group_entries]
    assert len(every) == len(set(every)) > 400


def test_the_preferences_menu_offers_cldr_names_and_a_search(client, english_reader):
    page = client.get(reverse("web:preferences")).content.decode()
    assert '<optgroup label="Likely for you">' in page
    assert "Seoul (South Korea Time) UTC+09:00" in page
    assert 'class="zone-search"' in page
    response = client.post(
        reverse("web:preferences"),
        {
            "language": "en",
            "time_zone": "Europe/Brussels",
            "date_style": "",
            "reminder_mode": "single",
            "optional_reminders": "",
        },
    )
    assert response.status_code == 302
    english_reader.member.refresh_from_db()
    assert english_reader.member.time_zone == "Europe/Brussels"
