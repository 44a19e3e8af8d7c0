"""The date filters follow the reader: ROC for Chinese readers, their zone, the deadline's zone named."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import DeadlineFactory, UserFactory

pytestmark = pytest.mark.django_db


def render(text: str, **context) -> str:
    return Template("{% load tracker_dates %}" + text).render(Context(context))


def test_chinese_reader_sees_roc_dates():
    deadline = DeadlineFactory(due_on=date(2025, 3, 13), zone="Asia/Singapore")
    user = UserFactory(language="zh-hant")
    with translation.override("zh-hant"):
        assert render("{{ d|due:u }}", d=deadline, u=user) == "114年3月13日"


def test_english_reader_with_gregorian_and_month_precision():
    deadline = DeadlineFactory(due_on=date(2026, 1, 31), precision="month", zone="Asia/Taipei")
    user = UserFactory(language="en")
    with translation.override("en"):
        assert render("{{ d|due:u }}", d=deadline, u=user) == "by end of Jan 2026"


def test_instant_names_the_deadline_zone_when_it_differs():
    deadline = DeadlineFactory(due_on=date(2025, 3, 13), zone="Asia/Seoul")
    user = UserFactory(language="en", time_zone="Asia/Taipei")
    with translation.override("en"):
        text = render("{{ d|due_instant:u }}", d=deadline, u=user)
    assert "22:59" in text and "23:59" in text and "Seoul" in text
