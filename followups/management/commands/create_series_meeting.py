"""Create the next meeting of a series; its recurring follow-ups are proposed for staff to
confirm (e.g. TEL 71: manage.py create_series_meeting apec-telwg 71 2025-07-29 2025-08-04
--returns 2025-08-06 --venue "韓國仁川 Incheon, Korea")."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followups import services
from meetings.models import MeetingSeries


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date like 2025-07-29.") from error


class Command(BaseCommand):
    help = "Create a meeting of a series and propose the series' recurring follow-ups."

    def add_arguments(self, parser):
        parser.add_argument("series", help="the series' code, e.g. apec-telwg")
        parser.add_argument("number", type=int)
        parser.add_argument("start", help="first day, e.g. 2025-07-29")
        parser.add_argument("end", help="last day, e.g. 2025-08-04")
        parser.add_argument("--returns", help="the day the delegation is back home")
        parser.add_argument("--venue", default="")
        parser.add_argument("--title", default="")
        parser.add_argument(
            "--zone", default="", help="the venue's time zone (default: the series' usual one)"
        )
        parser.add_argument("--calendar", default="", help="the host's working-day calendar")

    def handle(
        self,
        *args,
        series: str,
        number: int,
        start: str,
        end: str,
        returns=None,
        venue: str = "",
        title: str = "",
        zone: str = "",
        calendar: str = "",
        **options,
    ):
        found = MeetingSeries.objects.filter(code=series).first()
        if found is None:
            raise CommandError(f"No meeting series with the code {series!r}.")
        label = f"{found.label} {number}"
        try:
            meeting = services.series_meeting_create(
                series=found,
                number=number,
                slug=f"{found.code}-{number}",
                title=title or label,
                start_on=_day(start),
                end_on=_day(end),
                venue=venue or "—",
                by=None,
                now=timezone.now(),
                returns_on=_day(returns) if returns else None,
                venue_zone=zone,
                holiday_calendar=calendar,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        proposed = meeting.action_items.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {meeting.short_label} ({meeting.start_on} – {meeting.end_on}) with "
                f"{proposed} proposed follow-ups for staff to confirm."
            )
        )
        for item in meeting.action_items.select_related("deadline").order_by("number"):
            self.stdout.write(f"  #{item.number} {item.title}: {item.deadline.due_on}")
