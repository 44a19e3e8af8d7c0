"""Webhooks and their deliveries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actions.visibility import visible_meetings
from api.serializers.base import NoWriteMixin, StrictMixin
from webhooks.models import Webhook, WebhookDelivery, WebhookEvent


class WebhookSerializer(StrictMixin, NoWriteMixin, serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices),
        allow_empty=False,
        max_length=len(WebhookEvent.choices),
        help_text=_(
            "Which events to POST: item.created, item.status_changed, item.deadline_moved, item.overdue."
        ),
    )
    secret = serializers.CharField(
        read_only=True,
        help_text=_("Verify each body: X-Tracker-Signature = “sha256=” + hex HMAC-SHA256(secret, raw body)."),
    )

    class Meta:
        model = Webhook
        fields = ["id", "meeting", "url", "events", "active", "secret", "created_at"]
        read_only_fields = ["secret", "created_at"]
        extra_kwargs = {"url": {"help_text": _("http:// or https:// only.")}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not fields["meeting"].read_only:
            fields["meeting"].queryset = visible_meetings(request.user)
        return fields

    def validate_events(self, events: list[str]) -> list[str]:
        return list(dict.fromkeys(events))  # keep the order, drop repeats


class WebhookUpdateSerializer(WebhookSerializer):
    rotate_secret = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("true: issue a new secret (the old one stops verifying at once)."),
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "rotate_secret"]
        read_only_fields = [*WebhookSerializer.Meta.read_only_fields, "meeting"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "item",
            "state",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "last_attempt_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields
