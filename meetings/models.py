"""Meetings, sessions, organizations and participants (never imports `actions`)."""

import zoneinfo
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from followup_dates import calendars


class OrganizationKind(models.TextChoices):
    OUR_AGENCY = "our_agency", _("Our agency")
    ECONOMY = "economy", _("Member economy")
    SECRETARIAT = "secretariat", _("Secretariat")
    INTERNATIONAL = "international", _("International body")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class OrganizationManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Organization(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short stable identifier, e.g. moda, ncc, kr, apec-secretariat."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    # The time zone its deadlines are set in (APEC Secretariat: Singapore).
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, validators=[validate_time_zone])
    holiday_calendar = models.CharField(
        _("holiday calendar"),
        max_length=10,
        blank=True,
        help_text=_("Country code of the working-day calendar, e.g. TW, KR, SG."),
    )
    focal_point_name = models.CharField(_("focal point"), max_length=150, blank=True)
    focal_point_email = models.EmailField(_("focal point email"), blank=True)

    objects = OrganizationManager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        if self.abbreviation and self.abbreviation != self.name:
            return f"{self.name} ({self.abbreviation})"
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class MeetingSeriesManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class MeetingSeries(models.Model):
    """A recurring meeting (APEC TELWG 70, 71, 72…): its follow-ups come back every time."""

    code = models.SlugField(
        _("code"), max_length=80, unique=True, help_text=_("Short stable identifier, e.g. apec-telwg.")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    # What Meeting.series holds for its meetings ("APEC TELWG"): meeting labels read it.
    label = models.CharField(
        _("short label"), max_length=120, help_text=_("How its meetings are labelled, e.g. APEC TELWG.")
    )
    organiser = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_series",
        verbose_name=_("organising body"),
    )
    holiday_calendar = models.CharField(
        _("usual host calendar"),
        max_length=10,
        blank=True,
        help_text=_("Working-day calendar its meetings usually count on, e.g. SG."),
    )
    zone = models.CharField(
        _("usual time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
    )

    objects = MeetingSeriesManager()

    class Meta:
        ordering = ["label", "code"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name if self.name == self.label else f"{self.label} — {self.name}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class MeetingManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def meeting_short_label(series: str, number: int | None) -> str:
    """ "APEC TELWG 70" (also for lists that read columns, not Meeting objects)."""
    return f"{series} {number}" if number else series


class Meeting(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    series = models.CharField(_("series"), max_length=120, help_text=_("e.g. APEC TELWG"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    meeting_series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("meeting series"),
    )
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    start_on = models.DateField(_("first day"))
    end_on = models.DateField(_("last day"))
    # The delegation's day of return home (出國報告 counts three months from it).
    returns_on = models.DateField(
        _("delegation returns"),
        null=True,
        blank=True,
        help_text=_("The day the delegation is back home; empty: the meeting's last day."),
    )
    venue = models.CharField(_("venue"), max_length=200)
    venue_zone = models.CharField(
        _("venue time zone"),
        max_length=64,
        default="Asia/Taipei",
        validators=[validate_time_zone],
    )
    host = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host"),
    )
    holiday_calendar = models.CharField(
        _("holiday calendar"),
        max_length=10,
        blank=True,
        help_text=_("Working-day calendar for deadlines relative to this meeting, e.g. KR."),
    )
    report_title = models.CharField(_("report"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = MeetingManager()

    class Meta:
        ordering = ["-start_on", "series", "number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.UniqueConstraint(
                fields=["series", "number"],
                name="meeting_series_number_unique",
                condition=models.Q(number__isnull=False),
                violation_error_message=_("A meeting with this series and number already exists."),
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.series} {self.number}" if self.number else self.series
        return f"{label} — {self.title}" if self.title and self.title != label else label

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("The last day cannot be before the first day.")})
        if self.returns_on and self.end_on and self.returns_on < self.end_on:
            raise ValidationError({"returns_on": _("The delegation cannot return before the last day.")})

    @property
    def return_day(self) -> date:
        """The day the delegation is home (the last day when nobody said)."""
        return self.returns_on or self.end_on

    def next_in_series(self) -> "Meeting | None":
        if self.meeting_series_id is None:
            return None
        return (
            Meeting.objects.filter(meeting_series_id=self.meeting_series_id, start_on__gt=self.start_on)
            .order_by("start_on", "pk")
            .first()
        )

    def previous_in_series(self) -> "Meeting | None":
        if self.meeting_series_id is None:
            return None
        return (
            Meeting.objects.filter(meeting_series_id=self.meeting_series_id, start_on__lt=self.start_on)
            .order_by("-start_on", "-pk")
            .first()
        )

    @property
    def short_label(self) -> str:
        return meeting_short_label(self.series, self.number)

    def working_day_calendar(self) -> tuple[str | None, str]:
        """The calendar that counts this meeting's working days, and why: the one rule
        (followup_dates.calendars.choose: the meeting's, the host's, the venue's)."""
        return calendars.choose(
            meeting_calendar=self.holiday_calendar,
            host_calendar=self.host.holiday_calendar if self.host_id else "",
            venue=self.venue,
            venue_zone=self.venue_zone,
        )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.venue_zone)

    def is_over(self, today: date) -> bool:
        return self.end_on < today


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    MINISTERIAL = "ministerial", _("Ministerial / declaration")
    STEERING_GROUP = "steering_group", _("Steering group")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other")


class SessionManager(models.Manager):
    def get_by_natural_key(self, meeting_slug, code):
        return self.get(meeting__slug=meeting_slug, code=code)


class Session(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting")
    )
    code = models.SlugField(_("code"), max_length=60, help_text=_("e.g. plenary-1, dpsg, stsg"))
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    report_section = models.CharField(
        _("report section"),
        max_length=200,
        blank=True,
        help_text=_("The heading of the report that covers this session."),
    )

    objects = SessionManager()

    class Meta:
        ordering = ["meeting", "starts_at", "code"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "code"], name="session_code_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.short_label} · {self.name}"

    def natural_key(self) -> tuple[str, str]:
        return (self.meeting.slug, self.code)

    natural_key.dependencies = ["meetings.meeting"]

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    @property
    def local_date(self) -> date:
        """The session's calendar day at the venue (what "the 4 March session" means)."""
        return self.starts_at.astimezone(self.meeting.zone).date()


class ParticipantRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    CONVENOR = "convenor", _("Convenor")
    CHAIR = "chair", _("Chair")
    OBSERVER = "observer", _("Observer")
    STAFF = "staff", _("Secretariat / staff")


def head_of_delegation(user=None, *, via: str = "") -> models.Q:
    """The head-of-delegation test, in one place: a participant whose role is HEAD (and, with
    `user`, who is that user). `via` is the path to the participant from the rows filtered,
    e.g. "participants__" from meetings; one Q, so both conditions hold on the same row."""
    condition = models.Q(**{f"{via}role": ParticipantRole.HEAD})
    if user is not None:
        condition &= models.Q(**{f"{via}user": user})
    return condition


class ParticipantManager(models.Manager):
    def get_by_natural_key(self, meeting_slug, name):
        return self.get(meeting__slug=meeting_slug, name=name)


class Participant(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=150)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("organization"),
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.DELEGATE
    )
    role_detail = models.CharField(
        _("role detail"), max_length=150, blank=True, help_text=_("e.g. STSG convenor")
    )
    email = models.EmailField(_("email"), blank=True)

    objects = ParticipantManager()

    class Meta:
        ordering = ["meeting", "role", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="participant_name_unique"),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="participant_user_unique",
                condition=models.Q(user__isnull=False),
            ),
        ]
        indexes = [
            # The reminder sweep reads the heads of delegation of every meeting it touches
            # (escalations); without it, all participants of those meetings are read.
            models.Index(
                fields=["meeting"],
                name="participant_head",
                condition=models.Q(role="head", user__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        detail = self.role_detail or self.get_role_display()
        return f"{self.name} ({self.organization.abbreviation or self.organization.name}, {detail})"

    def natural_key(self) -> tuple[str, str]:
        return (self.meeting.slug, self.name)

    natural_key.dependencies = ["meetings.meeting", "meetings.organization", "accounts.user"]
