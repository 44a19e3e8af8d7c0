"""Sending reminders: one email per recipient and send time, claims, leases, SMTP errors, what it says."""

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from actions.models import ActionItem
from reminders import delivery, tasks
from reminders.models import Reminder, ReminderPolicy, ReminderState
from tests.actions.conftest import ONE_DAY, SEVEN_DAYS, make_item, sweep_and_deliver
from tests.factories import DeadlineFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_delivery_sends_once_and_marks_sent():
    item = make_item()
    sent = sweep_and_deliver(SEVEN_DAYS)
    assert len(sent) == 1
    assert sent[0].to == [item.owner.email]
    row = Reminder.objects.get()
    assert (row.state, row.sent_at, row.attempts) == (ReminderState.SENT, SEVEN_DAYS, 1)
    assert sent[0].extra_headers["Message-ID"] == row.message_id
    assert delivery.reminders_deliver(ids=[row.pk], now=SEVEN_DAYS).sent == []
    assert len(mail.outbox) == 1


def test_reminders_at_the_same_send_time_go_out_as_one_email_grouped_by_meeting():
    owner = UserFactory(language="en")
    first_meeting, second_meeting = MeetingFactory(title="TELWG 70"), MeetingFactory(title="TEL 71")
    items = [
        make_item(owner=owner, meeting=first_meeting, title="Upload the country report"),
        make_item(owner=owner, meeting=first_meeting, title="Send the SAP comments"),
        make_item(owner=owner, meeting=second_meeting, title="Book the hotel"),
    ]
    sent = sweep_and_deliver(SEVEN_DAYS)
    assert len(sent) == 1
    body = sent[0].body
    assert all(item.title in body for item in items)
    assert (
        body.index("TELWG 70")
        < body.index("Upload the country report")
        < body.index("TEL 71")
        < body.index("Book the hotel")
    )
    assert sent[0].subject == "3 follow-ups need your attention"
    assert Reminder.objects.filter(state=ReminderState.SENT).count() == 3


def test_single_mode_keeps_different_send_times_apart_and_digest_joins_them():
    single, digest = UserFactory(), UserFactory(reminder_mode="digest")
    late_policy = ReminderPolicy.objects.create(name="Afternoon", days_before=[7], send_hour=14)
    for user in (single, digest):
        make_item(owner=user)
        make_item(owner=user, reminder_policy=late_policy)
    # Both slots are live at 14:05 Taipei (the 09:00 one not yet sent: the beat was down).
    sent = sweep_and_deliver(datetime(2025, 3, 6, 6, 5, tzinfo=UTC))
    assert sorted(len(m.body.split("* ")) - 1 for m in sent if m.to == [single.email]) == [1, 1]
    assert [len(m.body.split("* ")) - 1 for m in sent if m.to == [digest.email]] == [2]


