"""Every message the reply receiver got, and what became of it (accepted / ignored, why)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models import ActionItem


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
