"""Deadlines in the admin: ROC input, rules, refusals, and meeting edits that move deadlines."""

import html
import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from actions import deadline_services
from actions.admin.meetings import DEADLINES_CANNOT_FOLLOW
from actions.deadline_moves import RULE_OUT_OF_RANGE
from actions.models import ActionItem, Activity, Deadline
from followup_dates import dates
from meetings.models import Session
from tests.admin_forms import deadline_form, meeting_form

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def log_lines(item: ActionItem) -> list[str]:
    return [a.describe() for a in Activity.objects.filter(item=item)]


def test_editing_telwg70_end_date_in_the_admin_moves_the_secretariat_deadline(
    staff_client, telwg70, telwg70_admin
):
    compilation = Deadline.objects.get(key="secretariat-compilation")
    draft = Deadline.objects.get(key="declaration-revised-draft")
    assert (compilation.due_on, draft.due_on) == (date(2025, 4, 4), date(2025, 3, 18))
    sessions_before = list(Session.objects.values_list("starts_at", "ends_at", "report_section"))
    url = reverse("admin:meetings_meeting_change", args=[telwg70.pk])

    response = staff_client.post(
        url, meeting_form(telwg70, end_on="114年3月14日", reason="the plenary was extended")
    )

    assert response.status_code == 302, page_text(response)[:3000]
    telwg70.refresh_from_db()
    compilation.refresh_from_db()
    assert telwg70.end_on == date(2025, 3, 14)
    # 20 Korean working days after Friday 14 March, ending 23:59 in Singapore.
    assert compilation.due_on == date(2025, 4, 11)
    assert compilation.due_at.isoformat() == "2025-04-11T15:59:59+00:00"
    item = ActionItem.objects.get(deadline=compilation)
    expected = (
        "due moved from 4 Apr 2025 to 11 Apr 2025 because the last day of APEC TELWG 70 "
        "moved from 7 Mar 2025 to 14 Mar 2025; the plenary was extended"
    )
    assert log_lines(item) == [expected]
    assert Activity.objects.get(item=item).actor == telwg70_admin
    # Nothing else moved: the sessions round-tripped unchanged, so the draft stays put.
    assert Deadline.objects.get(pk=draft.pk).due_on == date(2025, 3, 18)
    assert Activity.objects.count() == 1
    assert list(Session.objects.values_list("starts_at", "ends_at", "report_section")) == (sessions_before)
    page = staff_client.get(reverse("admin:actions_actionitem_change", args=[item.pk]))
    assert expected in page_text(page)


def test_moving_a_session_in_the_meeting_inline_moves_the_draft_deadline(staff_client, telwg70):
    session = Session.objects.get(code="dmm-declaration")
    data = meeting_form(telwg70)
    row = next(k[: -len("-id")] for k, v in data.items() if k.endswith("-id") and v == session.pk)
    data[f"{row}-starts_at"] = "2025-03-05 " + data[f"{row}-starts_at"].split()[1]
    data[f"{row}-ends_at"] = "114/3/5 " + data[f"{row}-ends_at"].split()[1]  # ROC, as the meeting
    response = staff_client.post(reverse("admin:meetings_meeting_change", args=[telwg70.pk]), data)
    assert response.status_code == 302, page_text(response)[:3000]
    draft = Deadline.objects.get(key="declaration-revised-draft")
    assert draft.due_on == date(2025, 3, 19)
    item = ActionItem.objects.get(deadline=draft)
    assert log_lines(item) == [
        "due moved from 18 Mar 2025 to 19 Mar 2025 because the session "
        f"“{session.name}” moved from 4 Mar 2025 to 5 Mar 2025"
    ]


def test_meeting_dates_take_roc_input_and_refuse_a_month(staff_client, telwg70):
    url = reverse("admin:meetings_meeting_change", args=[telwg70.pk])
    response = staff_client.post(url, meeting_form(telwg70, start_on="114 年 3 月"))
    assert response.status_code == 200
    assert "“114 年 3 月” is a month, not a day" in page_text(response)
    telwg70.refresh_from_db()
    assert telwg70.start_on == date(2025, 3, 3)


@pytest.mark.parametrize(
    ("typed", "on", "precision", "at"),
    [
        ("114年3月13日", date(2025, 3, 13), "day", "2025-03-13T15:59:59+00:00"),
        ("115 年 1 月", date(2026, 1, 31), "month", "2026-01-31T15:59:59+00:00"),
    ],
)
def test_deadline_admin_takes_roc_input(staff_client, telwg70, typed, on, precision, at):
    response = staff_client.post(reverse("admin:actions_deadline_add"), deadline_form(telwg70, due=typed))
    assert response.status_code == 302, page_text(response)[:3000]
    deadline = Deadline.objects.get(key="new-deadline")
    # The zone came from the setter, the APEC Secretariat in Singapore.
    assert (deadline.due_on, deadline.precision, deadline.zone) == (on, precision, "Asia/Singapore")
    assert deadline.due_at.isoformat() == at