def test_optional_reminders_carry_one_click_unsubscribe_headers():
    make_item()
    message = sweep_and_deliver(SEVEN_DAYS)[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url, mailto = message.extra_headers["List-Unsubscribe"].split(", ")
    assert url.startswith("<http://")
    assert "/reminders/unsubscribe/" in url
    assert mailto.startswith("<mailto:")
    html = message.alternatives[0]
    assert html.mimetype == "text/html"
    assert "/reminders/done/" in html.content
    assert '<html lang="zh-Hant">' in html.content
    assert "114年3月13日" in html.content


def test_english_reader_in_another_zone_sees_their_time_and_the_deadline_zone():
    owner = UserFactory(language="en", time_zone="Europe/Brussels")
    deadline = DeadlineFactory(zone="Asia/Singapore")
    make_item(owner=owner, deadline=deadline, meeting=deadline.meeting)
    # 09:00 in Brussels on 6 March is 08:00 UTC.
    assert sweep_and_deliver(SEVEN_DAYS) == []
    message = sweep_and_deliver(datetime(2025, 3, 6, 8, 5, tzinfo=UTC))[0]
    assert message.subject.startswith("Due in 7 days")
    assert "13 Mar 2025" in message.body
    assert "16:59" in message.body
    assert "Singapore" in message.body


def test_two_claims_one_wins():
    make_item()
    result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    first = delivery.reminder_claim(ids=result.groups[0], now=SEVEN_DAYS)
    second = delivery.reminder_claim(ids=result.groups[0], now=SEVEN_DAYS)
    assert first is not None
    assert second is None
    assert Reminder.objects.get().state == ReminderState.SENDING


def test_an_expired_lease_is_queued_again_and_the_late_worker_cannot_mark_it():
    make_item()
    result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    token = delivery.reminder_claim(ids=result.groups[0], now=SEVEN_DAYS)  # then the worker dies
    assert token
    assert delivery.reminders_dispatch(now=SEVEN_DAYS + timedelta(seconds=60), enqueue=None) == []
    later = SEVEN_DAYS + timedelta(seconds=301)
    assert delivery.reminders_dispatch(now=later, enqueue=None) == [result.groups[0]]
    row = Reminder.objects.get()
    assert (row.state, row.claim_token) == (ReminderState.PENDING, "")
    delivered = delivery.reminders_deliver(ids=[row.pk], now=later)
    assert delivered.sent == [row.pk]
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.attempts == 2


class FlakyBackend(BaseEmailBackend):
    """Fails with the exception queued in `errors`, then delivers to the locmem outbox."""

    errors: list[Exception] = []

    def send_messages(self, messages):
        if FlakyBackend.errors:
            raise FlakyBackend.errors.pop(0)
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.actions.test_reminder_delivery_services.FlakyBackend"
    settings.ADMINS = [("ops", "ops@example.org")]
    FlakyBackend.errors = []
    return FlakyBackend.errors


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPResponseException(421, b"try later"),
        smtplib.SMTPServerDisconnected("gone"),
        ConnectionRefusedError(111, "refused"),
        ConnectionResetError(104, "reset"),
        TimeoutError("timed out"),
        smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"mailbox busy")}),
    ],
)
def test_transient_errors_retry_with_back_off(flaky, error):
    make_item()
    flaky.extend([error, error])
    sweep_and_deliver(SEVEN_DAYS)
    row = Reminder.objects.get()
    assert (row.state, row.attempts, row.next_attempt_at) == (
        ReminderState.PENDING,
        1,
        SEVEN_DAYS + timedelta(seconds=60),
    )
    assert row.last_error
    assert sweep_and_deliver(SEVEN_DAYS + timedelta(seconds=30)) == []  # not before its time
    sweep_and_deliver(SEVEN_DAYS + timedelta(seconds=60))
    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at) == (2, SEVEN_DAYS + timedelta(seconds=180))
    sent = sweep_and_deliver(SEVEN_DAYS + timedelta(seconds=180))
    row.refresh_from_db()
    assert (len(sent), row.state, row.attempts) == (1, ReminderState.SENT, 3)


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPResponseException(550, b"no such user"),
        smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}),
        smtplib.SMTPDataError(554, b"rejected"),
    ],
)
def test_permanent_errors_fail_at_once_and_tell_the_admins(flaky, error):
    make_item()
    flaky.append(error)
    sweep_and_deliver(SEVEN_DAYS)
    row = Reminder.objects.get()
    assert (row.state, row.attempts) == (ReminderState.FAILED, 1)
    assert [m.to for m in mail.outbox] == [["ops@example.org"]]
    assert "failed" in mail.outbox[0].subject
    assert sweep_and_deliver(SEVEN_DAYS + timedelta(days=1)) == []


def test_transient_errors_fail_after_the_limit(flaky, settings):
    settings.REMINDER_MAX_ATTEMPTS = 2
    make_item()
    flaky.extend([smtplib.SMTPServerDisconnected("gone")] * 2)
    sweep_and_deliver(SEVEN_DAYS)
    sweep_and_deliver(SEVEN_DAYS + timedelta(seconds=60))
    assert Reminder.objects.get().state == ReminderState.FAILED


