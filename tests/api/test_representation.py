"""Items and deadlines are written out by hand (for speed); the output must stay DRF's.

Each case takes what an endpoint answered (hand-written, from rows for the item list) and
what DRF's generic ModelSerializer writes for the same objects (reading the declared fields,
as the schema does), in the same reader's language and zone, and compares them key by key,
in order. The one difference allowed: the hand-written lists give watchers smallest id
first, DRF in whatever order the database returns them, so watcher lists are sorted.
"""

import json
from datetime import UTC, datetime

import pytest
from django.db.models import Count
from django.utils import timezone, translation
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accounts.middleware import activate_user_preferences
from accounts.models import User
from actions import services
from actions.models import ActionItem, Deadline
from api.serializers.deadlines import DeadlineSerializer
from api.serializers.items import ActionItemSerializer
from tests.clients import client_for

NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)

READERS = [
    # (username, language, time zone, date style)
    ("shen.hsinhsiung", "zh-hant", "Asia/Taipei", ""),  # head of delegation, ROC dates
    ("wang.chiayi", "en", "America/New_York", "gregorian"),  # west of UTC
    ("chen.yian", "zh-hant", "UTC", "gregorian"),  # instants end in Z
    ("root", "en", "Europe/London", "roc"),  # staff: every item, ROC in English
]

PATHS = [
    "/api/v1/action-items/?page_size=200",
    "/api/v1/action-items/?owner=me&status=open",
    "/api/v1/deadlines/?page_size=200",
]


def _normalised(body: bytes) -> str:
    def sort_watchers(node):
        if isinstance(node, dict):
            return {
                key: sorted(value) if key == "watchers" else sort_watchers(value)
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [sort_watchers(value) for value in node]
        return node

    return json.dumps(sort_watchers(json.loads(body)), ensure_ascii=False)


def _generic(results: list[dict], model, user: User, monkeypatch) -> bytes:
    """DRF's generic output for the objects an endpoint listed, as the reader gets it."""
    for serializer in (ActionItemSerializer, DeadlineSerializer):
        monkeypatch.setattr(serializer, "to_representation", serializers.ModelSerializer.to_representation)
    request = Request(APIRequestFactory().get("/"))
    request.user = user
    serializer_class = ActionItemSerializer if model is ActionItem else DeadlineSerializer
    objects = model.objects.in_bulk([row["id"] for row in results])
    with translation.override(None), timezone.override(None):
        activate_user_preferences(user)
        written = [
            serializer_class(context={"request": request, "now": timezone.now()}).to_representation(
                objects[row["id"]]
            )
            for row in results
        ]
    return JSONRenderer().render(written)


@pytest.fixture
def varied(telwg70, staff_user):
    """TELWG 70 plus what it lacks: a done item, watchers, no owner/deadline, an end day, staff."""
    items = list(ActionItem.objects.filter(meeting=telwg70).order_by("number"))
    head = User.objects.get(username="shen.hsinhsiung")
    services.action_item_complete(item=items[0], by=head, note="上傳完成", now=NOW)
    services.action_item_update(
        item=items[1],
        by=head,
        now=NOW,
        reason="",
        changes={
            "watchers": list(User.objects.filter(username__in=["wang.chiayi", "chen.yian"])),
            "ends_on": datetime(2025, 6, 30).date(),
        },
    )
    services.action_item_update(
        item=items[2], by=head, now=NOW, reason="", changes={"owner": None, "deadline": None}
    )
    services.action_item_reassign(item=items[3], owner=staff_user, by=head, now=NOW)
    # An owner known only by first and last name (display_name's second choice).
    User.objects.filter(pk=items[4].owner_id).update(full_name="", first_name="Yu-shan", last_name="Hsu")
    return telwg70


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("username", "language", "zone", "style"), READERS)
def test_hand_written_output_is_drfs(varied, monkeypatch, path, username, language, zone, style):
    User.objects.filter(username=username).update(language=language, time_zone=zone, date_style=style)
    reader = User.objects.get(username=username)

    fast = client_for(reader).get(path)
    assert fast.status_code == 200
    results = fast.json()["results"]
    assert results
    model = Deadline if "deadlines" in path else ActionItem
    generic = _generic(results, model, reader, monkeypatch)
    assert _normalised(json.dumps(results).encode()) == _normalised(generic)


def test_cases_cover_what_the_hand_written_code_branches_on(varied):
    items = ActionItem.objects.filter(meeting=varied)
    assert items.filter(status="done", completed_at__isnull=False).exists()
    assert items.filter(watchers__isnull=False).exists()
    assert items.filter(owner__isnull=True, deadline__isnull=True).exists()
    assert items.filter(ends_on__isnull=False).exists()
    assert items.filter(owner__full_name="", owner__first_name__gt="").exists()
    deadlines = Deadline.objects.filter(meeting=varied)
    assert {d.mode for d in deadlines} == {"absolute", "relative"}
    assert len({d.precision for d in deadlines}) > 1


def test_single_item_responses_match_too(varied, monkeypatch):
    reader = User.objects.get(username="shen.hsinhsiung")
    item = ActionItem.objects.filter(meeting=varied).annotate(watching=Count("watchers")).get(watching=2)
    fast = client_for(reader).get(f"/api/v1/action-items/{item.pk}/")
    assert fast.status_code == 200
    assert len(fast.json()["watchers"]) == 2
    generic = _generic([fast.json()], ActionItem, reader, monkeypatch)
    assert _normalised(json.dumps([fast.json()]).encode()) == _normalised(generic)
