"""Action items through the API: the web pages' rules, every action a service call, each logged."""

from datetime import date

import pytest

from actions.models import Activity, Deadline, Status
from followup_dates import dates
from tests.factories import (
    ActionItemFactory,
    DeadlineFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/action-items/"


def _url(item, action=""):
    return f"{ITEMS}{item.pk}/{action + '/' if action else ''}"


def test_a_delegate_lists_only_their_delegations_items(api, ours, theirs):
    response = api(ours.delegate).get(ITEMS)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [ours.item.pk]
    staff = api(UserFactory(is_staff=True)).get(ITEMS).json()
    assert staff["count"] == 2


@pytest.mark.parametrize(
    ("method", "action", "body"),
    [
        ("get", "", None),
        ("patch", "", {"title": "x"}),
        ("post", "complete", {}),
        ("post", "reopen", {}),
        ("post", "reassign", {"owner": None}),
        ("post", "move-deadline", {"due": "2025-04-01"}),
        ("post", "comments", {"text": "hello"}),
    ],
)
def test_another_delegations_item_is_404_for_every_operation(api, ours, theirs, method, action, body):
    client = api(ours.head)
    response = getattr(client, method)(_url(theirs.item, action), body, format="json")
    assert response.status_code == 404
    assert response.json()["detail"]
    theirs.item.refresh_from_db()
    assert theirs.item.status == Status.OPEN
    assert not theirs.item.activities.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("owner", True),
        ("head", True),
        ("staff", True),
        ("delegate", False),
    ],
)
@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("complete", {"note": "uploaded to ACS"}),
        ("reassign", {"owner": "DELEGATE", "reason": "leave"}),
        ("move-deadline", {"due": "114年4月底", "reason": "extended"}),
    ],
)
def test_who_may_act_on_an_item(api, ours, who, allowed, action, body):
    user = UserFactory(is_staff=True) if who == "staff" else getattr(ours, who)
    body = {k: (ours.delegate.pk if v == "DELEGATE" else v) for k, v in body.items()}
    response = api(user).post(_url(ours.item, action), body, format="json")
    if allowed:
        assert response.status_code == 200, response.json()
        assert ours.item.activities.count() == 1
    else:
        assert response.status_code == 403
        assert response.json()["detail"]
        assert not ours.item.activities.exists()


def test_complete_then_reopen(api, ours):
    client = api(ours.owner)
    done = client.post(_url(ours.item, "complete"), {"note": "ACS receipt 123"}, format="json")
    body = done.json()
    assert (body["status"], body["completion_note"], body["completed_by"]) == (
        "done",
        "ACS receipt 123",
        ours.owner.pk,
    )
    assert body["completed_at"].endswith("+08:00")  # the owner's zone, Asia/Taipei
    # Completing twice changes nothing and logs nothing more.
    client.post(_url(ours.item, "complete"), {}, format="json")
    reopened = client.post(_url(ours.item, "reopen"), {"reason": "receipt was wrong"}, format="json").json()
    assert (reopened["status"], reopened["completed_at"]) == ("open", None)
    verbs = list(ours.item.activities.values_list("verb", "data"))
    assert verbs == [("status", {"from": "open", "to": "done"}), ("status", {"from": "done", "to": "open"})]


def test_reopen_leaves_an_open_item_alone(api, ours):
    response = api(ours.owner).post(_url(ours.item, "reopen"), {}, format="json")
    assert response.json()["status"] == "open"
    assert not ours.item.activities.exists()


