"""Every form of the delegates' pages, fuzzed (hypothesis): whatever is posted, no 5xx.

The API has schemathesis (tests/api/test_schema.py); this is the same promise for the HTML
forms: each field gets arbitrary text (control characters, ROC-looking dates, huge numbers,
NUL bytes, right-to-left marks, 10,000 characters), plus unknown fields and missing ones.
An answer is a redirect, the page with its errors (400) or a refusal (403/404/405/429).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reminders import tokens
from tests import factories

pytestmark = pytest.mark.django_db

# Text as a browser could send it: any character but lone surrogates (not encodable).
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e9",
            "9" * 40,
            "114/2/30",
            "114年13月",
            "9999-12-31",
            "0001-01-01",
            "115年第5季",
            "\x00",
            "\r\n",
            "<script>",
            "=1+1",
            "\u202e",
            "x" * 10_000,
            "2025-02-29",
            "NaN",
            "[]",
            "{}",
        ]
    ),
)

# (url name, needs an item id, the form's fields)
FORMS = [
    ("web:item_comment", True, ["comment-text"]),
    ("web:item_status", True, ["status-status", "status-note"]),
    ("web:item_complete", True, ["complete-note"]),
    ("web:item_reassign", True, ["reassign-owner", "reassign-reason"]),
    ("web:item_deadline", True, ["deadline-due", "deadline-reason"]),
    ("web:item_evidence", True, ["evidence-url", "evidence-note"]),
    (
        "web:preferences",
        False,
        ["language", "time_zone", "date_style", "reminder_mode", "optional_reminders"],
    ),
    ("web:feed_create", False, ["feed-meeting"]),
    ("web:language", False, ["language", "next"]),
    ("login", False, ["username", "password", "next"]),
    ("password_reset", False, ["email"]),
]
GET_FORMS = [
    ("web:tasks", ["q", "meeting", "status", "kind", "responsible", "due", "sort"]),
    ("web:delegation", ["q", "meeting", "status", "kind", "responsible", "due", "sort"]),
    ("web:calendar", ["month"]),
]


@pytest.fixture
def signed_in(db):
    meeting = factories.MeetingFactory()
    owner = factories.UserFactory(language="en")
    factories.ParticipantFactory(meeting=meeting, user=owner, role="head")
    deadline = factories.DeadlineFactory(
        meeting=meeting, due_on=date(2025, 3, 13), zone="America/Los_Angeles"
    )
    item = factories.ActionItemFactory(meeting=meeting, owner=owner, deadline=deadline)
    client = Client()
    client.force_login(owner)
    return client, item, owner


def fields(names):
    return st.fixed_dictionaries({}, optional=dict.fromkeys([*names, "unexpected"], TEXT))


FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _ok(response, what):
    assert response.status_code < 500, (what, response.status_code)


@pytest.mark.parametrize(("name", "needs_item", "names"), FORMS, ids=[f[0] for f in FORMS])
def test_posting_anything_to_a_form_is_never_a_server_error(signed_in, name, needs_item, names):
    client, item, _owner = signed_in

    @FUZZ
    @given(data=fields(names))
    def post(data):
        url = reverse(name, args=[item.pk] if needs_item else [])
        _ok(client.post(url, data), (name, data))

    post()


@pytest.mark.parametrize(("name", "names"), GET_FORMS, ids=[f[0] for f in GET_FORMS])
def test_any_query_string_is_never_a_server_error(signed_in, name, names):
    client, _item, _owner = signed_in

    @FUZZ
    @given(data=fields(names))
    def get(data):
        _ok(client.get(reverse(name), data), (name, data))
        if name != "web:calendar":
            _ok(
                client.get(
                    reverse(name.replace("tasks", "tasks_csv").replace("delegation", "delegation_csv")), data
                ),
                (name, data),
            )

    get()


def test_the_reminder_link_forms_take_anything(signed_in):
    client, item, owner = signed_in
    done = reverse("reminders:reminder-done", args=[tokens.done_token(item_id=item.pk, user_id=owner.pk)])

    @FUZZ
    @given(note=TEXT, token=TEXT)
    def post(note, token):
        _ok(client.post(done, {"note": note}), ("done", note))
        if token and "/" not in token and "?" not in token and "#" not in token:
            _ok(client.post(f"/reminders/unsubscribe/{token.strip() or 'x'}/"), token)

    post()


def test_setting_a_new_password_takes_anything(db):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = factories.UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    client = Client()
    start = client.get(
        reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    )
    assert start.status_code == 302  # to the set-password page, token kept in the session
    url = start["Location"]

    @FUZZ
    @given(data=fields(["new_password1", "new_password2"]))
    def post(data):
        _ok(client.post(url, data), data)

    post()


def test_the_report_review_forms_take_anything(signed_in):
    """The review of an imported report (reports/): each candidate's form, accept, reject,
    bulk and promote, with arbitrary values."""
    from reports.models import ImportCandidate, MinutesImport

    client, item, _owner = signed_in  # the owner heads this delegation: a reviewer
    minutes_import = MinutesImport.objects.create(
        meeting=item.meeting, file_name="r.txt", sha256="0" * 64, created_at=item.created_at
    )
    names = [
        "title",
        "title_en",
        "kind",
        "owner",
        "responsible_org",
        "session",
        "action",
        "due",
        "due_date",
        "selected",
    ]

    @FUZZ
    @given(data=fields(names))
    def post(data):
        position = minutes_import.candidates.count() + 1
        candidate = ImportCandidate.objects.create(
            minutes_import=minutes_import,
            position=position,
            import_key=f"k{position}",
            data={"title": "Follow-up", "excerpt": "…", "kind": "our_task"},
        )
        for name in ("reports:candidate", "reports:promote"):
            url = reverse(name, args=[minutes_import.pk, candidate.pk])
            _ok(client.post(url, data), (name, data))
        _ok(
            client.post(
                reverse("reports:bulk", args=[minutes_import.pk]), {**data, "selected": [str(candidate.pk)]}
            ),
            ("bulk", data),
        )

    post()


def test_accepting_a_candidate_without_a_kind(signed_in):
    from reports.models import ImportCandidate, MinutesImport

    client, item, _owner = signed_in
    minutes_import = MinutesImport.objects.create(
        meeting=item.meeting, file_name="r.txt", sha256="0" * 64, created_at=item.created_at
    )
    candidate = ImportCandidate.objects.create(
        minutes_import=minutes_import, position=1, import_key="k1", data={"title": "Follow-up"}
    )
    client.raise_request_exception = True
    response = client.post(
        reverse("reports:bulk", args=[minutes_import.pk]),
        {"action": "accept", "selected": [str(candidate.pk)]},
    )
    assert response.status_code == 302
    from actions.models import ActionItem, ItemKind

    accepted = ActionItem.objects.get(meeting=item.meeting, title="Follow-up")
    assert accepted.kind == ItemKind.OUR_TASK
