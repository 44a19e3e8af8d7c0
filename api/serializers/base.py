"""What every serializer shares: strict input, no writes, and who reads the response
(language, date style, zone), worked out once per response."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tracker.templatetags.tracker_dates import reader_prefs

TEXT_MAX = 10_000


class StrictMixin:
    """Refuse fields the serializer does not accept: a typo must not be silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(name) for name in data if name not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Unknown field, or one that cannot be written here.")] for name in unknown},
                    code="unknown_field",
                )
        return super().to_internal_value(data)


class NoWriteMixin:
    """Writes go through the services; a serializer that tried to save would be a bug."""

    def create(self, validated_data):
        raise NotImplementedError("Call the service in actions/services.py instead.")

    def update(self, instance, validated_data):
        raise NotImplementedError("Call the service in actions/services.py instead.")


def user_of(serializer: serializers.Serializer):
    return serializer.context["request"].user


def now_of(serializer: serializers.Serializer) -> datetime:
    return serializer.context.get("now") or timezone.now()


class Reader(NamedTuple):
    style: str  # "roc" or "gregorian"
    language: str  # "zh-hant" or "en"
    zone: tzinfo  # the active zone: instants are written in it, as DRF's DateTimeField does


def reader_of(serializer: serializers.Serializer) -> Reader:
    """Who reads the response, worked out once per response rather than once per item."""
    context = serializer.context
    reader = context.get("_reader")
    if reader is None:
        request = context.get("request")
        style, language, _zone = reader_prefs(request.user if request else None)
        reader = context["_reader"] = Reader(style, language, timezone.get_current_timezone())
    return reader


def instant_json(value: datetime | None, zone: tzinfo) -> str | None:
    """An instant as DRF's DateTimeField writes it: in the active zone, ISO 8601, UTC as Z."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
