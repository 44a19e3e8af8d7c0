"""Lists: filtering (status, kind, meeting, owner=me, responsible, due before/after, overdue),
search, ordering and pagination; and the read-only reference endpoints."""

from datetime import UTC, date, datetime

import pytest

from followup_dates import dates
from tests.factories import (
    ActionItemFactory,
    DeadlineFactory,
    OrganizationFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/action-items/"


@pytest.fixture
def board(ours):
    """Our meeting's items, due on different days, in different states."""

    def item(title, due_on, precision="day", **kwargs):
        due = dates.DueDate(on=due_on, precision=dates.Precision(precision))
        deadline = DeadlineFactory(
            meeting=ours.meeting, due_on=due_on, precision=precision, due_at=dates.due_at(due, "Asia/Taipei")
        )
        return ActionItemFactory(meeting=ours.meeting, title=title, deadline=deadline, **kwargs)

    ncc = OrganizationFactory(code="ncc")
    return {
        "report": ours.item,  # due 13 Mar 2025, owner: ours.owner
        "sap": item(
            "Strategic Action Plan comments", date(2025, 3, 27), owner=ours.head, responsible=ncc, priority=4
        ),
        "globac": item(
            "GLOBAC work plan", date(2025, 4, 30), "month", owner=ours.delegate, kind="external_commitment"
        ),
        "done": item(
            "Uploaded slides",
            date(2025, 3, 5),
            owner=ours.owner,
            status="done",
            completed_at=datetime(2025, 3, 5, tzinfo=UTC),
        ),
    }


def _titles(client, **params):
    response = client.get(ITEMS, params)
    assert response.status_code == 200, response.json()
    return sorted(row["title"] for row in response.json()["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "done"}, ["done"]),
        ({"status": ["open", "done"]}, ["done", "globac", "report", "sap"]),
        ({"kind": "external_commitment"}, ["globac"]),
        ({"owner": "me"}, ["done", "report"]),
        ({"responsible": "NCC"}, ["sap"]),
        ({"due_before": "2025-03-13"}, ["done", "report"]),
        ({"due_before": "114/3/13"}, ["done", "report"]),
        ({"due_before": "114年3月"}, ["done", "report", "sap"]),  # a whole month: to its end
        ({"due_after": "114年4月"}, ["globac"]),  # from the month's first day
        ({"due_after": "2025-03-13T15:59:59+00:00"}, ["globac", "report", "sap"]),
        ({"due_after": "2025-03-13T16:00:00+00:00"}, ["globac", "sap"]),
        ({"due_before": "2025-03-28", "due_after": "2025-03-06"}, ["report", "sap"]),
        ({"overdue": "true"}, ["report", "sap"]),  # open, and due before "now" (see below)
        ({"overdue": "false"}, ["done", "globac"]),
        ({"search": "GLOBAC"}, ["globac"]),
        ({"search": "head-a"}, ["sap"]),  # the owner's username
    ],
)
def test_item_filters(api, ours, board, params, expected, time_machine):
    time_machine.move_to(datetime(2025, 4, 1, tzinfo=UTC))
    if "responsible" in params:
        params = {**params, "responsible": board["sap"].responsible_id}
    if "search" in params and params["search"] == "head-a":
        params = {**params, "search": ours.head.username}
    names = {item.title: key for key, item in board.items()}
    assert sorted(names[t] for t in _titles(api(ours.owner), **params)) == expected


def test_owner_filter_takes_a_user_id(api, ours, board):
    client = api(ours.owner)
    assert _titles(client, owner=ours.delegate.pk) == ["GLOBAC work plan"]


def test_meeting_filter_and_another_delegations_meeting(api, ours, theirs, board):
    staff = api(UserFactory(is_staff=True))
    assert len(_titles(staff, meeting=theirs.meeting.pk)) == 1
    refused = api(ours.owner).get(ITEMS, {"meeting": theirs.meeting.pk})
    assert refused.status_code == 400
    assert "meeting" in refused.json()


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"status": "finished"}, "status"),
        ({"owner": "you"}, "owner"),
        ({"due_before": "next week"}, "due_before"),
        ({"due_before": "2025-03-13T12:00:00"}, "due_before"),  # no offset: ambiguous
        ({"due_after": "114年13月"}, "due_after"),
        ({"due_after": "50% done"}, "due_after"),  # "%" in the echoed input must not break the message
        ({"overdue": "maybe"}, "overdue"),
        ({"meeting": "x"}, "meeting"),
        ({"responsible": "99999"}, "responsible"),
        ({"priority": "urgent"}, "priority"),
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(api, ours, params, name):
    response = api(ours.owner).get(ITEMS, params)
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("due_at", ["done", "report", "sap", "globac"]),
        ("-due_at", ["globac", "sap", "report", "done"]),
        ("-priority,due_at", ["sap", "done", "report", "globac"]),
    ],
)
def test_item_ordering(api, ours, board, ordering, expected):
    rows = api(ours.owner).get(ITEMS, {"ordering": ordering}).json()["results"]
    names = {item.pk: key for key, item in board.items()}
    assert [names[row["id"]] for row in rows] == expected


