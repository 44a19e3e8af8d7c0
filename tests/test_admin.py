"""The admin site staff work in: every page renders, bad input gets a message, bulk actions work."""

import re

import pytest
from django.urls import reverse

from actions.models import ActionItem, Activity, Deadline
from meetings.models import Meeting, Organization
from tests.admin_forms import meeting_form

pytestmark = pytest.mark.django_db
MODELS = [
    ("accounts", "user"),
    ("meetings", "organization"),
    ("meetings", "meeting"),
    ("meetings", "session"),
    ("meetings", "participant"),
    ("actions", "actionitem"),
    ("actions", "deadline"),
    ("actions", "activity"),
]


@pytest.fixture(autouse=True)
def a_comment(telwg70_admin):
    """Every admin list below has a row to show, the comments' too (the shared staff_client
    signs in as this admin)."""
    from django.utils import timezone

    from actions import services

    item = ActionItem.objects.get(title__contains="TCB")
    services.comment_add(item=item, by=telwg70_admin, text="Registered.", now=timezone.now())


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_changelist_add_and_change_pages_render(staff_client, app, model):
    changelist = staff_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert changelist.status_code == 200
    add = staff_client.get(reverse(f"admin:{app}_{model}_add"))
    assert add.status_code in {200, 403}  # the activity log cannot be written by hand
    obj = changelist.context["cl"].result_list[0]
    change = staff_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))
    assert change.status_code == 200


def test_item_change_page_shows_the_activity_log(staff_client):
    item = ActionItem.objects.get(title__contains="國情報告")
    staff_client.post(
        reverse("admin:actions_actionitem_changelist"),
        {
            "action": "mark_done",
            "_selected_action": [item.pk],
        },
    )
    page = staff_client.get(reverse("admin:actions_actionitem_change", args=[item.pk]))
    assert "status changed from Open to Done" in page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "due=overdue",
        "due=7d",
        "due=none",
        "status__exact=open",
        "kind__exact=event",
        "q=ACS",
        "deadline__due_at__year=2025",
    ],
)
def test_item_filters_and_search(staff_client, query):
    response = staff_client.get(reverse("admin:actions_actionitem_changelist") + "?" + query)
    assert response.status_code == 200
    assert "errornote" not in response.content.decode()


def test_overdue_filter_lists_open_items_past_their_deadline(staff_client):
    response = staff_client.get(reverse("admin:actions_actionitem_changelist") + "?due=overdue")
    titles = {item.title for item in response.context["cl"].result_list}
    assert any("國情報告" in t for t in titles)  # 13 Mar 2025 is long past
    assert not any("CRA" in t for t in titles)  # 11 Dec 2027 is not


def test_bulk_reassign_through_the_intermediate_page(staff_client):
    from accounts.models import User

    items = list(ActionItem.objects.filter(owner__username="hsieh.chihchang"))
    new_owner = User.objects.get(username="hung.tsaichun")
    url = reverse("admin:actions_actionitem_changelist")
    page = staff_client.post(url, {"action": "reassign", "_selected_action": [i.pk for i in items]})
    assert page.status_code == 200 and "Reassign" in page.content.decode()
    staff_client.post(
        url,
        {
            "action": "reassign",
            "apply": "1",
            "owner": new_owner.pk,
            "reason": "convenor travelling",
            "_selected_action": [i.pk for i in items],
        },
    )
    assert set(
        ActionItem.objects.filter(pk__in=[i.pk for i in items]).values_list("owner__username", flat=True)
    ) == {"hung.tsaichun"}
    assert Activity.objects.filter(verb="reassigned").count() == len(items)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("end_on", "2025-03-01", "cannot be before the first day"),
        ("start_on", "2025-02-30", "has only 28 days"),
        ("venue_zone", "Asia/Gyeongju", "not a known time zone"),
        ("holiday_calendar", "XX", "Unknown holiday calendar “XX”"),
        ("end_on", "115 年 1 月", "is a month, not a day"),
    ],
)
def test_meeting_form_refuses_bad_input_with_a_message(staff_client, telwg70, field, value, message):
    url = reverse("admin:meetings_meeting_change", args=[telwg70.pk])
    response = staff_client.post(url, meeting_form(telwg70, **{field: value}))
    assert response.status_code == 200
    text = re.sub(r"\s+", " ", response.content.decode())
    assert message in text
    telwg70.refresh_from_db()
    assert str(telwg70.end_on) == "2025-03-07" and telwg70.venue_zone == "Asia/Seoul"


def test_deleting_a_meeting_with_items_is_refused_in_the_admin(staff_client, telwg70):
    url = reverse("admin:meetings_meeting_delete", args=[telwg70.pk])
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Meeting.objects.filter(pk=telwg70.pk).exists()
    org = Organization.objects.get(code="moda")
    response = staff_client.post(
        reverse("admin:meetings_organization_delete", args=[org.pk]), {"post": "yes"}
    )
    assert Organization.objects.filter(pk=org.pk).exists()
    assert Deadline.objects.exists()


def _posted_as_rendered(response) -> dict:
    """The data a browser posts back for an admin change page left as it is."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += list(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            widget = field.widget
            if hasattr(widget, "widgets"):  # split date/time
                values = widget.decompress(value) if not isinstance(value, list) else value
                for n, part in enumerate(values):
                    data[f"{form.add_prefix(name)}_{n}"] = part if part is not None else ""
            elif value is None:
                data[form.add_prefix(name)] = ""
            elif isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(v) for v in value]
            elif value is False:
                continue
            else:
                data[form.add_prefix(name)] = value
    return data


@pytest.mark.parametrize("field", ["owner", "watchers"])
def test_the_item_form_refuses_someone_who_could_never_see_the_item(staff_client, field):
    """Issue 13, point 15: the admin applies the services' rule, with its message."""
    from actions.services import ASSIGNEE_OUTSIDE_MEETING
    from tests.factories import UserFactory

    item = ActionItem.objects.get(title__contains="國情報告")
    outsider = UserFactory(full_name="Outsider")
    url = reverse("admin:actions_actionitem_change", args=[item.pk])
    data = _posted_as_rendered(staff_client.get(url))
    data[field] = outsider.pk if field == "owner" else [outsider.pk]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    message = str(ASSIGNEE_OUTSIDE_MEETING) % {"names": "Outsider", "meeting": item.meeting.short_label}
    assert response.context["adminform"].form.errors == {field: [message]}
    item.refresh_from_db()
    assert item.owner != outsider and outsider not in item.watchers.all()
    # Left as it was rendered, the same form saves.
    assert staff_client.post(url, _posted_as_rendered(staff_client.get(url))).status_code == 302
