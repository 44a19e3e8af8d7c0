"""Query filters for the API lists (django-filter); dates accept ISO 8601 and the ROC forms."""

from __future__ import annotations

from datetime import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from actions.models import ActionItem, Activity, ActivityVerb, Deadline, ItemKind, Precision, Status
from actions.visibility import visible_meetings
from followup_dates import dates
from meetings.models import Meeting, Organization


def due_bound(value, *, before: bool, prefix: str = "") -> Q:
    """due_before/due_after: an instant compares with due_at; a date (of any precision) with
    the due day: before its period's last day, after its first day."""
    if isinstance(value, datetime):
        return Q(**{f"{prefix}due_at__{'lt' if before else 'gte'}": value})
    if before:
        return Q(**{f"{prefix}due_on__lte": value.on})
    return Q(**{f"{prefix}due_on__gte": value.first_day})


DUE_FILTER_HELP = _(
    "An instant in ISO 8601 with its offset (2025-03-13T23:59:59+08:00), or a date: "
    "2025-03-13, 114/3/13, 114年3月13日, 114年4月 (a whole month), 115年第1季."
)


def _parse_due_bound(value: str) -> datetime | dates.DueDate:
    """An aware instant, or a due date with its precision. Raises ValidationError."""
    text = value.strip()
    if ":" in text:
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is not None:
            if timezone.is_naive(moment):
                raise ValidationError(
                    _("Give the instant with its offset, e.g. 2025-03-13T23:59:59+08:00."),
                    code="naive",
                )
            return moment
    if len(text) > 100:
        raise ValidationError(_("This value is too long to be a date."), code="too_long")
    try:
        return dates.parse_due_date(text)
    except dates.DateInputError as error:
        # The message quotes the input, which may hold "%": pass it as a parameter.
        raise ValidationError("%(message)s", code=error.code, params={"message": str(error)}) from None


class DueBoundField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return _parse_due_bound(value)


@extend_schema_field(OpenApiTypes.STR)
class DueBoundFilter(django_filters.Filter):
    field_class = DueBoundField


class OwnerField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if value == "me" or (value.isdigit() and len(value) < 19):
            return value
        raise ValidationError(_("Use “me” or a user id."), code="invalid_owner")


@extend_schema_field(OpenApiTypes.STR)
class OwnerFilter(django_filters.Filter):
    field_class = OwnerField


MAX_ID = 2**63 - 1  # bigint: a larger id can exist in no table


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    field_class = IdField


class StrictBooleanField(forms.CharField):
    TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if value.lower() in self.TRUE:
            return True
        if value.lower() in self.FALSE:
            return False
        raise ValidationError(_("Use true or false."), code="invalid_boolean")


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class ApiFilterSet(django_filters.FilterSet):
    """Filters without a label: labels only show in an HTML filter form, which the API has
    none of, and django-filter would work one out (model lookups, translations) for every
    filter of every request. The schema's descriptions come from help_text and choices."""

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        for query_filter in filters.values():
            if query_filter._label is None:
                query_filter.label = ""
        return filters


class ActionItemFilter(ApiFilterSet):
    # distinct=False: both are columns of the item, no join can repeat a row, and the
    # default SELECT DISTINCT over every column (twice: count and page) costs more than the rest.
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=ItemKind.choices, distinct=False)
    meeting = django_filters.ModelChoiceFilter(
        queryset=lambda request: visible_meetings(request.user) if request else Meeting.objects.none(),
        help_text=_("Meeting id."),
    )
    owner = OwnerFilter(method="filter_owner", help_text=_("“me” for your own items, or a user id."))
    responsible = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), help_text=_("Responsible organization id.")
    )
    due_before = DueBoundFilter(
        method="filter_due_before",
        help_text=format_lazy(
            "{} {}",
            _("Due on or before this date (the end of a month or quarter), or before this instant."),
            DUE_FILTER_HELP,
        ),
    )
    due_after = DueBoundFilter(
        method="filter_due_after",
        help_text=format_lazy(
            "{} {}",
            _("Due on or after this date (its first day), or at or after this instant."),
            DUE_FILTER_HELP,
        ),
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text=_("true: open items whose deadline has passed; false: all others."),
    )

    class Meta:
        model = ActionItem
        fields = ["status", "kind", "meeting", "owner", "responsible", "priority"]

    def filter_owner(self, queryset: QuerySet, name: str, value: str):
        if value == "me":
            return queryset.filter(owner=self.request.user)
        return queryset.filter(owner_id=int(value))

    def filter_due_before(self, queryset: QuerySet, name: str, value):
        return queryset.filter(due_bound(value, before=True, prefix="deadline__"))

    def filter_due_after(self, queryset: QuerySet, name: str, value):
        return queryset.filter(due_bound(value, before=False, prefix="deadline__"))

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None):
        if value is None:
            return queryset
        overdue = ActionItem.objects.overdue(timezone.now()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class DeadlineFilter(ApiFilterSet):
    meeting = IdFilter(field_name="meeting_id", help_text=_("Meeting id."))
    precision = django_filters.ChoiceFilter(choices=Precision.choices)
    due_before = DueBoundFilter(method="filter_due_before", help_text=DUE_FILTER_HELP)
    due_after = DueBoundFilter(method="filter_due_after", help_text=DUE_FILTER_HELP)

    class Meta:
        model = Deadline
        fields = ["meeting", "precision", "mode"]

    def filter_due_before(self, queryset: QuerySet, name: str, value):
        return queryset.filter(due_bound(value, before=True))

    def filter_due_after(self, queryset: QuerySet, name: str, value):
        return queryset.filter(due_bound(value, before=False))


class ActivityFilter(ApiFilterSet):
    item = IdFilter(field_name="item_id", help_text=_("Action item id."))
    meeting = IdFilter(field_name="item__meeting_id", help_text=_("Meeting id."))
    verb = django_filters.MultipleChoiceFilter(choices=ActivityVerb.choices)

    class Meta:
        model = Activity
        fields = ["item", "meeting", "verb"]
