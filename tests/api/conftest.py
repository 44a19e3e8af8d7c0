"""Two delegations, each at its own meeting, and API clients signed in with tokens."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import api_token_create
from actions.models import ActionItem
from meetings.models import Meeting
from tests import factories

NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


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
    head, owner, delegate = (factories.UserFactory(username=f"{role}-{tag}")
                             for role in ("head", "owner", "delegate"))
    factories.ParticipantFactory(meeting=meeting, user=head, organization=org, role="head")
    factories.ParticipantFactory(meeting=meeting, user=owner, organization=org)
    factories.ParticipantFactory(meeting=meeting, user=delegate, organization=org)
    item = factories.ActionItemFactory(meeting=meeting, owner=owner, responsible=org,
                                       title=f"Country report {tag}")
    return Delegation(meeting, head, owner, delegate, item)


@pytest.fixture
def ours(db) -> Delegation:
    return _delegation("a")


@pytest.fixture
def theirs(db) -> Delegation:
    return _delegation("b")


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, key = api_token_create(user=user, name="tests", now=NOW)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def api():
    return client_for
