"""The task lists' organization filter offers the organizations responsible for items one sees."""

from meetings.models import Meeting
from tests import factories
from web.forms import ItemFilterForm


def _offered(form: ItemFilterForm) -> set[str]:
    return {org.code for org in form.fields["responsible"].queryset}


def test_a_delegate_is_offered_the_organizations_of_their_meetings(ours, theirs):
    factories.ActionItemFactory(meeting=ours.meeting, responsible=factories.OrganizationFactory(code="ncc"))
    factories.ActionItemFactory(meeting=theirs.meeting, responsible=factories.OrganizationFactory(code="kcc"))
    factories.OrganizationFactory(code="idle")  # responsible for nothing
    form = ItemFilterForm(None, meetings=Meeting.objects.filter(pk=ours.meeting.pk))
    assert _offered(form) == {"ncc"}


def test_staff_are_offered_every_organization_with_an_item_and_no_other(ours, theirs):
    factories.ActionItemFactory(meeting=ours.meeting, responsible=factories.OrganizationFactory(code="ncc"))
    factories.ActionItemFactory(meeting=theirs.meeting, responsible=factories.OrganizationFactory(code="kcc"))
    factories.OrganizationFactory(code="idle")
    staff = ItemFilterForm(None, meetings=Meeting.objects.all(), every_meeting=True)
    joined = ItemFilterForm(None, meetings=Meeting.objects.all())
    assert _offered(staff) == _offered(joined) == {"ncc", "kcc"}
    assert [o.name for o in staff.fields["responsible"].queryset] == sorted(
        o.name for o in staff.fields["responsible"].queryset
    )


def test_the_staff_task_list_offers_the_organizations(client, ours):
    admin = factories.UserFactory(is_staff=True, username="staff-reader", language="en")
    client.force_login(admin)
    factories.ActionItemFactory(
        meeting=ours.meeting, owner=admin, responsible=factories.OrganizationFactory(code="ncc", name="NCC")
    )
    page = client.get("/")
    assert page.status_code == 200
    assert "NCC" in page.content.decode()
