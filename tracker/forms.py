"""Form fields that read dates the way people type them (ROC years, month precision) for every form.

The admin, the web pages and the API all use these, so "114年3月13日" and "115 年 1 月" mean the
same thing everywhere, and a bad date gets the same message (followup_dates.dates says why) everywhere.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from followup_dates import dates

PRECISION_NAMES = {
    dates.Precision.MONTH: _("a month"),
    dates.Precision.QUARTER: _("a quarter"),
    dates.Precision.YEAR: _("a year"),
}


def active_date_language() -> str:
    language = translation.get_language() or "zh-hant"
    return "zh-hant" if language.lower().startswith("zh") else "en"


class DueDateField(forms.Field):
    """A text input read by `dates.parse_due_date`; cleans to a `dates.DueDate` (precision kept).

    `style` ("roc"/"gregorian") decides how an existing value is shown back; when it is None
    the active language decides (ROC for Chinese readers). Whatever is shown reads back the same.
    """

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter a valid date.")}

    def __init__(self, *, style: str | None = None, **kwargs: Any) -> None:
        # DateField.formfield() passes these along; a text field has no use for them.
        kwargs.pop("max_length", None)
        kwargs.pop("input_formats", None)
        self.style = style
        super().__init__(**kwargs)

    def _style(self, language: str) -> str:
        if self.style:
            return self.style
        return "roc" if language == "zh-hant" else "gregorian"

    def _parse(self, value: Any) -> dates.DueDate | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dates.DueDate):
            return value
        if isinstance(value, datetime):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if isinstance(value, date):
            return dates.DueDate.day(value)
        try:
            return dates.parse_due_date(str(value))
        except dates.DateInputError as error:
            raise ValidationError(error.message, code=error.code) from error

    def to_python(self, value: Any) -> dates.DueDate | None:
        return self._parse(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            value = dates.DueDate.day(value)
        if isinstance(value, dates.DueDate):
            language = active_date_language()
            return dates.format_due_date(value, style=self._style(language), language=language)
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            return self._parse(initial) != self._parse(data)
        except ValidationError:
            return True


class RocDateField(DueDateField):
    """A plain day in any accepted form (114/3/13, 114年3月13日, 2025-03-13); cleans to a date."""

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        due = self._parse(value)
        if due is None:
            return None
        if due.precision is not dates.Precision.DAY:
            raise ValidationError(
                format_lazy(
                    _("“{text}” is {precision}, not a day; enter a day such as 114年3月13日 or 2025-03-13."),
                    text=" ".join(str(value).split()),
                    precision=PRECISION_NAMES[due.precision],
                ),
                code="not_a_day",
            )
        return due.on

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


def calendar_code(value: str) -> str:
    """A holiday calendar code as typed (TW, kr, SG…), checked and normalised; blank stays blank."""
    value = value.strip()
    if not value:
        return value
    try:
        return dates.validate_calendar(value)
    except dates.DateInputError as error:
        raise ValidationError(error.message, code=error.code) from error