def test_admin_retry_sends_a_failed_reminder_again(flaky, django_capture_on_commit_callbacks, sent_tasks):
    make_item()
    flaky.append(smtplib.SMTPResponseException(550, b"no such user"))
    sweep_and_deliver(SEVEN_DAYS)
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.reminders_retry(reminders=Reminder.objects.all(), now=ONE_DAY) == 1
    [(name, args)] = sent_tasks
    assert name == "reminders.tasks.deliver_reminders_task"
    tasks.deliver_reminders_task(*args)  # the task body, called directly
    assert Reminder.objects.get().state == ReminderState.SENT


def test_a_batch_of_emails_shares_one_claim_and_a_failure_touches_only_its_rows(flaky):
    make_item()
    make_item()  # another owner: two emails
    groups = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None).groups
    assert len(groups) == 2
    flaky.append(smtplib.SMTPResponseException(550, b"no such user"))
    first, second = delivery.reminders_deliver_many(groups=groups, now=SEVEN_DAYS)
    assert (first.failed, second.sent) == (groups[0], groups[1])
    states = dict(Reminder.objects.values_list("pk", "state"))
    assert states == {groups[0][0]: ReminderState.FAILED, groups[1][0]: ReminderState.SENT}
    assert len(mail.outbox) == 2  # the sent reminder, and the failure report to ADMINS


def test_a_batch_that_runs_past_half_the_lease_hands_the_rest_back(settings, monkeypatch):
    settings.REMINDER_LEASE_SECONDS = 10
    make_item()
    make_item()
    groups = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None).groups
    clock = iter([0.0, 1.0, 6.0])  # start, before email 1, before email 2 (past 5 s)
    monkeypatch.setattr(delivery.time, "monotonic", lambda: next(clock))
    first, second = delivery.reminders_deliver_many(groups=groups, now=SEVEN_DAYS)
    assert (first.sent, second.sent) == (groups[0], [])
    handed_back = Reminder.objects.get(pk=groups[1][0])
    assert (handed_back.state, handed_back.claim_token) == (ReminderState.PENDING, "")
    assert delivery.reminders_dispatch(now=SEVEN_DAYS, enqueue=None) == [groups[1]]


def test_a_title_stored_with_cr_lf_still_gets_its_reminder_on_one_subject_line():
    # Rows from before input refused control characters: the reminder must not be lost.
    item = make_item(title="Upload", owner=UserFactory(language="en"))
    ActionItem.objects.filter(pk=item.pk).update(title="Upload\r\nBcc: x@example.org\tnow")
    (message,) = sweep_and_deliver(SEVEN_DAYS)
    assert message.subject == "Due in 7 days: Upload Bcc: x@example.org now"
    assert Reminder.objects.get().state == ReminderState.SENT


def test_a_late_catch_up_says_the_time_left_not_the_slot():
    # The scheduler was down from 5 March: the 7-day reminder goes out on 8 March.
    item = make_item(title="Upload", owner=UserFactory(language="en"))
    (message,) = sweep_and_deliver(datetime(2025, 3, 8, 2, 0, tzinfo=UTC))  # 10:00 Taipei
    assert message.subject == "Due in 5 days: Upload"
    assert Reminder.objects.get(item=item).slot_key == "before-7@2025-03-13"
    make_item(title="上傳", owner=UserFactory(language="zh-hant"))
    mail.outbox.clear()
    (message,) = sweep_and_deliver(datetime(2025, 3, 8, 2, 0, tzinfo=UTC))
    assert message.subject == "5 天後到期：上傳"


def test_a_reader_east_of_the_deadlines_zone_hears_due_today_before_it_passes():
    # Singapore's 13 March ends at 00:59 on 14 March in Seoul.
    reader = UserFactory(language="en", time_zone="Asia/Seoul")
    deadline = DeadlineFactory(zone="Asia/Singapore")
    make_item(title="Upload", owner=reader, deadline=deadline)
    seoul_9 = datetime(2025, 3, 13, 0, 5, tzinfo=UTC)  # 09:05 on 13 March in Seoul
    (message,) = sweep_and_deliver(seoul_9)
    assert message.subject == "Due today: Upload"
    assert seoul_9 < deadline.due_at
    # The next morning in Seoul the deadline has passed: no "due today" then.
    assert sweep_and_deliver(seoul_9 + timedelta(days=1)) == []


