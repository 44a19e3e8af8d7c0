"""Reminders through the real parts: Celery worker and beat processes, Redis, an SMTP sink.

The processes run on the wall clock, so the TELWG 70 data is shifted until its
country-report deadline falls on today, and every user is put in a zone where it
is around noon now (inside the send hours). What is due is then whatever the pure
planner says for this instant; each test checks it arrives once.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from actions import deadline_services, services
from actions.models import ActionItem
from followup_dates import reminder_plan as planner
from meetings.models import Meeting
from reminders import scheduling
from reminders.models import Reminder, ReminderState
from tests.factories import DeadlineFactory
from tests.integration.conftest import noon_zone, point_app_at, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def load_shifted_telwg70() -> Meeting:
    """TELWG 70 with its country-report deadline today, for readers where it is noon."""
    import os

    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    now = timezone.now()
    zone = noon_zone(now)
    User.objects.update(time_zone=zone)
    meeting = Meeting.objects.get(slug="apec-telwg-70")
    upload = ActionItem.objects.get(meeting=meeting, number=1)
    today = now.astimezone(ZoneInfo(zone)).date()
    days = (today - planner.due_day_for(upload.deadline.due_at, zone)).days
    deadline_services.demo_meeting_shift(meeting=meeting, days=days, now=now)
    scheduling.reminders_reschedule_items(items=meeting.action_items.all(), now=now)
    return meeting


def expected_pairs(now: datetime) -> set[tuple[str, int]]:
    """(recipient key, item id) the planner says are due now, for every open item."""
    default = scheduling.reminder_policy_default()
    pairs = set()
    for item in (
        ActionItem.objects.open()
        .filter(deadline__isnull=False)
        .select_related("deadline", "owner", "responsible", "meeting")
    ):
        heads = scheduling.heads_by_meeting([item.meeting_id])[item.meeting_id]
        targets = scheduling.reminder_targets(item, heads)
        policy = scheduling.policy_row(item, default).to_policy()
        for recipient, _slot in planner.slots_due(
            due_at=item.deadline.due_at,
            status=item.status,
            policy=policy,
            recipients=[t.recipient for t in targets],
            now=now,
        ):
            pairs.add((recipient.key, item.pk))
    return pairs


def written_pairs(*states: str) -> set[tuple[str, int]]:
    rows = Reminder.objects.all()
    if states:
        rows = rows.filter(state__in=states)
    return set(rows.values_list("recipient_key", "item_id"))


def all_settled() -> bool:
    return not Reminder.objects.filter(state__in=[ReminderState.PENDING, ReminderState.SENDING]).exists()


def wait_until_sent(sink, procs, expected: set[tuple[str, int]], timeout: float = 60):
    def done():
        sent = Reminder.objects.filter(state=ReminderState.SENT)
        return (
            expected <= written_pairs(ReminderState.SENT)
            and all_settled()
            and set(sent.values_list("pk", flat=True)) <= set(sink.delivered_ids())
        )

    wait_for(done, timeout=timeout, what="every due reminder to be sent", logs=procs.tail)


def test_every_due_reminder_arrives_once(celery_processes, smtp_sink):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    expected = expected_pairs(timezone.now())
    mao = User.objects.get(username="mao.yinli")
    assert (f"user:{mao.pk}", ActionItem.objects.get(number=1).pk) in expected
    procs = celery_processes()
    procs.worker()
    procs.beat()
    wait_until_sent(sink, procs, expected)
    assert written_pairs() == expected
    delivered = sink.delivered_ids()
    assert set(delivered) == set(Reminder.objects.values_list("pk", flat=True))
    assert max(delivered.values()) == 1
    to_mao = [r for r in sink.reminders() if r.rcpt_tos == [mao.email]]
    assert len(to_mao) == 1
    assert to_mao[0].message.is_multipart()  # text and HTML
    # A few more beats write and send nothing new.
    count = len(sink.reminders())
    procs.beat_ticks(3)
    assert len(sink.reminders()) == count


def test_two_beats_at_once_send_no_duplicate(celery_processes, smtp_sink):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    expected = expected_pairs(timezone.now())
    procs = celery_processes()
    procs.worker()
    procs.beat("beat-a")
    procs.beat("beat-b")
    wait_until_sent(sink, procs, expected)
    procs.beat_ticks(3)
    message_ids = [r.message_id for r in sink.reminders()]
    assert len(message_ids) == len(set(message_ids))
    assert max(sink.delivered_ids().values()) == 1


def test_a_killed_worker_loses_nothing(celery_processes, smtp_sink):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    expected = expected_pairs(timezone.now())
    sink.hold_next_seconds = 30  # the first message is accepted, then the relay stalls
    procs = celery_processes()
    procs.worker(pool="solo")
    procs.beat()
    wait_for(sink.holding.is_set, timeout=60, what="a delivery in flight", logs=procs.tail)
    in_flight = set(sink.reminders()[0].reminder_ids)
    procs.kill("worker")
    assert Reminder.objects.filter(pk__in=in_flight, state=ReminderState.SENDING).exists()
    procs.worker("worker-2", pool="solo")
    wait_until_sent(sink, procs, expected, timeout=90)
    delivered = sink.delivered_ids()
    assert set(delivered) == set(Reminder.objects.values_list("pk", flat=True))
    duplicated = {pk for pk, count in delivered.items() if count > 1}
    assert duplicated <= in_flight


def test_a_busy_relay_is_retried_until_it_accepts(celery_processes, smtp_sink):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    expected = expected_pairs(timezone.now())
    sink.tempfail_next = 2
    procs = celery_processes()
    procs.worker()
    procs.beat()
    wait_until_sent(sink, procs, expected)
    assert max(sink.delivered_ids().values()) == 1
    retried = Reminder.objects.filter(attempts__gt=1)
    assert sum(row.attempts - 1 for row in retried) == 2
    assert all("421" in row.last_error or row.last_error == "" for row in retried)


def test_a_refused_recipient_fails_and_the_others_are_delivered(celery_processes, smtp_sink):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    expected = expected_pairs(timezone.now())
    mao = User.objects.get(username="mao.yinli")
    sink.refuse.add(mao.email)
    procs = celery_processes()
    procs.worker()
    procs.beat()
    others = {pair for pair in expected if pair[0] != f"user:{mao.pk}"}
    wait_until_sent(sink, procs, others)
    failed = Reminder.objects.filter(user=mao)
    assert failed.exists()
    assert set(failed.values_list("state", flat=True)) == {ReminderState.FAILED}
    assert "550" in failed.first().last_error
    admins = wait_for(
        lambda: [r for r in sink.received if r.rcpt_tos == ["ops@example.org"]],
        timeout=20,
        what="the failure report to the admins",
        logs=procs.tail,
    )
    assert mao.email in admins[0].message["Subject"]


def test_redis_outage_keeps_the_site_up_and_the_backlog_goes_out_later(
    celery_processes, smtp_sink, private_redis, client, settings, caplog
):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    mao = User.objects.get(username="mao.yinli")
    sink.refuse.add(mao.email)
    procs = celery_processes(private_redis.url)
    procs.worker()
    procs.beat()
    first = expected_pairs(timezone.now())
    wait_until_sent(sink, procs, {p for p in first if p[0] != f"user:{mao.pk}"})
    wait_for(all_settled, timeout=30, what="the refused reminders to fail", logs=procs.tail)

    private_redis.stop()
    settings.REMINDER_REQUEUE_SECONDS = 3  # this process queues the admin's retries
    sink.refuse.clear()
    staff = User.objects.get(username="admin")
    client.force_login(staff)
    from tracker.celery import app

    with point_app_at(app, private_redis.url):
        assert client.get(reverse("admin:reminders_reminder_changelist")).status_code == 200
        assert client.get(reverse("admin:actions_actionitem_changelist")).status_code == 200
        failed = list(Reminder.objects.filter(state=ReminderState.FAILED).values_list("pk", flat=True))
        assert failed
        response = client.post(
            reverse("admin:reminders_reminder_changelist"), {"action": "retry", "_selected_action": failed}
        )
        assert response.status_code == 302
    assert "the sweep will queue it again" in caplog.text  # publishing failed, quietly
    # New work while the broker is down: an item due today.
    now = timezone.now()
    meeting = Meeting.objects.get(slug="apec-telwg-70")
    zone = noon_zone(now)
    deadline = DeadlineFactory(meeting=meeting, zone=zone, due_on=now.astimezone(ZoneInfo(zone)).date())
    backlog = services.action_item_create(
        meeting=meeting,
        title="Backlog item",
        kind="our_task",
        by=staff,
        now=now,
        owner=mao,
        deadline=deadline,
    )
    # The beat keeps trying while the broker is down; nothing goes out meanwhile.
    wait_for(
        lambda: "Couldn't apply scheduled task" in procs.log_text("beat"),
        timeout=30,
        what="the beat to notice the outage",
        logs=procs.tail,
    )
    assert not any("Backlog item" in r.message.as_string() for r in sink.reminders())
    private_redis.start()
    expected = {(f"user:{mao.pk}", backlog.pk)} | {
        (f"user:{mao.pk}", pk) for _k, pk in first if _k == f"user:{mao.pk}"
    }
    wait_until_sent(sink, procs, expected, timeout=90)
    assert max(sink.delivered_ids().values()) == 1


def test_a_rolled_back_item_sends_nothing(celery_processes, smtp_sink):
    sink, _port = smtp_sink
    load_shifted_telwg70()
    now = timezone.now()
    meeting = Meeting.objects.get(slug="apec-telwg-70")
    mao = User.objects.get(username="mao.yinli")
    zone = noon_zone(now)
    today = now.astimezone(ZoneInfo(zone)).date()

    expected = expected_pairs(now)
    procs = celery_processes()
    procs.worker()
    procs.beat()
    wait_until_sent(sink, procs, expected)

    # While the beat sweeps every second: create an item that is due now, then roll back.
    class Abandon(Exception):
        pass

    try:
        with transaction.atomic():
            deadline = DeadlineFactory(meeting=meeting, zone=zone, due_on=today)
            services.action_item_create(
                meeting=meeting,
                title="Never committed",
                kind="our_task",
                by=None,
                now=now,
                owner=mao,
                deadline=deadline,
            )
            procs.beat_ticks(2)
            raise Abandon
    except Abandon:
        pass
    procs.beat_ticks(3)
    assert not ActionItem.objects.filter(title="Never committed").exists()
    assert not any("Never committed" in r.message.as_string() for r in sink.reminders())
    assert set(sink.delivered_ids()) == set(Reminder.objects.values_list("pk", flat=True))
