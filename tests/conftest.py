"""Shared fixtures: users, the TELWG 70 data, and the rule for tests that need a real service."""

import os

import pytest

from tests import factories


def need_service(available: bool, reason: str) -> None:
    """Skip locally when a service is missing; under CI=true a missing service is a failure."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


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
