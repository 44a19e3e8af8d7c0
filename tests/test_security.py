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
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import api_token_create
from actions import services, webhooks
from actions.models import DeliveryState, Webhook, WebhookDelivery
from tests import factories
from tracker import netguard

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
    "http://127.0.0.1:{port}/", "http://127.1.2.3/", "http://[::1]/", "http://localhost/",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://172.16.5.4/",
    "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/",
    "http://240.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[fc00::1]/", "http://[fe80::1]/",
    "http://[ff02::1]/", "https://rebound.example.net/",
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_webhooks_to_internal_addresses_are_refused_at_registration(delegation, internal, dns,
                                                                    url):
    dns["rebound.example.net"] = "127.0.0.1"  # a public-looking name for an internal address
    url = url.format(port=internal.port)
    client = api_for(delegation["head"])
    created = client.post(HOOKS, {"meeting": delegation["meeting"].pk, "url": url,
                                  "events": ["item.created"]}, format="json")
    assert created.status_code == 400
    host = netguard.urlsplit(url).hostname
    assert created.json() == {"url": [str(netguard.TARGET_NOT_PUBLIC) % {"host": host}]}
    assert not Webhook.objects.exists()
    hook = webhooks.webhook_create(meeting=delegation["meeting"], url="https://hooks.example.org/",
                                   events=["item.created"])
    patched = client.patch(f"{HOOKS}{hook.pk}/", {"url": url}, format="json")
    assert patched.status_code == 400
    hook.refresh_from_db()
    assert hook.url == "https://hooks.example.org/"
    assert internal.hits == []


def test_a_name_that_does_not_resolve_is_refused(delegation):
    response = api_for(delegation["head"]).post(HOOKS, {
        "meeting": delegation["meeting"].pk, "url": "https://no-such-host.invalid/",
        "events": ["item.created"]}, format="json")
    assert response.status_code == 400
    assert response.json() == {"url": [str(netguard.HOST_UNRESOLVED) % {
        "host": "no-such-host.invalid"}]}


def test_a_name_rebound_to_loopback_after_registration_is_refused_at_delivery(
        delegation, internal, dns):
    dns["hooks.example.net"] = "93.184.215.14"
    hook = webhooks.webhook_create(meeting=delegation["meeting"],
                                   url=f"http://hooks.example.net:{internal.port}/internal",
                                   events=["item.status_changed"])
    services.action_item_complete(item=delegation["item"], by=None, now=NOW, note="done")
    dns["hooks.example.net"] = "127.0.0.1"  # DNS rebinding: now it points inside
    [delivery] = WebhookDelivery.objects.filter(webhook=hook)
    result = webhooks.webhook_delivery_attempt(delivery=delivery, now=NOW)
    assert internal.hits == []
    assert (result.state, result.attempts, result.last_status_code) == (
        DeliveryState.FAILED, 1, None)
    assert result.last_error == "refused: " + str(netguard.TARGET_NOT_PUBLIC) % {
        "host": "hooks.example.net"}


def test_redirects_are_not_followed(settings, delegation, internal):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # both ends on this machine
    redirector = Receiver(status=302, location=internal.url)
    try:
        hook = webhooks.webhook_create(meeting=delegation["meeting"], url=redirector.url,
                                       events=["item.status_changed"])
        services.action_item_complete(item=delegation["item"], by=None, now=NOW, note="done")
        [delivery] = WebhookDelivery.objects.filter(webhook=hook)
        result = webhooks.webhook_delivery_attempt(delivery=delivery, now=NOW)
    finally:
        redirector.close()
    assert redirector.hits == ["/internal"]
    assert internal.hits == []
    assert (result.state, result.last_status_code, result.last_error) == (
        DeliveryState.PENDING, 302, "HTTP 302")


def test_an_operator_may_allow_private_targets(settings, delegation, internal):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    response = api_for(delegation["head"]).post(HOOKS, {
        "meeting": delegation["meeting"].pk, "url": internal.url,
        "events": ["item.status_changed"]}, format="json")
    assert response.status_code == 201
    services.action_item_complete(item=delegation["item"], by=None, now=NOW, note="done")
    [delivery] = WebhookDelivery.objects.all()
    assert webhooks.webhook_delivery_attempt(delivery=delivery, now=NOW).state == "sent"
    assert internal.hits == ["/internal"]


