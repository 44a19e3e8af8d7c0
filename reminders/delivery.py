"""The reminder outbox: the sweep writes the reminders that are due, the dispatch queues them,
and delivery claims, sends and records each one (sent, retried later, or failed, never lost).

Which reminders an item owes, and when, is reminders/scheduling.py (over the pure
followup_dates/reminder_plan.py): every write of actions/services.py and
actions/deadline_services.py re-plans there.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import mail_admins
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse

from accounts.models import ReminderMode, User
from actions.models import ActionItem
from followup_dates import reminder_plan as planner
from reminders import emails, scheduling
from reminders.models import Reminder, ReminderPolicy, ReminderRole, ReminderState
from tracker.locks import held_alone
from tracker.queue import enqueue_on_commit

logger = logging.getLogger(__name__)

# Emails per delivery task: the claim and the read of a batch are shared by its emails.
DELIVERY_BATCH = 20


DELIVER_REMINDERS_TASK = "reminders.tasks.deliver_reminders_task"


def _enqueue_delivery(groups: list[list[int]]) -> None:
    """Queue one delivery task (a batch of emails) after commit, by name; a broker outage is
    logged (the rows stay pending and the sweep queues them again after
    REMINDER_REQUEUE_SECONDS), never raised into the caller."""
    enqueue_on_commit(DELIVER_REMINDERS_TASK, groups)


# The lock that keeps reminder sweeps (with their dispatch) one at a time.
SWEEP_LOCK = "reminders-sweep"


@dataclass
class SweepResult:
    deferred: bool = False  # another sweep was running: this one did nothing
    written: int = 0
    items: int = 0
    groups: list[list[int]] = field(default_factory=list)


def _group_key(row: Reminder) -> tuple:
    """One email per recipient and send time; digest users get one per local day."""
    if row.user is not None and row.user.reminder_mode == ReminderMode.DIGEST:
        local_day = row.send_at.astimezone(ZoneInfo(row.user.time_zone)).date()
        return (row.recipient_key, "day", local_day)
    return (row.recipient_key, "at", row.send_at)


def reminders_sweep(
    *,
    now: datetime,
    chunk_size: int = 200,
    enqueue: Callable[[list[list[int]]], None] | None = _enqueue_delivery,
) -> SweepResult:
    """One pass of the beat: write due rows, move next_reminder_at on, queue delivery.

    Reads only open items whose indexed next_reminder_at <= now, in chunks. Rows are
    written with bulk_create(ignore_conflicts=True) against the unique key, so a second
    sweep, a second beat or a retried task writes nothing new. `enqueue` None: queue
    nothing (send_due_reminders delivers the returned groups itself).

    One sweep at a time (tracker.locks): a sweep that finds another running returns at
    once, `deferred`, so no dispatch can take a recipient's rows while another sweep is
    still writing that recipient's next row for the same email.
    """
    with held_alone(SWEEP_LOCK) as alone:
        if not alone:
            logger.info("Another reminder sweep is running; this one leaves the work to it")
            return SweepResult(deferred=True)
        return _sweep_and_dispatch(now=now, chunk_size=chunk_size, enqueue=enqueue)


def _sweep_and_dispatch(
    *, now: datetime, chunk_size: int, enqueue: Callable[[list[list[int]]], None] | None
) -> SweepResult:
    result = SweepResult()
    default = scheduling.reminder_policy_default()
    policies: dict[int, planner.Policy] = {}
    heads: dict[int, list[User]] = {}  # per meeting, read once per sweep
    after = 0  # keyset on pk: each item once per sweep, whatever its new next_reminder_at
    while True:
        with transaction.atomic():
            ids = list(
                ActionItem.objects.open()
                .filter(next_reminder_at__lte=now, pk__gt=after)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:chunk_size]
            )
            if not ids:
                break
            after = ids[-1]
            result.written += _sweep_chunk(ids, now=now, default=default, policies=policies, heads=heads)
            result.items += len(ids)
    result.groups = reminders_dispatch(now=now, enqueue=enqueue)
    return result


def _sweep_chunk(
    ids: list[int],
    *,
    now: datetime,
    default: ReminderPolicy,
    policies: dict[int, planner.Policy],
    heads: dict[int, list[User]],
) -> int:
    items = list(
        ActionItem.objects.filter(pk__in=ids)
        .select_related(
            "deadline", "owner", "responsible", "meeting", "reminder_policy", "meeting__reminder_policy"
        )
        .prefetch_related("watchers")
    )
    missing = {item.meeting_id for item in items} - heads.keys()
    if missing:
        found = scheduling.heads_by_meeting(missing)
        heads.update({meeting_id: found.get(meeting_id, []) for meeting_id in missing})
    rows: list[Reminder] = []
    for item in items:
        row = scheduling.policy_row(item, default)
        if row.pk not in policies:  # one planner value per policy and sweep
            policies[row.pk] = row.to_policy()
        policy = policies[row.pk]
        inputs = scheduling.planning_inputs(item, heads.get(item.meeting_id, []))
        if inputs is None:
            item.next_reminder_at = None
            continue
        due_at, targets = inputs
        by_key = {t.recipient.key: t for t in targets}
        recipients = [t.recipient for t in targets]
        for recipient, slot in planner.slots_due(
            due_at=due_at, status=item.status, policy=policy, recipients=recipients, now=now
        ):
            target = by_key[recipient.key]
            rows.append(
                Reminder(
                    item=item,
                    recipient_key=recipient.key,
                    user=target.user,
                    recipient_email="" if target.user else target.email,
                    role=ReminderRole(recipient.role.value),
                    slot_key=slot.key,
                    slot_kind=slot.kind,
                    slot_days=slot.days,
                    optional=slot.optional,
                    due_at=due_at,
                    send_at=slot.send_at,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
        item.next_reminder_at = planner.next_reminder_at(
            due_at=due_at, status=item.status, policy=policy, recipients=recipients, now=now
        )
    before = Reminder.objects.filter(item_id__in=ids).count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    written = Reminder.objects.filter(item_id__in=ids).count() - before
    written += _revive(rows, now=now)
    _store_next_reminders(items)
    return written


def _store_next_reminders(items: list[ActionItem]) -> None:
    """Write each item's next_reminder_at in one statement.

    bulk_update builds a CASE with one branch per row, which costs more Python time than
    the whole planning of a chunk; on PostgreSQL an UPDATE … FROM (VALUES …) does the same.
    """
    if connection.vendor != "postgresql":
        ActionItem.objects.bulk_update(items, ["next_reminder_at"])
        return
    if not items:
        return
    table = connection.ops.quote_name(ActionItem._meta.db_table)
    values = ", ".join(["(%s, %s::timestamptz)"] * len(items))
    params: list = []
    for item in items:
        params += [item.pk, item.next_reminder_at]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS item SET next_reminder_at = v.at "  # noqa: S608 (no user input)
            f"FROM (VALUES {values}) AS v(id, at) WHERE item.id = v.id",
            params,
        )


def _revive(rows: list[Reminder], *, now: datetime) -> int:
    """Rows the planner wants again that were cancelled or skipped: a deadline moved away
    and back, an item closed and reopened. The unique key would ignore them otherwise."""
    wanted = {(r.item_id, r.recipient_key, r.slot_key, r.due_at) for r in rows}
    if not wanted:
        return 0
    dormant = [
        pk
        for pk, *key in Reminder.objects.filter(
            item_id__in={key[0] for key in wanted},
            state__in=[ReminderState.CANCELLED, ReminderState.SKIPPED],
        ).values_list("pk", "item_id", "recipient_key", "slot_key", "due_at")
        if tuple(key) in wanted
    ]
    if not dormant:
        return 0
    return Reminder.objects.filter(pk__in=dormant).update(
        state=ReminderState.PENDING, next_attempt_at=now, attempts=0, last_error="", claim_token=""
    )


def reminders_dispatch(
    *,
    now: datetime,
    chunk_size: int | None = None,
    enqueue: Callable[[list[list[int]]], None] | None = _enqueue_delivery,
) -> list[list[int]]:
    """Queue pending rows whose attempt is due, grouped into emails; revive expired leases."""
    lease = timedelta(seconds=scheduling.reminder_setting("REMINDER_LEASE_SECONDS", 300))
    requeue = timedelta(seconds=scheduling.reminder_setting("REMINDER_REQUEUE_SECONDS", 300))
    chunk_size = chunk_size or scheduling.reminder_setting("REMINDER_DISPATCH_CHUNK", 500)
    # A worker killed mid-delivery leaves its rows in `sending`: after the lease they
    # are pending again (a slow worker that comes back cannot mark them: wrong token).
    revived = Reminder.objects.filter(state=ReminderState.SENDING, claimed_at__lt=now - lease).update(
        state=ReminderState.PENDING,
        next_attempt_at=now,
        claim_token="",
        last_error="lease expired: the worker did not finish",
    )
    if revived:
        logger.warning("Revived %d reminders whose delivery lease expired", revived)
    groups: list[list[int]] = []
    while True:
        with transaction.atomic():
            rows = list(
                Reminder.objects.filter(state=ReminderState.PENDING, next_attempt_at__lte=now)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .order_by("send_at", "pk")[:chunk_size]
            )
            if not rows:
                break
            grouped: dict[tuple, list[int]] = defaultdict(list)
            for row in rows:
                grouped[_group_key(row)].append(row.pk)
            Reminder.objects.filter(pk__in=[row.pk for row in rows]).update(next_attempt_at=now + requeue)
            batch = list(grouped.values())
            groups.extend(batch)
            if enqueue is not None:
                for start in range(0, len(batch), DELIVERY_BATCH):
                    enqueue(batch[start : start + DELIVERY_BATCH])
    return groups


@dataclass
class DeliveryResult:
    sent: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    message_id: str = ""
    recipient: str = ""
    error: str = ""


def _sibling_filter(ids: Sequence[int], *, now: datetime) -> Q:
    """The rows that belong in the same emails as `ids`: same recipient and send time
    (digest readers: same local day), due by `now`. However the dispatch chunked the
    rows, or two beats split them, one recipient and send time is one email."""
    at: dict[datetime, set[str]] = defaultdict(set)  # single mode: one send time
    during: dict[datetime, set[str]] = defaultdict(set)  # digest: a local day from its start
    for key, send_at, mode, zone in Reminder.objects.filter(pk__in=ids).values_list(
        "recipient_key", "send_at", "user__reminder_mode", "user__time_zone"
    ):
        if mode == ReminderMode.DIGEST:
            local = ZoneInfo(zone)
            start = datetime.combine(send_at.astimezone(local).date(), datetime.min.time(), tzinfo=local)
            during[start].add(key)
        else:
            at[send_at].add(key)
    siblings = Q(pk__in=[])
    for send_at, keys in at.items():  # one index probe per recipient (recipient_key, send_at)
        siblings |= Q(send_at=send_at, recipient_key__in=sorted(keys))
    for start, keys in during.items():
        siblings |= Q(
            send_at__gte=start, send_at__lt=start + timedelta(days=1), recipient_key__in=sorted(keys)
        )
    return siblings & Q(send_at__lte=now)


def reminder_claim(*, ids: Sequence[int], now: datetime) -> str | None:
    """Claim rows for delivery, with their pending siblings (same recipient and send time);
    None if another worker won. Rows are locked in primary-key order, so two workers given
    halves of one recipient's rows cannot each take a half: the first takes all."""
    lease = timedelta(seconds=scheduling.reminder_setting("REMINDER_LEASE_SECONDS", 300))
    token = uuid.uuid4().hex
    # Found first without locks (simple queries, each on its index), then locked by primary
    # key in order, checking their state again.
    found = set(ids) | set(
        Reminder.objects.filter(_sibling_filter(ids, now=now), state=ReminderState.PENDING).values_list(
            "pk", flat=True
        )
    )
    claimable = Q(state=ReminderState.PENDING) | Q(
        pk__in=ids, state=ReminderState.SENDING, claimed_at__lt=now - lease
    )
    with transaction.atomic():
        pks = list(
            Reminder.objects.filter(claimable, pk__in=sorted(found))
            .select_for_update(of=("self",))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        claimed = Reminder.objects.filter(pk__in=pks).update(
            state=ReminderState.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1
        )
    return token if claimed else None


def is_transient(error: BaseException) -> bool:
    """4xx replies, dropped or refused connections and timeouts are worth retrying."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(
        error,
        smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError | socket.timeout | socket.gaierror,
    )


def _skip_reason(row: Reminder) -> str:
    item = row.item
    if not item.is_open:
        return "item no longer open"
    if item.deadline is None or item.deadline.due_at != row.due_at:
        return "deadline moved"
    if row.user is not None and row.optional and not row.user.optional_reminders:
        return "recipient opted out of optional reminders"
    if not row.recipient_address:
        return "recipient has no email address"
    return ""


def reminders_deliver(*, ids: Sequence[int], now: datetime) -> DeliveryResult:
    """Claim, render, send and record one email for these rows (one recipient)."""
    return reminders_deliver_many(groups=[ids], now=now)[0]


def reminders_deliver_many(*, groups: Sequence[Sequence[int]], now: datetime) -> list[DeliveryResult]:
    """Deliver several emails (one per group of rows): one claim and one read for the batch,
    then each email is sent and recorded on its own, so one failure touches only its rows.

    Not atomic on purpose: the claim must be visible to other workers before the
    SMTP conversation, and each outcome recorded after it.
    """
    results = [DeliveryResult() for _ in groups]
    token = reminder_claim(ids=[pk for ids in groups for pk in ids], now=now)
    if token is None:
        return results
    claimed = {
        row.pk: row
        for row in Reminder.objects.filter(claim_token=token, state=ReminderState.SENDING).select_related(
            "user", "item", "item__deadline", "item__meeting", "item__owner"
        )
    }
    groups = _regroup(groups, claimed)
    # A slow SMTP server must not let the lease run out under the later emails of the batch
    # (the sweep would hand them to another worker): past half the lease, give them back.
    budget = scheduling.reminder_setting("REMINDER_LEASE_SECONDS", 300) / 2
    started = time.monotonic()
    for position, (ids, result) in enumerate(zip(groups, results, strict=True)):
        if time.monotonic() - started > budget:
            rest = [pk for later in groups[position:] for pk in later]
            Reminder.objects.filter(pk__in=rest, claim_token=token, state=ReminderState.SENDING).update(
                state=ReminderState.PENDING, claim_token="", next_attempt_at=now
            )
            logger.warning("Delivery batch ran long; %d reminders handed back", len(rest))
            break
        rows = [claimed[pk] for pk in sorted(ids) if pk in claimed]
        _deliver_claimed(rows, token=token, now=now, result=result)
    return results


def _regroup(groups: Sequence[Sequence[int]], claimed: dict[int, Reminder]) -> list[list[int]]:
    """One email per recipient and send time among the claimed rows: siblings the claim
    took join the first group of their email; a later group of the same email is left
    empty. The list keeps one entry per group given (results line up with them)."""
    slot_of_key: dict[tuple, int] = {}
    regrouped: list[list[int]] = [[] for _ in groups]
    for position, ids in enumerate(groups):
        for pk in ids:
            if pk in claimed:
                slot_of_key.setdefault(_group_key(claimed[pk]), position)
    for pk in sorted(claimed):
        position = slot_of_key.get(_group_key(claimed[pk]))
        if position is not None:
            regrouped[position].append(pk)
    return regrouped


def _deliver_claimed(rows: list[Reminder], *, token: str, now: datetime, result: DeliveryResult) -> None:
    keep = []
    for row in rows:
        reason = _skip_reason(row)
        if reason:
            Reminder.objects.filter(pk=row.pk, claim_token=token).update(
                state=ReminderState.SKIPPED, last_error=reason
            )
            result.skipped.append(row.pk)
        else:
            keep.append(row)
    if not keep:
        return
    result.recipient = keep[0].recipient_address
    try:
        message = emails.build_reminder_message(rows=keep, now=now)
        result.message_id = message.extra_headers["Message-ID"]
        message.send(fail_silently=False)
    except Exception as error:
        _record_failure(keep, token=token, error=error, now=now, result=result)
        return
    pks = [row.pk for row in keep]
    # The email is out: recording it must not fail on a dropped database connection, or the
    # lease would revive the rows and send them again (issue 13, point 10).
    updated = _bookkeeping(
        lambda: Reminder.objects.filter(pk__in=pks, claim_token=token, state=ReminderState.SENDING).update(
            state=ReminderState.SENT, sent_at=now, last_error=""
        )
    )
    if updated != len(pks):
        logger.warning("Reminders %s were sent but their lease had expired meanwhile", pks)
    result.sent = pks


BOOKKEEPING_ATTEMPTS = 4


def _bookkeeping(write: Callable[[], int]) -> int:
    """Run a write that records what already happened (an email sent), retrying on a fresh
    connection when the database connection dropped; raises after BOOKKEEPING_ATTEMPTS."""
    for attempt in range(1, BOOKKEEPING_ATTEMPTS + 1):
        try:
            return write()
        except DatabaseError as error:
            if (
                isinstance(error, IntegrityError)
                or connection.in_atomic_block
                or attempt == BOOKKEEPING_ATTEMPTS
            ):
                raise
            logger.warning("Recording a delivery failed (%s); retrying on a fresh database connection", error)
            connection.close()  # the next query opens a new one
            time.sleep(0.2 * attempt)
    raise AssertionError("unreachable")


def _record_failure(
    rows: list[Reminder], *, token: str, error: BaseException, now: datetime, result: DeliveryResult
) -> None:
    max_attempts = scheduling.reminder_setting("REMINDER_MAX_ATTEMPTS", 5)
    base = scheduling.reminder_setting("REMINDER_RETRY_BASE_SECONDS", 60)
    text = f"{type(error).__name__}: {error}"[:2000]
    result.error = text
    attempts = max(row.attempts for row in rows)  # the claim counted this attempt
    pks = [row.pk for row in rows]
    mine = Reminder.objects.filter(pk__in=pks, claim_token=token, state=ReminderState.SENDING)
    if is_transient(error) and attempts < max_attempts:
        delay = timedelta(seconds=min(base * 2 ** (attempts - 1), 6 * 3600))
        _bookkeeping(
            lambda: mine.update(
                state=ReminderState.PENDING, next_attempt_at=now + delay, claim_token="", last_error=text
            )
        )
        result.retry = pks
        logger.warning("Reminder delivery %s failed (%s); retry in %s", pks, text, delay)
        return
    _bookkeeping(lambda: mine.update(state=ReminderState.FAILED, last_error=text))
    result.failed = pks
    logger.error("Reminder delivery %s failed for good: %s", pks, text)
    mail_admins(
        f"Reminder delivery failed: {rows[0].recipient_address}",
        f"Reminders {pks} to {rows[0].recipient_address} failed after {attempts} attempt(s).\n"
        f"Last error: {text}\nItems: "
        + ", ".join(f"{row.item} ({row.slot_key})" for row in rows)
        + f"\n\n{settings.SITE_URL}{reverse('admin:reminders_reminder_changelist')}?state__exact=failed\n",
        fail_silently=True,
    )


def reminders_retry(*, reminders: Iterable[Reminder], now: datetime) -> int:
    """Admin: send failed or pending rows again now (queued after commit)."""
    requeue = timedelta(seconds=scheduling.reminder_setting("REMINDER_REQUEUE_SECONDS", 300))
    count = 0
    with transaction.atomic():
        for row in reminders:
            updated = Reminder.objects.filter(
                pk=row.pk, state__in=[ReminderState.FAILED, ReminderState.PENDING]
            ).update(state=ReminderState.PENDING, attempts=0, next_attempt_at=now + requeue, claim_token="")
            if updated:
                _enqueue_delivery([[row.pk]])
                count += 1
    return count
