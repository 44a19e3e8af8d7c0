"""Follow-up templates of a meeting series, and open items carried to the next meeting.

Writes live in followups/services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models import ActionItem, ItemKind, RuleDirection, RuleUnit
from followup_dates import dates
from followups import rules
from meetings.models import Meeting, MeetingSeries, Organization, ParticipantRole
from tracker.text import validate_single_line

TEMPLATE_RULE_REFUSED = _("This rule gives no date for %(meeting)s: %(reason)s")


class TemplateAnchor(models.TextChoices):
    MEETING_START = "meeting_start", _("the meeting's first day")
    MEETING_END = "meeting_end", _("the meeting's last day")
    DELEGATION_RETURN = "delegation_return", _("the delegation's return")


class FollowUpTemplateQuerySet(models.QuerySet):
    def for_series(self, series: MeetingSeries | None):
        """The series' own templates, then the defaults for all meetings (same key: the
        series' wins)."""
        return self.filter(active=True).filter(
            models.Q(series=series) | models.Q(series__isnull=True)
            if series is not None
            else models.Q(series__isnull=True)
        )


class FollowUpTemplateManager(models.Manager.from_queryset(FollowUpTemplateQuerySet)):
    def get_by_natural_key(self, series_code, key):
        if series_code is None:
            return self.get(series__isnull=True, key=key)
        return self.get(series__code=series_code, key=key)


