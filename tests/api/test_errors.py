"""Bad requests get a 4xx JSON body naming the problem, never a 500 or an HTML page."""

import json

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError

from api.exceptions import exception_handler
from followup_dates.dates import DateInputError

pytestmark = pytest.mark.django_db


def _post_raw(client, url, body: bytes, content_type="application/json"):
    return client.generic("POST", url, body, content_type=content_type)


def test_an_oversized_body_is_413_json(api, ours, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"text": "x" * 2000}).encode()
    response = _post_raw(api(ours.owner), f"/api/v1/action-items/{ours.item.pk}/comments/", body)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert not ours.item.activities.exists()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b'["a list"]', "application/json", 400),
        (b'"a string"', "application/json", 400),
        (b"null", "application/json", 400),
        (b"text=hello", "application/x-www-form-urlencoded", 415),
        (b"hello", "text/plain", 415),
        (b'{"text": "\xff\xfe"}', "application/json", 400),
    ],
)
def test_malformed_bodies(api, ours, body, content_type, status):
    response = _post_raw(
        api(ours.owner), f"/api/v1/action-items/{ours.item.pk}/comments/", body, content_type
    )
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()
    assert not ours.item.activities.exists()


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (
            DateInputError("There is no month 13.", code="invalid_month"),
            400,
            {"non_field_errors": ["There is no month 13."]},
        ),
        (DjangoValidationError({"ends_on": ["Too late."]}), 400, {"ends_on": ["Too late."]}),
        (
            DjangoValidationError("Whole thing is wrong."),
            400,
            {"non_field_errors": ["Whole thing is wrong."]},
        ),
        (ProtectedError("protected", set()), 400, None),
        (IntegrityError("duplicate key"), 400, None),
        (RequestDataTooBig("big"), 413, None),
    ],
)
def test_the_exception_handler_turns_service_errors_into_json(exc, status, body):
    response = exception_handler(exc, {})
    assert response.status_code == status
    if body is not None:
        assert response.data == body
    else:
        assert response.data["detail"]


@pytest.mark.parametrize("exc", [KeyError("bug"), ValueError("bug")])
def test_other_exceptions_are_left_to_django(db, exc):
    # A bug stays a 500 (and reaches ADMINS); it is not dressed up as the client's mistake.
    assert exception_handler(exc, {}) is None


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/action-items/999999/",
        "/api/v1/action-items/abc/",
        "/api/v1/action-items/1.5/",
        "/api/v1/nothing/",
        "/api/v1/action-items/99999999999999999999999/",
    ],
)
def test_unknown_api_urls_are_json_404s(api, ours, path):
    response = api(ours.owner).get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_pages_outside_the_api_keep_the_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("action-items/{id}/reassign/", {"owner": 2**70}, "owner"),
        ("action-items/{id}/reassign/", {"owner": -1}, "owner"),
        ("action-items/", {"meeting": 2**70, "title": "x", "kind": "our_task"}, "meeting"),
        ("action-items/", {"meeting": 1, "title": "x", "kind": "our_task", "priority": 2**70}, "priority"),
        ("action-items/{id}/complete/", {"note": "x" * 10_001}, "note"),
        ("action-items/{id}/complete/", {"note": None}, "note"),
        ("action-items/{id}/move-deadline/", {"due": "9999年13月"}, "due"),
        ("action-items/{id}/move-deadline/", {"due": "1900-01-01"}, "due"),
        ("action-items/{id}/move-deadline/", {"due": "x" * 10_000}, "due"),
    ],
)
def test_out_of_range_values_are_400_naming_the_field(api, ours, url, body, field):
    response = api(ours.head).post("/api/v1/" + url.format(id=ours.item.pk), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ours.item.activities.exists()
