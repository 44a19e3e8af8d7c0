"""Webhooks never reach internal addresses (SSRF): refused at registration and again at delivery."""

from __future__ import annotations

import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from actions import services
from tests import factories
from tests.conftest import NOW, api_for
from tracker import netguard
from webhooks import services as webhook_services
from webhooks.models import DeliveryState, Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db
HOOKS = "/api/v1/webhooks/"


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
