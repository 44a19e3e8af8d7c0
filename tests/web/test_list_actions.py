"""Actions from the task lists: done / move / reassign on one line, a selection, and undo —
with JavaScript off (POST, redirect back, a message) and with htmx (the line answered)."""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import ActionItem, Activity, Deadline, Status
from tests import factories
from tracker.date_picker import PICKED_SUFFIX
from web.list_actions import ALREADY_DONE
from web.list_views import UNDO_KEY

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
TASKS = "/"


def _post(client, name, pk=None, *, htmx=False, **data):
    url = reverse(f"web:{name}", args=[pk] if pk else [])
    return client.post(url, {"next": TASKS, **data}, **(HTMX if htmx else {}))


@pytest.fixture
def member(client, ours):
    client.force_login(ours.member)
    return ours.member


def test_my_tasks_offers_the_line_forms_to_the_owner(client, ours, member):
    page = client.get(reverse("web:tasks")).content.decode()
    assert f'action="/items/{ours.item.pk}/list/done/"' in page
    assert f'hx-post="/items/{ours.item.pk}/list/move/"' in page
    assert 'name="due__picked"' in page  # the picker beside the typed date
    assert 'id="bulk-form"' not in page  # a delegate has no selection


def test_done_with_a_note_redirects_back_with_a_message_and_an_undo(client, ours, member):
    response = _post(client, "list_done", ours.item.pk, note="uploaded, receipt 123")
    assert response.status_code == 302
    assert response["Location"] == TASKS
    ours.item.refresh_from_db()
    assert ours.item.status == Status.DONE
    assert ours.item.completion_note == "uploaded, receipt 123"
    page = client.get(TASKS).content.decode()
    assert "“ours task” marked done." in page
    assert 'action="/undo/"' in page
    assert "ours task</a>" not in page  # the open list no longer holds it


def test_done_needs_no_note(client, ours, member):
    assert _post(client, "list_done", ours.item.pk).status_code == 302
    ours.item.refresh_from_db()
    assert ours.item.status == Status.DONE


