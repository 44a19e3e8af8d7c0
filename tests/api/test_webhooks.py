"""Registering webhooks through the API: heads of delegation and staff, for their meetings."""

import pytest

from tests.factories import UserFactory
from webhooks import services as webhook_services
from webhooks.models import Webhook

pytestmark = pytest.mark.django_db
HOOKS = "/api/v1/webhooks/"


def _register(client, meeting, **extra):
    return client.post(
        HOOKS,
        {
            "meeting": meeting.pk,
            "url": "https://hooks.example.org/t",
            "events": ["item.created", "item.overdue"],
            **extra,
        },
        format="json",
    )


def test_the_head_registers_a_webhook_and_gets_its_secret(api, ours):
    response = _register(api(ours.head), ours.meeting)
    assert response.status_code == 201, response.json()
    body = response.json()
    hook = Webhook.objects.get()
    assert (body["url"], body["events"], body["active"], body["secret"]) == (
        "https://hooks.example.org/t",
        ["item.created", "item.overdue"],
        True,
        hook.secret,
    )
    assert len(hook.secret) >= 40


@pytest.mark.parametrize(("who", "status"), [("owner", 403), ("delegate", 403)])
def test_delegates_cannot_register_webhooks(api, ours, who, status):
    assert _register(api(getattr(ours, who)), ours.meeting).status_code == status
    assert not Webhook.objects.exists()


def test_another_delegations_webhooks_are_invisible(api, ours, theirs):
    hook = webhook_services.webhook_create(
        meeting=theirs.meeting, url="https://b.example.org/", events=["item.created"]
    )
    client = api(ours.head)
    assert client.get(HOOKS).json()["results"] == []
    for method in ("get", "patch", "delete"):
        assert getattr(client, method)(f"{HOOKS}{hook.pk}/", {}, format="json").status_code == 404
    assert client.get(f"{HOOKS}{hook.pk}/deliveries/").status_code == 404
    refused = _register(client, theirs.meeting)
    assert refused.status_code == 400
    assert "meeting" in refused.json()
    # Staff see and manage all.
    assert api(UserFactory(is_staff=True)).get(HOOKS).json()["count"] == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"url": "ftp://example.org/"}, "url"),
        ({"url": "file:///etc/passwd"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"events": []}, "events"),
        ({"events": ["item.deleted"]}, "events"),
        ({"events": "item.created"}, "events"),
        ({"secret": "mine"}, "secret"),
        ({"active": "perhaps"}, "active"),
    ],
)
def test_bad_webhooks_are_refused_naming_the_field(api, ours, extra, field):
    response = _register(api(ours.head), ours.meeting, **extra)
    assert response.status_code == 400
    assert field in response.json()
    assert not Webhook.objects.exists()


def test_the_head_updates_rotates_and_removes_a_webhook(api, ours):
    client = api(ours.head)
    hook_id = _register(client, ours.meeting).json()["id"]
    old_secret = Webhook.objects.get().secret
    changed = client.patch(
        f"{HOOKS}{hook_id}/",
        {"active": False, "rotate_secret": True, "events": ["item.overdue"]},
        format="json",
    )
    assert changed.status_code == 200
    hook = Webhook.objects.get()
    assert (hook.active, hook.events) == (False, ["item.overdue"])
    assert hook.secret != old_secret
    assert client.patch(f"{HOOKS}{hook_id}/", {"meeting": 1}, format="json").status_code == 400
    assert client.get(f"{HOOKS}{hook_id}/deliveries/").json() == []
    assert client.delete(f"{HOOKS}{hook_id}/").status_code == 204
    assert not Webhook.objects.exists()


def test_deliveries_are_listed_with_their_attempts(api, ours):
    hook = webhook_services.webhook_create(
        meeting=ours.meeting, url="https://hooks.example.org/t", events=["item.status_changed"]
    )
    client = api(ours.head)
    client.post(f"/api/v1/action-items/{ours.item.pk}/complete/", {}, format="json")
    [row] = client.get(f"{HOOKS}{hook.pk}/deliveries/").json()
    assert (row["event"], row["state"], row["attempts"], row["item"]) == (
        "item.status_changed",
        "pending",
        0,
        ours.item.pk,
    )
    assert row["payload"]["data"]["to"] == "done"
