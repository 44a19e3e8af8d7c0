"""Webhooks: which events the services emit, signed delivery to a real local receiver,
retries with back-off, and giving up visibly. No eager mode, no broker: the task function
and the service are called directly, with `now` injected."""

import hashlib
import hmac
import json
import threading
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from actions import deadline_services, services
from actions.models import Status
from followup_dates import dates
from tests.factories import (
    ActionItemFactory,
    DeadlineFactory,
    MeetingFactory,
    ParticipantFactory,
    UserFactory,
)
from webhooks import events as webhook_events
from webhooks import services as webhook_services
from webhooks import signing
from webhooks.models import DeliveryState, Webhook, WebhookDelivery
from webhooks.tasks import deliver_webhook_task

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)
ALL_EVENTS = ["item.created", "item.status_changed", "item.deadline_moved", "item.overdue"]


class Receiver:
    """A tiny HTTP server on 127.0.0.1: records each POST and answers with scripted statuses."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/tracker"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    # An on-premises receiver on 127.0.0.1: the operator's setting lets it through.
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    with Receiver() as running:
        yield running


def _hook(meeting, url="https://example.org/hook", events=None, **kwargs):
    hook = Webhook(meeting=meeting, url=url, events=events or ALL_EVENTS, **kwargs)
    hook.full_clean()
    hook.save()
    return hook


def _delivery(receiver, **hook_kwargs) -> WebhookDelivery:
    item = ActionItemFactory()
    hook = _hook(item.meeting, url=receiver.url, **hook_kwargs)
    [delivery] = webhook_events.webhook_events_emit(item=item, event="item.created", now=NOW)
    assert delivery.webhook == hook
    return delivery


# --- which events the services emit ----------------------------------------------------


def _create(item, user):
    services.action_item_create(meeting=item.meeting, title="New", kind="our_task", by=user, now=NOW)


def _complete(item, user):
    services.action_item_complete(item=item, by=user, now=NOW, note="done")


def _edit_deadline(item, user):
    services.action_item_update(
        item=item,
        changes={"deadline": DeadlineFactory(meeting=item.meeting, due_on=date(2025, 4, 1))},
        by=user,
        now=NOW,
    )


def _move_deadline(item, user):
    deadline_services.action_item_move_deadline(item=item, due=dates.DueDate.month(2025, 4), by=user, now=NOW)


def _set_due(item, user):
    deadline_services.deadline_move(
        deadline=item.deadline, to=dates.DueDate.day(date(2025, 3, 20)), by=user, now=NOW
    )


def _reassign(item, user):
    ParticipantFactory(meeting=item.meeting, user=user)
    services.action_item_reassign(item=item, owner=user, by=user, now=NOW)


def _title_edit(item, user):
    services.action_item_update(item=item, changes={"title": "Renamed"}, by=user, now=NOW)


@pytest.mark.parametrize(
    ("change", "events"),
    [
        (_create, ["item.created"]),
        (_complete, ["item.status_changed"]),
        (_edit_deadline, ["item.deadline_moved"]),
        (_move_deadline, ["item.deadline_moved"]),
        (_set_due, ["item.deadline_moved"]),
        (_reassign, []),
        (_title_edit, []),
    ],
)
def test_each_service_emits_its_event_after_commit(
    change, events, sent_tasks, django_capture_on_commit_callbacks
):
    item = ActionItemFactory()
    _hook(item.meeting)
    with django_capture_on_commit_callbacks() as callbacks:
        change(item, UserFactory(is_staff=True))  # staff: allowed every change
    deliveries = list(WebhookDelivery.objects.all())
    assert [d.event for d in deliveries] == events
    # One delivery task per row, queued by name only once the change committed.
    webhook_tasks = [c for c in sent_tasks if c[0] == "webhooks.tasks.deliver_webhook_task"]
    assert webhook_tasks == []
    for callback in callbacks:
        callback()
    webhook_tasks = [c for c in sent_tasks if c[0] == "webhooks.tasks.deliver_webhook_task"]
    assert webhook_tasks == [("webhooks.tasks.deliver_webhook_task", [d.pk]) for d in deliveries]


def test_status_change_payload_says_from_and_to():
    item = ActionItemFactory(title="ACS country report")
    _hook(item.meeting)
    services.action_item_complete(item=item, by=None, note="uploaded", now=NOW)
    payload = WebhookDelivery.objects.get().payload
    assert payload["event"] == "item.status_changed"
    assert payload["occurred_at"] == "2025-03-10T01:00:00+00:00"
    assert payload["item"]["title"] == "ACS country report"
    assert payload["item"]["due"] == {
        "on": "2025-03-13",
        "precision": "day",
        "zone": "Asia/Taipei",
        "at": "2025-03-13T23:59:59+08:00",
    }
    assert payload["data"] == {"from": "open", "to": "done", "note": "uploaded"}


def test_only_active_hooks_of_the_items_meeting_that_want_the_event_get_it():
    item = ActionItemFactory()
    wanted = _hook(item.meeting, events=["item.status_changed"])
    _hook(item.meeting, events=["item.created"])
    _hook(item.meeting, active=False)
    _hook(MeetingFactory())
    services.action_item_complete(item=item, by=None, now=NOW)
    assert [d.webhook for d in WebhookDelivery.objects.all()] == [wanted]


def test_a_rolled_back_change_queues_nothing(django_capture_on_commit_callbacks):
    item = ActionItemFactory()
    _hook(item.meeting)

    def complete_then_fail():
        with transaction.atomic():
            services.action_item_complete(item=item, by=None, now=NOW)
            raise RuntimeError("something after it failed")

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        complete_then_fail()
    assert not WebhookDelivery.objects.exists()
    assert callbacks == []


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://hooks.example.org/tracker", True),
        ("http://127.0.0.1:8080/hook", False),  # not a public address (tests/test_security_webhooks.py)
        ("ftp://example.org/hook", False),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("gopher://example.org/", False),
        ("example.org/hook", False),
    ],
)
def test_only_http_and_https_urls_are_accepted(url, ok):
    hook = Webhook(meeting=MeetingFactory(), url=url, events=["item.created"])
    if ok:
        hook.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            hook.full_clean()
        assert "url" in error.value.message_dict


@pytest.mark.parametrize("events", [[], ["item.deleted"], "item.created", [1]])
def test_events_must_be_known(events):
    hook = Webhook(meeting=MeetingFactory(), url="https://example.org/", events=events)
    with pytest.raises(ValidationError) as error:
        hook.full_clean()
    assert "events" in error.value.message_dict


# --- delivery ----------------------------------------------------------------------------


def test_delivery_is_signed_and_the_signature_verifies(receiver):
    delivery = _delivery(receiver)
    result = webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW)
    assert (result.state, result.attempts, result.last_status_code, result.delivered_at) == (
        DeliveryState.SENT,
        1,
        200,
        NOW,
    )
    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    secret = delivery.webhook.secret.encode()
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    assert headers["X-Tracker-Signature"] == expected
    assert signing.signature_matches(delivery.webhook.secret, body, headers["X-Tracker-Signature"])
    assert not signing.signature_matches("another secret", body, headers["X-Tracker-Signature"])
    assert headers["X-Tracker-Timestamp"] == str(int(NOW.timestamp()))
    assert headers["X-Tracker-Event"] == "item.created"
    assert headers["X-Tracker-Delivery"] == str(delivery.pk)
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["item"]["id"] == delivery.item_id
    assert request["path"] == "/hooks/tracker"


def test_a_failed_attempt_waits_for_its_back_off_then_the_sweep_queues_it(
    receiver, sent_tasks, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 503]
    delivery = _delivery(receiver)
    now = NOW
    for attempt in (1, 2):
        assert webhook_services.webhook_delivery_attempt(delivery=delivery, now=now).state == "pending"
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts, delivery.last_error) == (
            DeliveryState.PENDING,
            attempt,
            f"HTTP {[500, 503][attempt - 1]}",
        )
        retry_at = now + webhook_services.backoff(attempt)
        assert delivery.next_attempt_at == retry_at
        # Not before its back-off; then the sweep queues it by name.
        assert webhook_services.webhooks_dispatch(now=retry_at - timedelta(seconds=1)) == 0
        with django_capture_on_commit_callbacks(execute=True):
            assert webhook_services.webhooks_dispatch(now=retry_at) == 1
        now = retry_at
    assert sent_tasks[-1] == ("webhooks.tasks.deliver_webhook_task", [delivery.pk])
    assert deliver_webhook_task(delivery.pk) == DeliveryState.SENT
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code, delivery.last_error) == (
        DeliveryState.SENT,
        3,
        200,
        "",
    )
    assert len(receiver.requests) == 3
    # Every attempt carried the same body, so the receiver can de-duplicate on the delivery id.
    assert len({r["body"] for r in receiver.requests}) == 1
    assert webhook_services.webhooks_dispatch(now=now + timedelta(days=1)) == 0


def test_back_off_doubles_up_to_ten_minutes():
    assert [webhook_services.backoff(n).total_seconds() for n in range(1, 7)] == [30, 60, 120, 240, 480, 600]


def test_two_workers_one_attempt(receiver):
    delivery = _delivery(receiver)
    assert webhook_services.webhook_delivery_claim(delivery=delivery, now=NOW) is not None
    # A second task for the same row (a requeue raced the first worker) sends nothing.
    assert webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW).state == "pending"
    assert receiver.requests == []
    # If the first worker died, the claim expires and the sweep's next task sends it.
    later = NOW + timedelta(seconds=301)
    assert webhook_services.webhook_delivery_attempt(delivery=delivery, now=later).state == "sent"
    assert len(receiver.requests) == 1


def test_a_sent_delivery_is_not_sent_again(receiver):
    delivery = _delivery(receiver)
    webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW)
    webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW + timedelta(minutes=1))
    assert len(receiver.requests) == 1


def test_it_gives_up_visibly_after_the_last_attempt(receiver, client):
    receiver.statuses = [500] * webhook_services.MAX_ATTEMPTS
    delivery = _delivery(receiver)
    now = NOW
    for _attempt in range(webhook_services.MAX_ATTEMPTS - 1):
        assert webhook_services.webhook_delivery_attempt(delivery=delivery, now=now).state == "pending"
        now += timedelta(minutes=5)
    final = webhook_services.webhook_delivery_attempt(delivery=delivery, now=now)
    assert (final.state, final.attempts, final.last_status_code, final.last_attempt_at) == (
        DeliveryState.FAILED,
        webhook_services.MAX_ATTEMPTS,
        500,
        now,
    )
    assert len(receiver.requests) == webhook_services.MAX_ATTEMPTS
    # A failed delivery is not attempted again by a stray task ...
    webhook_services.webhook_delivery_attempt(delivery=delivery, now=now)
    assert len(receiver.requests) == webhook_services.MAX_ATTEMPTS
    # ... and staff see it in the admin.
    client.force_login(UserFactory(is_staff=True, is_superuser=True, language="en"))
    page = client.get("/admin/webhooks/webhookdelivery/", {"state__exact": "failed"}).content
    assert b"HTTP 500" in page
    assert receiver.url.encode() in page


def test_staff_can_send_a_failed_delivery_again(receiver, django_capture_on_commit_callbacks, sent_tasks):
    receiver.statuses = [500] * webhook_services.MAX_ATTEMPTS
    delivery = _delivery(receiver)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.FAILED, attempts=6)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_services.webhook_delivery_retry(delivery=delivery, now=NOW)
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 0)
    assert sent_tasks == [("webhooks.tasks.deliver_webhook_task", [delivery.pk])]


def test_an_unreachable_receiver_is_an_error_to_retry(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    with Receiver() as gone:
        url = gone.url
    item = ActionItemFactory()
    _hook(item.meeting, url=url)
    [delivery] = webhook_events.webhook_events_emit(item=item, event="item.created", now=NOW)
    assert webhook_services.webhook_delivery_attempt(delivery=delivery, now=NOW).state == "pending"
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower() or "error" in delivery.last_error.lower()


def test_overdue_is_emitted_once_per_item_and_due_instant():
    item = ActionItemFactory(status=Status.OPEN)  # due 13 Mar 2025, Taipei
    ActionItemFactory(meeting=item.meeting, status=Status.DONE, completed_at=NOW)
    _hook(item.meeting, events=["item.overdue"])
    before = datetime(2025, 3, 13, 15, 0, tzinfo=UTC)
    after = datetime(2025, 3, 13, 16, 0, tzinfo=UTC)
    assert webhook_services.webhooks_overdue_emit(now=before) == 0
    assert webhook_services.webhooks_overdue_emit(now=after) == 1
    assert webhook_services.webhooks_overdue_emit(now=after + timedelta(hours=1)) == 0
    # Moved and overdue again: a new event.
    deadline_services.deadline_move(
        deadline=item.deadline, to=dates.DueDate.day(date(2025, 3, 20)), by=None, now=after
    )
    assert webhook_services.webhooks_overdue_emit(now=datetime(2025, 3, 21, tzinfo=UTC)) == 1
    assert list(WebhookDelivery.objects.values_list("event", flat=True)) == ["item.overdue", "item.overdue"]


def test_staff_register_a_webhook_in_the_admin(client):
    meeting = MeetingFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True, language="en"))
    refused = client.post(
        "/admin/webhooks/webhook/add/",
        {
            "meeting": meeting.pk,
            "url": "ftp://example.org/",
            "events": ["item.created"],
            "active": "on",
            "secret": "s3cret",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert refused.status_code == 200
    assert not Webhook.objects.exists()
    client.post(
        "/admin/webhooks/webhook/add/",
        {
            "meeting": meeting.pk,
            "url": "https://example.org/hook",
            "events": ["item.created", "item.overdue"],
            "active": "on",
            "secret": "s3cret",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    hook = Webhook.objects.get()
    assert (hook.url, hook.events) == ("https://example.org/hook", ["item.created", "item.overdue"])


def test_a_broker_outage_never_fails_the_change_and_the_sweep_queues_the_delivery(
    broker_down, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    """Issue 13, point 11: creating an item with a webhook registered, Redis unreachable."""
    from rest_framework.test import APIClient

    meeting = MeetingFactory()
    head = UserFactory()
    ParticipantFactory(meeting=meeting, user=head, role="head")
    _hook(meeting)
    client = APIClient()
    client.force_authenticate(head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/action-items/",
            {"meeting": meeting.pk, "title": "New follow-up", "kind": "our_task"},
            format="json",
        )
    assert response.status_code == 201
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.state == DeliveryState.PENDING
    assert "the sweep will queue it again" in caplog.text
    # The broker is back: the next sweep after the requeue delay queues the delivery.
    sent = []
    from celery import current_app

    monkeypatch.setattr(
        current_app, "send_task", lambda name, args=None, **kw: sent.append((name, list(args)))
    )
    later = delivery.next_attempt_at
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_services.webhooks_dispatch(now=later) == 1
    assert sent == [("webhooks.tasks.deliver_webhook_task", [delivery.pk])]


def test_a_fresh_checkout_queues_on_the_filesystem_broker_without_dev_py(tmp_path):
    """manage.py on a checkout where `dev.py run` never ran: the broker folders are made by
    the settings, so a change that queues a webhook delivery works."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL"}
    }
    env.update({"DEBUG": "1", "TRACKER_VAR_DIR": str(tmp_path), "WEBHOOK_ALLOW_PRIVATE_TARGETS": "1"})
    script = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0)\n"
        "from datetime import date; from django.utils import timezone\n"
        "from actions import services; from webhooks import services as webhook_services\n"
        "from meetings.models import Meeting\n"
        "m = Meeting.objects.create(slug='m', series='S', number=1, title='S 1',"
        " start_on=date(2025,3,3), end_on=date(2025,3,7), venue_zone='Asia/Seoul')\n"
        "webhook_services.webhook_create(meeting=m, url='http://127.0.0.1:9/', events=['item.created'])\n"
        "services.action_item_create(meeting=m, title='x', kind='our_task', by=None,"
        " now=timezone.now())\n"
        "print('created')\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "created" in result.stdout
    assert "Could not queue" not in result.stderr
    assert len(list((tmp_path / "broker" / "queue").iterdir())) == 1
