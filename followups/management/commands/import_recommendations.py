"""Track a trip report's 心得與建議 as recommendations: manage.py import_recommendations
apec-telwg-70 report.txt (the report as text, e.g. tests/data/telwg70-report-zh-Hant.txt)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followups import services
from meetings.models import Meeting, Organization


class Command(BaseCommand):
    help = "Track the recommendations (心得與建議) of a meeting's trip report."

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="the meeting's slug, e.g. apec-telwg-70")
        parser.add_argument("report", help="the report as a UTF-8 text file")
        parser.add_argument("--responsible", default="", help="organization code, e.g. moda")

    def handle(self, *args, meeting: str, report: str, responsible: str = "", **options):
        found = Meeting.objects.filter(slug=meeting).first()
        if found is None:
            raise CommandError(f"No meeting with the slug {meeting!r}.")
        org = None
        if responsible:
            org = Organization.objects.filter(code=responsible).first()
            if org is None:
                raise CommandError(f"No organization with the code {responsible!r}.")
        try:
            text = Path(report).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {report}: {error}") from error
        try:
            created = services.recommendations_import(
                meeting=found, report_text=text, by=None, now=timezone.now(), responsible=org
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{len(created)} recommendations tracked for {found.short_label}.")
        )
