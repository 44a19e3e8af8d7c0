"""Deadlines: DeadlineSerializer describes the output and the schema; deadline_json writes
it from a deadline's columns (also an item's `due`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Deadline, DeadlineMode
from api.serializers.base import Reader, reader_of
from followup_dates import dates


class DeadlineRuleSerializer(serializers.Serializer):
    amount = serializers.IntegerField(source="rule_amount")
    unit = serializers.CharField(source="rule_unit")
    direction = serializers.CharField(source="rule_direction")
    anchor = serializers.CharField(source="rule_anchor")
    anchor_session = serializers.IntegerField(source="anchor_session_id", allow_null=True)
    anchor_deadline = serializers.IntegerField(source="anchor_deadline_id", allow_null=True)
    calendar = serializers.CharField(help_text=_("Working-day calendar, e.g. KR."))


class DeadlineSerializer(serializers.ModelSerializer):
    first_day = serializers.DateField(
        source="due.first_day",
        read_only=True,
        help_text=_("The first day of the due period (equals due_on for day precision)."),
    )
    due_at = serializers.SerializerMethodField(
        help_text=_("The instant the deadline ends (23:59:59 in its zone), with that zone's offset.")
    )
    display = serializers.SerializerMethodField(
        help_text=_("The due date in the reader's language and date style (ROC or Gregorian).")
    )
    rule = serializers.SerializerMethodField(
        help_text=_("For a relative deadline, the rule it follows; null for an absolute one.")
    )

    class Meta:
        model = Deadline
        fields = [
            "id",
            "meeting",
            "key",
            "label",
            "set_by",
            "zone",
            "mode",
            "due_on",
            "first_day",
            "precision",
            "due_at",
            "display",
            "rule",
            "source_excerpt",
        ]
        read_only_fields = fields

    # The fields above describe the output (and the schema); to_representation writes the same
    # dict by hand, because a 50-item page spent most of its time in DRF's per-field machinery.
    # tests/api/test_representation.py checks both give the same JSON.
    def to_representation(self, deadline: Deadline) -> dict[str, Any]:
        return deadline_json(deadline_columns(deadline), reader_of(self))

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_due_at(self, deadline: Deadline) -> str:
        return deadline.due_at_for(deadline.zone).isoformat()

    def get_display(self, deadline: Deadline) -> str:
        reader = reader_of(self)
        return dates.format_due_date(deadline.due, style=reader.style, language=reader.language)

    @extend_schema_field(DeadlineRuleSerializer(allow_null=True))
    def get_rule(self, deadline: Deadline) -> dict[str, Any] | None:
        if deadline.mode != DeadlineMode.RELATIVE:
            return None
        return DeadlineRuleSerializer(deadline).data


# A deadline's columns by field name, foreign keys as ids: as values() reads them.
DEADLINE_COLUMNS = {field.name: field.attname for field in Deadline._meta.concrete_fields}


def deadline_columns(deadline: Deadline) -> dict[str, Any]:
    return {name: getattr(deadline, attname) for name, attname in DEADLINE_COLUMNS.items()}


def deadline_json(deadline: Mapping[str, Any], reader: Reader) -> dict[str, Any]:
    """DeadlineSerializer's output from a deadline's columns (also an item's `due`)."""
    due = dates.DueDate(on=deadline["due_on"], precision=dates.Precision(deadline["precision"]))
    rule = None
    if deadline["mode"] == DeadlineMode.RELATIVE:
        rule = {
            "amount": deadline["rule_amount"],
            "unit": deadline["rule_unit"],
            "direction": deadline["rule_direction"],
            "anchor": deadline["rule_anchor"],
            "anchor_session": deadline["anchor_session"],
            "anchor_deadline": deadline["anchor_deadline"],
            "calendar": deadline["calendar"],
        }
    return {
        "id": deadline["id"],
        "meeting": deadline["meeting"],
        "key": deadline["key"],
        "label": deadline["label"],
        "set_by": deadline["set_by"],
        "zone": deadline["zone"],
        "mode": deadline["mode"],
        "due_on": deadline["due_on"].isoformat(),
        "first_day": due.first_day.isoformat(),
        "precision": deadline["precision"],
        "due_at": deadline["due_at"].astimezone(dates.validate_zone(deadline["zone"])).isoformat(),
        "display": dates.format_due_date(due, style=reader.style, language=reader.language),
        "rule": rule,
        "source_excerpt": deadline["source_excerpt"],
    }
