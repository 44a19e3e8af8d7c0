"""API clients signed in with a token, for tests of several modules (the `api` fixture)."""

from datetime import UTC, datetime

from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import api_token_create

TOKEN_CREATED_AT = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, key = api_token_create(user=user, name="tests", now=TOKEN_CREATED_AT)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client