def test_reassign_within_the_delegation_and_not_outside_it(api, ours, theirs):
    client = api(ours.head)
    moved = client.post(_url(ours.item, "reassign"), {"owner": ours.delegate.pk}, format="json").json()
    assert (moved["owner"], moved["owner_name"]) == (ours.delegate.pk, ours.delegate.display_name)
    refused = client.post(_url(ours.item, "reassign"), {"owner": theirs.owner.pk}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["owner"]
    unassigned = client.post(_url(ours.item, "reassign"), {"owner": None}, format="json").json()
    assert unassigned["owner"] is None


def test_reassign_to_a_visible_user_outside_the_meeting_is_refused(api, ours):
    # Staff see everyone, but the owner must still take part in the meeting.
    outsider = UserFactory()
    response = api(UserFactory(is_staff=True)).post(
        _url(ours.item, "reassign"), {"owner": outsider.pk}, format="json"
    )
    assert response.status_code == 400
    assert "owner" in response.json()


def test_move_deadline_reads_roc_and_keeps_precision_and_zone(api, ours):
    ours.item.deadline.zone = "Asia/Singapore"
    ours.item.deadline.save()
    response = api(ours.owner).post(
        _url(ours.item, "move-deadline"), {"due": "114年4月底", "reason": "chair extended"}, format="json"
    )
    due = response.json()["due"]
    assert (due["due_on"], due["first_day"], due["precision"], due["zone"]) == (
        "2025-04-30",
        "2025-04-01",
        "month",
        "Asia/Singapore",
    )
    assert due["due_at"] == "2025-04-30T23:59:59+08:00"
    assert due["rule"] is None
    entry = ours.item.activities.get()
    assert entry.describe() == ("due moved from 13 Mar 2025 to by end of Apr 2025 because chair extended")


def test_moving_one_items_shared_deadline_leaves_the_others(api, ours):
    shared = ours.item.deadline
    other = ActionItemFactory(meeting=ours.meeting, deadline=shared, owner=ours.head)
    response = api(ours.owner).post(_url(ours.item, "move-deadline"), {"due": "2025-03-20"}, format="json")
    assert response.json()["due"]["due_on"] == "2025-03-20"
    assert response.json()["deadline"] != shared.pk
    shared.refresh_from_db()
    other.refresh_from_db()
    assert shared.due_on == date(2025, 3, 13)
    assert other.deadline == shared
    assert not other.activities.exists()
    # The new deadline keeps the old one's zone.
    assert Deadline.objects.get(pk=response.json()["deadline"]).zone == shared.zone


@pytest.mark.parametrize(
    ("due", "fragment"),
    [
        ("2025-02-30", "February 2025"),
        ("114年13月", "month 13"),
        ("13/03/2025", "year last"),
        ("next week", "not a date"),
        (20250313, "text"),
        ("", "Enter a date"),
    ],
)
def test_move_deadline_refuses_bad_dates_naming_the_field(api, ours, due, fragment):
    client = api(ours.owner)
    ours.owner.language = "en"
    ours.owner.save()
    response = client.post(_url(ours.item, "move-deadline"), {"due": due}, format="json")
    assert response.status_code == 400
    assert fragment in response.json()["due"][0]
    assert not ours.item.activities.exists()


def test_the_head_creates_an_item_through_the_service(api, ours):
    session = SessionFactory(meeting=ours.meeting)
    response = api(ours.head).post(
        ITEMS,
        {
            "meeting": ours.meeting.pk,
            "title": "Comments on the Strategic Action Plan",
            "kind": "our_task",
            "owner": ours.owner.pk,
            "session": session.pk,
            "deadline": ours.item.deadline.pk,
            "ends_on": "114/3/27",
            "priority": 3,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["ends_on"], body["status"]) == (ours.item.number + 1, "2025-03-27", "open")
    assert Activity.objects.get(item_id=body["id"]).verb == "created"


@pytest.mark.parametrize(("who", "status"), [("delegate", 403), ("owner", 403), ("head", 201)])
def test_only_staff_and_the_head_create_items(api, ours, who, status):
    response = api(getattr(ours, who)).post(
        ITEMS, {"meeting": ours.meeting.pk, "title": "x", "kind": "our_task"}, format="json"
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"meeting": "THEIRS", "title": "x", "kind": "our_task"}, "meeting"),
        ({"meeting": "OURS", "title": "x", "kind": "nonsense"}, "kind"),
        ({"meeting": "OURS", "title": "", "kind": "our_task"}, "title"),
        ({"meeting": "OURS", "title": "x" * 301, "kind": "our_task"}, "title"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "priority": 9}, "priority"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "priority": "high"}, "priority"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "owner": "THEIR_OWNER"}, "owner"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "deadline": "THEIR_DEADLINE"}, "deadline"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "ends_on": "114年2月30日"}, "ends_on"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "ends_on": "114年3月"}, "ends_on"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "colour": "red"}, "colour"),
        ({"meeting": "OURS", "title": "x", "kind": "our_task", "number": 7}, "number"),
        ({"meeting": "OURS", "title": ["x"], "kind": "our_task"}, "title"),
        ({"meeting": "1e9", "title": "x", "kind": "our_task"}, "meeting"),
    ],
)
def test_bad_input_on_create_is_400_naming_the_field(api, ours, theirs, body, field):
    values = {
        "OURS": ours.meeting.pk,
        "THEIRS": theirs.meeting.pk,
        "THEIR_OWNER": theirs.owner.pk,
        "THEIR_DEADLINE": theirs.item.deadline.pk,
    }
    body = {k: values.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    count = ours.meeting.action_items.count()
    response = api(ours.head).post(ITEMS, body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert ours.meeting.action_items.count() == count


def test_deadline_and_session_must_belong_to_the_items_meeting(api, ours):
    staff = UserFactory(is_staff=True, language="en")  # staff see every meeting's deadlines
    response = api(staff).post(
        ITEMS,
        {
            "meeting": ours.meeting.pk,
            "title": "x",
            "kind": "our_task",
            "deadline": DeadlineFactory().pk,
            "session": SessionFactory().pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "session": ["This session belongs to another meeting."],
        "deadline": ["This deadline belongs to another meeting."],
    }


def test_the_owner_edits_an_item_and_each_change_is_logged(api, ours):
    response = api(ours.owner).patch(
        _url(ours.item),
        {
            "title": "Country report (國情報告)",
            "status": "in_progress",
            "priority": 4,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["title"], response.json()["status"]) == (
        "Country report (國情報告)",
        "in_progress",
    )
    assert sorted(ours.item.activities.values_list("verb", flat=True)) == ["edited", "status"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"meeting": 1}, "meeting"),
        ({"status": "finished"}, "status"),
        ({"watchers": "everyone"}, "watchers"),
        ({"completed_at": "2025-03-01T00:00:00Z"}, "completed_at"),
    ],
)
def test_bad_edits_are_400_and_change_nothing(api, ours, body, field):
    response = api(ours.owner).patch(_url(ours.item), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ours.item.activities.exists()


def test_a_delegate_cannot_edit_someone_elses_item(api, ours):
    response = api(ours.delegate).patch(_url(ours.item), {"title": "mine now"}, format="json")
    assert response.status_code == 403
    ours.item.refresh_from_db()
    assert ours.item.title != "mine now"


def test_put_and_delete_are_not_offered(api, ours):
    client = api(UserFactory(is_staff=True))
    assert client.put(_url(ours.item), {}, format="json").status_code == 405
    assert client.delete(_url(ours.item)).status_code == 405


def test_comments_are_added_and_listed_in_the_activity(api, ours):
    client = api(ours.delegate)  # anyone who sees the item may comment
    created = client.post(_url(ours.item, "comments"), {"text": "  草稿已寄出  "}, format="json")
    assert created.status_code == 201
    assert created.json()["text"] == "草稿已寄出"
    blank = client.post(_url(ours.item, "comments"), {"text": "   "}, format="json")
    assert blank.status_code == 400
    assert "text" in blank.json()
    log = client.get("/api/v1/activity/", {"item": ours.item.pk}).json()["results"]
    assert [(e["verb"], e["line"], e["actor"]) for e in log] == [("comment", "草稿已寄出", ours.delegate.pk)]


def test_an_item_shows_its_deadline_with_precision_zone_and_rule(api, ours):
    relative = DeadlineFactory(
        meeting=ours.meeting,
        mode="relative",
        rule_amount=20,
        rule_unit="working_days",
        rule_anchor="meeting_end",
        calendar="KR",
        zone="Asia/Seoul",
        due_on=date(2025, 4, 4),
    )
    ours.item.deadline = relative
    ours.item.save()
    due = api(ours.owner).get(_url(ours.item)).json()["due"]
    assert due["zone"] == "Asia/Seoul"
    assert due["due_at"] == "2025-04-04T23:59:59+09:00"
    assert due["rule"] == {
        "amount": 20,
        "unit": "working_days",
        "direction": "after",
        "anchor": "meeting_end",
        "anchor_session": None,
        "anchor_deadline": None,
        "calendar": "KR",
    }
    assert due["display"] == "114年4月4日"  # the owner reads zh-hant, ROC years


def test_instants_follow_the_readers_zone(api, ours):
    ours.owner.time_zone = "Asia/Seoul"
    ours.owner.save()
    body = api(ours.owner).get(_url(ours.item)).json()
    assert body["created_at"].endswith("+09:00")
    # ... while a deadline's end is shown in the deadline's own zone.
    assert body["due"]["due_at"] == "2025-03-13T23:59:59+08:00"


def test_item_overdue_is_computed_now(api, ours):
    ours.item.deadline.due_on = date(2020, 1, 1)
    ours.item.deadline.due_at = dates.due_at(dates.DueDate.day(date(2020, 1, 1)), "Asia/Taipei")
    ours.item.deadline.save()
    assert api(ours.owner).get(_url(ours.item)).json()["is_overdue"] is True


@pytest.mark.parametrize(
    "title",
    [
        "Upload\r\nBcc: everyone@example.org",
        "Upload\nreport",
        "tab\there",
        "nul\x00",
        "bell\x07",
        "line\u2028sep",
    ],
)
def test_titles_with_control_characters_are_refused_on_create_and_edit(api, ours, title):
    from tracker.text import SINGLE_LINE_CONTROL_CHARACTERS

    ours.head.language = "en"
    ours.head.save()
    client = api(ours.head)
    response = client.post(
        ITEMS, {"meeting": ours.meeting.pk, "title": title, "kind": "our_task"}, format="json"
    )
    assert response.status_code == 400
    assert str(SINGLE_LINE_CONTROL_CHARACTERS) in response.json()["title"]
    response = client.patch(_url(ours.item), {"title": title}, format="json")
    assert response.status_code == 400
    ours.item.refresh_from_db()
    assert ours.item.title == "Country report a"


@pytest.mark.parametrize(
    ("zone", "due", "status"),
    [
        ("Asia/Taipei", "9999-12-31", 200),
        ("Asia/Taipei", "9999-12-25", 200),
        ("Asia/Taipei", "9999-12", 200),
        ("Asia/Tokyo", "9999-12-31", 200),
        ("America/New_York", "9999-12-31", 400),
        ("America/New_York", "9999-12-30", 200),
    ],
)
def test_a_due_date_at_the_end_of_time_is_kept_or_refused_never_a_500(api, ours, zone, due, status):
    Deadline.objects.filter(pk=ours.item.deadline_id).update(zone=zone)
    ours.owner.language = "en"
    ours.owner.save()
    client = api(ours.owner)
    response = client.post(_url(ours.item, "move-deadline"), {"due": due, "reason": "x"}, format="json")
    assert response.status_code == status, response.content
    if status == 400:
        assert response.json() == {
            "non_field_errors": [
                "This day ends after the last moment that can be stored; choose an earlier date."
            ]
        }
    else:
        assert response.json()["due"]["due_on"].startswith("9999-12")
