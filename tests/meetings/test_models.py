"""Meeting rules: dates in order, known time zones, and nothing that items point at disappears."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from tests.factories import ActionItemFactory, MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory.build(start_on=date(2025, 3, 7), end_on=date(2025, 3, 3))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "end_on" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.save()


def test_unknown_venue_time_zone_is_refused():
    meeting = MeetingFactory.build(venue_zone="Asia/Gyeongju")
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "venue_zone" in error.value.message_dict


def test_meeting_with_items_cannot_be_deleted():
    item = ActionItemFactory()
    with pytest.raises(ProtectedError):
        item.meeting.delete()


def test_organization_responsible_for_items_cannot_be_deleted():
    org = OrganizationFactory()
    ActionItemFactory(responsible=org)
    with pytest.raises(ProtectedError):
        org.delete()


def test_str_is_readable():
    meeting = MeetingFactory(series="APEC TELWG", number=70, title="APEC TELWG 70")
    assert str(meeting) == "APEC TELWG 70"
    assert str(OrganizationFactory(name="數位發展部", abbreviation="MODA")) == "數位發展部 (MODA)"
