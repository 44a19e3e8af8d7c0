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
