"""Per-user API tokens: created and revoked by their user and by staff; the key is shown once."""

import hashlib

import pytest

from accounts.models import ApiToken
from tests.clients import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TOKENS = "/api/v1/tokens/"


def _session_client(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(user)
    return client


def test_a_user_creates_a_token_and_sees_its_key_once():
    user = UserFactory()
    client = _session_client(user)
    created = client.post(TOKENS, {"name": "calendar sync"}, format="json")
    assert created.status_code == 201
    key = created.json()["key"]
    token = ApiToken.objects.get(user=user)
    # Only the hash is stored.
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiToken.objects.values_list())
    listed = client.get(TOKENS).json()["results"]
    assert [t["name"] for t in listed] == ["calendar sync"]
    assert "key" not in listed[0]
    assert client.get(f"{TOKENS}{token.pk}/").json()["prefix"] == key[:8]


@pytest.mark.parametrize("scheme", ["Bearer", "Token", "bearer"])
def test_the_key_authenticates_and_records_its_use(scheme):
    user = UserFactory()
    key = _session_client(user).post(TOKENS, {"name": "x"}, format="json").json()["key"]
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
    response = client.get(TOKENS)
    assert response.status_code == 200
    assert response.json()["results"][0]["username"] == user.username
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-key",
        "Bearer",
        "Bearer two parts",
        "Token ",
        "Bearer \u00e9t\u00e9",
    ],
)
def test_bad_keys_are_401_with_a_json_reason(header):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/action-items/")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_is_401():
    response = client_for(None).get("/api/v1/action-items/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_revoked_token_stops_working_at_once():
    user = UserFactory()
    client = client_for(user)
    token = ApiToken.objects.get(user=user)
    assert client.get("/api/v1/action-items/").status_code == 200
    assert client.delete(f"{TOKENS}{token.pk}/").status_code == 204
    response = client.get("/api/v1/action-items/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    token.refresh_from_db()
    assert token.revoked_by == user
    assert token.revoked_at is not None


def test_a_disabled_user_token_is_refused():
    user = UserFactory()
    client = client_for(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/action-items/").status_code == 401


def test_users_cannot_see_or_revoke_each_others_tokens_but_staff_can():
    alice, bob = UserFactory(), UserFactory()
    alice_client = client_for(alice)
    client_for(bob)
    bob_token = ApiToken.objects.get(user=bob)
    assert alice_client.get(f"{TOKENS}{bob_token.pk}/").status_code == 404
    assert alice_client.delete(f"{TOKENS}{bob_token.pk}/").status_code == 404
    assert [t["username"] for t in alice_client.get(TOKENS).json()["results"]] == [alice.username]
    bob_token.refresh_from_db()
    assert bob_token.revoked_at is None

    staff = UserFactory(is_staff=True)
    staff_client = client_for(staff)
    listed = {t["username"] for t in staff_client.get(TOKENS).json()["results"]}
    assert {alice.username, bob.username, staff.username} <= listed
    assert staff_client.delete(f"{TOKENS}{bob_token.pk}/").status_code == 204
    bob_token.refresh_from_db()
    assert bob_token.revoked_by == staff


def test_a_token_needs_a_name_and_nothing_else():
    client = client_for(UserFactory(language="en"))
    assert client.post(TOKENS, {}, format="json").json() == {"name": ["This field is required."]}
    # Errors come in the user's language.
    chinese = client_for(UserFactory(language="zh-hant"))
    assert chinese.post(TOKENS, {}, format="json").json() == {"name": ["此為必需欄位。"]}
    response = client.post(TOKENS, {"name": "x", "user": 1}, format="json")
    assert response.status_code == 400
    assert "user" in response.json()


def test_staff_revoke_tokens_in_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    victim = UserFactory()
    client_for(victim)
    token = ApiToken.objects.get(user=victim)
    client.force_login(staff)
    page = client.get("/admin/accounts/apitoken/")
    assert page.status_code == 200
    assert token.prefix in page.content.decode()
    client.post(
        "/admin/accounts/apitoken/",
        {
            "action": "revoke",
            "_selected_action": [token.pk],
        },
    )
    token.refresh_from_db()
    assert token.revoked_by == staff


def test_the_web_session_works_for_the_api_with_csrf_for_writes(ours):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(ours.owner)
    assert client.get("/api/v1/action-items/").json()["count"] == 1
    # A signed-in browser page must send the CSRF token to write ...
    refused = client.post(f"/api/v1/action-items/{ours.item.pk}/complete/", {}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/api/v1/docs/")
    client.get("/api/v1/docs/?script=")  # its start-up script (a file, for the CSP) sets the cookie
    token = client.cookies["csrftoken"].value
    done = client.post(
        f"/api/v1/action-items/{ours.item.pk}/complete/", {}, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert done.status_code == 200
    # ... while a token client needs none.
    assert (
        client_for(ours.head)
        .post(f"/api/v1/action-items/{ours.item.pk}/reopen/", {}, format="json")
        .status_code
        == 200
    )
