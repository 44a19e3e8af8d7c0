"""Two delegations that must never see each other's data."""

from dataclasses import dataclass

import pytest

from accounts.models import User
from actions.models import ActionItem
from meetings.models import Meeting
from tests import factories


@dataclass
class Delegation:
    meeting: Meeting
    head: User
    member: User
    item: ActionItem


def make_delegation(name: str) -> Delegation:
    meeting = factories.MeetingFactory(title=f"Meeting of {name}")
    head = factories.UserFactory(username=f"{name}-head", language="en")
    member = factories.UserFactory(username=f"{name}-member", language="en")
    factories.ParticipantFactory(meeting=meeting, user=head, role="head")
    factories.ParticipantFactory(meeting=meeting, user=member, role="delegate")
    item = factories.ActionItemFactory(meeting=meeting, owner=member, title=f"{name} task")
    return Delegation(meeting, head, member, item)


@pytest.fixture
def ours(db):
    return make_delegation("ours")


@pytest.fixture
def theirs(db):
    return make_delegation("theirs")
