"""Shared fixtures: users, the TELWG 70 data, and the rule for tests that need a real service."""

import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import api_token_create
from actions.models import ActionItem
from meetings.models import Meeting
from tests import factories
from tests.clients import client_for


def need_service(available: bool, reason: str) -> None:
    """Skip locally when a service is missing; under CI=true a missing service is a failure."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code called straight from a test reads English; requests still follow the user's language.

    The site's default language is zh-hant and the project ships its translation, so without
    this a test calling e.g. Activity.describe() outside a request would read Chinese.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def staff_user(db):
    return factories.UserFactory(is_staff=True, is_superuser=True, username="root")


@pytest.fixture
def telwg70(db):
    """The TELWG 70 meeting, follow-ups and demo logins, as `load_demo` loads them."""
    from django.core.management import call_command

    from meetings.models import Meeting

    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Meeting.objects.get(slug="apec-telwg-70")


# A public address (example.com's) for the documentation names the tests register webhooks
# with: there is no DNS here, and the webhook guard refuses names it cannot resolve.
EXAMPLE_ADDRESS = ipaddress.ip_address("93.184.215.14")


@pytest.fixture(autouse=True)
def _example_names_resolve(monkeypatch):
    from tracker import netguard

    real = netguard.resolve

    def resolve(host: str, port: int):
        if host in {"example.org", "example.com"} or host.endswith((".example.org", ".example.com")):
            return [EXAMPLE_ADDRESS]
        return real(host, port)

    monkeypatch.setattr(netguard, "resolve", resolve)


@pytest.fixture
def sent_tasks(monkeypatch):
    """What the services hand the broker, by task name: [(name, args), ...].

    The broker's side of tracker/queue.py only; the tasks themselves are called directly.
    """
    from celery import current_app

    sent: list[tuple[str, list]] = []

    def send_task(name, args=None, **kwargs):
        sent.append((name, list(args or [])))

    monkeypatch.setattr(current_app, "send_task", send_task)
    return sent


@pytest.fixture
def broker_down(monkeypatch):
    from celery import current_app

    def send_task(name, args=None, **kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(current_app, "send_task", send_task)


@pytest.fixture
def browser():
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from tests.browser import ARGS, CHROMIUM

    need_service(Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs the test in a greenlet with its own context, where Django's
    # connections are other objects: close the ones opened so far, or they outlive the run
    # and PostgreSQL refuses to drop the test database.
    connections.close_all()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
    connections.close_all()


# The TELWG 70 admin, reading English and Gregorian dates, signed in (admin tests).
@pytest.fixture
def telwg70_admin(telwg70):
    user = User.objects.get(username="admin")
    user.language, user.date_style = "en", ""  # English messages, Gregorian dates
    user.save()
    return user


@pytest.fixture
def staff_client(client, telwg70_admin):
    client.force_login(telwg70_admin)
    return client


# Two delegations, each at its own meeting (API and bad-input/permission tests; tests/web has its own).
@dataclass
class Delegation:
    meeting: Meeting
    head: User
    owner: User
    delegate: User
    item: ActionItem


def _delegation(tag: str) -> Delegation:
    meeting = factories.MeetingFactory(slug=f"meeting-{tag}")
    org = factories.OrganizationFactory(code=f"org-{tag}")
    head, owner, delegate = (
        factories.UserFactory(username=f"{role}-{tag}") for role in ("head", "owner", "delegate")
    )
    factories.ParticipantFactory(meeting=meeting, user=head, organization=org, role="head")
    factories.ParticipantFactory(meeting=meeting, user=owner, organization=org)
    factories.ParticipantFactory(meeting=meeting, user=delegate, organization=org)
    item = factories.ActionItemFactory(
        meeting=meeting, owner=owner, responsible=org, title=f"Country report {tag}"
    )
    return Delegation(meeting, head, owner, delegate, item)


@pytest.fixture
def ours(db) -> Delegation:
    return _delegation("a")


@pytest.fixture
def theirs(db) -> Delegation:
    return _delegation("b")


@pytest.fixture
def api():
    return client_for


# The security tests' clock, delegation and API client (tests/test_security_*.py).
NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


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