def test_deadline_admin_creates_a_relative_deadline_with_the_venue_zone(staff_client, telwg70):
    session = Session.objects.get(code="dmm-declaration")
    response = staff_client.post(
        reverse("admin:actions_deadline_add"),
        deadline_form(
            telwg70,
            set_by="",
            mode="relative",
            rule_amount="10",
            rule_unit="working_days",
            rule_anchor="session",
            anchor_session=session.pk,
        ),
    )
    assert response.status_code == 302, page_text(response)[:3000]
    deadline = Deadline.objects.get(key="new-deadline")
    # 10 Korean working days after Tuesday 4 March, on the meeting's calendar, in Seoul.
    assert (deadline.due_on, deadline.calendar, deadline.zone) == (date(2025, 3, 18), "KR", "Asia/Seoul")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"due": "114年2月30日"}, "due", "February 2025 (ROC 114) has only 28 days."),
        ({"due": "2025-13-01"}, "due", "There is no month 13"),
        ({"due": ""}, "due", "Enter the due date"),
        ({"due": "114年3月13日", "calendar": "XX"}, "calendar", "Unknown holiday calendar “XX”"),
        (
            {"due": "114年3月13日", "zone": "Asia/Gyeongju"},
            "zone",
            "“Asia/Gyeongju” is not a time zone we know",
        ),
        (
            {"mode": "relative", "rule_amount": "2", "rule_unit": "weeks", "rule_anchor": "session"},
            "anchor_session",
            "Choose the session this deadline counts from.",
        ),
        (
            {"mode": "relative", "rule_unit": "weeks", "rule_anchor": "meeting_end"},
            "rule_amount",
            "needs an amount",
        ),
    ],
)
def test_deadline_admin_refuses_bad_input_naming_the_field(staff_client, telwg70, changes, field, message):
    count = Deadline.objects.count()
    response = staff_client.post(reverse("admin:actions_deadline_add"), deadline_form(telwg70, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert message in page_text(response)
    assert Deadline.objects.count() == count


def test_deadline_admin_refuses_a_cycle(staff_client, telwg70):
    a = Deadline.objects.get(key="acs-country-report")
    add = staff_client.post(
        reverse("admin:actions_deadline_add"),
        deadline_form(
            telwg70,
            key="b",
            mode="relative",
            rule_amount="1",
            rule_unit="weeks",
            rule_anchor="deadline",
            anchor_deadline=a.pk,
        ),
    )
    assert add.status_code == 302, page_text(add)[:3000]
    b = Deadline.objects.get(key="b")
    assert b.due_on == date(2025, 3, 20)
    url = reverse("admin:actions_deadline_change", args=[a.pk])
    response = staff_client.post(
        url,
        deadline_form(
            telwg70,
            key=a.key,
            label=a.label,
            mode="relative",
            rule_amount="1",
            rule_unit="days",
            rule_anchor="deadline",
            anchor_deadline=b.pk,
        ),
    )
    assert response.status_code == 200
    assert "circle" in " ".join(response.context["adminform"].form.errors["anchor_deadline"])
    a.refresh_from_db()
    assert (a.mode, a.anchor_deadline_id, a.due_on) == ("absolute", None, date(2025, 3, 13))


def test_deadline_admin_move_logs_on_every_item(staff_client, telwg70):
    deadline = Deadline.objects.get(key="acs-country-report")
    page = staff_client.get(reverse("admin:actions_deadline_change", args=[deadline.pk]))
    assert 'value="13 Mar 2025"' in page.content.decode()  # shown in the user's style
    response = staff_client.post(
        reverse("admin:actions_deadline_change", args=[deadline.pk]),
        deadline_form(
            telwg70,
            key=deadline.key,
            label=deadline.label,
            zone=deadline.zone,
            due="114/3/20",
            reason="the secretariat extended it",
        ),
    )
    assert response.status_code == 302, page_text(response)[:3000]
    item = ActionItem.objects.get(deadline=deadline)
    assert log_lines(item) == [
        "due moved from 13 Mar 2025 to 20 Mar 2025 because the secretariat extended it"
    ]


def test_resaving_a_deadline_unchanged_logs_nothing(staff_client, telwg70):
    deadline = Deadline.objects.get(key="secretariat-compilation")
    response = staff_client.post(
        reverse("admin:actions_deadline_change", args=[deadline.pk]),
        deadline_form(
            telwg70,
            key=deadline.key,
            label=deadline.label,
            zone=deadline.zone,
            mode="relative",
            rule_amount="20",
            rule_unit="working_days",
            rule_anchor="meeting_end",
            calendar="kr",
        ),
    )
    assert response.status_code == 302, page_text(response)[:3000]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("language", "style", "shown"),
    [
        ("en", "", ["3 Mar 2025", "7 Mar 2025"]),
        ("en", "roc", ["3 Mar ROC 114", "7 Mar ROC 114"]),
        ("zh-hant", "", ["114年3月3日", "114年3月7日"]),
    ],
)
def test_list_columns_follow_the_users_date_style(client, telwg70_admin, language, style, shown):
    telwg70_admin.language, telwg70_admin.date_style = language, style
    telwg70_admin.save()
    client.force_login(telwg70_admin)
    text = page_text(client.get(reverse("admin:meetings_meeting_changelist")))
    assert all(day in text for day in shown)
    deadlines = page_text(client.get(reverse("admin:actions_deadline_changelist")))
    month = (
        "115年1月底前"
        if language == "zh-hant"
        else ("by end of Jan ROC 115" if style == "roc" else "by end of Jan 2026")
    )
    assert month in deadlines
    items = page_text(client.get(reverse("admin:actions_actionitem_changelist")))
    assert month in items


def test_list_columns_sort_by_the_underlying_field(staff_client, telwg70):
    response = staff_client.get(reverse("admin:actions_deadline_changelist") + "?o=3")
    dues = [d.due_at for d in response.context["cl"].result_list]
    assert dues == sorted(dues)
    assert dues[0] < datetime(2025, 3, 20, tzinfo=UTC)


def test_item_activity_log_follows_the_readers_date_style(client, telwg70_admin, telwg70):
    deadline = Deadline.objects.get(key="acs-country-report")
    deadline_services.deadline_move(
        deadline=deadline,
        to=dates.DueDate.day(date(2025, 3, 20)),
        by=telwg70_admin,
        now=datetime(2025, 3, 10, tzinfo=UTC),
    )
    item = ActionItem.objects.get(deadline=deadline)
    url = reverse("admin:actions_actionitem_change", args=[item.pk])
    telwg70_admin.date_style = "roc"
    telwg70_admin.save()
    client.force_login(telwg70_admin)
    assert "due moved from 13 Mar ROC 114 to 20 Mar ROC 114" in page_text(client.get(url))


def test_meeting_days_whose_deadlines_cannot_follow_are_a_form_error_and_write_nothing(staff_client, telwg70):
    url = reverse("admin:meetings_meeting_change", args=[telwg70.pk])
    before = list(Deadline.objects.values_list("pk", "due_on", "due_at"))
    response = staff_client.post(url, meeting_form(telwg70, start_on="9999-12-20", end_on="9999-12-24"))
    assert response.status_code == 200
    label = Deadline.objects.get(key="secretariat-compilation").label
    why = RULE_OUT_OF_RANGE % {"label": label}
    page = html.unescape(response.content.decode())
    shown = DEADLINES_CANNOT_FOLLOW % {"why": why}
    assert f'<ul class="errorlist" id="id_end_on_error"><li>{shown}</li>' in page
    assert list(Deadline.objects.values_list("pk", "due_on", "due_at")) == before
    telwg70.refresh_from_db()
    assert (telwg70.start_on, telwg70.end_on) == (date(2025, 3, 3), date(2025, 3, 7))


def test_a_deadline_moved_into_the_past_asks_first_in_the_admin(staff_client, telwg70):
    """As in the web forms: the items would be overdue at once, so the admin asks."""
    url = reverse("admin:actions_deadline_add")
    asked = staff_client.post(url, deadline_form(telwg70, due="114/4/30", confirm_past=""))
    assert asked.status_code == 200
    text = page_text(asked)
    assert "is in the past: the item would be overdue at once" in text
    assert 'type="checkbox" name="confirm_past"' in asked.content.decode()
    assert not Deadline.objects.filter(key="new-deadline").exists()
    confirmed = staff_client.post(url, deadline_form(telwg70, due="114/4/30", confirm_past="on"))
    assert confirmed.status_code == 302, page_text(confirmed)[:2000]
    assert Deadline.objects.get(key="new-deadline").due_on == date(2025, 4, 30)
    ahead = staff_client.post(url, deadline_form(telwg70, key="later", due="2099-01-31", confirm_past=""))
    assert ahead.status_code == 302  # a date ahead asks nothing
    # Editing a past deadline without touching its date asks nothing either.
    deadline = Deadline.objects.get(key="new-deadline")
    edit = deadline_form(telwg70, due="2025-04-30", label="Renamed", confirm_past="")
    kept = staff_client.post(reverse("admin:actions_deadline_change", args=[deadline.pk]), edit)
    assert kept.status_code == 302, page_text(kept)[:2000]
