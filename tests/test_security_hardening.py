"""CSV formula injection, rate limits, the Content-Security-Policy and the password reset mail."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import api_token_create
from tests import factories
from tests.conftest import NOW, api_for

pytestmark = pytest.mark.django_db


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
