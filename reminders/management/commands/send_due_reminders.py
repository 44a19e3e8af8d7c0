"""Run one reminder sweep and deliver what it found, synchronously (operators, tests)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reminders import delivery


class Command(BaseCommand):
    help = (
        "Write the reminders due at --as-of (default: now) and send them right away "
        "through the same services the Celery worker uses. Prints what it sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", dest="as_of", help="ISO-8601 instant with an offset, e.g. 2025-03-06T09:05+08:00."
        )

    def handle(self, *args, as_of: str | None = None, **options):
        now = timezone.now()
        if as_of:
            try:
                now = datetime.fromisoformat(as_of)
            except ValueError as error:
                raise CommandError(f"--as-of: not an ISO-8601 instant: {as_of!r}") from error
            if now.tzinfo is None:
                raise CommandError("--as-of needs an offset or Z, e.g. 2025-03-06T09:05+08:00.")
        sweep = delivery.reminders_sweep(now=now, enqueue=None)
        if sweep.deferred:
            raise CommandError("Another reminder sweep is running (the beat's?); nothing done. Try again.")
        sent = failed = 0
        for ids in sweep.groups:
            result = delivery.reminders_deliver(ids=ids, now=now)
            if result.sent:
                sent += len(result.sent)
                self.stdout.write(
                    f"sent {result.message_id} to {result.recipient}: reminders "
                    + ", ".join(map(str, result.sent))
                )
            for label, pks in (("retry later", result.retry), ("FAILED", result.failed)):
                if pks:
                    failed += len(pks)
                    self.stdout.write(f"{label}: reminders {pks} to {result.recipient}: {result.error}")
            if result.skipped:
                self.stdout.write(f"skipped reminders {result.skipped}")
        self.stdout.write(
            f"{now.isoformat()}: {sweep.items} items checked, {sweep.written} "
            f"reminders written, {sent} sent, {failed} not sent."
        )
