"""manage.py generate_load: a reproducible synthetic data set for the scale benchmarks.

    manage.py generate_load --items 1000000 --users 100000 --seed 8

Writes organizations, meetings (one per 1,000 items), their deadlines (20 each), users with
participations (each user takes part in two meetings, the first participant is the head of
delegation), action items with owners among the meeting's participants, watchers on some of
the other parties' commitments, and `bench-heavy`, a user who owns exactly --heavy-open open
items across five meetings (the "200 open items" user of the My tasks benchmark).

Everything is named with the `bench-` prefix; `--reset` deletes earlier bench rows first
(slow at a million items: use a fresh database there). The same seed and --today give the
same rows. Inserts are bulk_create in batches (--batch), which on PostgreSQL runs at roughly
15–20k items a second on two cores; COPY would be faster still but not portable to SQLite.

next_reminder_at is set as the planner would for the default policy's slots (7, 3, 1 days
before, due day, every 2 days overdue up to 30), at the deadline's instant offset by those
days: the first such instant more than a day after --now. Nothing is due right after
generation, so a sweep at generation time is an "empty sweep".
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from actions.models import ActionItem, Deadline, ItemKind, Priority, Status
from followup_dates import dates
from meetings.models import Meeting, Organization, OrganizationKind, Participant, ParticipantRole
from reminders.models import Reminder

PREFIX = "bench"
HEAVY = f"{PREFIX}-heavy"
ZONES = ["Asia/Taipei", "Asia/Singapore", "Asia/Seoul", "America/Lima", "Europe/Paris"]
DEADLINES_PER_MEETING = 20
ITEMS_PER_MEETING = 1000
HEAVY_MEETINGS = 5
REMINDER_OFFSETS = [-7, -3, -1, 0, *range(2, 31, 2)]  # days from the due instant
WORDS = (
    "submit",
    "report",
    "survey",
    "draft",
    "comments",
    "nominate",
    "upload",
    "review",
    "project",
    "proposal",
    "workshop",
    "statement",
    "budget",
    "update",
    "contact",
)


class Progress:
    """A one-line progress bar on stderr (only when asked or on a terminal)."""

    def __init__(self, enabled: bool, stream=sys.stderr):
        self.enabled, self.stream, self.started = enabled, stream, time.monotonic()

    def show(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width * done // max(total, 1)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,} {elapsed:7.1f}s"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def next_reminder(due_at: datetime, cutoff: datetime) -> datetime | None:
    for days in REMINDER_OFFSETS:
        at = due_at + timedelta(days=days)
        if at > cutoff:
            return at
    return None


def reset() -> None:
    """Delete every bench row (children first: most foreign keys are PROTECT)."""
    items = ActionItem.objects.filter(meeting__slug__startswith=f"{PREFIX}-")
    Reminder.objects.filter(item__in=items).delete()
    ActionItem.watchers.through.objects.filter(actionitem__in=items).delete()
    items.delete()
    Deadline.objects.filter(meeting__slug__startswith=f"{PREFIX}-").delete()
    Meeting.objects.filter(slug__startswith=f"{PREFIX}-").delete()  # cascades participants
    User.objects.filter(username__startswith=f"{PREFIX}-").delete()
    Organization.objects.filter(code__startswith=f"{PREFIX}-").delete()


class Command(BaseCommand):
    help = "Generate a reproducible load data set (bench- prefixed) for the scale benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=10_000)
        parser.add_argument(
            "--users", type=int, default=None, help="Default: one user per 10 items (at least 10)."
        )
        parser.add_argument(
            "--meetings", type=int, default=None, help=f"Default: one per {ITEMS_PER_MEETING:,} items."
        )
        parser.add_argument(
            "--heavy-open", type=int, default=200, help="Open items owned by the user bench-heavy."
        )
        parser.add_argument("--seed", type=int, default=8)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The day deadlines spread around (default: today).",
        )
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--reset", action="store_true", help="Delete earlier bench- rows first.")
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show the progress bar even when stderr is not a terminal.",
        )

    def handle(self, *args, **options):
        items_total = options["items"]
        if items_total < 1:
            raise CommandError("--items must be at least 1.")
        users_total = options["users"] or max(10, items_total // 10)
        meetings_total = options["meetings"] or max(HEAVY_MEETINGS, -(-items_total // ITEMS_PER_MEETING))
        heavy_open = min(options["heavy_open"], items_total)
        if users_total < 2:
            raise CommandError("--users must be at least 2.")
        rng = random.Random(options["seed"])
        today = options["today"] or timezone.localdate()
        now = timezone.now()
        batch = options["batch"]
        progress = Progress(options["progress"] or sys.stderr.isatty())
        started = time.monotonic()
        if options["reset"]:
            reset()
        elif Meeting.objects.filter(slug__startswith=f"{PREFIX}-").exists():
            raise CommandError("Bench data exists already: use --reset or a fresh database.")

        with transaction.atomic():
            orgs = Organization.objects.bulk_create(
                [
                    Organization(
                        code=f"{PREFIX}-org-{i:02d}",
                        name=f"Bench agency {i}",
                        abbreviation=f"BA{i}",
                        kind=OrganizationKind.OUR_AGENCY,
                        time_zone=ZONES[i % len(ZONES)],
                    )
                    for i in range(20)
                ]
            )
            meetings = Meeting.objects.bulk_create(
                [
                    Meeting(
                        slug=f"{PREFIX}-m{i:05d}",
                        series="Bench WG",
                        number=None,
                        title=f"Bench meeting {i}",
                        start_on=today - timedelta(days=30 + i % 60),
                        end_on=today - timedelta(days=26 + i % 60),
                        venue="Loopback",
                        venue_zone=ZONES[i % len(ZONES)],
                    )
                    for i in range(meetings_total)
                ],
                batch_size=batch,
            )
            deadlines_by_meeting: dict[int, list[Deadline]] = {}
            rows = []
            for index, meeting in enumerate(meetings):
                for d in range(DEADLINES_PER_MEETING):
                    due = dates.DueDate.day(today + timedelta(days=rng.randint(-90, 180)))
                    rows.append(
                        Deadline(
                            meeting=meeting,
                            key=f"d{d:02d}",
                            label=f"Deadline {d} of meeting {index}",
                            zone=meeting.venue_zone,
                            due_on=due.on,
                            due_at=dates.due_at(due, meeting.venue_zone),
                        )
                    )
            for deadline in Deadline.objects.bulk_create(rows, batch_size=batch):
                deadlines_by_meeting.setdefault(deadline.meeting_id, []).append(deadline)
            progress.show("meetings", meetings_total, meetings_total)

            password = make_password("bench", salt="benchsalt")
            user_ids: list[int] = []
            for start in range(0, users_total, batch):
                chunk = [
                    User(
                        username=f"{PREFIX}-u{i:06d}",
                        full_name=f"Bench User {i}",
                        email=f"u{i:06d}@bench.invalid",
                        password=password,
                        language="en" if i % 3 else "zh-hant",
                        time_zone=ZONES[i % len(ZONES)],
                    )
                    for i in range(start, min(start + batch, users_total))
                ]
                user_ids += [u.pk for u in User.objects.bulk_create(chunk)]
                progress.show("users", len(user_ids), users_total)
            heavy = User.objects.create(
                username=HEAVY,
                full_name="Bench Heavy",
                email="heavy@bench.invalid",
                password=password,
                language="en",
                time_zone="Asia/Taipei",
            )

            # Participations: user i in meeting i % M and one other, spread pseudo-randomly.
            pool: dict[int, list[int]] = {m.pk: [] for m in meetings}
            participants = []
            for i, user_id in enumerate(user_ids):
                first = i % meetings_total
                second = (first + 1 + (7919 * i + 13) % max(meetings_total - 1, 1)) % meetings_total
                for m in dict.fromkeys((first, second)):
                    meeting = meetings[m]
                    role = ParticipantRole.HEAD if not pool[meeting.pk] else ParticipantRole.DELEGATE
                    pool[meeting.pk].append(user_id)
                    participants.append(
                        Participant(
                            meeting=meeting,
                            user_id=user_id,
                            name=f"{PREFIX}-u{i:06d}",
                            organization=orgs[i % len(orgs)],
                            role=role,
                        )
                    )
            for m in range(min(HEAVY_MEETINGS, meetings_total)):
                participants.append(
                    Participant(meeting=meetings[m], user=heavy, name=HEAVY, organization=orgs[0])
                )
            Participant.objects.bulk_create(participants, batch_size=batch)
            progress.show("participants", len(participants), len(participants))

            self._items(
                rng=rng,
                meetings=meetings,
                pool=pool,
                orgs=orgs,
                heavy=heavy,
                heavy_open=heavy_open,
                total=items_total,
                users=user_ids,
                deadlines=deadlines_by_meeting,
                now=now,
                batch=batch,
                progress=progress,
            )

        self.stdout.write(
            f"Generated {items_total:,} items, {users_total + 1:,} users, {meetings_total:,} "
            f"meetings (seed {options['seed']}) in {time.monotonic() - started:.1f}s."
        )

    def _items(
        self, *, rng, meetings, pool, orgs, heavy, heavy_open, total, users, deadlines, now, batch, progress
    ):
        numbers = dict.fromkeys((m.pk for m in meetings), 0)
        cutoff = now + timedelta(days=1)
        done = 0
        watch = ActionItem.watchers.through
        while done < total:
            chunk: list[ActionItem] = []
            for index in range(done, min(done + batch, total)):
                is_heavy = index < heavy_open
                meeting = meetings[
                    index % min(HEAVY_MEETINGS, len(meetings)) if is_heavy else rng.randrange(len(meetings))
                ]
                numbers[meeting.pk] += 1
                draw = rng.random()
                if is_heavy:
                    status = Status.OPEN if draw < 0.8 else Status.IN_PROGRESS
                else:
                    status = (
                        Status.OPEN
                        if draw < 0.6
                        else Status.IN_PROGRESS
                        if draw < 0.7
                        else Status.DONE
                        if draw < 0.95
                        else Status.DROPPED
                    )
                kind_draw = rng.random()
                kind = (
                    ItemKind.OUR_TASK
                    if kind_draw < 0.8
                    else ItemKind.EXTERNAL
                    if kind_draw < 0.95
                    else ItemKind.EVENT
                )
                if is_heavy:
                    owner_id = heavy.pk
                else:
                    candidates = pool[meeting.pk] or users
                    owner_id = candidates[rng.randrange(len(candidates))]
                deadline = None if rng.random() < 0.1 else rng.choice(deadlines[meeting.pk])
                title_words = " ".join(rng.choice(WORDS) for _ in range(3))
                open_ = status in (Status.OPEN, Status.IN_PROGRESS)
                chunk.append(
                    ActionItem(
                        meeting=meeting,
                        number=numbers[meeting.pk],
                        title=f"{title_words.capitalize()} ({index})",
                        kind=kind,
                        responsible=orgs[rng.randrange(len(orgs))],
                        owner_id=owner_id,
                        status=status,
                        priority=rng.choice(Priority.values),
                        deadline=deadline,
                        completed_at=now if status == Status.DONE else None,
                        next_reminder_at=(
                            next_reminder(deadline.due_at, cutoff) if open_ and deadline else None
                        ),
                    )
                )
            created = ActionItem.objects.bulk_create(chunk)
            watchers = []
            for item in created:
                if item.kind == ItemKind.EXTERNAL and rng.random() < 0.5:
                    candidates = pool[item.meeting_id] or users
                    watcher = candidates[rng.randrange(len(candidates))]
                    if watcher != item.owner_id:
                        watchers.append(watch(actionitem_id=item.pk, user_id=watcher))
            watch.objects.bulk_create(watchers)
            done += len(chunk)
            progress.show("items", done, total)
