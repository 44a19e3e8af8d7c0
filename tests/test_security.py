"""Security, as an attacker would probe it (issue 13, points 1-5), and a permission test for
every URL and API route: a route missing from ROUTES below fails the suite.

Webhook targets (SSRF), CSV formula injection, throttling of sign-in / password reset /
tokens / the API, one rule for moving shared deadlines, the Content-Security-Policy and a
password reset that sends no mail inside the request.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import threading
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import api_token_create
from actions import services
from tests import factories
from tracker import netguard
from webhooks import services as webhook_services
from webhooks.models import DeliveryState, Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)
HOOKS = "/api/v1/webhooks/"


# --- shared set-up -------------------------------------------------------------------------


@pytest.fixture
def delegation(db):
    meeting = factories.MeetingFactory()
    head = factories.UserFactory(language="en")
    owner = factories.UserFactory(language="en")
    member = factories.UserFactory(language="en")
    factories.ParticipantFactory(meeting=meeting, user=head, role="head")
    factories.ParticipantFactory(meeting=meeting, user=owner)
    factories.ParticipantFactory(meeting=meeting, user=member)
    item = factories.ActionItemFactory(meeting=meeting, owner=owner, title="Country report")
    return {"meeting": meeting, "head": head, "owner": owner, "member": member, "item": item}


def api_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, key = api_token_create(user=user, name="security", now=NOW)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


class Receiver:
    """An HTTP server on 127.0.0.1 standing for an internal service: records what reaches it."""

    def __init__(self, status: int = 200, location: str = ""):
        self.hits: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.hits.append(self.path)
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}/internal"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def internal():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def dns(monkeypatch):
    """Names this test decides the answers for: {host: "address"}."""
    answers: dict[str, str] = {}
    real = netguard.resolve

    def resolve(host, port):
        if host in answers:
            return [ipaddress.ip_address(answers[host])]
        return real(host, port)

    monkeypatch.setattr(netguard, "resolve", resolve)
    return answers


# --- 1. webhooks never reach internal addresses ---------------------------------------------

INTERNAL_URLS = [
    "http://127.0.0.1:{port}/",
    "http://127.1.2.3/",
    "http://[::1]/",
    "http://localhost/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://[ff02::1]/",
    "https://rebound.example.net/",
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_webhooks_to_internal_addresses_are_refused_at_registration(delegation, internal, dns, url):
    dns["rebound.example.net"] = "127.0.0.1"  # a public-looking name for an internal address
    url = url.format(port=internal.port)
    client = api_for(delegation["head"])
    created = client.post(
        HOOKS, {"meeting": delegation["meeting"].pk, "url": url, "events": ["item.created"]}, format="json"
    )
    assert created.status_code == 400
    host = netguard.urlsplit(url).hostname
    assert created.json() == {"url": [str(netguard.TARGET_NOT_PUBLIC) % {"host": host}]}
    assert not Webhook.objects.exists()
    hook = webhook_services.webhook_create(
        meeting=delegation["meeting"], url="https://hooks.example.org/", events=["item.created"]
    )
    patched = client.patch(f"{HOOKS}{hook.pk}/", {"url": url}, format="json")
    assert patched.status_code == 400
    hook.refresh_from_db()
    assert hook.url == "https://hooks.example.org/"
    assert internal.hits == []


def test_a_name_that_does_not_resolve_is_refused(delegation):
    response = api_for(delegation["head"]).post(
        HOOKS,
        {
            "meeting": delegation["meeting"].pk,
            "url": "https://no-such-host.invalid/",
            "events": ["item.created"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"url": [str(netguard.HOST_UNRESOLVED) % {"host": "no-such-host.invalid"}]}


def test_a_name_rebound_to_loopback_after_registration_is_refused_at_delivery(delegation, internal, dns):
    dns["hooks.example.net"] = "93.184.215.14"
    hook = webhook_services.webhook_create(
        meeting=delegation["meeting"],
        url=f"http://hooks.example.net:{internal.port}/internal",
        events=["item.status_changed"],
    )
    services.action_item_complete(item=delegation["item"], by=None, now=NOW, note="done")
    dns["hooks.example.net"] = "127.0.0.1"  # DNS rebinding: now it points inside
    [delivery] = WebhookDelivery.objects.filter(webhook=hook)
    result = webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW)
    assert internal.hits == []
    assert (result.state, result.attempts, result.last_status_code) == (DeliveryState.FAILED, 1, None)
    assert result.last_error == "refused: " + str(netguard.TARGET_NOT_PUBLIC) % {"host": "hooks.example.net"}


def test_redirects_are_not_followed(settings, delegation, internal):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # both ends on this machine
    redirector = Receiver(status=302, location=internal.url)
    try:
        hook = webhook_services.webhook_create(
            meeting=delegation["meeting"], url=redirector.url, events=["item.status_changed"]
        )
        services.action_item_complete(item=delegation["item"], by=None, now=NOW, note="done")
        [delivery] = WebhookDelivery.objects.filter(webhook=hook)
        result = webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW)
    finally:
        redirector.close()
    assert redirector.hits == ["/internal"]
    assert internal.hits == []
    assert (result.state, result.last_status_code, result.last_error) == (
        DeliveryState.PENDING,
        302,
        "HTTP 302",
    )


def test_an_operator_may_allow_private_targets(settings, delegation, internal):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    response = api_for(delegation["head"]).post(
        HOOKS,
        {"meeting": delegation["meeting"].pk, "url": internal.url, "events": ["item.status_changed"]},
        format="json",
    )
    assert response.status_code == 201
    services.action_item_complete(item=delegation["item"], by=None, now=NOW, note="done")
    [delivery] = WebhookDelivery.objects.all()
    assert webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW).state == "sent"
    assert internal.hits == ["/internal"]


def test_the_admin_refuses_internal_targets_too(client, delegation):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True, language="en"))
    response = client.post(
        "/admin/webhooks/webhook/add/",
        {
            "meeting": delegation["meeting"].pk,
            "url": "http://169.254.169.254/",
            "events": ["item.created"],
            "active": "on",
            "secret": "s3cret",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [
        str(netguard.TARGET_NOT_PUBLIC) % {"host": "169.254.169.254"}
    ]
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:220:1::", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("224.0.0.251", False),
        ("::ffff:10.0.0.1", False),
        ("192.0.2.1", False),
        ("198.18.0.1", False),
    ],
)
def test_is_public(address, public):
    assert netguard.is_public(ipaddress.ip_address(address)) is public


# --- 2. CSV formula injection ---------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/","click")',
    "+1+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("name", ["web:tasks_csv", "web:delegation_csv", "web:meeting_csv"])
def test_every_csv_export_neutralises_formulas(client, delegation, name):
    item = delegation["item"]
    item.title = FORMULAS[0] + " 國情報告"
    item.source_section = FORMULAS[1]
    item.save()
    user = delegation["head"] if name != "web:tasks_csv" else delegation["owner"]
    client.force_login(user)
    args = [delegation["meeting"].pk] if name == "web:meeting_csv" else []
    body = client.get(reverse(name, args=args)).content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel keeps the Chinese
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULAS[0] + " 國情報告" in cells
    assert "'" + FORMULAS[1] in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


# --- 3. rate limits --------------------------------------------------------------------------


@pytest.fixture
def limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.SIGN_IN_RATE_PER_USERNAME = "5/15m"
    settings.SIGN_IN_RATE_PER_ADDRESS = "30/15m"
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "3/h"
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "10/h"
    settings.API_RATE_ANONYMOUS = "60/min"
    settings.API_RATE_PER_USER = "20/min"
    settings.API_RATE_TOKEN_FAILURES = "30/hour"
    yield settings
    cache.clear()


def _said(message, page: str) -> bool:
    """`message` is on the page with a number of minutes in its place."""
    import re

    pattern = re.escape(str(message)).replace(re.escape("%(minutes)s"), r"\d+ minutes?")
    return re.search(pattern, page) is not None


def test_forty_wrong_passwords_then_the_right_one_is_still_refused(client, limits):
    from tracker.throttling import SIGN_IN_THROTTLED

    factories.UserFactory(username="mao", language="en")
    statuses = [
        client.post(
            "/accounts/login/", {"username": "mao", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
        ).status_code
        for _ in range(40)
    ]
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
    right = client.post(
        "/accounts/login/", {"username": "mao", "password": "pw-for-tests"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert _said(SIGN_IN_THROTTLED, right.content.decode())


def test_the_sign_in_refusal_is_in_the_readers_language(client, limits):
    limits.SIGN_IN_RATE_PER_USERNAME = "1/15m"
    client.post("/accounts/login/", {"username": "x", "password": "y"})
    page = client.post(
        "/accounts/login/", {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE="zh-TW"
    ).content.decode()
    assert "登入嘗試次數過多" in page


def test_password_reset_requests_are_limited_and_send_nothing_in_the_request(
    client, limits, sent_tasks, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tracker.throttling import PASSWORD_RESET_THROTTLED

    factories.UserFactory(email="mao@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(
                "/accounts/password-reset/", {"email": "mao@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
            ).status_code
            for _ in range(5)
        ]
    assert statuses == [302, 302, 302, 429, 429]
    assert mail.outbox == []  # nothing sent while the request waited
    assert [name for name, _args in sent_tasks] == ["accounts.tasks.send_password_reset_email_task"] * 3
    page = client.post(
        "/accounts/password-reset/", {"email": "mao@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert _said(PASSWORD_RESET_THROTTLED, page)


def test_fifty_bad_api_tokens_end_in_429s_with_a_readable_message(limits):
    from tracker.throttling import API_THROTTLED

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-key", HTTP_ACCEPT_LANGUAGE="en")
    statuses = [client.get("/api/v1/meetings/").status_code for _ in range(50)]
    assert statuses[:30] == [401] * 30 and set(statuses[30:]) == {429}
    refused = client.get("/api/v1/meetings/")
    assert int(refused["Retry-After"]) > 0
    assert refused.json() == {"detail": str(API_THROTTLED) % {"seconds": int(refused["Retry-After"])}}
    # A valid key from that address waits too: guessing cannot go on around the limit.
    user = factories.UserFactory()
    _token, key = api_token_create(user=user, name="x", now=NOW)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/meetings/").status_code == 429


def test_api_use_is_throttled_per_user_and_anonymously(limits):
    user = factories.UserFactory(language="zh-hant")
    client = api_for(user)
    statuses = [client.get("/api/v1/organizations/").status_code for _ in range(21)]
    assert statuses == [200] * 20 + [429]
    assert "請求次數過多" in client.get("/api/v1/organizations/").json()["detail"]
    anonymous = APIClient()
    statuses = {anonymous.get("/api/v1/schema/").status_code for _ in range(61)}
    assert 429 in statuses


# --- 5. Content-Security-Policy; password reset mail sent by a worker ------------------------


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/api/v1/docs/", "/admin/login/", "/api/v1/organizations/", "/health/"]
)
def test_every_response_carries_a_content_security_policy(client, path):
    from tracker.middleware import DEFAULT_POLICY

    response = client.get(path)
    assert response["Content-Security-Policy"] == DEFAULT_POLICY
    assert "script-src 'self';" in DEFAULT_POLICY and "unsafe-eval" not in DEFAULT_POLICY


def test_no_page_relies_on_an_inline_script(client, delegation):
    import re

    client.force_login(delegation["head"])
    for path in [
        "/",
        "/accounts/login/",
        f"/items/{delegation['item'].pk}/",
        "/calendar/",
        "/preferences/",
        "/api/v1/docs/",
        "/meetings/",
    ]:
        page = client.get(path).content.decode()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", page) if "src=" not in tag]
        assert inline == [], path
        assert not re.search(r"\son[a-z]+=", page), path  # no onclick= handlers


def test_the_reset_mail_is_sent_by_the_worker_in_the_users_language(
    client, sent_tasks, django_capture_on_commit_callbacks
):
    from django.core import mail

    from accounts.tasks import send_password_reset_email_task

    factories.UserFactory(email="mao@example.org", language="en", full_name="Mao")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "mao@example.org"})
        unknown = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert (response.status_code, unknown.status_code) == (302, 302)
    assert mail.outbox == []
    [(_name, args)] = sent_tasks
    send_password_reset_email_task(*args)  # what the worker runs
    [message] = mail.outbox
    assert message.to == ["mao@example.org"]
    assert "Hello Mao" in message.body
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    assert client.get(link.split("testserver", 1)[1], follow=True).status_code == 200


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