@pytest.mark.parametrize("mode", ["single", "digest"])
def test_one_recipient_and_send_time_is_one_email_whatever_the_chunking(settings, mode):
    """Issue 13, point 9: rows of one recipient straddling dispatch chunks (or split between
    two beats) still become one email."""
    settings.REMINDER_DISPATCH_CHUNK = 4
    owners = [UserFactory(reminder_mode=mode) for _ in range(5)]
    meeting = MeetingFactory()
    for owner in owners:
        ParticipantFactory(meeting=meeting, user=owner)
        for _ in range(3):
            make_item(owner=owner, meeting=meeting, deadline=DeadlineFactory(meeting=meeting))
    batches: list[list[list[int]]] = []
    delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=batches.append)
    groups = [ids for batch in batches for ids in batch]
    assert len(groups) > len(owners)  # the chunks did split some recipients' rows
    for batch in batches:  # each task, in turn, as the workers would run them
        delivery.reminders_deliver_many(groups=batch, now=SEVEN_DAYS)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in owners)
    assert all(m.extra_headers["X-Tracker-Reminders"].count(",") == 2 for m in mail.outbox)
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}


def test_two_beats_splitting_one_recipients_rows_send_one_email():
    owner = UserFactory()
    items = [make_item(owner=owner) for _ in range(4)]
    delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    rows = list(Reminder.objects.order_by("pk").values_list("pk", flat=True))
    assert len(rows) == len(items)
    # Two beats each dispatched half of the rows: two tasks for one email.
    first = delivery.reminders_deliver(ids=rows[:2], now=SEVEN_DAYS)
    second = delivery.reminders_deliver(ids=rows[2:], now=SEVEN_DAYS)
    assert (sorted(first.sent), second.sent) == (rows, [])
    assert len(mail.outbox) == 1


class ConnectionDroppingBackend(BaseEmailBackend):
    """Sends (into the outbox), then the database connection drops under the worker."""

    drops = 0

    def send_messages(self, messages):
        from django.db import connection

        mail.outbox.extend(messages)
        if ConnectionDroppingBackend.drops:
            ConnectionDroppingBackend.drops -= 1
            connection.connection.close()  # behind Django's back, as a dropped socket is
        return len(messages)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("drops", [1, 3])
def test_a_dropped_connection_after_the_send_does_not_send_it_again(settings, drops):
    """Issue 13, point 10: the "mark sent" write is retried on a fresh connection."""
    settings.EMAIL_BACKEND = "tests.actions.test_reminder_delivery_services.ConnectionDroppingBackend"
    make_item()
    ConnectionDroppingBackend.drops = drops
    result = delivery.reminders_sweep(now=SEVEN_DAYS, enqueue=None)
    for ids in result.groups:
        delivery.reminders_deliver(ids=ids, now=SEVEN_DAYS)
    assert Reminder.objects.get().state == ReminderState.SENT
    # Past the lease the sweep finds nothing to revive: the email went out once.
    later = SEVEN_DAYS + timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1)
    for ids in delivery.reminders_sweep(now=later, enqueue=None).groups:
        delivery.reminders_deliver(ids=ids, now=later)
    assert len(mail.outbox) == 1


def test_a_digest_of_hundreds_of_items_has_no_line_a_strict_relay_refuses():
    """RFC 5321 caps a line at 1,000 bytes: one long X-Tracker-Reminders header line made
    strict relays answer 500 "Line too long", and the reminders failed for good."""
    owner = UserFactory(language="en")
    meeting = MeetingFactory()
    deadline = DeadlineFactory(meeting=meeting)
    for _ in range(300):
        make_item(owner=owner, meeting=meeting, deadline=deadline)
    [message] = sweep_and_deliver(SEVEN_DAYS)
    raw = message.message().as_bytes()
    assert max(len(line) for line in raw.split(b"\n")) <= 998
    listed = message.message()["X-Tracker-Reminders"]
    assert sorted(int(pk) for pk in listed.split(",")) == sorted(
        Reminder.objects.values_list("pk", flat=True)
    )
