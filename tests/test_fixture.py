"""The TELWG 70 demo data: every follow-up of the report, with the right dates, loadable twice."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from actions.models import ActionItem, Activity, Deadline
from meetings.models import Meeting, Participant, Session

pytestmark = pytest.mark.django_db

# (words in the title, due day, precision, kind) — straight from the report.
FOLLOW_UPS = [
    ("國情報告", date(2025, 3, 13), "day", "our_task"),
    ("策略行動計畫修改意見", date(2025, 3, 27), "day", "our_task"),
    ("第一階段計畫提案", date(2025, 3, 13), "day", "external_commitment"),
    ("部長宣言修正版", date(2025, 3, 18), "day", "external_commitment"),
    ("秘書處完成書面意見彙整", date(2025, 4, 4), "day", "external_commitment"),
    ("「digital policy」與「AI」", None, None, "our_task"),
    ("簡報上傳至 ACS", None, None, "our_task"),
    ("AI 安全", None, None, "our_task"),
    ("IoT 資安標章圓桌會議", None, None, "our_task"),
    ("GLOBAC 轉換程序工作細目", date(2025, 4, 30), "month", "external_commitment"),
    ("GLOBAC 正式營運", date(2026, 1, 31), "month", "event"),
    ("RED 資安要求", date(2025, 8, 1), "day", "event"),
    ("CRA", date(2027, 12, 11), "day", "event"),
    ("TCB Council Workshop", date(2025, 4, 1), "day", "event"),
    ("籌備 TEL 71", date(2025, 7, 29), "day", "event"),
    ("部長級會議", date(2025, 8, 4), "day", "event"),
    ("HCT 實驗室", date(2025, 7, 29), "day", "external_commitment"),
    ("IAF 與 ILAC 標章終止", date(2029, 1, 31), "month", "event"),
]


def item_titled(words: str) -> ActionItem:
    return ActionItem.objects.select_related("deadline").get(title__contains=words)


def test_meeting_sessions_and_roster(telwg70):
    assert (telwg70.start_on, telwg70.end_on) == (date(2025, 3, 3), date(2025, 3, 7))
    assert telwg70.venue_zone == "Asia/Seoul"
    assert Session.objects.filter(meeting=telwg70).count() == 9
    roster = Participant.objects.filter(meeting=telwg70)
    assert roster.count() == 11
    head = roster.get(role="head")
    assert head.name == "沈信雄" and head.organization.abbreviation == "MODA"
    assert set(roster.filter(role="convenor").values_list("name", flat=True)) == {"謝志昌", "王家宜"}
    assert all(p.user and p.user.email.endswith("@example.org") for p in roster)


@pytest.mark.parametrize(("words", "due_on", "precision", "kind"), FOLLOW_UPS)
def test_every_follow_up_is_there_with_its_date(telwg70, words, due_on, precision, kind):
    item = item_titled(words)
    assert item.kind == kind
    assert item.source_excerpt, "each follow-up keeps its source sentence"
    if due_on is None:
        assert item.deadline is None
    else:
        assert (item.deadline.due_on, item.deadline.precision) == (due_on, precision)


def test_singapore_deadline_ends_at_2359_singapore(telwg70):
    deadline = item_titled("國情報告").deadline
    assert deadline.zone == "Asia/Singapore"
    assert deadline.due_at.isoformat() == "2025-03-13T15:59:59+00:00"


def test_relative_deadlines_are_rules_not_hand_computed_dates(telwg70):
    compilation = Deadline.objects.get(key="secretariat-compilation")
    assert (compilation.mode, compilation.rule_amount, compilation.rule_unit) == (
        "relative",
        20,
        "working_days",
    )
    assert (compilation.rule_anchor, compilation.calendar) == ("meeting_end", "KR")
    draft = Deadline.objects.get(key="declaration-revised-draft")
    assert (draft.rule_amount, draft.rule_unit, draft.anchor_session.code) == (2, "weeks", "dmm-declaration")


def test_owners_follow_the_report_roles(telwg70):
    assert item_titled("AI 安全").owner.username == "wang.chiayi"  # STSG convenor
    assert item_titled("HCT 實驗室").owner.username == "hsieh.chihchang"  # CISG convenor
    assert item_titled("部長宣言修正版").owner.username == "shen.hsinhsiung"  # head


def test_loading_twice_changes_nothing(telwg70):
    counts = [m.objects.count() for m in (Meeting, Session, Participant, Deadline, ActionItem, User)]
    item = item_titled("國情報告")
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.objects.count() for m in (Meeting, Session, Participant, Deadline, ActionItem, User)] == counts
    assert ActionItem.objects.get(pk=item.pk).deadline.due_at == item.deadline.due_at
    assert not Activity.objects.exists()


def test_reloading_keeps_a_changed_password(telwg70):
    user = User.objects.get(username="mao.yinli")
    assert user.check_password("demo")
    user.set_password("a-new-secret-123")
    user.save()
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.get(username="mao.yinli").check_password("a-new-secret-123")


def test_shift_to_today_ends_the_meeting_yesterday(telwg70):
    call_command("load_demo", "--shift-to-today", "--reset", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    meeting = Meeting.objects.get(slug="apec-telwg-70")
    yesterday = timezone.localdate() - timedelta(days=1)
    assert meeting.end_on == yesterday
    shift = yesterday - date(2025, 3, 7)
    assert item_titled("國情報告").deadline.due_on == date(2025, 3, 13) + shift
    # A month stays a month, ending on a month's last day.
    globac = item_titled("GLOBAC 轉換程序工作細目").deadline
    assert globac.precision == "month"
    assert (globac.due_on + timedelta(days=1)).day == 1
    # Relative rules are re-resolved from the shifted meeting, not shifted blindly.
    compilation = Deadline.objects.get(key="secretariat-compilation")
    assert compilation.due_on == compilation.resolved_due().on
    assert compilation.due_on > meeting.end_on


def test_a_second_run_keeps_what_users_changed_and_reset_undoes_it(telwg70):
    """`dev.py run` loads the demo on every start: what a user did must survive it."""
    from datetime import UTC, datetime

    import dev
    from actions import deadline_services, services
    from followup_dates import dates

    now = datetime.now(UTC)
    done, moved = item_titled("國情報告"), item_titled("GLOBAC 轉換程序工作細目")
    services.action_item_complete(item=done, by=None, note="uploaded", now=now)
    deadline_services.deadline_move(
        deadline=moved.deadline,
        to=dates.DueDate.day(date(2025, 6, 30)),
        by=None,
        now=now,
        reason="chair extended",
    )
    args = dev.load_demo_args({})  # what `python3 dev.py run` runs on every start
    assert args == ["load_demo", "--shift-to-today"]
    call_command(*args, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ActionItem.objects.get(pk=done.pk).status == "done"
    assert ActionItem.objects.get(pk=moved.pk).deadline.due_on == date(2025, 6, 30)
    assert Meeting.objects.get(slug="apec-telwg-70").end_on == date(2025, 3, 7)  # not shifted

    reset = dev.load_demo_args({"RESET_DEMO": "1", "SHIFT": "0"})
    assert reset == ["load_demo", "--reset"]
    call_command(*reset, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ActionItem.objects.get(pk=done.pk).status == "open"
    assert ActionItem.objects.get(pk=moved.pk).deadline.due_on == date(2025, 4, 30)


def test_the_secretariat_may_use_the_user_pickers(telwg70, client):
    """Staff assign owners and watchers in the admin: the autocomplete must answer them."""
    staff = User.objects.get(username="secretariat")
    client.force_login(staff)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "actions", "model_name": "actionitem", "field_name": "owner", "term": "mao"},
    )
    assert response.status_code == 200, response.content[:200]
    assert [row["text"] for row in response.json()["results"]]
    assert staff.has_perm("accounts.view_user")
    assert not staff.has_perm("accounts.change_user")


def test_the_admin_pickers_say_their_errors_in_chinese_too():
    from django.contrib.staticfiles import finders

    path = finders.find("admin/js/vendor/select2/i18n/zh-TW.js")
    assert "/static/admin/" in path and "site-packages" not in path
    with open(path, encoding="utf-8") as script:
        assert 'errorLoading:function(){return"無法載入結果。"}' in script.read()
