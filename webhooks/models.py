"""Webhooks a meeting's delegation registered, and their delivery outbox. Writes: webhooks/services.py.

Moved from actions/ with their tables (webhooks/migrations/0001_models_from_actions.py).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models import ActionItem
from meetings.models import Meeting
from tracker import netguard


class WebhookEvent(models.TextChoices):
    ITEM_CREATED = "item.created", _("item created")
    ITEM_STATUS_CHANGED = "item.status_changed", _("item status changed")
    ITEM_DEADLINE_MOVED = "item.deadline_moved", _("item deadline moved")
    ITEM_OVERDUE = "item.overdue", _("item overdue")


def validate_webhook_events(value) -> None:
    known = set(WebhookEvent.values)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Choose at least one event."), code="no_events")
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValidationError(
            _("Unknown events: %(events)s. Known: %(known)s."),
            code="unknown_event",
            params={"events": ", ".join(unknown), "known": ", ".join(WebhookEvent.values)},
        )


def validate_webhook_target(value: str) -> None:
    """A webhook URL must reach a public address (tracker/netguard.py), unless the operator
    allows private targets. Malformed URLs are left to the URL validator."""
    try:
        netguard.check_url(value, allow_private=settings.WEBHOOK_ALLOW_PRIVATE_TARGETS)
    except ValueError:
        return
    except netguard.TargetRefused as refused:
        raise ValidationError(refused.message, code="webhook_target") from refused


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A URL a meeting's delegation registered: follow-up events are POSTed to it, signed."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("meeting")
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"]), validate_webhook_target],
        help_text=_("Only http:// and https:// addresses that reach a public address."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_webhook_secret,
        help_text=_("Signs each body: X-Tracker-Signature: sha256=HMAC-SHA256(secret, body)."),
    )
    events = models.JSONField(
        _("events"),
        default=list,
        validators=[validate_webhook_events],
        help_text=_(
            "A list of the events to send: item.created, item.status_changed, "
            "item.deadline_moved, item.overdue."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "id"]
        db_table = "actions_webhook"  # the table it had in actions/, kept so no row moves
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return f"{self.meeting.short_label} → {self.url}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class WebhookDelivery(models.Model):
    """One event for one webhook: the outbox row the delivery task works from."""

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    item = models.ForeignKey(
        ActionItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item"),
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    # Set for events that must be sent once only (item.overdue per due instant).
    key = models.CharField(_("once-only key"), max_length=200, blank=True)
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    # The outbox: a pending row is (re)queued by the sweep once this instant has passed, so
    # a broker that was down, a lost task or a retry back-off never leaves it behind.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The attempt in flight: only the worker holding the token records its outcome.
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="webhook_delivery_due", condition=models.Q(state="pending")
            ),
        ]
        db_table = "actions_webhookdelivery"
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "key"],
                name="webhook_delivery_once",
                condition=~models.Q(key=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook.url} ({self.get_state_display()})"
