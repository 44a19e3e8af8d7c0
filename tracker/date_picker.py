"""The date input of every form: typing in any accepted form (114/4/30, 民國114年4月30日,
2025-04-30, 114年4月底) or a calendar picker, and the question a deadline in the past asks.

Without JavaScript both inputs are sent and the typed text wins; with it (web/app.js, and the
admin's copy of it) a picked day is written into the text box, so what is sent is what is seen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tracker import dates
from tracker.forms import active_date_language

PICKED_SUFFIX = "__picked"

PAST_NEEDS_CONFIRMATION = _(
    "%(date)s is in the past: the item would be overdue at once. Tick “%(confirm)s” to "
    "move it anyway.")
CONFIRM_PAST_LABEL = _("Yes, the new date is in the past")


class DuePickerInput(forms.TextInput):
    """A text box for typed dates followed by an <input type=date> picker."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        text = super().render(name, value, attrs, renderer)
        text_id = (attrs or {}).get("id") or self.attrs.get("id") or ""
        return format_html(
            '<span class="due-picker">{}<input type="date" class="picker" name="{}" id="{}" '
            'data-fills="{}" aria-label="{}" title="{}"></span>',
            text, name + PICKED_SUFFIX, f"{text_id}{PICKED_SUFFIX}" if text_id else "",
            text_id, _("Pick a date"), _("Pick a date"))

    def value_from_datadict(self, data, files, name):
        typed = data.get(name)
        if typed is not None and str(typed).strip():
            return typed
        picked = data.get(name + PICKED_SUFFIX)
        return picked if picked else typed

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + PICKED_SUFFIX not in data


def due_last_day(value: Any) -> date | None:
    """The last day a cleaned due value (DueDate or date) stands for."""
    if isinstance(value, dates.DueDate):
        return value.on
    if isinstance(value, date):
        return value
    return None


class PastConfirmationMixin:
    """A form with a `due` field and `confirm_past`: a due day before `self.today` is refused
    until the box is ticked; `asks_past_confirmation` tells the template to show the box."""

    asks_past_confirmation = False
    due_field_name = "due"

    def check_past(self, cleaned: dict[str, Any]) -> None:
        last = due_last_day(cleaned.get(self.due_field_name))
        if last is None or last >= self.today or cleaned.get("confirm_past"):
            if last is not None and last < self.today:
                self.asks_past_confirmation = True  # keep the ticked box on a re-shown form
            return
        self.asks_past_confirmation = True
        language = active_date_language()
        shown = dates.format_date(last, style="roc" if language == "zh-hant" else "gregorian",
                                  language=language)
        self.add_error(self.due_field_name, forms.ValidationError(
            PAST_NEEDS_CONFIRMATION, code="past",
            params={"date": shown, "confirm": CONFIRM_PAST_LABEL}))
