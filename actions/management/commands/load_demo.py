"""Load the TELWG 70 meeting, its follow-ups and demo logins, once.

`python3 dev.py run` calls this on every start, so a second run must never overwrite what
somebody changed since (an item marked done, a moved deadline): once the demo meeting
exists, only the demo logins are checked. `--reset` reloads the demo on purpose.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from actions import deadline_services
from meetings.models import Meeting
from reminders import scheduling

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "telwg70.json"
# The APEC TELWG series and its recurring follow-ups (issue 16).
SERIES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "telwg_series.json"
SERIES_CODE = "apec-telwg"
# TEL 70 items left for TEL 71 to take up (the report's own words: "下次 STSG 會議").
FOR_NEXT_MEETING = (6, 8)
MEETING_SLUG = "apec-telwg-70"
KEPT_USER_FIELDS = (
    "password",
    "language",
    "time_zone",
    "date_style",
    "reminder_mode",
    "optional_reminders",
    "email",
    "is_active",
    "last_login",
)
DEMO_PASSWORD = "demo"  # noqa: S105 - printed on purpose: these are demo logins


class Command(BaseCommand):
    help = (
        "Load the APEC TELWG 70 meeting with every follow-up from its report, plus demo logins "
        f"(password “{DEMO_PASSWORD}”). Loaded once: running it again keeps every change; "
        "--reset loads the demo data afresh."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--shift-to-today",
            action="store_true",
            help="Move every date so the meeting ended yesterday (reminders fire in the coming days).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Load the demo data again even if it is there, undoing changes made to it.",
        )

    @transaction.atomic
    def handle(self, *args, shift_to_today: bool = False, reset: bool = False, **options):
        existing = Meeting.objects.filter(slug=MEETING_SLUG).first()
        if existing is not None and not reset:
            logins = self._ensure_logins()
            self.stdout.write(
                f"{existing} is already loaded: kept as it is, with every change made since "
                "(to load the demo afresh: manage.py load_demo --reset, or "
                "RESET_DEMO=1 python3 dev.py run)."
            )
            self.stdout.write(f"Demo logins (password “{DEMO_PASSWORD}”): " + ", ".join(logins))
            return
        # The fixture resets demo users; keep what people changed since (passwords, preferences).
        kept = {row["username"]: row for row in User.objects.values("username", *KEPT_USER_FIELDS)}
        call_command("loaddata", str(FIXTURE), verbosity=0)
        for username, row in kept.items():
            User.objects.filter(username=username).update(**{name: row[name] for name in KEPT_USER_FIELDS})
        call_command("loaddata", str(SERIES_FIXTURE), verbosity=0)
        now = timezone.now()
        meeting = Meeting.objects.get(slug=MEETING_SLUG)
        self._join_series(meeting, now=now)
        deadline_services.deadlines_recompute_for_meeting(meeting=meeting, by=None, now=now, log=False)
        if shift_to_today:
            yesterday = timezone.localdate(now) - timedelta(days=1)
            deadline_services.demo_meeting_shift(
                meeting=meeting, days=(yesterday - meeting.end_on).days, now=now
            )
        # Reminders: next_reminder_at follows each item's plan (not the wall clock).
        scheduling.reminders_reschedule_items(items=meeting.action_items.all(), now=now)
        logins = self._ensure_logins()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {meeting} ({meeting.start_on} – {meeting.end_on}), "
                f"{meeting.action_items.count()} follow-ups, {meeting.deadlines.count()} deadlines."
            )
        )
        self.stdout.write(f"Demo logins (password “{DEMO_PASSWORD}”): " + ", ".join(logins))

    def _join_series(self, meeting: Meeting, *, now) -> None:
        from followups import services as followups_services
        from meetings.models import MeetingSeries

        series = MeetingSeries.objects.get(code=SERIES_CODE)
        followups_services.meeting_join_series(meeting=meeting, series=series)
        for item in meeting.action_items.filter(number__in=FOR_NEXT_MEETING):
            if item.is_open:
                followups_services.item_mark_for_next_meeting(item=item, by=None, now=now, note="TEL 71")

    def _ensure_logins(self) -> list[str]:
        secretariat, _ = Group.objects.get_or_create(name="Secretariat")
        # Staff assign owners, watchers and participants through autocomplete pickers, which
        # answer only users who may view accounts (else a 403 and an empty picker).
        secretariat.permissions.set(
            Permission.objects.filter(
                Q(content_type__app_label__in=["meetings", "actions", "reminders", "followups", "reports"])
                | Q(content_type__app_label="accounts", codename="view_user")
            )
        )
        admin, _created = User.objects.get_or_create(
            username="admin",
            defaults={
                "full_name": "系統管理員 Administrator",
                "email": "admin@example.org",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        staff, _ = User.objects.get_or_create(
            username="secretariat",
            defaults={
                "full_name": "代表團秘書 Delegation secretariat",
                "email": "secretariat@example.org",
                "is_staff": True,
            },
        )
        staff.groups.add(secretariat)
        delegates = list(User.objects.filter(participations__meeting__slug=MEETING_SLUG))
        for user in [admin, staff, *delegates]:
            # Never overwrite a password somebody has set since the last load.
            # A user just made by get_or_create has password "" (which counts as usable).
            if not user.password or not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        return [
            "admin (superuser)",
            "secretariat (staff)",
            *[f"{u.username} ({u.display_name})" for u in delegates],
        ]