def test_pagination(api, ours, board):
    client = api(ours.owner)
    first = client.get(ITEMS, {"page_size": 3}).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (4, 3, None)
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert client.get(ITEMS, {"page": 9}).status_code == 404


def test_organizations_are_reference_data_for_everyone_signed_in(api, ours):
    OrganizationFactory(
        code="apec-secretariat", name="APEC Secretariat", time_zone="Asia/Singapore", kind="secretariat"
    )
    rows = api(ours.delegate).get("/api/v1/organizations/", {"kind": "secretariat"}).json()
    assert [(r["code"], r["time_zone"]) for r in rows["results"]] == [("apec-secretariat", "Asia/Singapore")]
    detail = api(ours.delegate).get(f"/api/v1/organizations/{rows['results'][0]['id']}/").json()
    assert (detail["name"], detail["focal_point_email"]) == ("APEC Secretariat", None)


def test_meetings_come_with_sessions_and_participants_and_hide_others(api, ours, theirs):
    SessionFactory(meeting=ours.meeting, code="stsg", name="STSG")
    client = api(ours.delegate)
    rows = client.get("/api/v1/meetings/").json()["results"]
    assert [r["slug"] for r in rows] == [ours.meeting.slug]
    meeting = rows[0]
    assert [s["code"] for s in meeting["sessions"]] == ["stsg"]
    assert meeting["sessions"][0]["starts_at"] == "2025-03-04T08:00:00+08:00"
    assert {p["username"]: p["role"] for p in meeting["participants"]} == {
        ours.head.username: "head",
        ours.owner.username: "delegate",
        ours.delegate.username: "delegate",
    }
    assert client.get(f"/api/v1/meetings/{theirs.meeting.pk}/").status_code == 404


def test_deadlines_of_visible_meetings_with_filters(api, ours, theirs, board):
    client = api(ours.owner)
    rows = client.get("/api/v1/deadlines/", {"precision": "month"}).json()["results"]
    assert [(r["due_on"], r["first_day"], r["precision"]) for r in rows] == [
        ("2025-04-30", "2025-04-01", "month")
    ]
    assert client.get(f"/api/v1/deadlines/{theirs.item.deadline.pk}/").status_code == 404
    before = client.get("/api/v1/deadlines/", {"due_before": "114年3月13日"}).json()
    assert {r["due_on"] for r in before["results"]} == {"2025-03-13", "2025-03-05"}


def test_activity_shows_only_visible_items(api, ours, theirs):
    api(theirs.owner).post(f"{ITEMS}{theirs.item.pk}/comments/", {"text": "theirs"}, format="json")
    api(ours.owner).post(f"{ITEMS}{ours.item.pk}/comments/", {"text": "ours"}, format="json")
    rows = api(ours.delegate).get("/api/v1/activity/").json()["results"]
    assert [r["text"] for r in rows] == ["ours"]
    assert api(ours.delegate).get(f"/api/v1/activity/{rows[0]['id']}/").status_code == 200
    their_entry = theirs.item.activities.get()
    assert api(ours.delegate).get(f"/api/v1/activity/{their_entry.pk}/").status_code == 404


def test_the_head_moves_a_shared_deadline_and_every_item_on_it(api, ours, theirs):
    shared = ours.item.deadline
    other = ActionItemFactory(meeting=ours.meeting, deadline=shared, owner=ours.head)
    url = f"/api/v1/deadlines/{shared.pk}/move/"
    assert api(ours.owner).post(url, {"due": "2025-03-20"}, format="json").status_code == 403
    assert api(theirs.head).post(url, {"due": "2025-03-20"}, format="json").status_code == 404
    moved = api(ours.head).post(url, {"due": "114/3/20", "reason": "extended"}, format="json")
    assert moved.status_code == 200
    assert moved.json()["due_at"] == "2025-03-20T23:59:59+08:00"
    for item in (ours.item, other):
        assert item.activities.get().verb == "deadline_moved"


def test_a_relative_deadline_is_not_moved_by_hand(api, ours):
    relative = DeadlineFactory(
        meeting=ours.meeting,
        mode="relative",
        rule_amount=20,
        rule_unit="working_days",
        rule_anchor="meeting_end",
        calendar="KR",
    )
    response = api(ours.head).post(
        f"/api/v1/deadlines/{relative.pk}/move/", {"due": "2025-05-01"}, format="json"
    )
    assert response.status_code == 400
    assert "due" in response.json()


def test_a_long_list_costs_a_fixed_number_of_queries(api, ours, django_assert_max_num_queries):
    ActionItemFactory.create_batch(30, meeting=ours.meeting, owner=ours.head)
    client = api(ours.delegate)
    with django_assert_max_num_queries(12):
        response = client.get(ITEMS, {"page_size": 100})
    assert response.json()["count"] == 31
    assert not any(row["can_manage"] for row in response.json()["results"])
