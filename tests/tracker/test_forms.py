"""The ROC-aware form fields: what they accept, what they refuse, and how they show a value back."""

from datetime import date

import pytest
from django import forms
from django.utils import translation

from followup_dates import dates
from tracker.forms import DueDateField, RocDateField


class DeadlineForm(forms.Form):
    due = DueDateField()


class DayForm(forms.Form):
    day = RocDateField(required=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("114年3月13日", dates.DueDate.day(date(2025, 3, 13))),
        ("115 年 1 月", dates.DueDate.month(2026, 1)),
        ("114 年 4 月底", dates.DueDate.month(2025, 4)),
        ("115年第1季", dates.DueDate.quarter(2026, 1)),
        ("2025-03-13", dates.DueDate.day(date(2025, 3, 13))),
        ("13 Mar 2025", dates.DueDate.day(date(2025, 3, 13))),
    ],
)
def test_due_date_field_reads_roc_and_gregorian_forms(text, expected):
    form = DeadlineForm({"due": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("114年2月30日", "February 2025 (ROC 114) has only 28 days."),
        ("114年13月1日", "There is no month 13"),
        ("next Tuesday", "is not a date this tracker can read"),
        ("13/03/2025", "puts the year last"),
    ],
)
def test_due_date_field_refuses_with_the_date_modules_message(text, message):
    with translation.override("en"):
        form = DeadlineForm({"due": text})
        assert not form.is_valid()
        assert message in form.errors["due"][0]


def test_due_date_field_is_required_unless_told():
    assert "due" in DeadlineForm({"due": "  "}).errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("114/3/13", date(2025, 3, 13)),
        ("114年3月3日", date(2025, 3, 3)),
        ("1140307", date(2025, 3, 7)),
        ("2025-03-07", date(2025, 3, 7)),
        ("", None),
    ],
)
def test_roc_date_field_gives_a_plain_day(text, expected):
    form = DayForm({"day": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("115 年 1 月", "“115 年 1 月” is a month, not a day"),
        ("115年第1季", "is a quarter, not a day"),
        ("2025-02-29", "has only 28 days"),
    ],
)
def test_roc_date_field_refuses_periods_and_impossible_days(text, message):
    with translation.override("en"):
        form = DayForm({"day": text})
        assert not form.is_valid()
        assert message in form.errors["day"][0]


@pytest.mark.parametrize(
    ("style", "language", "value", "shown"),
    [
        ("roc", "zh-hant", dates.DueDate.day(date(2025, 3, 13)), "114年3月13日"),
        ("roc", "zh-hant", dates.DueDate.month(2026, 1), "115年1月底前"),
        ("gregorian", "en", dates.DueDate.month(2026, 1), "by end of Jan 2026"),
        ("roc", "en", dates.DueDate.quarter(2026, 1), "by end of Q1 ROC 115"),
        ("gregorian", "zh-hant", dates.DueDate.day(date(2025, 3, 13)), "2025年3月13日"),
    ],
)
def test_a_value_is_shown_in_the_readers_style_and_reads_back_the_same(style, language, value, shown):
    field = DueDateField(style=style)
    with translation.override(language):
        assert field.prepare_value(value) == shown
    assert field.clean(shown) == value
    assert not field.has_changed(value, shown)
    assert field.has_changed(value, "2025-03-14")


def test_without_a_style_the_language_decides():
    field = RocDateField()
    with translation.override("zh-hant"):
        assert field.prepare_value(date(2025, 3, 7)) == "114年3月7日"
    with translation.override("en"):
        assert field.prepare_value(date(2025, 3, 7)) == "7 Mar 2025"
    assert not field.has_changed(date(2025, 3, 7), "114/3/7")
