"""The OpenAPI schema: generated without warnings, valid, served with a local Swagger UI, and
honoured by the API — schemathesis throws generated requests at every operation."""

import logging
import time
from io import StringIO

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks as st_checks
from schemathesis.generation import GenerationMode

from accounts.models import ApiToken, User
from accounts.services import api_token_create
from actions.models import ActionItem, Activity, Deadline
from meetings.models import Meeting, Organization
from tests.clients import TOKEN_CREATED_AT
from webhooks import services as webhook_services
from webhooks.models import Webhook

pytestmark = pytest.mark.django_db


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stderr=StringIO())
    text = out.read_text()
    assert text.startswith("openapi: 3.")
    for path in [
        "/api/v1/action-items/{id}/move-deadline/",
        "/api/v1/tokens/{id}/",
        "/api/v1/organizations/",
        "/api/v1/meetings/{id}/",
        "/api/v1/deadlines/",
        "/api/v1/activity/",
        "/api/v1/action-items/{id}/comments/",
        "/api/v1/webhooks/{id}/deliveries/",
    ]:
        assert f"  {path}:" in text
    # The ROC forms are documented where dates are read.
    assert "114年4月底" in text


def test_the_schema_and_the_docs_page_are_served_without_a_cdn(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "unpkg" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


# --- schemathesis ------------------------------------------------------------------

# Checks: no 5xx; every status code, content type and body is the one the schema documents.
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
]
MAX_EXAMPLES = 15


@pytest.fixture
def wsgi_app():
    """The real WSGI stack, in this thread and this test's transaction.

    Like Django's test client, stop the request signals from closing the test's connection.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Thousands of expected 4xx would each log a warning; server errors still log.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    try:
        yield get_wsgi_application()
    finally:
        request_log.setLevel(level)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Random ids would nearly always be 404s: in positive mode, {id} is an id that exists, so the
# generated bodies reach the views and services behind it.
EXISTING = {
    "/api/v1/action-items/": ActionItem,
    "/api/v1/activity/": Activity,
    "/api/v1/deadlines/": Deadline,
    "/api/v1/meetings/": Meeting,
    "/api/v1/organizations/": Organization,
    "/api/v1/tokens/": ApiToken,
    "/api/v1/webhooks/": Webhook,
}


def _strategy(operation, mode: GenerationMode):
    strategy = operation.as_strategy(generation_mode=mode)
    prefix = operation.path.split("{")[0]
    if mode is not GenerationMode.POSITIVE or "{id}" not in operation.path:
        return strategy
    ids = sorted(EXISTING[prefix].objects.values_list("pk", flat=True))
    if not ids:
        return strategy

    def with_real_id(pair):
        case, pk = pair
        case.path_parameters = {**(case.path_parameters or {}), "id": pk}
        return case

    return st.tuples(strategy, st.sampled_from(ids)).map(with_real_id)


def _run(schema, headers, mode: GenerationMode, checks) -> tuple[list[str], dict[str, set]]:
    failures: list[str] = []
    statuses: dict[str, set[int]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )
        @given(case=_strategy(operation, mode))
        def run(case):
            response = case.call(headers={"Authorization": headers["Authorization"]})
            statuses.setdefault(case.operation.label, set()).add(response.status_code)
            case.validate_response(response, checks=checks)

        try:
            run()
        except Exception as error:
            failures.append(f"{operation.label}: {error}")
    return failures, statuses


# mao.yinli owns the ACS country report; shen.hsinhsiung heads the delegation, so his run
# also gets through to the item actions (complete, reassign, move-deadline) and webhooks.
@pytest.fixture(params=["mao.yinli", "shen.hsinhsiung"])
def delegate_headers(request, telwg70):
    user = User.objects.get(username=request.param)
    webhook_services.webhook_create(
        meeting=telwg70,
        url="https://hooks.example.org/telwg70",
        events=["item.created", "item.status_changed"],
    )
    _token, key = api_token_create(user=user, name="schemathesis", now=TOKEN_CREATED_AT)
    return {"Authorization": f"Bearer {key}", "username": user.username}


def _schema(wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_app)
    # Revoking tokens would revoke the one this run signs in with; tests/api/test_tokens.py
    # covers it.
    return schema.exclude(method="DELETE", path_regex="^/api/v1/tokens/")


def test_schemathesis_positive_finds_no_5xx_and_no_schema_violations(wsgi_app, delegate_headers):
    started = time.monotonic()
    failures, statuses = _run(_schema(wsgi_app), delegate_headers, GenerationMode.POSITIVE, CHECKS)
    assert not failures, "\n\n".join(failures)
    assert time.monotonic() - started < 120
    # The run got past validation into the views and services, not only 4xx answers.
    succeeded = {label for label, codes in statuses.items() if any(c < 300 for c in codes)}
    expected = {
        "GET /api/v1/action-items/{id}/",
        "GET /api/v1/meetings/{id}/",
        "GET /api/v1/deadlines/{id}/",
        "POST /api/v1/action-items/{id}/comments/",
        "POST /api/v1/tokens/",
    }
    if delegate_headers["username"] == "shen.hsinhsiung":  # the head manages every item
        expected |= {
            "PATCH /api/v1/action-items/{id}/",
            "POST /api/v1/action-items/{id}/complete/",
            "POST /api/v1/action-items/{id}/reopen/",
            "POST /api/v1/action-items/{id}/reassign/",
            "PATCH /api/v1/webhooks/{id}/",
        }
    assert expected <= succeeded, sorted(expected - succeeded)


def test_schemathesis_negative_never_gets_a_5xx(wsgi_app, delegate_headers):
    """Wrong types, missing and unknown fields, out-of-range values: a 4xx each, never a 500."""
    failures, statuses = _run(
        _schema(wsgi_app),
        delegate_headers,
        GenerationMode.NEGATIVE,
        [st_checks.not_a_server_error, st_checks.content_type_conformance],
    )
    assert not failures, "\n\n".join(failures)
    assert len(statuses) >= 25  # every operation was called
