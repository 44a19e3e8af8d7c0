"""Admin plumbing for dates: ROC-aware input fields and list columns in the signed-in user's style.

A list column method gets only the row, never the request, so `ReaderDatesAdmin` swaps the
columns named in `reader_columns` for closures over the request's user at render time.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils.functional import Promise

from followup_dates import dates
from tracker.date_picker import DuePickerInput
from tracker.forms import DueDateField, RocDateField
from tracker.readers import known_zone
from tracker.templatetags.tracker_dates import reader_prefs


def _follow(obj: Any, path: str) -> Any:
    for name in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


@dataclass(frozen=True)
class DayColumn:
    """A DateField shown as a day in the reader's style (114年3月13日 / 13 Mar 2025)."""

    path: str
    description: str | Promise
    ordering: str | None = None

    def render(self, obj: Any, style: str, language: str, zone: str) -> str:
        value = _follow(obj, self.path)
        if not isinstance(value, date):
            return "—"
        return dates.format_date(value, style=style, language=language)


@dataclass(frozen=True)
class DueColumn:
    """A deadline's due date with its precision ("115年1月底前" / "by end of Jan 2026")."""

    path: str  # to the Deadline; "" for the row itself
    description: str | Promise
    ordering: str | None = None

    def render(self, obj: Any, style: str, language: str, zone: str) -> str:
        deadline = _follow(obj, self.path) if self.path else obj
        if deadline is None:
            return "—"
        return dates.format_due_date(deadline.due, style=style, language=language)


@dataclass(frozen=True)
class InstantColumn:
    """An aware datetime in the reader's zone; `zone_path` names the zone it belongs to."""

    path: str
    description: str | Promise
    ordering: str | None = None
    zone_path: str | None = None

    def render(self, obj: Any, style: str, language: str, zone: str) -> str:
        value = _follow(obj, self.path)
        if not isinstance(value, datetime):
            return "—"
        own_zone = _follow(obj, self.zone_path) if self.zone_path else None
        return dates.format_instant(
            value, reader_zone=zone, deadline_zone=own_zone or None, style=style, language=language
        )


Column = DayColumn | DueColumn | InstantColumn


def bind_column(column: Column, user: Any) -> Callable[[Any], str]:
    style, language, zone = reader_prefs(user)
    zone = known_zone(zone)

    def show(obj: Any) -> str:
        return column.render(obj, style, language, zone)

    show.short_description = column.description  # type: ignore[attr-defined]
    if column.ordering:
        show.admin_order_field = column.ordering  # type: ignore[attr-defined]
    show.__name__ = column.path.replace(".", "_") or "due"
    return show


class ReaderDatesAdmin:
    """ModelAdmin mixin: dates typed in ROC or Gregorian forms, shown in the user's style."""

    # list_display names (fields or methods, so the admin checks still see them) to re-render.
    reader_columns: dict[str, Column] = {}

    formfield_overrides = {
        models.DateField: {
            "form_class": RocDateField,
            "widget": DuePickerInput(attrs={"class": "vTextField vDueDate"}),
        },
    }

    def get_list_display(self, request):
        names = super().get_list_display(request)  # type: ignore[misc]
        return [
            bind_column(self.reader_columns[name], request.user)
            if isinstance(name, str) and name in self.reader_columns
            else name
            for name in names
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)  # type: ignore[misc]
        _set_styles(form, request.user)
        return form


def _set_styles(form: Any, user: Any) -> None:
    # get_form builds a new class per request, so setting its fields' style is request-local.
    # Declared fields are shared with the form class they come from: style a copy.
    style, _language, _zone = reader_prefs(user)
    for name, field in list(form.base_fields.items()):
        if isinstance(field, DueDateField):
            form.base_fields[name] = copy.deepcopy(field)
            form.base_fields[name].style = style
