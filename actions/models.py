"""Deadlines, action items and their activity log. Writes live in actions/services.py."""

import uuid
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from actions import reminders
from meetings.models import Meeting, Organization, Session
from tracker import dates


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class DeadlineMode(models.TextChoices):
    ABSOLUTE = "absolute", _("A date")
    RELATIVE = "relative", _("Relative to something else")


class RuleUnit(models.TextChoices):
    DAYS = "days", _("calendar days")
    WEEKS = "weeks", _("weeks")
    WORKING_DAYS = "working_days", _("working days")


class RuleDirection(models.TextChoices):
    AFTER = "after", _("after")
    BEFORE = "before", _("before")


class RuleAnchor(models.TextChoices):
    MEETING_START = "meeting_start", _("the meeting's first day")
    MEETING_END = "meeting_end", _("the meeting's last day")
    SESSION = "session", _("a session's day")
    DEADLINE = "deadline", _("another deadline")


class DeadlineQuerySet(models.QuerySet):
    def anchored_on_meeting(self, meeting: Meeting):
        return self.filter(
            mode=DeadlineMode.RELATIVE,
            rule_anchor__in=[RuleAnchor.MEETING_START, RuleAnchor.MEETING_END],
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
    label = models.CharField(_("label"), max_length=300)
    set_by = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="deadlines_set", verbose_name=_("set by"),
        help_text=_("The authority that set the deadline; its time zone decides when the day ends."),
    )
    zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone],
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
    rule_unit = models.CharField(
        _("unit"), max_length=15, choices=RuleUnit.choices, blank=True
    )
    rule_direction = models.CharField(
        _("direction"), max_length=10, choices=RuleDirection.choices, blank=True,
        default=RuleDirection.AFTER,
    )
    rule_anchor = models.CharField(
        _("anchor"), max_length=20, choices=RuleAnchor.choices, blank=True
    )
    anchor_session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True,
        related_name="anchored_deadlines", verbose_name=_("anchor session"),
    )
    anchor_deadline = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True,
        related_name="dependent_deadlines", verbose_name=_("anchor deadline"),
    )
    calendar = models.CharField(
        _("holiday calendar"), max_length=10, blank=True,
        help_text=_("Working-day calendar for working-day rules, e.g. TW, KR, SG."),
    )
    # Computed from the fields above by actions.services; indexed for reminders and lists.
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
                | (
                    models.Q(rule_amount__isnull=False)
                    & ~models.Q(rule_unit="")
                    & ~models.Q(rule_anchor="")
                ),
                name="relative_deadline_has_rule",
                violation_error_message=_("A relative deadline needs an amount, a unit and an anchor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.due_display()})"

    def natural_key(self) -> tuple[str, str]:
        return (self.meeting.slug, self.key)

    natural_key.dependencies = ["meetings.meeting", "meetings.session"]

    @property
    def due(self) -> dates.DueDate:
        return dates.DueDate(on=self.due_on, precision=dates.Precision(self.precision))

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
        if self.rule_anchor == RuleAnchor.SESSION and self.anchor_session is not None:
            return self.anchor_session.local_date
        if self.rule_anchor == RuleAnchor.DEADLINE and self.anchor_deadline is not None:
            return self.anchor_deadline.due_on
        raise dates.DateInputError(
            _("A relative deadline needs its anchor (a session or another deadline)."),
            code="anchor_missing",
        )

    def resolved_due(self) -> dates.DueDate:
        """The due date the rule gives now (absolute deadlines: the stored one)."""
        if not self.is_relative:
            return self.due
        sign = -1 if self.rule_direction == RuleDirection.BEFORE else 1
        day = dates.shift_date(
            self.anchor_on(), sign * (self.rule_amount or 0), dates.Unit(self.rule_unit),
            calendar=self.calendar or None,
        )
        return dates.DueDate.day(day)


class ItemKind(models.TextChoices):
    OUR_TASK = "our_task", _("Our task")
    EXTERNAL = "external_commitment", _("Another party's commitment we track")
    EVENT = "event", _("Event or milestone to prepare for")


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
        Session, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="action_items", verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source_excerpt = models.TextField(
        _("source sentence"), blank=True, help_text=_("The sentence of the report it comes from.")
    )
    source_section = models.CharField(_("report section"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=25, choices=ItemKind.choices)
    responsible = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="action_items", verbose_name=_("responsible organization"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="owned_items", verbose_name=_("owner"),
    )
    watchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="watched_items",
        verbose_name=_("watchers"),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.OPEN
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    deadline = models.ForeignKey(
        Deadline, on_delete=models.PROTECT, null=True, blank=True,
        related_name="items", verbose_name=_("deadline"),
    )
    # Events span days (TEL 71: 29 Jul – 4 Aug); the deadline is the first day.
    ends_on = models.DateField(_("event ends"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("completed by"),
    )
    completion_note = models.TextField(_("completion note"), blank=True)
    reminder_policy = models.ForeignKey(
        "ReminderPolicy", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="items", verbose_name=_("reminder policy"),
        help_text=_("Overrides the meeting's and the default policy for this item."),
    )
    # The earliest instant the reminder sweep must look at this item; maintained by
    # actions.services.item_reschedule and the sweep. Null: nothing left to send.
    next_reminder_at = models.DateTimeField(_("next reminder"), null=True, blank=True,
                                            editable=False)
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
        ]
        indexes = [
            models.Index(
                fields=["owner", "status"], name="item_open_by_owner",
                condition=models.Q(status__in=["open", "in_progress"]),
            ),
            models.Index(
                fields=["next_reminder_at"], name="item_reminder_due",
                condition=models.Q(status__in=["open", "in_progress"],
                                   next_reminder_at__isnull=False),
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


class Activity(models.Model):
    """The item's log: who changed what, when, and why. Comments are activities too."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="activities", verbose_name=_("item")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
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
        return self.describe()

    def describe(self, *, style: str = "gregorian", language: str = "en") -> str:
        """One line for the log, in the reader's language and date style."""
        data = self.data or {}

        def due(key: str) -> str:
            value = data.get(key)
            if not value:
                return _("no deadline")
            due_date = dates.DueDate(
                on=date.fromisoformat(value["on"]), precision=dates.Precision(value["precision"])
            )
            return dates.format_due_date(due_date, style=style, language=language)

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
        else:
            line = str(self.get_verb_display())
        if self.text and self.verb != ActivityVerb.COMMENT:
            return _("%(line)s because %(reason)s") % {"line": line, "reason": self.text}
        if self.verb == ActivityVerb.COMMENT:
            return self.text
        return str(line)


class ReminderPolicy(models.Model):
    """When to remind: the default (is_default) or one meeting's, or one item's via ActionItem."""

    name = models.CharField(_("name"), max_length=120)
    is_default = models.BooleanField(
        _("default policy"), default=False,
        help_text=_("Used for items whose meeting and item name no policy of their own."),
    )
    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, null=True, blank=True,
        related_name="reminder_policy", verbose_name=_("meeting"),
        help_text=_("The items of this meeting follow it unless an item names another."),
    )
    days_before = models.JSONField(
        _("days before"), default=list, blank=True,
        help_text=_("Remind this many days before the due day, e.g. [7, 3, 1]."),
    )
    on_due_day = models.BooleanField(_("on the due day"), default=True)
    overdue_every_days = models.PositiveSmallIntegerField(
        _("overdue: repeat every N days"), default=2, help_text=_("0 = no overdue reminders.")
    )
    overdue_max_days = models.PositiveSmallIntegerField(
        _("overdue: stop after N days"), default=30
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate after N days overdue"), null=True, blank=True, default=3,
        help_text=_("To the head of delegation and the responsible body's focal point. "
                    "Empty = never escalate."),
    )
    send_hour = models.PositiveSmallIntegerField(
        _("send at (local hour)"), default=9,
        help_text=_("Hour of the day in each recipient's own time zone."),
    )
    quiet_after_hour = models.PositiveSmallIntegerField(
        _("no mail from (local hour)"), default=21,
        help_text=_("A late catch-up waits for the next morning instead of arriving at night."),
    )

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True),
                name="one_default_reminder_policy",
                violation_error_message=_("There is already a default policy."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def to_policy(self) -> "reminders.Policy":
        """The planner's value for this row (raises ValueError when the values do not fit)."""
        return reminders.Policy(
            days_before=tuple(int(day) for day in (self.days_before or [])),
            on_due_day=self.on_due_day,
            overdue_every_days=self.overdue_every_days,
            overdue_max_days=self.overdue_max_days,
            escalate_after_days=self.escalate_after_days,
            send_hour=self.send_hour,
            quiet_after_hour=self.quiet_after_hour,
        )

    def clean(self) -> None:
        if not isinstance(self.days_before, list) or not all(
            isinstance(day, int) and not isinstance(day, bool) for day in self.days_before
        ):
            raise ValidationError({"days_before": _("Give a list of whole days, e.g. [7, 3, 1].")})
        try:
            self.to_policy()
        except ValueError as error:
            raise ValidationError(str(error)) from error


class ReminderState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
    CANCELLED = "cancelled", _("Cancelled")


UNSENT_STATES = (ReminderState.PENDING, ReminderState.FAILED)


class ReminderRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    WATCHER = "watcher", _("Watcher")
    ESCALATION = "escalation", _("Escalation")


def _new_message_id() -> str:
    return f"<reminder-{uuid.uuid4().hex}@tracker>"


class Reminder(models.Model):
    """The outbox: one row per (item, recipient, slot, due instant). Written by the sweep."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("item")
    )
    # "user:<id>" or "email:<address>": one non-null column, so the unique key holds.
    recipient_key = models.CharField(_("recipient key"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="reminders", verbose_name=_("recipient"),
    )
    recipient_email = models.EmailField(
        _("recipient email"), blank=True,
        help_text=_("For recipients without an account (a focal point)."),
    )
    role = models.CharField(_("role"), max_length=15, choices=ReminderRole.choices)
    slot_key = models.CharField(_("slot"), max_length=60)
    slot_kind = models.CharField(_("kind"), max_length=15)
    slot_days = models.SmallIntegerField(_("days from due"))
    optional = models.BooleanField(_("optional"), default=False)
    # The deadline's instant when the row was written: a moved deadline gives new keys.
    due_at = models.DateTimeField(_("due at (snapshot)"))
    send_at = models.DateTimeField(_("send at"), db_index=True)
    state = models.CharField(
        _("state"), max_length=12, choices=ReminderState.choices, default=ReminderState.PENDING
    )
    # When the sweep may queue it (again): set forward whenever it is queued.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    message_id = models.CharField(
        _("Message-ID"), max_length=120, unique=True, default=_new_message_id, editable=False
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-send_at", "id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "recipient_key", "slot_key", "due_at"], name="reminder_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="reminder_pending",
                condition=models.Q(state="pending"),
            ),
            models.Index(
                fields=["claimed_at"], name="reminder_sending",
                condition=models.Q(state="sending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot_key} → {self.recipient_address} ({self.get_state_display()})"

    @property
    def recipient_address(self) -> str:
        return self.user.email if self.user_id else self.recipient_email
