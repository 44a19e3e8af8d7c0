"""The staff landing page and the meetings list with counts and progress bars."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(ours):
    now = timezone.now()
    org = factories.OrganizationFactory(
        name="數位發展部", name_en="Ministry of Digital Affairs", abbreviation="MODA"
    )
    soon = factories.DeadlineFactory(
        meeting=ours.meeting, due_on=(now + timedelta(days=3)).date(), due_at=now + timedelta(days=3)
    )
    factories.ActionItemFactory(meeting=ours.meeting, owner=ours.member, deadline=soon, title="due soon")
    ours.item.responsible = org  # its deadline (13 Mar 2025) is long past: overdue
    ours.item.save()
    factories.ActionItemFactory(
        meeting=ours.meeting, owner=ours.head, status=Status.DONE, completed_at=now, title="finished"
    )
    return ours


def test_staff_land_on_the_overview(client, staff_user, scene):
    client.force_login(staff_user)
    response = client.get(reverse("web:tasks"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:overview")
    # asking for the list on purpose still shows it
    assert client.get(reverse("web:tasks") + "?status=all").status_code == 200


def test_the_overview_counts_progress_and_lateness(client, scene):
    scene.head.language = "en"
    scene.head.save()
    client.force_login(scene.head)
    page = client.get(reverse("web:overview")).content.decode()
    assert 'class="chart"' in page
    assert "1 <small>(33%)</small>" in page  # one of three done
    assert "Ministry of Digital Affairs (MODA)" in page
    assert f'{scene.member.display_name}</th><td class="num late-text">1' in page
    assert "due soon" in page.split('id="week-h"')[1]
    assert "finished" not in page


def test_a_delegate_has_no_overview(client, scene):
    client.force_login(scene.member)
    assert client.get(reverse("web:overview")).status_code == 403


def test_the_meetings_list_shows_counts_and_a_bar(client, scene):
    client.force_login(scene.member)
    scene.member.language = "en"
    scene.member.save()
    page = client.get(reverse("web:meetings")).content.decode()
    assert "3 items" in page
    assert 'class="chart"' in page
    assert "(33%)" in page
