"""The pages a delegate uses: lists, the item page and every change made from it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import ActionItem, Activity, Evidence, Status
from tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%receipt\n"


@pytest.fixture
def mao(client, telwg70):
    from accounts.models import User

    user = User.objects.get(username="mao.yinli")
    client.force_login(user)
    return user


@pytest.fixture
def country_report(telwg70):
    return ActionItem.objects.get(meeting=telwg70, number=1)


def test_my_tasks_lists_the_country_report_with_roc_date_and_counts(client, mao):
    page = client.get(reverse("web:tasks")).content.decode()
    assert "上傳國情報告至 APEC Collaboration System (ACS)" in page
    assert "114年3月13日" in page  # ROC date for a Chinese reader
    assert "等待他方" in page or "Waiting on others" in page
    # the secretariat's compilation (external, mao watches it) waits on others
    assert "確認秘書處完成書面意見彙整" in page


def test_english_reader_sees_gregorian_dates(client, mao):
    mao.language = "en"
    mao.save()
    page = client.get(reverse("web:tasks")).content.decode()
    assert "13 Mar 2025" in page
    assert "My tasks" in page


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("q=country+report", "上傳國情報告", "策略行動計畫"),
        ("kind=external_commitment", "確認秘書處", "國情報告"),
        ("status=done", "", "國情報告"),
        ("due=none", "", "國情報告"),
        ("status=bogus&meeting=999999", "國情報告", ""),  # a tampered query falls back to defaults
    ],
)
def test_filters(client, mao, query, present, absent):
    page = client.get(reverse("web:tasks") + "?" + query).content.decode()
    assert present in page
    if absent:
        assert absent not in page.split("<main", 1)[1]


def test_csv_export_has_bom_and_chinese(client, mao):
    response = client.get(reverse("web:tasks_csv") + "?q=country+report")
    body = response.content
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "上傳國情報告" in text
    assert "策略行動計畫" not in text


def test_meeting_page_shows_sessions_sources_chart_and_timeline(client, mao, telwg70):
    page = client.get(reverse("web:meeting", args=[telwg70.pk])).content.decode()
    assert page.count('<svg class="chart"') == 1
    assert '<svg class="timeline"' in page
    assert "國情報告" in page
    first = ActionItem.objects.get(meeting=telwg70, number=1)
    assert first.source_excerpt[:20] in page


def test_complete_with_note_leaves_open_list(client, mao, country_report):
    response = client.post(
        reverse("web:item_complete", args=[country_report.pk]), {"complete-note": "已上傳 ACS"}
    )
    assert response.status_code == 302
    country_report.refresh_from_db()
    assert country_report.status == Status.DONE
    assert country_report.completion_note == "已上傳 ACS"
    assert "上傳國情報告" not in client.get(reverse("web:tasks")).content.decode()


def test_complete_without_note_is_refused(client, mao, country_report):
    response = client.post(reverse("web:item_complete", args=[country_report.pk]), {"complete-note": " "})
    assert response.status_code == 400
    country_report.refresh_from_db()
    assert country_report.status == Status.OPEN


def test_forged_status_is_refused_without_change(client, mao, country_report):
    response = client.post(
        reverse("web:item_status", args=[country_report.pk]), {"status-status": "archived"}
    )
    assert response.status_code == 400
    country_report.refresh_from_db()
    assert country_report.status == Status.OPEN
    assert not Activity.objects.filter(item=country_report, verb="status").exists()


def test_status_change_is_logged(client, mao, country_report):
    client.post(
        reverse("web:item_status", args=[country_report.pk]),
        {"status-status": "in_progress", "status-note": "drafting"},
    )
    country_report.refresh_from_db()
    assert country_report.status == Status.IN_PROGRESS
    page = client.get(reverse("web:item", args=[country_report.pk])).content.decode()
    assert "drafting" in page


def test_upload_evidence_and_download_it(client, mao, country_report):
    upload = SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("web:item_evidence", args=[country_report.pk]),
        {"evidence-file": upload, "evidence-note": "ACS receipt"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(item=country_report)
    assert evidence.original_name == "receipt.pdf"
    assert evidence.size == len(PDF)
    download = client.get(reverse("web:evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert Activity.objects.filter(item=country_report, verb="evidence").count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90", "not accepted"),
        ("fake.pdf", b"<html>", "does not look like"),
    ],
)
def test_bad_uploads_get_a_message_and_save_nothing(client, mao, country_report, name, data, message):
    mao.language = "en"
    mao.save()
    response = client.post(
        reverse("web:item_evidence", args=[country_report.pk]),
        {"evidence-file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()
    assert not Activity.objects.filter(verb="evidence").exists()


def test_oversized_upload_is_refused(client, mao, country_report, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    mao.language = "en"
    mao.save()
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 4096)
    response = client.post(reverse("web:item_evidence", args=[country_report.pk]), {"evidence-file": upload})
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_link_without_file(client, mao, country_report):
    client.post(
        reverse("web:item_evidence", args=[country_report.pk]),
        {"evidence-url": "https://acs.apec.org/doc/123"},
    )
    assert Evidence.objects.get().url == "https://acs.apec.org/doc/123"


def test_move_shared_deadline_with_roc_input_warns_and_logs(client, mao, telwg70):
    item = ActionItem.objects.get(meeting=telwg70, number=1)
    page = client.get(reverse("web:item", args=[item.pk])).content.decode()
    shared = item.deadline.items.exclude(pk=item.pk).count()
    if shared:
        assert "shared" in page or "共用" in page
    response = client.post(
        reverse("web:item_deadline", args=[item.pk]),
        {"deadline-due": "114/3/20", "deadline-reason": "秘書處延長期限", "deadline-confirm_past": "on"},
    )
    assert response.status_code == 302
    item.deadline.refresh_from_db()
    assert item.deadline.due_on == date(2025, 3, 20)
    entry = Activity.objects.filter(item=item, verb="deadline_moved").get()
    assert entry.text == "秘書處延長期限"


def test_move_deadline_needs_a_reason_and_a_valid_date(client, mao, country_report):
    before = country_report.deadline.due_on
    for data in (
        {"deadline-due": "114/3/20", "deadline-reason": ""},
        {"deadline-due": "114/2/30", "deadline-reason": "x"},
    ):
        response = client.post(reverse("web:item_deadline", args=[country_report.pk]), data)
        assert response.status_code == 400
    country_report.deadline.refresh_from_db()
    assert country_report.deadline.due_on == before


def test_reassign_to_a_participant(client, mao, country_report):
    from accounts.models import User

    other = User.objects.get(username="hung.tsaichun")
    client.post(
        reverse("web:item_reassign", args=[country_report.pk]),
        {"reassign-owner": other.pk, "reassign-reason": "on leave"},
    )
    country_report.refresh_from_db()
    assert country_report.owner == other


def test_reassign_to_an_outsider_is_refused(client, mao, country_report):
    outsider = factories.UserFactory()
    response = client.post(
        reverse("web:item_reassign", args=[country_report.pk]), {"reassign-owner": outsider.pk}
    )
    assert response.status_code == 400
    country_report.refresh_from_db()
    assert country_report.owner == mao


def test_comment(client, mao, country_report):
    client.post(reverse("web:item_comment", args=[country_report.pk]), {"comment-text": "草稿已完成"})
    page = client.get(reverse("web:item", args=[country_report.pk])).content.decode()
    assert "草稿已完成" in page


def test_delegate_who_does_not_own_an_item_cannot_change_it(client, telwg70):
    from accounts.models import User

    client.force_login(User.objects.get(username="hung.tsaichun"))
    item = ActionItem.objects.get(meeting=telwg70, number=1)
    page = client.get(reverse("web:item", args=[item.pk]))
    assert page.status_code == 200
    assert b"item_complete" not in page.content
    response = client.post(reverse("web:item_complete", args=[item.pk]), {"complete-note": "x"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Status.OPEN


def test_get_never_changes_state(client, mao, country_report):
    for name in ("item_complete", "item_status", "item_evidence", "item_deadline"):
        assert client.get(reverse(f"web:{name}", args=[country_report.pk])).status_code == 405
    country_report.refresh_from_db()
    assert country_report.status == Status.OPEN


def test_post_without_csrf_token_is_refused(telwg70, country_report):
    from django.test import Client

    from accounts.models import User

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="mao.yinli"))
    response = client.post(reverse("web:item_complete", args=[country_report.pk]), {"complete-note": "x"})
    assert response.status_code == 403
    country_report.refresh_from_db()
    assert country_report.status == Status.OPEN


def test_calendar_shows_my_deadlines_in_the_month(client, mao):
    page = client.get(reverse("web:calendar") + "?month=2025-03").content.decode()
    assert "上傳國情報告" in page
    assert "民國 114 年 3 月" in page
    for bad in ("garbage", "1800-01", "9999-12", "2025-13", "-1-1", "2025"):
        assert client.get(reverse("web:calendar") + "?month=" + bad).status_code == 200


def test_delegation_view_for_head_shows_everyones_late_items(client, telwg70):
    from accounts.models import User

    client.force_login(User.objects.get(username="shen.hsinhsiung"))
    page = client.get(reverse("web:delegation")).content.decode()
    assert "毛胤立" in page
    assert "上傳國情報告" in page


def test_preferences_save_and_language_switch(client, mao):
    response = client.post(
        reverse("web:preferences"),
        {
            "language": "en",
            "time_zone": "Asia/Singapore",
            "date_style": "gregorian",
            "reminder_mode": "digest",
            "optional_reminders": "",
        },
    )
    assert response.status_code == 302
    mao.refresh_from_db()
    assert (mao.language, mao.time_zone, mao.date_style, mao.reminder_mode, mao.optional_reminders) == (
        "en",
        "Asia/Singapore",
        "gregorian",
        "digest",
        False,
    )
    client.post(reverse("web:language"), {"language": "zh-hant", "next": "/"})
    mao.refresh_from_db()
    assert mao.language == "zh-hant"
    assert "我的待辦" in client.get("/").content.decode()


def test_bad_time_zone_is_refused(client, mao):
    response = client.post(
        reverse("web:preferences"), {"language": "en", "time_zone": "Mars/Olympus", "reminder_mode": "single"}
    )
    assert response.status_code == 400
    mao.refresh_from_db()
    assert mao.time_zone == "Asia/Taipei"


def test_login_and_password_reset_pages(
    client, telwg70, mailoutbox, sent_tasks, django_capture_on_commit_callbacks
):
    from accounts.tasks import send_password_reset_email_task

    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "mao.yinli", "password": "demo"})
    assert response.status_code == 302
    client.post(reverse("logout"))
    from accounts.models import User

    User.objects.filter(username="mao.yinli").update(email="mao@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "mao@example.org"})
    assert mailoutbox == []  # sent by a worker, not inside the request
    [(_name, args)] = sent_tasks
    send_password_reset_email_task(*args)
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_a_deadline_past_the_last_storable_instant_is_refused(client, mao, country_report):
    deadline = country_report.deadline
    deadline.zone = "America/Los_Angeles"
    deadline.save()
    response = client.post(
        reverse("web:item_deadline", args=[country_report.pk]),
        {"deadline-due": "9999-12-31", "deadline-reason": "far away"},
    )
    assert response.status_code == 400
    deadline.refresh_from_db()
    assert deadline.due_on == date(2025, 3, 13)


@pytest.mark.parametrize(
    ("reader_zone", "shown"),
    [
        ("Asia/Taipei", False),  # Singapore's 23:59 is Taipei's 23:59: the date says it all
        ("Europe/London", True),  # 15:59 in London: the list says so
    ],
)
def test_list_shows_the_instant_when_the_readers_clock_differs(client, reader_zone, shown):
    user = factories.UserFactory(language="en", time_zone=reader_zone)
    deadline = factories.DeadlineFactory(zone="Asia/Singapore", due_on=date(2025, 3, 13))
    factories.ParticipantFactory(meeting=deadline.meeting, user=user)
    factories.ActionItemFactory(meeting=deadline.meeting, deadline=deadline, owner=user)
    client.force_login(user)
    page = client.get(reverse("web:tasks") + "?status=all").content.decode()
    assert ("13 Mar 2025 15:59 London" in page) is shown


@pytest.mark.parametrize(
    "title",
    [
        '=HYPERLINK("http://evil.example/","click")',
        "+1+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-1+1",
        "\t=1+1",
    ],
)
def test_csv_export_neutralises_formulas_and_keeps_chinese(client, mao, country_report, title):
    import csv
    import io

    country_report.title = f"{title} 國情報告"
    country_report.save()
    body = client.get(reverse("web:tasks_csv")).content
    assert body.startswith(b"\xef\xbb\xbf")  # Excel still reads it as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    titles = [row[2] for row in rows[1:]]
    assert f"'{title} 國情報告" in titles
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_an_owner_moves_only_their_item_on_a_shared_deadline_as_in_the_api(client):
    """Issue 13, point 4: the item page and the API give a plain owner the same result."""
    from rest_framework.test import APIClient

    meeting = factories.MeetingFactory()
    deadline = factories.DeadlineFactory(meeting=meeting, due_on=date(2025, 3, 13))
    owner, other = factories.UserFactory(language="en"), factories.UserFactory()
    for user in (owner, other):
        factories.ParticipantFactory(meeting=meeting, user=user)
    mine = factories.ActionItemFactory(meeting=meeting, deadline=deadline, owner=owner)
    theirs = factories.ActionItemFactory(meeting=meeting, deadline=deadline, owner=other)
    client.force_login(owner)
    page = client.get(reverse("web:item", args=[mine.pk])).content.decode()
    assert "the new date is for this item only" in page
    response = client.post(
        reverse("web:item_deadline", args=[mine.pk]),
        {"deadline-due": "2025-03-20", "deadline-reason": "late", "deadline-confirm_past": "on"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.deadline.due_on, theirs.deadline.due_on) == (date(2025, 3, 20), date(2025, 3, 13))
    # The API: the shared deadline is refused to the owner, with the service's message.
    api = APIClient()
    api.force_authenticate(owner)
    moved = api.post(
        f"/api/v1/deadlines/{deadline.pk}/move/", {"due": "2025-04-01", "reason": "x"}, format="json"
    )
    assert moved.status_code == 403
    from actions.deadline_services import DEADLINE_MOVE_REFUSED

    assert moved.json() == {"detail": str(DEADLINE_MOVE_REFUSED)}
    theirs.refresh_from_db()
    assert theirs.deadline.due_on == date(2025, 3, 13)
