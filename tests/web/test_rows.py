"""A task-list line says what the template used to work out: links, dates, status, lateness."""

from datetime import UTC, date, datetime

from django.urls import reverse
from django.utils import translation

from actions.models import ActionItem
from tests import factories
from web.rows import item_rows, row_labels

NOW = datetime(2025, 3, 20, 1, 0, tzinfo=UTC)


def _rows(user, items):
    items = list(ActionItem.objects.filter(pk__in=[i.pk for i in items]).with_related().order_by("pk"))
    return item_rows(items, user=user, now=NOW)


def test_a_line_in_roc_for_a_taipei_reader(db):
    reader = factories.UserFactory(language="zh-hant", time_zone="Asia/Taipei", date_style="")
    org = factories.OrganizationFactory(abbreviation="MODA")
    late = factories.ActionItemFactory(
        owner=reader, responsible=org, status="open", deadline__due_on=date(2025, 3, 13)
    )
    with translation.override("zh-hant"):
        [row] = _rows(reader, [late])
    assert row.url == reverse("web:item", args=[late.pk])
    assert row.meeting_url == reverse("web:meeting", args=[late.meeting_id])
    assert row.meeting_label == late.meeting.short_label
    assert row.due == "114年3月13日"
    assert row.due_iso.startswith("2025-03-13T23:59:59")
    assert row.is_overdue and row.status_label == "待辦"
    assert not row.clock_differs  # the deadline's zone is the reader's
    assert row.responsible_label == "MODA"
    assert row.owner_name == reader.display_name


def test_a_line_without_deadline_or_owner(db):
    reader = factories.UserFactory(language="en", time_zone="Europe/Paris")
    loose = factories.ActionItemFactory(owner=None, deadline=None, responsible=None)
    with translation.override("en"):
        [row] = _rows(reader, [loose])
    assert (row.due, row.due_iso, row.is_overdue, row.clock_differs) == ("—", "", False, False)
    assert (row.owner_name, row.responsible_label) == ("—", "")


def test_a_reader_elsewhere_sees_the_instant_and_done_is_never_late(db):
    reader = factories.UserFactory(language="en", time_zone="America/New_York", date_style="gregorian")
    done = factories.ActionItemFactory(status="done", completed_at=NOW, deadline__due_on=date(2025, 3, 13))
    with translation.override("en"):
        [row] = _rows(reader, [done])
    assert row.clock_differs  # 23:59 in Taipei is 11:59 in New York (summer time from 9 Mar)
    assert row.due_instant == "13 Mar 2025 11:59 New York (13 Mar 2025 23:59 Taipei time)"
    assert not row.is_overdue
    assert row.status_label == "Done"


def test_labels_follow_the_language():
    with translation.override("zh-hant"):
        assert row_labels()["due"] != "Due"
    with translation.override("en"):
        assert row_labels()["due"] == "Due"
