"""Serializer fields for dates as delegations write them: ISO 8601, or the ROC forms."""

from datetime import date

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from followup_dates import dates
from tracker.forms import PRECISION_NAMES

DUE_DATE_HELP = _(
    "A due date: ISO 8601 (2025-03-13, 2025-04 for a month) or a form the tracker reads: "
    "114/3/13, 114年3月13日, 1140313, 114年4月底 (end of April 2025, month precision), "
    "115年第1季 (a quarter), Q1 2026, 13 Mar 2025. ROC years (民國) are year − 1911."
)
DATE_HELP = _("A day: ISO 8601 (2025-03-13) or an ROC form: 114/3/13, 114年3月13日, 1140313, 13 Mar 2025.")


@extend_schema_field({"type": "string", "example": "114年4月底"})
class DueDateField(serializers.Field):
    """Reads a due date with its precision; writes it back as {on, precision}."""

    default_error_messages = {
        "invalid": _("Enter the date as text, e.g. 2025-03-13 or 114年3月13日."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", DUE_DATE_HELP)
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> dates.DueDate:
        if not isinstance(data, str) or len(data) > 100:
            self.fail("invalid")
        try:
            return dates.parse_due_date(data)
        except dates.DateInputError as error:
            raise serializers.ValidationError(str(error), code=error.code) from None

    def to_representation(self, value: dates.DueDate) -> dict:
        return {"on": value.on.isoformat(), "precision": value.precision.value}


@extend_schema_field(OpenApiTypes.DATE)
class FlexibleDateField(serializers.DateField):
    """A plain day that also accepts the ROC forms; a month or quarter is refused (not a day)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)

    def to_internal_value(self, value) -> date:
        if not isinstance(value, str) or len(value) > 100:
            self.fail("invalid", format="YYYY-MM-DD")
        try:
            due = dates.parse_due_date(value)
        except dates.DateInputError as error:
            raise serializers.ValidationError(str(error), code=error.code) from None
        if due.precision is not dates.Precision.DAY:
            raise serializers.ValidationError(
                format_lazy(
                    _("“{text}” is {precision}, not a day; enter a day such as 114年3月13日 or 2025-03-13."),
                    text=" ".join(value.split()),
                    precision=PRECISION_NAMES[due.precision],
                ),
                code="not_a_day",
            )
        return due.on
