"""Deadlines, action items and their activity log. Writes live in actions/services.py."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from followup_dates import dates
from meetings.models import Meeting, Organization, Session
from tracker.text import validate_single_line


def _active_language() -> str:
    """ "zh-hant" or "en": how a row names itself where only str() is called (menus, logs)."""
    return "zh-hant" if (translation.get_language() or "").lower().startswith("zh") else "en"


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
        language = _active_language()
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


class ItemKind(models.TextChoices):
    OUR_TASK = "our_task", _("Our task")
    EXTERNAL = "external_commitment", _("Another party's commitment we track")
    EVENT = "event", _("Event or milestone to prepare for")
    RECOMMENDATION = "recommendation", _("Recommendation of the trip report (心得與建議)")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.DONE, Status.DROPPED)


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def due_before(self, moment: datetime):
        return self.filter(deadline__due_at__lt=moment)

    def due_between(self, start: datetime, end: datetime):
        return self.filter(deadline__due_at__gte=start, deadline__due_at__lt=end)

    def overdue(self, now: datetime):
        return self.open().due_before(now)

    def with_related(self):
        return self.select_related(
            "meeting", "session", "responsible", "owner", "deadline", "deadline__set_by"
        )


class ActionItemManager(models.Manager.from_queryset(ActionItemQuerySet)):
    def get_by_natural_key(self, meeting_slug, number):
        return self.get(meeting__slug=meeting_slug, number=number)


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("meeting")
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("Numbered within the meeting."))
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    title_en = models.CharField(
        _("English title"), max_length=300, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(_("description"), blank=True)
    source_excerpt = models.TextField(
        _("source sentence"), blank=True, help_text=_("The sentence of the report it comes from.")
    )
    source_section = models.CharField(_("report section"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=25, choices=ItemKind.choices)
    responsible = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible organization"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_items",
        verbose_name=_("owner"),
    )
    watchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="watched_items",
        verbose_name=_("watchers"),
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("deadline"),
    )
    # Events span days (TEL 71: 29 Jul – 4 Aug); the deadline is the first day.
    ends_on = models.DateField(_("event ends"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completion_note = models.TextField(_("completion note"), blank=True)
    reminder_policy = models.ForeignKey(
        "reminders.ReminderPolicy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("reminder policy"),
        help_text=_("Overrides the meeting's and the default policy for this item."),
    )
    # The earliest instant the reminder sweep must look at this item; maintained by
    # reminders.scheduling.item_reschedule and the sweep. Null: nothing left to send.
    next_reminder_at = models.DateTimeField(_("next reminder"), null=True, blank=True, editable=False)
    # Set by the report import: re-importing the same report finds the item instead of adding it.
    import_key = models.CharField(_("import key"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionItemManager()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(completed_at__isnull=False),
                name="done_item_has_completion_time",
            ),
            models.UniqueConstraint(
                fields=["meeting", "import_key"],
                name="item_import_key_unique",
                condition=~models.Q(import_key=""),
                violation_error_message=_("This follow-up was already imported from the report."),
            ),
        ]
        indexes = [
            # Someone's open items in the meetings they see: owner and status, then meeting,
            # so the per-meeting probe of a visibility join is an exact index scan.
            models.Index(
                fields=["owner", "status", "meeting"],
                name="item_open_owner_meeting",
                condition=models.Q(status__in=["open", "in_progress"]),
            ),
            models.Index(
                fields=["next_reminder_at"],
                name="item_reminder_due",
                condition=models.Q(status__in=["open", "in_progress"], next_reminder_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.short_label} #{self.number} {self.title}"

    def natural_key(self) -> tuple[str, int]:
        return (self.meeting.slug, self.number)

    natural_key.dependencies = ["meetings.meeting", "actions.deadline", "accounts.user"]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, now: datetime) -> bool:
        return self.is_open and self.deadline is not None and self.deadline.due_at < now


class ActivityVerb(models.TextChoices):
    CREATED = "created", _("created")
    EDITED = "edited", _("edited")
    STATUS = "status", _("status changed")
    REASSIGNED = "reassigned", _("reassigned")
    DEADLINE_MOVED = "deadline_moved", _("deadline moved")
    COMMENT = "comment", _("comment")
    EVIDENCE = "evidence", _("evidence attached")
    IMPORTED = "imported", _("imported from the report")
    CARRIED = "carried", _("carried to the next meeting")
    ADOPTION = "adoption", _("adoption status changed")


class Activity(models.Model):
    """The item's log: who changed what, when, and why. Comments are activities too."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="activities", verbose_name=_("item")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    verb = models.CharField(_("what"), max_length=20, choices=ActivityVerb.choices)
    # Free text: a comment's body, or the reason given for a change.
    text = models.TextField(_("text"), blank=True)
    # What changed, as plain values (ISO dates, user names): rendered in the reader's language.
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")

    def __str__(self) -> str:
        language = _active_language()
        return self.describe(style="roc" if language == "zh-hant" else "gregorian", language=language)

    def describe(self, *, style: str = "gregorian", language: str = "en") -> str:
        """One line for the log, in the reader's language and date style."""
        with translation.override(language):
            return str(self._describe(style=style, language=language))

    def _describe(self, *, style: str, language: str) -> str:
        data = self.data or {}

        def due_text(value: dict | None, *, with_zone: bool = False) -> str:
            if not value:
                return str(_("no deadline"))
            due_date = dates.DueDate(
                on=date.fromisoformat(value["on"]), precision=dates.Precision(value["precision"])
            )
            text = dates.format_due_date(due_date, style=style, language=language)
            if with_zone and value.get("zone"):
                return f"{text} ({value['zone']})"
            return text

        def due(key: str) -> str:
            old, new = data.get("from"), data.get("to")
            # Same day, another zone: only the zone tells the two apart.
            same_day = bool(old and new and (old["on"], old["precision"]) == (new["on"], new["precision"]))
            return due_text(data.get(key), with_zone=same_day)

        def day(value: str | None) -> str:
            if not value:
                return "—"
            return dates.format_date(date.fromisoformat(value), style=style, language=language)

        if self.verb == ActivityVerb.STATUS:
            line = _("status changed from %(old)s to %(new)s") % {
                "old": Status(data["from"]).label if data.get("from") else "—",
                "new": Status(data["to"]).label if data.get("to") else "—",
            }
        elif self.verb == ActivityVerb.REASSIGNED:
            line = _("reassigned from %(old)s to %(new)s") % {
                "old": data.get("from") or _("nobody"),
                "new": data.get("to") or _("nobody"),
            }
        elif self.verb == ActivityVerb.DEADLINE_MOVED:
            line = _("due moved from %(old)s to %(new)s") % {"old": due("from"), "new": due("to")}
        elif self.verb == ActivityVerb.EDITED:
            line = _("edited: %(fields)s") % {"fields": ", ".join(data.get("fields", []))}
        elif self.verb == ActivityVerb.ADOPTION and data.get("to"):
            line = _("adoption status changed from %(old)s to %(new)s") % {
                "old": data.get("from_label") or "—",
                "new": data.get("to_label"),
            }
        elif self.verb == ActivityVerb.CARRIED and data.get("to"):
            line = _("carried to %(meeting)s") % {"meeting": data["to"]}
        elif self.verb == ActivityVerb.EVIDENCE and (data.get("name") or data.get("url")):
            line = _("evidence attached: %(name)s") % {"name": data.get("name") or data.get("url")}
        else:
            line = str(self.get_verb_display())
        reasons = [self._cause_text(data.get("cause"), day=day, due_text=due_text)]
        if self.verb != ActivityVerb.COMMENT:
            reasons.append(self.text)
        reason = "; ".join(str(part) for part in reasons if part)
        if reason:
            return _("%(line)s because %(reason)s") % {"line": line, "reason": reason}
        if self.verb == ActivityVerb.COMMENT:
            return self.text
        return str(line)

    @staticmethod
    def _cause_text(cause: dict | None, *, day, due_text) -> str:
        """Why a deadline moved by itself: the thing it counts from moved."""
        if not cause:
            return ""
        kind = cause.get("kind")
        if kind == "meeting_start":
            return _("the first day of %(meeting)s moved from %(old)s to %(new)s") % {
                "meeting": cause.get("meeting"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "meeting_end":
            return _("the last day of %(meeting)s moved from %(old)s to %(new)s") % {
                "meeting": cause.get("meeting"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "delegation_return":
            return _("the delegation's return from %(meeting)s moved from %(old)s to %(new)s") % {
                "meeting": cause.get("meeting"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "session":
            return _("the session “%(session)s” moved from %(old)s to %(new)s") % {
                "session": cause.get("session"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "deadline":
            return _("the deadline “%(label)s” it counts from moved from %(old)s to %(new)s") % {
                "label": cause.get("label"),
                "old": due_text(cause.get("from")),
                "new": due_text(cause.get("to")),
            }
        if kind == "rule":
            return _("its rule changed")
        if kind == "meeting":
            return _("%(meeting)s was edited") % {"meeting": cause.get("meeting")}
        return ""


class Evidence(models.Model):
    """Proof that an item was done: an uploaded file or a link, with a note."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"))

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="evidence_has_file_or_url",
                violation_error_message=_("Evidence needs a file or a link."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.url
