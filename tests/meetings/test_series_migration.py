"""The meeting-series migration keeps existing data: each series label becomes a series."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("meetings", "0002_participant_head_index")]
AFTER = [("meetings", "0003_meeting_series")]


def test_existing_meetings_are_put_in_a_series_of_their_label():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Meeting = old.get_model("meetings", "Meeting")
    for number, start in ((70, date(2025, 3, 3)), (71, date(2025, 7, 29))):
        Meeting.objects.create(
            slug=f"tel-{number}",
            series="APEC TELWG",
            number=number,
            title="TEL",
            start_on=start,
            end_on=start,
            venue="x",
            venue_zone="Asia/Seoul",
            holiday_calendar="KR",
        )
    Meeting.objects.create(
        slug="other",
        series="WTO TBT",
        number=1,
        title="TBT",
        start_on=date(2025, 6, 1),
        end_on=date(2025, 6, 2),
        venue="y",
        venue_zone="Europe/Zurich",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Meeting = new.get_model("meetings", "Meeting")
    linked = {
        m.slug: (m.meeting_series.code, m.meeting_series.label, m.meeting_series.holiday_calendar)
        for m in Meeting.objects.select_related("meeting_series")
    }
    assert linked == {
        "tel-70": ("apec-telwg", "APEC TELWG", "KR"),
        "tel-71": ("apec-telwg", "APEC TELWG", "KR"),
        "other": ("wto-tbt", "WTO TBT", ""),
    }
    # Back to the latest state for the tests that follow.
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
