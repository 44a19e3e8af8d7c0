"""The admin in Chinese: no English fragments in menus and logs, and its styles loaded."""

import pytest
from django.urls import reverse
from django.utils import translation

from actions.models import Activity, Deadline
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_deadline_names_its_date_in_the_active_language():
    deadline = factories.DeadlineFactory(label="國情報告")
    with translation.override("zh-hant"):
        assert str(deadline) == "國情報告 (114年3月13日)"
    with translation.override("en"):
        assert str(deadline) == "國情報告 (13 Mar 2025)"


def test_a_log_line_is_in_the_active_language():
    item = factories.ActionItemFactory()
    entry = Activity.objects.create(
        item=item, verb="evidence", data={"name": "receipt.pdf"}, created_at=item.created_at
    )
    with translation.override("zh-hant"):
        assert str(entry) == "已附佐證：receipt.pdf"


def test_the_admin_loads_the_tracker_styles(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("admin:actions_actionitem_changelist")).content.decode()
    assert "web/admin.css" in page
    assert Deadline.objects.count() == 0
