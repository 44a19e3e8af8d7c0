"""Saved views: a person keeps a list's filters under a name and gets them back in one click."""

from __future__ import annotations

import pytest

from actions.models import ItemKind
from tests import factories
from web import services as web_services
from web.models import SavedView


def _save(client, name: str, query: str, list_name: str = "tasks"):
    return client.post(
        "/views/", {"view-name": name, "view-list_name": list_name, "view-query": query}, follow=True
    )


def test_a_delegate_saves_the_filters_and_finds_them_again(client, ours):
    client.force_login(ours.member)
    page = client.get(f"/?status=open&kind={ItemKind.OUR_TASK}&meeting={ours.meeting.pk}").content.decode()
    assert 'action="/views/"' in page  # filters applied: the list offers to save them

    saved = _save(client, "Our open tasks", f"meeting={ours.meeting.pk}&status=open&kind={ItemKind.OUR_TASK}")
    view = SavedView.objects.get(user=ours.member)
    assert view.name == "Our open tasks"
    assert view.query == f"meeting={ours.meeting.pk}&status=open&kind={ItemKind.OUR_TASK}"
    assert saved.redirect_chain[-1][0] == f"/?{view.query}"
    text = saved.content.decode()
    assert "View “Our open tasks” saved." in text
    assert f'href="?{view.query.replace("&", "&amp;")}" aria-current="page"' in text

    other_list = client.get("/?status=all").content.decode()
    assert "Our open tasks" in other_list and 'aria-current="page">Our open tasks' not in other_list


def test_saving_under_the_same_name_replaces_the_view(client, ours):
    client.force_login(ours.member)
    _save(client, "Mine", "status=open")
    _save(client, "Mine", "status=done")
    assert list(SavedView.objects.filter(user=ours.member).values_list("name", "query")) == [
        ("Mine", "status=done")
    ]


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("Tab\tname", "status=open", "Use one line of text"),
        ("   ", "status=open", "This field is required."),
        ("No filters", "", "Choose some filters first"),
        ("Bad filter", "status=not-a-status", "These filters are not valid any more"),
        ("x" * 61, "status=open", "Ensure this value has at most 60 characters"),
    ],
)
def test_a_bad_view_is_refused_with_a_clear_message_and_nothing_saved(client, ours, name, query, message):
    client.force_login(ours.member)
    response = _save(client, name, query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SavedView.objects.exists()


def test_a_meeting_the_person_cannot_see_is_not_a_filter_they_can_save(client, ours, theirs):
    client.force_login(ours.member)
    response = _save(client, "Spy", f"meeting={theirs.meeting.pk}")
    assert "These filters are not valid any more" in response.content.decode()
    assert not SavedView.objects.exists()


def test_a_person_deletes_their_own_view_and_no_one_else_s(client, ours, theirs):
    client.force_login(ours.member)
    _save(client, "Mine", "status=open")
    mine = SavedView.objects.get()
    client.force_login(theirs.member)
    assert client.post(f"/views/{mine.pk}/delete/").status_code == 404
    client.force_login(ours.member)
    response = client.post(f"/views/{mine.pk}/delete/", follow=True)
    assert "View “Mine” deleted." in response.content.decode()
    assert not SavedView.objects.exists()


def test_a_person_keeps_at_most_twenty_views_a_list(db, ours):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    for number in range(web_services.SAVED_VIEWS_PER_LIST):
        web_services.saved_view_save(
            user=ours.member, list_name="tasks", name=f"v{number}", query="status=open", now=timezone.now()
        )
    with pytest.raises(ValidationError) as refused:
        web_services.saved_view_save(
            user=ours.member, list_name="tasks", name="one more", query="status=open", now=timezone.now()
        )
    assert refused.value.code == "too_many"
    web_services.saved_view_save(  # another list has its own twenty
        user=ours.member, list_name="delegation", name="one more", query="status=open", now=timezone.now()
    )


def test_a_head_saves_a_view_of_the_delegation_list(client, ours):
    client.force_login(ours.head)
    response = _save(client, "Late ones", "due=overdue", list_name="delegation")
    assert response.redirect_chain[-1][0] == "/delegation/?due=overdue"
    assert SavedView.objects.get().list_name == "delegation"
    factories.ActionItemFactory(meeting=ours.meeting, owner=ours.member)
    assert "Late ones" in client.get("/delegation/").content.decode()