def test_done_with_htmx_answers_the_line_with_an_undo(client, ours, member):
    response = _post(client, "list_done", ours.item.pk, htmx=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li class="item is-done" id="item-{ours.item.pk}"')
    assert "“ours task” marked done." in body
    assert f'form="undo-{ours.item.pk}"' in body
    assert "<html" not in body


def test_undo_reopens_the_item_and_logs_it(client, ours, member):
    _post(client, "list_done", ours.item.pk)
    response = _post(client, "list_undo", htmx=True)
    assert "Undone: “ours task” marked done." in response.content.decode()
    ours.item.refresh_from_db()
    assert ours.item.status == Status.OPEN
    assert ours.item.completed_at is None
    assert client.session.get(UNDO_KEY) is None
    # a second undo has nothing to take back
    _post(client, "list_undo")
    assert "There is nothing to undo." in client.get(TASKS).content.decode()


def test_done_twice_is_refused_clearly(client, ours, member):
    _post(client, "list_done", ours.item.pk)
    response = _post(client, "list_done", ours.item.pk)
    assert response.status_code == 400
    assert str(ALREADY_DONE) in response.content.decode()


@pytest.mark.parametrize("typed", ["2099/4/30", "188/4/30", "民國188年4月30日"])
def test_move_accepts_roc_and_gregorian(client, ours, member, typed):
    assert _post(client, "list_move", ours.item.pk, due=typed).status_code == 302
    ours.item.refresh_from_db()
    assert ours.item.deadline.due_on == date(2099, 4, 30)


def test_move_takes_the_picked_day_when_nothing_is_typed(client, ours, member):
    _post(client, "list_move", ours.item.pk, due="", **{f"due{PICKED_SUFFIX}": "2099-02-01"})
    ours.item.refresh_from_db()
    assert ours.item.deadline.due_on == date(2099, 2, 1)


def test_move_into_the_past_asks_first(client, ours, member):
    before = ours.item.deadline.due_on
    response = _post(client, "list_move", ours.item.pk, due="114/4/30")
    page = response.content.decode()
    assert response.status_code == 400
    assert "is in the past: the item would be overdue at once." in page
    assert 'name="confirm_past"' in page  # the second submit's box
    ours.item.refresh_from_db()
    assert ours.item.deadline.due_on == before
    response = _post(client, "list_move", ours.item.pk, due="114/4/30", confirm_past="on")
    assert response.status_code == 302
    ours.item.refresh_from_db()
    assert ours.item.deadline.due_on == date(2025, 4, 30)


def test_move_into_the_past_with_htmx_asks_in_the_line(client, ours, member):
    response = _post(client, "list_move", ours.item.pk, due="114/4/30", htmx=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<details class="more" open>' in body
    assert 'name="confirm_past"' in body and 'role="alert"' in body


def test_a_bad_date_changes_nothing(client, ours, member):
    before = ours.item.deadline.due_on
    response = _post(client, "list_move", ours.item.pk, due="the 40th of Smarch")
    assert response.status_code == 400
    ours.item.refresh_from_db()
    assert ours.item.deadline.due_on == before
    assert not Activity.objects.filter(item=ours.item, verb="deadline_moved").exists()


def test_undo_of_a_move_restores_the_shared_deadline(client, ours, member):
    other = factories.ActionItemFactory(meeting=ours.meeting, owner=ours.head, deadline=ours.item.deadline)
    shared = ours.item.deadline
    _post(client, "list_move", ours.item.pk, due="2099-01-31")
    ours.item.refresh_from_db()
    assert ours.item.deadline_id != shared.pk  # this item only: it got its own deadline
    other.refresh_from_db()
    assert other.deadline_id == shared.pk
    _post(client, "list_undo")
    ours.item.refresh_from_db()
    assert ours.item.deadline_id == shared.pk
    assert Deadline.objects.get(pk=shared.pk).due_on == date(2025, 3, 13)


def test_undo_of_a_move_in_place_moves_it_back(client, ours, member):
    _post(client, "list_move", ours.item.pk, due="2099-01-31")
    _post(client, "list_undo")
    ours.item.refresh_from_db()
    assert ours.item.deadline.due_on == date(2025, 3, 13)


def test_reassign_to_a_participant_and_undo(client, ours, member):
    response = _post(client, "list_reassign", ours.item.pk, owner=ours.head.pk, htmx=True)
    assert "given to" in response.content.decode()
    ours.item.refresh_from_db()
    assert ours.item.owner == ours.head
    _post(client, "list_undo")
    ours.item.refresh_from_db()
    assert ours.item.owner == member


def test_the_reassign_box_offers_the_meeting_s_people_once_a_page(client, ours, member):
    """One searchable list of the meeting's people a page, not a menu copied into every line."""
    extra = factories.ActionItemFactory(meeting=ours.meeting, owner=member, deadline=ours.item.deadline)
    page = client.get(TASKS).content.decode()
    datalist = f'<datalist id="owners-{ours.meeting.pk}">'
    assert page.count(datalist) == 1
    assert page.count(f'list="owners-{ours.meeting.pk}"') == 2  # both lines point at it
    for pk in (ours.item.pk, extra.pk):  # the forms are drawn once a page, each line its own id
        assert page.count(f'action="/items/{pk}/list/done/"') == 1
        assert f'id="reassign-owner-{pk}"' in page
    people = page.split(datalist, 1)[1].split("</datalist>", 1)[0]
    assert f'<option value="{ours.head.username}">{ours.head.display_name}</option>' in people
    response = _post(client, "list_reassign", extra.pk, owner=ours.head.username)
    assert response.status_code == 302
    extra.refresh_from_db()
    assert extra.owner == ours.head


def test_reassign_to_a_name_nobody_has_is_refused_with_the_list_again(client, ours, member):
    response = _post(client, "list_reassign", ours.item.pk, owner="nobody-of-that-name")
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<datalist id="owners-{ours.meeting.pk}">' in page  # JavaScript off: the form again
    ours.item.refresh_from_db()
    assert ours.item.owner == member


def test_reassign_to_someone_outside_the_meeting_is_refused(client, ours, theirs, member):
    response = _post(client, "list_reassign", ours.item.pk, owner=theirs.member.pk)
    assert response.status_code == 400
    ours.item.refresh_from_db()
    assert ours.item.owner == member


def test_someone_who_may_not_manage_gets_403_and_a_stranger_404(client, ours, theirs):
    colleague = factories.UserFactory(username="colleague")
    factories.ParticipantFactory(meeting=ours.meeting, user=colleague)
    client.force_login(colleague)
    assert _post(client, "list_done", ours.item.pk).status_code == 403
    client.force_login(theirs.member)
    assert _post(client, "list_done", ours.item.pk).status_code == 404
    ours.item.refresh_from_db()
    assert ours.item.status == Status.OPEN


def test_next_cannot_leave_the_site(client, ours, member):
    response = client.post(reverse("web:list_done", args=[ours.item.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("web:tasks")


# --- a selection (staff and heads) ----------------------------------------------------------


@pytest.fixture
def head(client, ours):
    client.force_login(ours.head)
    return ours.head


@pytest.fixture
def two(ours):
    second = factories.ActionItemFactory(meeting=ours.meeting, owner=ours.member, title="second task")
    return [ours.item, second]


def _bulk(client, items, **data):
    return client.post(
        reverse("web:list_bulk"),
        {
            "next": reverse("web:delegation"),
            "items": [i.pk for i in items],
            **{f"bulk-{key}": value for key, value in data.items()},
        },
    )


def test_the_head_sees_the_selection_form_on_the_delegation_page(client, ours, head, two):
    page = client.get(reverse("web:delegation")).content.decode()
    assert 'id="bulk-form"' in page
    assert f'name="items" value="{two[1].pk}" form="bulk-form"' in page


def test_bulk_close_and_undo(client, head, two):
    response = _bulk(client, two, action="done", note="all sent")
    assert response.status_code == 302
    assert {i.status for i in ActionItem.objects.filter(pk__in=[i.pk for i in two])} == {"done"}
    assert "2 items marked done." in client.get(reverse("web:delegation")).content.decode()
    _post(client, "list_undo")
    assert {i.status for i in ActionItem.objects.filter(pk__in=[i.pk for i in two])} == {"open"}


def test_bulk_move(client, head, two):
    _bulk(client, two, action="move", due="188年1月31日")
    assert {i.deadline.due_on for i in ActionItem.objects.filter(pk__in=[i.pk for i in two])} == {
        date(2099, 1, 31)
    }


def test_bulk_move_into_the_past_asks_first(client, head, two):
    response = _bulk(client, two, action="move", due="114/4/30")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="bulk-confirm_past"' in page
    assert page.count('type="hidden" name="items"') == 2  # the selection is kept


def test_bulk_reassign_is_all_or_nothing(client, ours, theirs, head, two):
    outsider_item = factories.ActionItemFactory(meeting=ours.meeting, owner=ours.member)
    factories.ParticipantFactory(meeting=theirs.meeting, user=ours.head, role="head")
    # theirs.member is a participant of theirs, not of ours: refused for ours' items
    response = _bulk(client, [*two, outsider_item], action="reassign", owner=theirs.member.pk)
    assert response.status_code == 400
    assert "cannot see items of" in response.content.decode()
    assert set(ActionItem.objects.filter(meeting=ours.meeting).values_list("owner", flat=True)) == {
        ours.member.pk
    }


def test_bulk_without_a_selection_says_so(client, head):
    response = _bulk(client, [], action="done")
    assert response.status_code == 400
    assert "Select at least one item." in response.content.decode()


def test_a_delegate_cannot_act_on_a_selection(client, member, two):
    assert _bulk(client, two, action="done").status_code == 403
