"""One reader (language, zone, date style) for pages, the API, admin columns, feeds and emails."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from followup_dates.reader import Reader
from tests.factories import UserFactory
from tracker.readers import reader_for

AT = datetime(2025, 3, 13, 15, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", Reader("gregorian", "en", "UTC")),
        ("zh-hant", Reader("roc", "zh-hant", "UTC")),
    ],
)
def test_anyone_signed_out_reads_in_the_sites_zone_not_a_hard_coded_one(settings, language, expected):
    settings.TIME_ZONE = "UTC"
    with translation.override(language):
        assert reader_for(AnonymousUser()) == expected
        assert reader_for(None) == expected


def test_a_zone_without_a_slash_is_shown_by_its_name(settings):
    settings.TIME_ZONE = "UTC"
    with translation.override("en"):
        assert reader_for(None).instant(AT) == "13 Mar 2025 15:59 (UTC)"


@pytest.mark.django_db
def test_a_person_reads_in_their_own_zone_and_style_in_the_active_language():
    user = UserFactory(time_zone="Asia/Seoul", language="en", date_style="roc")
    with translation.override("en"):
        reader = reader_for(user)
        assert reader == Reader("roc", "en", "Asia/Seoul")
        assert reader.day(date(2025, 3, 13)) == "13 Mar ROC 114"
        assert reader.instant(AT, deadline_zone="Asia/Taipei") == (
            "14 Mar ROC 114 00:59 Seoul (13 Mar ROC 114 23:59 Taipei time)"
        )
    assert reader_for(user, language="zh-hant").language == "zh-hant"
