"""Import the follow-ups of a meeting report (.txt, .docx, text .pdf) as proposed action items."""

from __future__ import annotations

import hashlib
import json as jsonlib
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions import imports
from reports.readers import DocumentError, read_document
from actions.models import Status
from meetings.models import Meeting

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Find the follow-ups in a meeting report and import them as proposed action items "
        "(review them under Report imports in the admin). Running it again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The report: UTF-8 .txt, .docx or a PDF with a text layer.")
        parser.add_argument("--meeting", required=True, help="The meeting's slug, e.g. apec-telwg-70.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Show what would be imported; write nothing.")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="Print the candidates as a JSON array.")
        parser.add_argument("--progress", action="store_true",
                            help="Show a progress bar even when stderr is not a terminal.")

    def handle(self, *args, path: str, meeting: str, dry_run: bool, as_json: bool, progress: bool,
               **options):
        file = Path(path)
        try:
            text = read_document(file)
        except DocumentError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        try:
            the_meeting = Meeting.objects.select_related("host").get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(
                f"No meeting with slug “{meeting}”; see the Meetings page in the admin for the slugs.",
                returncode=BAD_INPUT,
            ) from None
        candidates = self._extract(the_meeting, text, show=progress or self.stderr.isatty())
        if as_json:
            self._print_json([c.as_json() for c in candidates])
        if dry_run:
            if not as_json:
                self.stdout.write(
                    f"{len(candidates)} follow-ups found in {file.name}; nothing written (--dry-run)."
                )
            return
        now = timezone.now()
        minutes_import = imports.minutes_import_create(
            meeting=the_meeting, file_name=file.name, sha256=hashlib.sha256(file.read_bytes()).hexdigest(),
            candidates=candidates, by=None, now=now,
        )
        result = imports.import_candidates_accept(
            candidates=imports.pending_for(minutes_import), by=None, now=now, status=Status.PROPOSED,
        )
        duplicates = minutes_import.candidates.filter(state="duplicate").count()
        summary = (f"{len(candidates)} follow-ups found in {file.name}: {result.created} new proposed items, "
                   f"{duplicates} already there (import #{minutes_import.pk}).")
        (self.stderr if as_json else self.stdout).write(summary)

    def _extract(self, meeting: Meeting, text: str, *, show: bool):
        if not show:
            return imports.extract_for_meeting(meeting, text)
        from tqdm import tqdm

        stream = getattr(self.stderr, "_out", sys.stderr)  # the raw stream: tqdm rewrites one line
        bars: list[tqdm] = []

        def progress(done: int, total: int) -> None:
            if not bars:
                bars.append(tqdm(total=total, unit="sentence", file=stream, desc="Reading the report"))
            bars[0].update(done - bars[0].n)

        try:
            return imports.extract_for_meeting(meeting, text, progress=progress)
        finally:
            for bar in bars:
                bar.close()

    def _print_json(self, rows: list[dict]) -> None:
        self.stdout.write(jsonlib.dumps(rows, ensure_ascii=False, indent=2))