class FollowUpTemplate(models.Model):
    """A follow-up that comes back at every meeting of a series (or of every series)."""

    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_up_templates",
        verbose_name=_("meeting series"),
        help_text=_("Empty: a default proposed for every meeting."),
    )
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Stable identifier within the series, e.g. trip-report.")
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    title_en = models.CharField(
        _("English title"), max_length=300, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=25, choices=ItemKind.choices, default=ItemKind.OUR_TASK)
    responsible = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_templates",
        verbose_name=_("responsible organization"),
    )
    set_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
        help_text=_(
            "The authority that sets the deadline; its time zone decides when the day "
            "ends (empty: the responsible organization's, else the venue's)."
        ),
    )
    owner_role = models.CharField(
        _("default owner role"),
        max_length=20,
        choices=ParticipantRole.choices,
        blank=True,
        help_text=_(
            "The item goes to the meeting's participant in this role (of the "
            "responsible organization, when one is set)."
        ),
    )
    rule_amount = models.PositiveIntegerField(_("amount"))
    rule_unit = models.CharField(_("unit"), max_length=15, choices=RuleUnit.choices)
    rule_direction = models.CharField(
        _("direction"), max_length=10, choices=RuleDirection.choices, default=RuleDirection.AFTER
    )
    rule_anchor = models.CharField(_("counts from"), max_length=20, choices=TemplateAnchor.choices)
    calendar = models.CharField(
        _("holiday calendar"),
        max_length=10,
        blank=True,
        help_text=_("Working-day calendar; empty: the host's (the meeting's)."),
    )
    # "No later than": the deadline may follow the meeting, but not past this many days
    # after the day first resolved (a fixed date once the item is proposed).
    limit_days = models.PositiveIntegerField(
        _("may move at most (days)"),
        null=True,
        blank=True,
        help_text=_(
            "A meeting move that would push the deadline more than this many days "
            "past the first proposed date is refused. Empty: no limit."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = FollowUpTemplateManager()

    class Meta:
        ordering = ["series", "order", "key"]
        verbose_name = _("follow-up template")
        verbose_name_plural = _("follow-up templates")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "key"], name="template_key_unique", condition=models.Q(series__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["key"], name="default_template_key_unique", condition=models.Q(series__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str | None, str]:
        return (self.series.code if self.series_id else None, self.key)

    natural_key.dependencies = ["meetings.meetingseries", "meetings.organization"]

    @property
    def rule(self) -> rules.Rule:
        return rules.Rule(
            amount=self.rule_amount,
            unit=self.rule_unit,
            direction=self.rule_direction,
            anchor=self.rule_anchor,
            calendar=self.calendar,
        )

    def clean(self) -> None:
        if self.calendar:
            try:
                self.calendar = dates.validate_calendar(self.calendar)
            except dates.DateInputError as error:
                raise ValidationError(
                    {"calendar": ValidationError(error.message, code=error.code)}
                ) from error
        if (
            self.rule_unit == RuleUnit.WORKING_DAYS
            and not self.calendar
            and self.series is not None
            and not self.series.holiday_calendar
        ):
            raise ValidationError(
                {
                    "calendar": ValidationError(
                        _(
                            "Counting working days needs a holiday calendar, for example TW, KR or SG "
                            "(here or the series' usual host calendar)."
                        ),
                        code="calendar_required",
                    )
                }
            )
        # Try the rule on the series' latest meeting: a rule that cannot give a date there
        # is refused now, not when the next meeting is created.
        latest = (
            self.series.meetings.order_by("-start_on").first()
            if self.series_id and self.rule_amount is not None and self.rule_unit and self.rule_anchor
            else None
        )
        if latest is not None:
            days = rules.MeetingDays(
                start_on=latest.start_on,
                end_on=latest.end_on,
                returns_on=latest.returns_on,
                calendar=latest.holiday_calendar or self.series.holiday_calendar,
            )
            try:
                rules.resolve(self.rule, days)
            except rules.RuleError as error:
                raise ValidationError(
                    {
                        "rule_amount": ValidationError(
                            TEMPLATE_RULE_REFUSED,
                            code=error.code,
                            params={"meeting": latest.short_label, "reason": error.message},
                        )
                    }
                ) from error


class CarriedItem(models.Model):
    """An open item of one meeting that is to be dealt with at the next one of its series.

    Marked first (`to_meeting` empty until the next meeting exists and staff carry it);
    the item stays where it is, with its whole history: this row is the link both ways.
    """

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="carried", verbose_name=_("item")
    )
    from_meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="carried_out", verbose_name=_("from meeting")
    )
    to_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carried_in",
        verbose_name=_("to meeting"),
    )
    note = models.TextField(_("note"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked"))
    carried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried by"),
    )
    carried_at = models.DateTimeField(_("carried"), null=True, blank=True)

    class Meta:
        ordering = ["from_meeting", "item__number"]
        verbose_name = _("item for the next meeting")
        verbose_name_plural = _("items for the next meeting")
        constraints = [
            models.UniqueConstraint(fields=["item", "from_meeting"], name="carried_item_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return str(self.item)

    @property
    def is_carried(self) -> bool:
        return self.to_meeting_id is not None


class ProposedFollowUp(models.Model):
    """Which template an item of a meeting came from (re-proposing finds it, not a twin)."""

    template = models.ForeignKey(
        FollowUpTemplate, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("template")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="template_proposals", verbose_name=_("meeting")
    )
    item = models.OneToOneField(
        ActionItem, on_delete=models.CASCADE, related_name="from_template", verbose_name=_("item")
    )

    class Meta:
        verbose_name = _("proposed follow-up")
        verbose_name_plural = _("proposed follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "meeting"], name="template_proposed_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return str(self.item)


class AdoptionStatus(models.TextChoices):
    PENDING = "pending", _("Not yet decided")
    ADOPTED = "adopted", _("Adopted")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class Recommendation(models.Model):
    """A recommendation of a trip report's 心得與建議, tracked until adopted (or not).

    The item (kind "recommendation") carries owner, responsible agency and history; this
    row carries the adoption status that the half-yearly 建議事項採行情形追蹤表 reports.
    """

    item = models.OneToOneField(
        ActionItem, on_delete=models.CASCADE, related_name="recommendation", verbose_name=_("item")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("number in the report"))
    status = models.CharField(
        _("adoption status"), max_length=15, choices=AdoptionStatus.choices, default=AdoptionStatus.PENDING
    )
    reason = models.TextField(_("reason or progress"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"))

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="recommendation_position_unique"),
        ]

    def __str__(self) -> str:
        return str(self.item)


class AdoptionUpdate(models.Model):
    """One change of a recommendation's adoption status (the half-yearly table reads the
    last one before each half ends)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates", verbose_name=_("recommendation")
    )
    status = models.CharField(_("adoption status"), max_length=15, choices=AdoptionStatus.choices)
    reason = models.TextField(_("reason or progress"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["recommendation", "at", "id"]
        verbose_name = _("adoption update")
        verbose_name_plural = _("adoption updates")

    def __str__(self) -> str:
        return f"{self.recommendation} → {self.get_status_display()}"
