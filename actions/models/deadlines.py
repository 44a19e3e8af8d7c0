"""A deadline: a due moment several items share, a date (with its precision) or a rule
counting from a meeting's days, a session or another deadline. Writes live in
actions/deadline_services.py."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from actions.models.language import active_language
from followup_dates import dates
from meetings.models import Meeting, Organization, Session
from tracker.text import validate_single_line

# How a deadline is counted when it follows a rule ("10 working days after the meeting"): the
# fields the admin form groups under "Or a rule" and the write service re-plans on.
RULE_FIELDS = (
    "rule_amount",
    "rule_unit",
    "rule_direction",
    "rule_anchor",
    "anchor_session",
    "anchor_deadline",
    "calendar",
)
# What a person may change on a deadline (its date is changed by its own service).
EDITABLE_FIELDS = ("label", "key", "set_by", "zone", "mode", *RULE_FIELDS, "source_excerpt")


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Half-year")
    YEAR = "year", _("Year")


class DeadlineMode(models.TextChoices):
    ABSOLUTE = "absolute", _("A date")
    RELATIVE = "relative", _("Relative to something else")


class RuleUnit(models.TextChoices):
    DAYS = "days", _("calendar days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("calendar months")
    WORKING_DAYS = "working_days", _("working days")


class RuleDirection(models.TextChoices):
    AFTER = "after", _("after")
    BEFORE = "before", _("before")


class RuleAnchor(models.TextChoices):
    MEETING_START = "meeting_start", _("the meeting's first day")
    MEETING_END = "meeting_end", _("the meeting's last day")
    DELEGATION_RETURN = "delegation_return", _("the delegation's return")
    SESSION = "session", _("a session's day")
    DEADLINE = "deadline", _("another deadline")


class DeadlineQuerySet(models.QuerySet):
    def anchored_on_meeting(self, meeting: Meeting):
        return self.filter(
            mode=DeadlineMode.RELATIVE,
            rule_anchor__in=[RuleAnchor.MEETING_START, RuleAnchor.MEETING_END, RuleAnchor.DELEGATION_RETURN],
            meeting=meeting,
        )


class DeadlineManager(models.Manager.from_queryset(DeadlineQuerySet)):
    def get_by_natural_key(self, meeting_slug, key):
        return self.get(meeting__slug=meeting_slug, key=key)


class Deadline(models.Model):
    """A due moment several items can share: "13 March, ACS upload"."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="deadlines", verbose_name=_("meeting")
    )
    key = models.SlugField(_("key"), max_length=80)
    label = models.CharField(_("label"), max_length=300, validators=[validate_single_line])
    set_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines_set",
        verbose_name=_("set by"),
        help_text=_("The authority that set the deadline; its time zone decides when the day ends."),
    )
    zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("The day ends at 23:59:59 in this zone."),
    )
    mode = models.CharField(
        _("kind"), max_length=10, choices=DeadlineMode.choices, default=DeadlineMode.ABSOLUTE
    )
    # The due day: for month/quarter/year precision, the last day of that period.
    due_on = models.DateField(_("due day"))
    precision = models.CharField(
        _("precision"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    rule_amount = models.PositiveIntegerField(_("amount"), null=True, blank=True)
    rule_unit = models.CharField(_("unit"), max_length=15, choices=RuleUnit.choices, blank=True)
    rule_direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=RuleDirection.choices,
        blank=True,
        default=RuleDirection.AFTER,
    )
    rule_anchor = models.CharField(_("anchor"), max_length=20, choices=RuleAnchor.choices, blank=True)
    anchor_session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anchored_deadlines",
        verbose_name=_("anchor session"),
    )
    anchor_deadline = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependent_deadlines",
        verbose_name=_("anchor deadline"),
    )
    calendar = models.CharField(
        _("holiday calendar"),
        max_length=10,
        blank=True,
        help_text=_("Working-day calendar for working-day rules, e.g. TW, KR, SG."),
    )
    # A limit the rule may not pass when what it counts from moves (a follow-up template's
    # "no later than"): actions.deadline_services refuses such a move instead of following it.
    latest_on = models.DateField(_("no later than"), null=True, blank=True)
    # Computed from the fields above by actions.deadline_services; indexed for reminders and lists.
    due_at = models.DateTimeField(_("due at"), db_index=True)
    source_excerpt = models.TextField(_("source sentence"), blank=True)

    objects = DeadlineManager()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "key"], name="deadline_key_unique"),
            models.CheckConstraint(
                condition=models.Q(mode=DeadlineMode.ABSOLUTE)
                | (models.Q(rule_amount__isnull=False) & ~models.Q(rule_unit="") & ~models.Q(rule_anchor="")),
                name="relative_deadline_has_rule",
                violation_error_message=_("A relative deadline needs an amount, a unit and an anchor."),
            ),
        ]

    def __str__(self) -> str:
        # In menus of the Chinese admin too: the active language's words and date style.
        language = active_language()
        style = "roc" if language == "zh-hant" else "gregorian"
        return f"{self.label} ({self.due_display(style=style, language=language)})"

    def natural_key(self) -> tuple[str, str]:
        return (self.meeting.slug, self.key)

    natural_key.dependencies = ["meetings.meeting", "meetings.session"]

    @property
    def due(self) -> dates.DueDate:
        return dates.DueDate(on=self.due_on, precision=dates.Precision(self.precision))

    def set_due(self, due: dates.DueDate) -> None:
        """due_on, precision and due_at from `due`: the day ends in the deadline's own zone.
        Every write of a due date goes through here."""
        self.due_on = due.on
        self.precision = due.precision.value
        self.due_at = dates.due_at(due, self.zone)

    def snapshot(self, *, zone: bool = True, local: bool = False) -> dict[str, str]:
        """The due moment as the activity log and webhooks keep it: `zone` adds the
        deadline's zone, `local` gives the instant at that zone's offset instead of UTC."""
        at = self.due_at_for(self.zone) if local else self.due_at
        shown = {"on": self.due_on.isoformat(), "precision": self.precision, "at": at.isoformat()}
        if zone:
            shown["zone"] = self.zone
        return shown

    def due_at_for(self, zone: str) -> datetime:
        """The due instant seen from `zone` (the stored instant never changes with the reader)."""
        return self.due_at.astimezone(dates.validate_zone(zone))

    def due_display(self, *, style: str = "gregorian", language: str = "en") -> str:
        return dates.format_due_date(self.due, style=style, language=language)

    @property
    def is_relative(self) -> bool:
        return self.mode == DeadlineMode.RELATIVE

    def anchor_on(self) -> date:
        """The day a relative rule counts from."""
        if self.rule_anchor == RuleAnchor.MEETING_START:
            return self.meeting.start_on
        if self.rule_anchor == RuleAnchor.MEETING_END:
            return self.meeting.end_on
        if self.rule_anchor == RuleAnchor.DELEGATION_RETURN:
            return self.meeting.return_day
        if self.rule_anchor == RuleAnchor.SESSION and self.anchor_session is not None:
            return self.anchor_session.local_date
        if self.rule_anchor == RuleAnchor.DEADLINE and self.anchor_deadline is not None:
            return self.anchor_deadline.due_on
        raise dates.DateInputError(
            _("A relative deadline needs its anchor (a session or another deadline)."),
            code="anchor_missing",
        )

    @staticmethod
    def default_zone(*, meeting: Meeting | None, set_by: Organization | None) -> str:
        """The zone a deadline ends in when nobody says: its setter's, else the venue's."""
        if set_by is not None and set_by.time_zone:
            return set_by.time_zone
        if meeting is not None:
            return meeting.venue_zone
        return ""

    def normalise_rule(self) -> None:
        """Drop rule parts that the chosen mode and anchor do not use."""
        if not self.is_relative:
            self.rule_amount, self.rule_unit, self.rule_anchor = None, "", ""
            self.anchor_session, self.anchor_deadline = None, None
            return
        if self.rule_anchor != RuleAnchor.SESSION:
            self.anchor_session = None
        if self.rule_anchor != RuleAnchor.DEADLINE:
            self.anchor_deadline = None
        if not self.rule_direction:
            self.rule_direction = RuleDirection.AFTER
        # "20 working days after the meeting" counts on the meeting's calendar unless told
        # (the meeting's own, else its host's, else its venue's: Meeting.working_day_calendar).
        if self.rule_unit == RuleUnit.WORKING_DAYS and not self.calendar and self.meeting_id:
            self.calendar = self.meeting.working_day_calendar()[0] or ""

    def anchor_chain_reaches(self, target_pk: int | None) -> bool:
        """Does following anchors from this deadline's anchor lead back to `target_pk`?"""
        if target_pk is None:
            return False
        seen: set[int] = set()
        current = self.anchor_deadline_id if self.rule_anchor == RuleAnchor.DEADLINE else None
        while current is not None and current not in seen:
            if current == target_pk:
                return True
            seen.add(current)
            current = (
                Deadline.objects.filter(
                    pk=current, mode=DeadlineMode.RELATIVE, rule_anchor=RuleAnchor.DEADLINE
                )
                .values_list("anchor_deadline_id", flat=True)
                .first()
            )
        return False

    def clean(self) -> None:
        """Check the rule as a whole; every message names the field to fix."""
        self.normalise_rule()
        errors: dict[str, ValidationError] = {}
        if self.calendar:
            try:
                self.calendar = dates.validate_calendar(self.calendar)
            except dates.DateInputError as error:
                errors["calendar"] = ValidationError(error.message, code=error.code)
        if self.is_relative:
            errors.update(self._rule_errors(calendar_ok="calendar" not in errors))
        if errors:
            raise ValidationError(errors)

    def _rule_errors(self, *, calendar_ok: bool) -> dict[str, ValidationError]:
        errors: dict[str, ValidationError] = {}
        if self.rule_amount is None:
            errors["rule_amount"] = ValidationError(
                _("A relative deadline needs an amount (how many days or weeks)."), code="amount_missing"
            )
        if not self.rule_unit:
            errors["rule_unit"] = ValidationError(_("A relative deadline needs a unit."), code="unit_missing")
        if not self.rule_anchor:
            errors["rule_anchor"] = ValidationError(
                _("A relative deadline needs something to count from."), code="anchor_missing"
            )
        elif self.rule_anchor == RuleAnchor.SESSION:
            if self.anchor_session_id is None:
                errors["anchor_session"] = ValidationError(
                    _("Choose the session this deadline counts from."), code="anchor_missing"
                )
            elif self.meeting_id and self.anchor_session.meeting_id != self.meeting_id:
                errors["anchor_session"] = ValidationError(
                    _("The session must belong to this deadline's meeting."), code="anchor_elsewhere"
                )
        elif self.rule_anchor == RuleAnchor.DEADLINE:
            if self.anchor_deadline_id is None:
                errors["anchor_deadline"] = ValidationError(
                    _("Choose the deadline this deadline counts from."), code="anchor_missing"
                )
            elif self.pk is not None and (
                self.anchor_deadline_id == self.pk or self.anchor_chain_reaches(self.pk)
            ):
                errors["anchor_deadline"] = ValidationError(
                    _(
                        "“%(label)s” already counts from this deadline (directly or through "
                        "others): deadlines cannot count from each other in a circle."
                    ),
                    code="anchor_cycle",
                    params={"label": self.anchor_deadline.label},
                )
        if self.rule_unit == RuleUnit.WORKING_DAYS and not self.calendar and calendar_ok:
            errors["calendar"] = ValidationError(
                _("Counting working days needs a holiday calendar, for example TW, KR or SG."),
                code="calendar_required",
            )
        if not errors and calendar_ok and self.meeting_id:
            try:
                self.resolved_due()
            except dates.DateInputError as error:
                errors["rule_amount"] = ValidationError(error.message, code=error.code)
            except (OverflowError, ValueError):
                errors["rule_amount"] = ValidationError(
                    _("This rule gives a date outside the range this tracker handles."), code="out_of_range"
                )
        return errors

    def resolved_due(self) -> dates.DueDate:
        """The due date the rule gives now (absolute deadlines: the stored one)."""
        if not self.is_relative:
            return self.due
        sign = -1 if self.rule_direction == RuleDirection.BEFORE else 1
        day = dates.shift_date(
            self.anchor_on(),
            sign * (self.rule_amount or 0),
            dates.Unit(self.rule_unit),
            calendar=self.calendar or None,
        )
        return dates.DueDate.day(day)
