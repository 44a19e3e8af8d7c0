"""An action item: what someone must do (or watch) after a meeting, its kind, status and
priority. Writes live in actions/services.py."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models.deadlines import Deadline
from meetings.models import Meeting, Organization, Session
from tracker.text import validate_single_line

# What a search of items looks in, in the admin and the API alike.
ITEM_SEARCH_FIELDS = (
    "title",
    "description",
    "source_excerpt",
    "owner__full_name",
    "owner__username",
    "responsible__name",
    "responsible__abbreviation",
)


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
