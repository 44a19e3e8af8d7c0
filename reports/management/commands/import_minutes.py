"""Import the follow-ups of a meeting report (.txt, .docx, text .pdf) as proposed action items."""

from __future__ import annotations

import hashlib
import json as jsonlib
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.models import Status
from meetings.models import Meeting
from reports import services
from reports.layout import blocks
from reports.models import CandidateState
from reports.readers import DocumentError, read_pieces

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Find the follow-ups in a meeting report and import them as proposed action items "
        "(review them on the import's review page). Running it again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The report: UTF-8 .txt, .docx or a PDF with a text layer.")
        parser.add_argument("--meeting", required=True, help="The meeting's slug, e.g. apec-telwg-70.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the candidates as a JSON array."
        )
        parser.add_argument(
            "--not-proposed",
            action="store_true",
            dest="not_proposed",
            help="With --json: print an object {candidates, not_proposed}, the second list "
            "holding every sentence or table row with a date or a request that was not "
            "proposed, each with the reason.",
        )
        parser.add_argument(
            "--progress", action="store_true", help="Show a progress bar even when stderr is not a terminal."
        )

    def handle(
        self,
        *args,
        path: str,
        meeting: str,
        dry_run: bool,
        as_json: bool,
        not_proposed: bool,
        progress: bool,
        **options,
    ):
        file = Path(path)
        try:
            report = blocks(read_pieces(file))
        except DocumentError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        try:
            the_meeting = Meeting.objects.select_related("host").get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(
                f"No meeting with slug “{meeting}”; see the Meetings page in the admin for the slugs.",
                returncode=BAD_INPUT,
            ) from None
        extraction = self._read(the_meeting, report, show=progress or self.stderr.isatty())
        if as_json:
            rows = [c.as_json() for c in extraction.candidates]
            if not_proposed:
                self._print_json(
                    {
                        "candidates": rows,
                        "not_proposed": [m.as_json() for m in extraction.mentions],
                        "notes": extraction.notes,
                    }
                )
            else:
                self._print_json(rows)
        if dry_run:
            if not as_json:
                self.stdout.write(
                    f"{len(extraction.candidates)} follow-ups found in {file.name} "
                    f"({len(extraction.mentions)} more sentences mention a date or a request); "
                    "nothing written (--dry-run)."
                )
            return
        now = timezone.now()
        minutes_import = services.minutes_import_create(
            meeting=the_meeting,
            file_name=file.name,
            sha256=hashlib.sha256(file.read_bytes()).hexdigest(),
            extraction=extraction,
            by=None,
            now=now,
        )
        result = services.import_candidates_accept(
            candidates=services.pending_for(minutes_import),
            by=None,
            now=now,
            status=Status.PROPOSED,
        )
        duplicates = minutes_import.candidates.filter(state=CandidateState.DUPLICATE).count()
        summary = (
            f"{len(extraction.candidates)} follow-ups found in {file.name}: {result.created} new proposed "
            f"items, {duplicates} already there (import #{minutes_import.pk}); "
            f"{len(extraction.mentions)} sentences not proposed are listed in the review."
        )
        (self.stderr if as_json else self.stdout).write(summary)

    def _read(self, meeting: Meeting, report, *, show: bool):
        if not show:
            return services.read_report(meeting, report)
        from tqdm import tqdm

        stream = getattr(self.stderr, "_out", sys.stderr)  # the raw stream: tqdm rewrites one line
        bars: list[tqdm] = []

        def progress(done: int, total: int) -> None:
            if not bars:
                bars.append(tqdm(total=total, unit="sentence", file=stream, desc="Reading the report"))
            bars[0].update(done - bars[0].n)

        try:
            return services.read_report(meeting, report, progress=progress)
        finally:
            for bar in bars:
                bar.close()

    def _print_json(self, rows) -> None:
        self.stdout.write(jsonlib.dumps(rows, ensure_ascii=False, indent=2))
