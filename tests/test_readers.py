"""One fallback zone: a missing or stale zone reads in the site's zone (settings.TIME_ZONE),
never a zone written into the code."""

import pytest
from django.test import override_settings

from tracker.date_picker import VenueDateTimeField
from tracker.readers import known_zone


@pytest.mark.parametrize("zone", ["", None, "Mars/Olympus", "../etc/passwd"])
@override_settings(TIME_ZONE="Europe/Zurich")
def test_an_unknown_zone_falls_back_to_the_sites_zone(zone):
    assert known_zone(zone) == "Europe/Zurich"


def test_a_known_zone_is_kept():
    assert known_zone("America/Lima") == "America/Lima"


@override_settings(TIME_ZONE="Europe/Zurich")
def test_a_venue_time_typed_without_a_venue_zone_is_read_in_the_sites_zone():
    field = VenueDateTimeField()
    moment = field.clean("2025-03-04 09:30")
    assert (moment.utcoffset().total_seconds(), str(moment.tzinfo)) == (3600, "Europe/Zurich")
