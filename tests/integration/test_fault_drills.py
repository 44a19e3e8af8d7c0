"""Fault drills of issue 13 on the real parts (Celery worker and beat, Redis, an SMTP sink,
the test database): one recipient's rows straddling dispatch chunks, a database connection
dropped right after a send, and the webhook outbox through a broker outage.

Each drill failed before its fix: two emails to one digest reader, duplicates after the
lease revived rows whose "sent" was never written, a 500 and a delivery pending forever.
"""

from __future__ import annotations

import asyncio
import email
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone

from accounts.models import ReminderMode
from reminders import scheduling
from reminders.models import Reminder, ReminderState
from tests import factories
from tests.conftest import need_service
from tests.integration.conftest import (
    Received,
    SinkHandler,
    free_port,
    noon_zone,
    point_app_at,
    wait_for,
)
from webhooks.models import DeliveryState, Webhook, WebhookDelivery

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def due_today_for(users, *, items_each: int) -> list:
    """Open items due today (in a zone where it is noon) owned by `users`, rescheduled so the
    beat's next sweep writes their due-day reminders."""
    now = timezone.now()
    zone = noon_zone(now)
    meeting = factories.MeetingFactory()
    today = now.astimezone(ZoneInfo(zone)).date()
    items = []
    deadline = factories.DeadlineFactory(meeting=meeting, zone=zone, due_on=today)
    for user in users:
        user.time_zone = zone
        user.save(update_fields=["time_zone"])
        factories.ParticipantFactory(meeting=meeting, user=user)
    for _ in range(items_each):  # round-robin: a reader's rows lie far apart
        items += [
            factories.ActionItemFactory(meeting=meeting, owner=user, deadline=deadline) for user in users
        ]
    scheduling.reminders_reschedule_items(items=items, now=now)
    return items


def emails_per_recipient(sink) -> Counter:
    return Counter(address for r in sink.reminders() for address in r.rcpt_tos)


def all_sent(count: int):
    def check():
        return (
            Reminder.objects.filter(state=ReminderState.SENT).count() == count
            and not Reminder.objects.exclude(state=ReminderState.SENT).exists()
        )

    return check


# --- 1. chunk boundaries: one recipient, one email ------------------------------------------


@pytest.mark.parametrize("beats", [1, 2])
def test_a_digest_reader_whose_rows_straddle_chunks_gets_one_email(celery_processes, smtp_sink, beats):
    sink, _port = smtp_sink
    # 200 readers x 3 items, created round-robin: with the default dispatch chunk (500
    # rows) half of the readers have rows on both sides of the chunk boundary.
    users = [factories.UserFactory(reminder_mode=ReminderMode.DIGEST) for _ in range(200)]
    items = due_today_for(users, items_each=3)
    procs = celery_processes()
    procs.worker()
    for n in range(beats):
        procs.beat(f"beat-{n}")
    wait_for(all_sent(len(items)), timeout=90, what="every reminder sent", logs=procs.tail)
    procs.beat_ticks(2)
    per_recipient = emails_per_recipient(sink)
    assert set(per_recipient) == {user.email for user in users}
    assert set(per_recipient.values()) == {1}  # one email each, listing their three items
    assert {len(r.reminder_ids) for r in sink.reminders()} == {3}
    assert max(sink.delivered_ids().values()) == 1


# --- 2. the database connection drops right after a send ------------------------------------


class DroppingSink(SinkHandler):
    """Accepts each message, but first kills the worker's database connections (PostgreSQL's
    pg_terminate_backend), so its "mark sent" write meets a dead connection."""

    drops: int = 3
    dropped: int = 0

    def _terminate(self) -> None:
        import psycopg

        db = settings.DATABASES["default"]
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db.get("PASSWORD") or None,
            dbname=db["NAME"],
            autocommit=True,
        ) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'tracker-worker'"
            )

    async def handle_DATA(self, server, session, envelope):
        if self.dropped < self.drops:
            self.dropped += 1
            await asyncio.get_running_loop().run_in_executor(None, self._terminate)
        with self.lock:
            self.received.append(
                Received(list(envelope.rcpt_tos), email.message_from_bytes(envelope.content))
            )
        return "250 OK"


@pytest.fixture
def dropping_sink():
    handler = DroppingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def test_a_connection_dropped_after_the_send_sends_nothing_twice(live_services, dropping_sink, tmp_path):
    from tests.integration.conftest import Processes, redis_url

    need_service(
        settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
        "dropping a worker's connection needs PostgreSQL (DATABASE_URL)",
    )
    sink, port = dropping_sink
    users = [factories.UserFactory() for _ in range(8)]
    items = due_today_for(users, items_each=1)
    procs = Processes(tmp_path, port, redis_url())
    procs.env["PGAPPNAME"] = "tracker-worker"  # what the sink's pg_terminate_backend picks
    try:
        procs.worker(pool="solo")
        procs.beat()
        wait_for(all_sent(len(items)), timeout=90, what="every reminder sent", logs=procs.tail)
        lease = int(procs.env["REMINDER_LEASE_SECONDS"])
        # Past the lease: a row whose "sent" had been lost would be revived and sent again.
        wait_for(
            lambda: procs.worker_sweeps_done() >= 2 * (lease + 3),
            timeout=60,
            what="sweeps past the lease",
            logs=procs.tail,
        )
        procs.beat_ticks(2)
    finally:
        procs.stop_all()
    assert sink.dropped == sink.drops
    assert max(sink.delivered_ids().values()) == 1  # no email twice
    assert sorted(sink.delivered_ids()) == sorted(Reminder.objects.values_list("pk", flat=True))
    assert "retrying on a fresh database connection" in procs.log_text("worker")


# --- 3. the webhook outbox through a broker outage ------------------------------------------


class HookReceiver:
    def __init__(self):
        self.posts: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                receiver.posts.append(dict(self.headers))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_webhook_deliveries_survive_a_broker_outage(celery_processes, private_redis, settings):
    from rest_framework.test import APIClient

    from tracker.celery import app

    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # the receiver runs on this machine
    settings.REMINDER_REQUEUE_SECONDS = 3  # as the worker and beat have it (Processes.env)
    receiver = HookReceiver()
    try:
        meeting = factories.MeetingFactory()
        head = factories.UserFactory()
        factories.ParticipantFactory(meeting=meeting, user=head, role="head")
        Webhook.objects.create(meeting=meeting, url=receiver.url, events=["item.created"])
        procs = celery_processes(private_redis.url)
        procs.env["WEBHOOK_ALLOW_PRIVATE_TARGETS"] = "1"
        procs.worker()
        procs.beat()
        private_redis.stop()
        client = APIClient()
        client.force_authenticate(head)
        with point_app_at(app, private_redis.url):
            response = client.post(
                "/api/v1/action-items/",
                {"meeting": meeting.pk, "title": "Created while Redis is down", "kind": "our_task"},
                format="json",
            )
        assert response.status_code == 201  # the change stands; nothing raised into it
        [delivery] = WebhookDelivery.objects.all()
        assert delivery.state == DeliveryState.PENDING
        assert receiver.posts == []
        private_redis.start()
        # Nothing queued it (the publish was lost): the beat's outbox sweep does.
        wait_for(
            lambda: WebhookDelivery.objects.filter(state=DeliveryState.SENT).exists(),
            timeout=60,
            what="the delivery to go out after the outage",
            logs=procs.tail,
        )
        procs.beat_ticks(3)
        assert len(receiver.posts) == 1
        assert receiver.posts[0]["X-Tracker-Delivery"] == str(delivery.pk)
    finally:
        receiver.close()