def test_the_admin_refuses_internal_targets_too(client, delegation):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True, language="en"))
    response = client.post("/admin/actions/webhook/add/", {
        "meeting": delegation["meeting"].pk, "url": "http://169.254.169.254/",
        "events": ["item.created"], "active": "on", "secret": "s3cret",
        "deliveries-TOTAL_FORMS": "0", "deliveries-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [
        str(netguard.TARGET_NOT_PUBLIC) % {"host": "169.254.169.254"}]
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.215.14", True), ("2606:2800:220:1::", True), ("127.0.0.1", False),
    ("10.1.2.3", False), ("169.254.169.254", False), ("224.0.0.251", False),
    ("::ffff:10.0.0.1", False), ("192.0.2.1", False), ("198.18.0.1", False),
])
def test_is_public(address, public):
    assert netguard.is_public(ipaddress.ip_address(address)) is public


# --- 2. CSV formula injection ---------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/","click")', "+1+cmd|' /C calc'!A0",
            "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


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
    statuses = [client.post("/accounts/login/", {"username": "mao", "password": "wrong"},
                            HTTP_ACCEPT_LANGUAGE="en").status_code for _ in range(40)]
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
    right = client.post("/accounts/login/", {"username": "mao", "password": "pw-for-tests"},
                        HTTP_ACCEPT_LANGUAGE="en")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert _said(SIGN_IN_THROTTLED, right.content.decode())


def test_the_sign_in_refusal_is_in_the_readers_language(client, limits):
    limits.SIGN_IN_RATE_PER_USERNAME = "1/15m"
    client.post("/accounts/login/", {"username": "x", "password": "y"})
    page = client.post("/accounts/login/", {"username": "x", "password": "y"},
                       HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "登入嘗試次數過多" in page


def test_password_reset_requests_are_limited_and_send_nothing_in_the_request(
        client, limits, sent_tasks, django_capture_on_commit_callbacks):
    from django.core import mail

    from tracker.throttling import PASSWORD_RESET_THROTTLED

    factories.UserFactory(email="mao@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [client.post("/accounts/password-reset/", {"email": "mao@example.org"},
                                HTTP_ACCEPT_LANGUAGE="en").status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert mail.outbox == []  # nothing sent while the request waited
    assert [name for name, _args in sent_tasks] == [
        "accounts.tasks.send_password_reset_email_task"] * 3
    page = client.post("/accounts/password-reset/", {"email": "mao@example.org"},
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _said(PASSWORD_RESET_THROTTLED, page)


def test_fifty_bad_api_tokens_end_in_429s_with_a_readable_message(limits):
    from tracker.throttling import API_THROTTLED

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-key", HTTP_ACCEPT_LANGUAGE="en")
    statuses = [client.get("/api/v1/meetings/").status_code for _ in range(50)]
    assert statuses[:30] == [401] * 30 and set(statuses[30:]) == {429}
    refused = client.get("/api/v1/meetings/")
    assert int(refused["Retry-After"]) > 0
    assert refused.json() == {"detail": str(API_THROTTLED) % {
        "seconds": int(refused["Retry-After"])}}
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


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/docs/", "/admin/login/",
                                  "/api/v1/organizations/", "/health/"])
def test_every_response_carries_a_content_security_policy(client, path):
    from tracker.middleware import DEFAULT_POLICY

    response = client.get(path)
    assert response["Content-Security-Policy"] == DEFAULT_POLICY
    assert "script-src 'self';" in DEFAULT_POLICY and "unsafe-eval" not in DEFAULT_POLICY


def test_no_page_relies_on_an_inline_script(client, delegation):
    import re

    client.force_login(delegation["head"])
    for path in ["/", "/accounts/login/", f"/items/{delegation['item'].pk}/", "/calendar/",
                 "/preferences/", "/api/v1/docs/", "/meetings/"]:
        page = client.get(path).content.decode()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", page) if "src=" not in tag]
        assert inline == [], path
        assert not re.search(r"\son[a-z]+=", page), path  # no onclick= handlers


def test_the_reset_mail_is_sent_by_the_worker_in_the_users_language(
        client, sent_tasks, django_capture_on_commit_callbacks):
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
