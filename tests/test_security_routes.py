"""Who may use every URL and API route (the ROUTES table), and that every admin route needs staff."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actions import services
from tests import factories
from tests.conftest import NOW
from webhooks import services as webhook_services

pytestmark = pytest.mark.django_db


# --- every URL and API route, with who may use it --------------------------------------------
#
# ROUTES maps each route name to the requests probed and the status each role gets:
#   anon     not signed in              outsider  a delegate of another delegation
#   member   a delegate of the meeting  owner     the item's owner
#   head     the head of delegation     staff     staff (superuser)
# "login" is a redirect to the sign-in page. A route missing here fails
# test_every_route_has_a_permission_test: a new route gets its row before it ships.

ROLES = ("anon", "outsider", "member", "owner", "head", "staff")


def _statuses(anon, outsider, member, owner, head, staff) -> dict[str, object]:
    return dict(zip(ROLES, (anon, outsider, member, owner, head, staff), strict=True))


SIGNED_IN = _statuses("login", 200, 200, 200, 200, 200)
IN_MEETING = _statuses("login", 404, 200, 200, 200, 200)
MANAGE_WEB = _statuses("login", 404, 403, 302, 302, 302)
API_SIGNED_IN = _statuses(401, 200, 200, 200, 200, 200)
API_IN_MEETING = _statuses(401, 404, 200, 200, 200, 200)
API_MANAGE = _statuses(401, 404, 403, 200, 200, 200)
REVIEW = _statuses("login", 404, 403, 403, 200, 200)
REVIEW_POST = _statuses("login", 404, 403, 403, 302, 302)


@pytest.fixture
def world(db):
    from accounts.services import api_token_create as token_create
    from actions.models import Activity
    from meetings.models import MeetingSeries
    from reminders import tokens
    from web import services as web_services
    from web.models import SavedView

    series = MeetingSeries.objects.create(code="ours-series", name="Ours", label="APEC TELWG")
    ours = factories.MeetingFactory(slug="ours", meeting_series=series)
    theirs = factories.MeetingFactory(slug="theirs")
    people = {
        role: factories.UserFactory(username=role, language="en")
        for role in ("outsider", "member", "owner", "head")
    }
    people["staff"] = factories.UserFactory(username="staff", is_staff=True, is_superuser=True, language="en")
    factories.ParticipantFactory(meeting=theirs, user=people["outsider"])
    for role in ("member", "owner"):
        factories.ParticipantFactory(meeting=ours, user=people[role])
    factories.ParticipantFactory(meeting=ours, user=people["head"], role="head")
    deadline = factories.DeadlineFactory(meeting=ours, due_on=date(2025, 3, 13))
    item = factories.ActionItemFactory(meeting=ours, owner=people["owner"], deadline=deadline)
    factories.ActionItemFactory(meeting=ours, owner=people["member"], deadline=deadline)
    from django.core.files.uploadedfile import SimpleUploadedFile

    evidence = services.evidence_add(
        item=item, by=people["owner"], now=NOW, file=SimpleUploadedFile("receipt.pdf", b"%PDF-1.7\n%x\n")
    )
    comment = services.comment_add(item=item, by=people["owner"], text="hello", now=NOW)
    _feed, feed_key = web_services.feed_token_create(user=people["owner"], meeting=None, now=NOW)
    hook = webhook_services.webhook_create(
        meeting=ours, url="https://hooks.example.org/", events=["item.created"]
    )
    token, _key = token_create(user=people["owner"], name="owner's", now=NOW)

    def fresh_feed():
        return web_services.feed_token_create(user=people["owner"], meeting=None, now=NOW)[0]

    def fresh_view():
        return web_services.saved_view_save(
            user=people["owner"],
            list_name="tasks",
            name=f"view {SavedView.objects.count()}",
            query="status=all",
            now=NOW,
        )

    def fresh_hook():
        return webhook_services.webhook_create(
            meeting=ours, url="https://hooks.example.org/x", events=["item.created"]
        )

    def fresh_token():
        return token_create(user=people["owner"], name="spare", now=NOW)[0]

    from reports.models import ImportCandidate, MinutesImport

    minutes_import = MinutesImport.objects.create(
        meeting=ours, file_name="report.txt", sha256="0" * 64, created_at=NOW
    )

    def fresh_candidate():
        position = minutes_import.candidates.count() + 1
        return ImportCandidate.objects.create(
            minutes_import=minutes_import,
            position=position,
            import_key=f"k{position}",
            data={"title": f"Follow-up {position}", "excerpt": "…"},
        )

    return {
        "people": people,
        "ours": ours,
        "theirs": theirs,
        "item": item,
        "deadline": deadline,
        "evidence": evidence,
        "activity": Activity.objects.get(pk=comment.pk),
        "feed_key": feed_key,
        "hook": hook,
        "token": token,
        "done": tokens.done_token(item_id=item.pk, user_id=people["owner"].pk),
        "unsubscribe": tokens.unsubscribe_token(user_id=people["owner"].pk),
        "fresh_feed": fresh_feed,
        "fresh_view": fresh_view,
        "fresh_hook": fresh_hook,
        "fresh_token": fresh_token,
        "import": minutes_import,
        "fresh_candidate": fresh_candidate,
    }


def web(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


ITEM = lambda w: w["item"].pk  # noqa: E731 - table cells
MEETING = lambda w: w["ours"].pk  # noqa: E731
API = "/api/v1/"

ROUTES: dict[str, list[tuple[str, object, object, dict]]] = {
    # name: [(method, url(world), data(world) or None, statuses)]
    "health": [("get", lambda w: "/health/", None, _statuses(*[200] * 6))],
    "set_language": [("post", lambda w: "/i18n/setlang/", {"language": "en"}, _statuses(*[302] * 6))],
    "web:language": [("post", web("web:language"), {"language": "en"}, _statuses(*[302] * 6))],
    "login": [("get", web("login"), None, _statuses(200, 302, 302, 302, 302, 302))],
    "logout": [
        ("post", web("logout"), None, _statuses(*[302] * 6)),
        ("get", web("logout"), None, _statuses(*[405] * 6)),
    ],
    "password_reset": [("get", web("password_reset"), None, _statuses(*[200] * 6))],
    "password_reset_done": [("get", web("password_reset_done"), None, _statuses(*[200] * 6))],
    "password_reset_confirm": [
        ("get", web("password_reset_confirm", "MQ", "bad-token"), None, _statuses(*[200] * 6))
    ],
    "password_reset_complete": [("get", web("password_reset_complete"), None, _statuses(*[200] * 6))],
    "reminders:reminder-done": [
        (
            "get",
            lambda w: reverse("reminders:reminder-done", args=[w["done"]]),
            None,
            _statuses(*[200] * 6),
        ),  # the signed link is its recipient's credential
        ("get", web("reminders:reminder-done", "forged"), None, _statuses(*[400] * 6)),
    ],
    "reminders:reminder-unsubscribe": [
        (
            "get",
            lambda w: reverse("reminders:reminder-unsubscribe", args=[w["unsubscribe"]]),
            None,
            _statuses(*[200] * 6),
        ),
        ("post", web("reminders:reminder-unsubscribe", "forged"), None, _statuses(*[400] * 6)),
    ],
    # staff who own nothing open start from the overview
    "web:tasks": [("get", web("web:tasks"), None, _statuses("login", 200, 200, 200, 200, 302))],
    "web:overview": [("get", web("web:overview"), None, _statuses("login", 403, 403, 403, 200, 200))],
    "web:tasks_csv": [("get", web("web:tasks_csv"), None, SIGNED_IN)],
    "web:delegation": [("get", web("web:delegation"), None, _statuses("login", 403, 403, 403, 200, 200))],
    "web:delegation_csv": [
        ("get", web("web:delegation_csv"), None, _statuses("login", 403, 403, 403, 200, 200))
    ],
    "web:meetings": [("get", web("web:meetings"), None, SIGNED_IN)],
    "web:meeting": [("get", web("web:meeting", MEETING), None, IN_MEETING)],
    "followups:series": [
        (
            "get",
            web("followups:series", lambda w: w["ours"].meeting_series_id),
            None,
            _statuses("login", 403, 200, 200, 200, 200),
        )
    ],
    "followups:carry": [
        ("post", web("followups:carry", MEETING), {"item": []}, _statuses("login", 403, 403, 403, 403, 302))
    ],
    "followups:confirm": [
        ("post", web("followups:confirm", MEETING), {"item": []}, _statuses("login", 403, 403, 403, 403, 302))
    ],
    "followups:briefing": [("get", web("followups:briefing", MEETING), None, IN_MEETING)],
    "followups:briefing_docx": [("get", web("followups:briefing_docx", MEETING), None, IN_MEETING)],
    "followups:adoption_table": [
        ("get", web("followups:adoption_table", MEETING, 2025, 1, "xlsx"), None, IN_MEETING)
    ],
    # The world's item is no recommendation: nobody finds one to change.
    "followups:adoption": [
        (
            "post",
            web("followups:adoption", ITEM),
            {"status": "adopted"},
            _statuses("login", 404, 404, 404, 404, 404),
        )
    ],
    "followups:next_meeting": [("post", web("followups:next_meeting", ITEM), {"note": "x"}, MANAGE_WEB)],
    "web:meeting_csv": [("get", web("web:meeting_csv", MEETING), None, IN_MEETING)],
    "web:item": [("get", web("web:item", ITEM), None, IN_MEETING)],
    "web:item_comment": [
        (
            "post",
            web("web:item_comment", ITEM),
            {"comment-text": "hi"},
            _statuses("login", 404, 302, 302, 302, 302),
        )
    ],
    "web:item_status": [("post", web("web:item_status", ITEM), {"status-status": "in_progress"}, MANAGE_WEB)],
    "web:item_complete": [("post", web("web:item_complete", ITEM), {"complete-note": "done"}, MANAGE_WEB)],
    "web:item_reassign": [
        (
            "post",
            web("web:item_reassign", ITEM),
            lambda w: {"reassign-owner": w["people"]["owner"].pk},
            MANAGE_WEB,
        )
    ],
    "web:item_deadline": [
        (
            "post",
            web("web:item_deadline", ITEM),
            {"deadline-due": "2025-04-01", "deadline-reason": "x", "deadline-confirm_past": "on"},
            MANAGE_WEB,
        )
    ],
    # --- actions from the lists (issue 15) ----------------------------------------------------
    "web:list_done": [("post", web("web:list_done", ITEM), {"note": "done"}, MANAGE_WEB)],
    "web:list_move": [("post", web("web:list_move", ITEM), {"due": "2099-04-01"}, MANAGE_WEB)],
    "web:list_reassign": [
        ("post", web("web:list_reassign", ITEM), lambda w: {"owner": w["people"]["owner"].pk}, MANAGE_WEB)
    ],
    "web:list_bulk": [
        (
            "post",
            web("web:list_bulk"),
            lambda w: {"items": [w["item"].pk], "bulk-action": "done"},
            _statuses("login", 403, 403, 403, 302, 302),
        )
    ],
    "web:list_undo": [
        (
            "post",
            web("web:list_undo"),
            None,  # nothing to undo: a message
            _statuses("login", 302, 302, 302, 302, 302),
        )
    ],
    "web:item_evidence": [
        ("post", web("web:item_evidence", ITEM), {"evidence-url": "https://example.org/receipt"}, MANAGE_WEB)
    ],
    "web:evidence": [("get", lambda w: reverse("web:evidence", args=[w["evidence"].pk]), None, IN_MEETING)],
    "web:calendar": [("get", web("web:calendar"), None, SIGNED_IN)],
    "web:feed": [
        (
            "get",
            lambda w: reverse("web:feed", args=[w["feed_key"]]),
            None,
            _statuses(*[200] * 6),
        ),  # the secret address is the credential
        ("get", web("web:feed", "not-a-feed"), None, _statuses(*[404] * 6)),
    ],
    "web:preferences": [("get", web("web:preferences"), None, SIGNED_IN)],
    "web:feed_create": [("post", web("web:feed_create"), {}, SIGNED_IN)],
    "web:feed_revoke": [
        (
            "post",
            lambda w: reverse("web:feed_revoke", args=[w["fresh_feed"]().pk]),
            None,
            _statuses("login", 404, 404, 302, 404, 404),
        )
    ],
    "web:view_save": [
        (
            "post",
            web("web:view_save"),
            {"view-name": "open", "view-list_name": "tasks", "view-query": "status=open"},
            _statuses("login", 302, 302, 302, 302, 302),
        )
    ],
    "web:view_delete": [
        (
            "post",
            lambda w: reverse("web:view_delete", args=[w["fresh_view"]().pk]),
            None,
            _statuses("login", 404, 404, 302, 404, 404),  # one's own views only
        )
    ],
    # --- reviewing an imported report (staff and the head of delegation) ---------------------
    "reports:upload": [("get", web("reports:upload", MEETING), None, REVIEW)],
    "reports:review": [("get", lambda w: reverse("reports:review", args=[w["import"].pk]), None, REVIEW)],
    "reports:candidate": [
        (
            "post",
            lambda w: reverse("reports:candidate", args=[w["import"].pk, w["fresh_candidate"]().pk]),
            {"action": "reject"},
            REVIEW_POST,
        )
    ],
    "reports:promote": [
        (
            "post",
            lambda w: reverse("reports:promote", args=[w["import"].pk, w["fresh_candidate"]().pk]),
            {},
            REVIEW_POST,
        )
    ],
    "reports:bulk": [
        ("post", lambda w: reverse("reports:bulk", args=[w["import"].pk]), {"action": "reject"}, REVIEW_POST)
    ],
    # --- the API -----------------------------------------------------------------------------
    "api:schema": [("get", lambda w: f"{API}schema/", None, _statuses(*[200] * 6))],
    "api:docs": [("get", lambda w: f"{API}docs/", None, _statuses(*[200] * 6))],
    "api:organization-list": [("get", lambda w: f"{API}organizations/", None, API_SIGNED_IN)],
    "api:organization-detail": [
        (
            "get",
            lambda w: f"{API}organizations/{w['item'].meeting.participants.first().organization_id}/",
            None,
            API_SIGNED_IN,
        )
    ],
    "api:meeting-list": [("get", lambda w: f"{API}meetings/", None, API_SIGNED_IN)],
    "api:meeting-detail": [("get", lambda w: f"{API}meetings/{w['ours'].pk}/", None, API_IN_MEETING)],
    "api:deadline-list": [("get", lambda w: f"{API}deadlines/", None, API_SIGNED_IN)],
    "api:deadline-detail": [("get", lambda w: f"{API}deadlines/{w['deadline'].pk}/", None, API_IN_MEETING)],
    "api:deadline-move": [
        (
            "post",
            lambda w: f"{API}deadlines/{w['deadline'].pk}/move/",
            {"due": "2025-04-01", "reason": "x"},
            _statuses(401, 404, 403, 403, 200, 200),
        )
    ],  # shared: point 4
    "api:action-item-list": [
        ("get", lambda w: f"{API}action-items/", None, API_SIGNED_IN),
        (
            "post",
            lambda w: f"{API}action-items/",
            lambda w: {"meeting": w["ours"].pk, "title": "x", "kind": "our_task"},
            _statuses(401, 400, 403, 403, 201, 201),
        ),
    ],
    "api:action-item-detail": [
        ("get", lambda w: f"{API}action-items/{w['item'].pk}/", None, API_IN_MEETING),
        ("patch", lambda w: f"{API}action-items/{w['item'].pk}/", {"priority": 3}, API_MANAGE),
        (
            "delete",
            lambda w: f"{API}action-items/{w['item'].pk}/",
            None,
            _statuses(401, 405, 405, 405, 405, 405),
        ),
    ],
    "api:action-item-comments": [
        (
            "post",
            lambda w: f"{API}action-items/{w['item'].pk}/comments/",
            {"text": "hi"},
            _statuses(401, 404, 201, 201, 201, 201),
        )
    ],
    "api:action-item-complete": [
        ("post", lambda w: f"{API}action-items/{w['item'].pk}/complete/", {}, API_MANAGE)
    ],
    "api:action-item-reopen": [
        ("post", lambda w: f"{API}action-items/{w['item'].pk}/reopen/", {}, API_MANAGE)
    ],
    "api:action-item-move-deadline": [
        (
            "post",
            lambda w: f"{API}action-items/{w['item'].pk}/move-deadline/",
            {"due": "2025-04-02", "reason": "x"},
            API_MANAGE,
        )
    ],
    "api:action-item-reassign": [
        (
            "post",
            lambda w: f"{API}action-items/{w['item'].pk}/reassign/",
            lambda w: {"owner": w["people"]["owner"].pk},
            API_MANAGE,
        )
    ],
    "api:activity-list": [("get", lambda w: f"{API}activity/", None, API_SIGNED_IN)],
    "api:activity-detail": [("get", lambda w: f"{API}activity/{w['activity'].pk}/", None, API_IN_MEETING)],
    "api:webhook-list": [
        ("get", lambda w: f"{API}webhooks/", None, API_SIGNED_IN),
        (
            "post",
            lambda w: f"{API}webhooks/",
            lambda w: {
                "meeting": w["ours"].pk,
                "url": "https://hooks.example.org/new",
                "events": ["item.created"],
            },
            _statuses(401, 400, 403, 403, 201, 201),
        ),
    ],
    "api:webhook-detail": [
        ("get", lambda w: f"{API}webhooks/{w['hook'].pk}/", None, _statuses(401, 404, 404, 404, 200, 200)),
        (
            "patch",
            lambda w: f"{API}webhooks/{w['hook'].pk}/",
            {"active": True},
            _statuses(401, 404, 404, 404, 200, 200),
        ),
        (
            "delete",
            lambda w: f"{API}webhooks/{w['fresh_hook']().pk}/",
            None,
            _statuses(401, 404, 404, 404, 204, 204),
        ),
    ],
    "api:webhook-deliveries": [
        (
            "get",
            lambda w: f"{API}webhooks/{w['hook'].pk}/deliveries/",
            None,
            _statuses(401, 404, 404, 404, 200, 200),
        )
    ],
    "api:token-list": [
        ("get", lambda w: f"{API}tokens/", None, API_SIGNED_IN),
        ("post", lambda w: f"{API}tokens/", {"name": "laptop"}, _statuses(401, 201, 201, 201, 201, 201)),
    ],
    "api:token-detail": [
        ("get", lambda w: f"{API}tokens/{w['token'].pk}/", None, _statuses(401, 404, 404, 200, 404, 200)),
        (
            "delete",
            lambda w: f"{API}tokens/{w['fresh_token']().pk}/",
            None,
            _statuses(401, 404, 404, 204, 404, 204),
        ),
    ],
}


def _route_names() -> set[str]:
    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_route_has_a_permission_test():
    routes = {name for name in _route_names() if not name.startswith("admin:")}
    assert sorted(routes - ROUTES.keys()) == [], "add these routes to ROUTES"
    assert sorted(ROUTES.keys() - routes) == [], "these routes are gone"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_who_may_use_each_route(world, name, role):
    from django.test import Client

    for method, url, data, statuses in ROUTES[name]:
        user = None if role == "anon" else world["people"][role]
        if name.startswith("api:"):
            client = APIClient()
            if user is not None:
                client.force_authenticate(user)
            kwargs = {"format": "json"}
        else:
            client = Client()
            if user is not None:
                client.force_login(user)
            kwargs = {}
        body = data(world) if callable(data) else data
        args = (url(world),) if body is None else (url(world), body)
        response = getattr(client, method)(*args, **kwargs)
        expected = statuses[role]
        if expected == "login":
            assert response.status_code == 302, (method, name, role)
            assert response["Location"].startswith("/accounts/login/"), (method, name, role)
        else:
            assert response.status_code == expected, (method, name, role, response.content[:300])


def test_every_admin_route_needs_staff(world):
    """The admin's routes (every model's list, add, change, history, delete, autocomplete...)
    send the anonymous and a non-staff delegate to the admin's sign-in page."""
    import re

    from django.test import Client
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.name

    admin_paths = []
    for route, route_name in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or route_name in {"login", "logout", "jsi18n"}:
            continue
        path = re.sub(r"<path:object_id>|<int:[a-z_]+>|<str:[a-z_]+>|<[a-z_]+>", "1", route)
        path = re.sub(r"\^|\$|\(\?P<[a-z_]+>[^)]*\)", "1", path)
        admin_paths.append("/" + path)
    assert len(admin_paths) > 50
    member = Client()
    member.force_login(world["people"]["member"])
    for client in (Client(), member):
        for path in admin_paths:
            response = client.get(path)
            assert response.status_code in {302, 404}, path
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/"), path
