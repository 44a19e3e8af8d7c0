"""The reminders' own records: the policies (when to remind), the outbox (one row per reminder
owed, written by the sweep) and every message the reply receiver got, and what became of it.

ReminderPolicy and Reminder moved here from actions/ with their tables (migration 0002)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models import ActionItem
from followup_dates import reminder_plan
from meetings.models import Meeting


class ReminderPolicy(models.Model):
    """When to remind: the default (is_default) or one meeting's, or one item's via ActionItem."""

    name = models.CharField(_("name"), max_length=120)
    is_default = models.BooleanField(
        _("default policy"),
        default=False,
        help_text=_("Used for items whose meeting and item name no policy of their own."),
    )
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_policy",
        verbose_name=_("meeting"),
        help_text=_("The items of this meeting follow it unless an item names another."),
    )
    days_before = models.JSONField(
        _("days before"),
        default=list,
        blank=True,
        help_text=_("Remind this many days before the due day, e.g. [7, 3, 1]."),
    )
    on_due_day = models.BooleanField(_("on the due day"), default=True)
    overdue_every_days = models.PositiveSmallIntegerField(
        _("overdue: repeat every N days"), default=2, help_text=_("0 = no overdue reminders.")
    )
    overdue_max_days = models.PositiveSmallIntegerField(_("overdue: stop after N days"), default=30)
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate after N days overdue"),
        null=True,
        blank=True,
        default=3,
        help_text=_(
            "To the head of delegation and the responsible body's focal point. Empty = never escalate."
        ),
    )
    send_hour = models.PositiveSmallIntegerField(
        _("send at (local hour)"),
        default=9,
        help_text=_("Hour of the day in each recipient's own time zone."),
    )
    quiet_after_hour = models.PositiveSmallIntegerField(
        _("no mail from (local hour)"),
        default=21,
        help_text=_("A late catch-up waits for the next morning instead of arriving at night."),
    )

    class Meta:
        db_table = "actions_reminderpolicy"  # the table it had in actions/, kept so no row moves
        ordering = ["-is_default", "name"]
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_reminder_policy",
                violation_error_message=_("There is already a default policy."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def to_policy(self) -> "reminder_plan.Policy":
        """The planner's value for this row (raises ValueError when the values do not fit)."""
        return reminder_plan.Policy(
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
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    recipient_email = models.EmailField(
        _("recipient email"),
        blank=True,
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
        db_table = "actions_reminder"
        ordering = ["-send_at", "id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "recipient_key", "slot_key", "due_at"],
                name="reminder_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="reminder_pending",
                condition=models.Q(state="pending"),
            ),
            models.Index(
                fields=["claimed_at"],
                name="reminder_sending",
                condition=models.Q(state="sending"),
            ),
            # The delivery claim looks up the other pending rows of each email's recipient
            # and send time (reminders.delivery.reminder_claim): an index probe each, not a scan.
            models.Index(fields=["recipient_key", "send_at"], name="reminder_recipient_send"),
        ]

    def __str__(self) -> str:
        return f"{self.slot_key} → {self.recipient_address} ({self.get_state_display()})"

    @property
    def recipient_address(self) -> str:
        return self.user.email if self.user_id else self.recipient_email


class InboundStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    IGNORED = "ignored", _("Ignored")
    REFUSED = "refused", _("Refused")


class InboundReason(models.TextChoices):
    APPLIED = "applied", _("applied to the item")
    AUTO_REPLY = "auto_reply", _("an automatic reply (out of office, auto-generated)")
    BOUNCE = "bounce", _("a bounce or delivery report")
    NO_TOKEN = "no_token", _("not addressed to a reply address")
    BAD_TOKEN = "bad_token", _("the reply address is not one we signed")
    EXPIRED = "expired", _("the reminder is too old to answer")
    SENDER_MISMATCH = "sender_mismatch", _("the sender is not the reminder's recipient")
    NOT_ALLOWED = "not_allowed", _("the sender may not change this item")
    WHICH_ITEM = "which_item", _("the reply does not say which item it is about")
    EMPTY = "empty", _("nothing left once quotes and signatures are removed")
    DUPLICATE = "duplicate", _("the same message was already applied")
    MALFORMED = "malformed", _("the message cannot be read")
    TOO_LARGE = "too_large", _("the message is too large")
    ATTACHMENT_REFUSED = "attachment_refused", _("an attachment failed the upload checks")
    ITEM_CLOSED = "item_closed", _("the item is closed")
    FAILED = "failed", _("applying it failed (the mail server will try again)")


class InboundMessage(models.Model):
    received_at = models.DateTimeField(_("received"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=InboundStatus.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=InboundReason.choices)
    detail = models.TextField(_("detail"), blank=True)
    envelope_from = models.CharField(_("envelope sender"), max_length=320, blank=True)
    envelope_to = models.TextField(_("envelope recipients"), blank=True)
    header_from = models.CharField(_("From"), max_length=320, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True, db_index=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    item = models.ForeignKey(
        ActionItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
        verbose_name=_("item"),
    )
    # What was applied: "comment", "done", and the names of evidence files.
    applied = models.JSONField(_("applied"), default=dict, blank=True)
    body_excerpt = models.TextField(_("reply text"), blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")

    def __str__(self) -> str:
        return f"{self.header_from or self.envelope_from} · {self.subject}"
