"""The outbox and the policies in the admin."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from reminders import delivery, scheduling
from reminders.models import ReminderPolicy, ReminderState
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def test_failed_reminders_are_listed_and_filterable_by_state(client, staff_user):
    item = ActionItemFactory(title="Upload the country report")
    scheduling.item_reschedule(item=item, now=datetime(2025, 3, 1, tzinfo=UTC))
    delivery.reminders_sweep(now=datetime(2025, 3, 6, 1, 5, tzinfo=UTC), enqueue=None)
    item.reminders.update(state=ReminderState.FAILED, last_error="SMTPRecipientsRefused 550")
    client.force_login(staff_user)
    url = reverse("admin:reminders_reminder_changelist")
    failed = client.get(url, {"state__exact": "failed"}).content.decode()
    assert "Upload the country report" in failed
    assert "SMTPRecipientsRefused 550" in failed
    sent = client.get(url, {"state__exact": "sent"}).content.decode()
    assert "Upload the country report" not in sent


def test_editing_a_policy_in_the_admin_reschedules_its_items(client, staff_user):
    item = ActionItemFactory()
    scheduling.item_reschedule(item=item, now=datetime(2025, 3, 1, tzinfo=UTC))
    client.force_login(staff_user)
    default = ReminderPolicy.objects.get(is_default=True)
    response = client.post(
        reverse("admin:reminders_reminderpolicy_change", args=[default.pk]),
        {
            "name": "Default",
            "is_default": "on",
            "days_before": "[10]",
            "on_due_day": "on",
            "overdue_every_days": "2",
            "overdue_max_days": "30",
            "escalate_after_days": "3",
            "send_hour": "9",
            "quiet_after_hour": "21",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.next_reminder_at == datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
    bad = client.post(
        reverse("admin:reminders_reminderpolicy_change", args=[default.pk]),
        {
            "name": "Default",
            "is_default": "on",
            "days_before": "[3, 3]",
            "on_due_day": "on",
            "overdue_every_days": "2",
            "overdue_max_days": "30",
            "escalate_after_days": "3",
            "send_hour": "9",
            "quiet_after_hour": "21",
        },
    )
    assert bad.status_code == 200
    assert "duplicates" in bad.content.decode()


def test_only_staff_who_may_change_reminders_can_send_them_again(client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    item = ActionItemFactory()
    scheduling.item_reschedule(item=item, now=datetime(2025, 3, 1, tzinfo=UTC))
    delivery.reminders_sweep(now=datetime(2025, 3, 6, 1, 5, tzinfo=UTC), enqueue=None)
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_reminder"))
    client.force_login(viewer)
    page = client.get(reverse("admin:reminders_reminder_changelist"))
    assert page.status_code == 200
    assert "before-7@2025-03-13" in page.content.decode()
    assert 'value="retry"' not in page.content.decode()
    viewer.user_permissions.add(Permission.objects.get(codename="change_reminder"))
    page = client.get(reverse("admin:reminders_reminder_changelist"))
    assert 'value="retry"' in page.content.decode()
