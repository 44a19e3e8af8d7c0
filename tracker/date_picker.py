"""The date input of every form: typing in any accepted form (114/4/30, 民國114年4月30日,
2025-04-30, 114年4月底) or a calendar picker, and the question a deadline in the past asks.

Without JavaScript both inputs are sent and the typed text wins; with it (web/app.js, and the
admin's copy of it) a picked day is written into the text box, so what is sent is what is seen.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from followup_dates import dates
from tracker.forms import RocDateField, active_date_language

PICKED_SUFFIX = "__picked"

PAST_NEEDS_CONFIRMATION = _(
    "%(date)s is in the past: the item would be overdue at once. Tick “%(confirm)s” to move it anyway."
)
CONFIRM_PAST_LABEL = _("Yes, the new date is in the past")


class DuePickerInput(forms.TextInput):
    """A text box for typed dates followed by an <input type=date> picker."""

    class Media:
        js = ["web/date_picker.js"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        text = super().render(name, value, attrs, renderer)
        text_id = (attrs or {}).get("id") or self.attrs.get("id") or ""
        return format_html(
            '<span class="due-picker">{}<input type="date" class="picker" name="{}" id="{}" '
            'data-fills="{}" aria-label="{}" title="{}"></span>',
            text,
            name + PICKED_SUFFIX,
            f"{text_id}{PICKED_SUFFIX}" if text_id else "",
            text_id,
            _("Pick a date"),
            _("Pick a date"),
        )

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
        shown = dates.format_date(
            last, style="roc" if language == "zh-hant" else "gregorian", language=language
        )
        self.add_error(
            self.due_field_name,
            forms.ValidationError(
                PAST_NEEDS_CONFIRMATION, code="past", params={"date": shown, "confirm": CONFIRM_PAST_LABEL}
            ),
        )


# --- a session's times, at the venue ------------------------------------------------------

TIME_NEEDED = _("Add the time of day, e.g. 114/3/4 09:30 or 2025-03-04 09:30.")
TIME_INVALID = _("“%(time)s” is not a time of day; use 24-hour hours and minutes, e.g. 09:30.")
_TIME_AT_END = re.compile(r"^(?P<day>.+?)[\sT]+(?P<h>\d{1,2})[:：](?P<m>\d{2})$")


def split_day_and_time(text: str) -> tuple[str, time]:
    """'114/3/4 09:30' → ('114/3/4', 09:30); raises ValidationError without a valid time."""
    match = _TIME_AT_END.match(" ".join(str(text).split()))
    if match is None:
        raise forms.ValidationError(TIME_NEEDED, code="time_needed")
    hours, minutes = int(match["h"]), int(match["m"])
    if hours > 23 or minutes > 59:
        raise forms.ValidationError(
            TIME_INVALID, code="time_invalid", params={"time": f"{match['h']}:{match['m']}"}
        )
    return match["day"], time(hours, minutes)


class VenueDateTimeField(RocDateField):
    """A moment typed as a day in any accepted form and a time (114/3/4 09:30), read in the
    venue's zone (`zone`, set by the form), not the server's; cleans to an aware datetime."""

    def __init__(self, *, zone: str | None = None, **kwargs: Any) -> None:
        self.zone = zone or settings.TIME_ZONE
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        day_text, at = split_day_and_time(value)
        day = super().to_python(day_text)
        return datetime.combine(day, at, tzinfo=dates.validate_zone(self.zone))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            local = value.astimezone(dates.validate_zone(self.zone))
            language = active_date_language()
            day = dates.format_date(local.date(), style=self._style(language), language=language)
            return f"{day} {local:%H:%M}"
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True


def venue_zone_help(zone: str) -> str:
    return str(_("Venue time (%(zone)s): typed as a day and a time, e.g. 114/3/4 09:30.") % {"zone": zone})
