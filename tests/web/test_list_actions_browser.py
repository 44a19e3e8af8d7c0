"""The list actions in headless Chromium: mark done with a note, undo, move the due date (ROC
typed, into the past with its confirmation), reassign — from My tasks, with JavaScript on
(htmx answers the line) and off (plain forms), in both languages, at 1366 and 390 px; axe-core
finds no serious or critical violation on the pages on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import axe_violations, install_axe, shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "上傳國情報告至 APEC Collaboration System (ACS)"
WORDS = {
    "zh-hant": {
        "done": "標示為完成",
        "more": "變更期限或改派",
        "move": "變更",
        "undo": "復原",
        "reassign": "重新指派",
        "marked": "已標示完成",
        "undone": "已復原",
        "moved": "188年4月30日",
        "given": "已改派給",
        "past": "已經過去",
        "confirm": "是的，新日期已經過去",
        "save": "儲存",
        "new_due": "新期限",
    },
    "en": {
        "done": "Mark done",
        "more": "Move or reassign",
        "move": "Move",
        "undo": "Undo",
        "reassign": "Reassign",
        "marked": "marked done",
        "undone": "Undone",
        "moved": "30 Apr 2099",
        "given": "given to",
        "past": "is in the past",
        "confirm": "Yes, the new date is in the past",
        "save": "Save",
        "new_due": "New due date",
    },
}


def _setup(telwg70, language):
    from django.db import connections

    from accounts.models import User
    from actions.models import ActionItem

    mao = User.objects.get(username="mao.yinli")
    mao.language = language
    mao.save(update_fields=["language"])
    item = ActionItem.objects.get(meeting=telwg70, number=1)
    colleague = (
        User.objects.filter(participations__meeting=telwg70, is_active=True)
        .exclude(pk=mao.pk)
        .order_by("pk")
        .first()
    )
    connections.close_all()
    return item, colleague


def _row(page, pk):
    return page.locator(f"#item-{pk}")


def _no_blocking_violations(page, where):
    found = axe_violations(page)
    assert not found, f"{where}: {found}"


def _browser_with_axe(browser, live_server, username: str, language: str, size: tuple[int, int]):
    """A browser context of that size with axe-core, for `username` reading in `language`."""
    from django.db import connections

    from accounts.models import User

    User.objects.filter(username=username).update(language=language)
    connections.close_all()
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="zh-TW" if language == "zh-hant" else "en-US"
    )
    install_axe(context)
    return context, context.new_page(), live_server.url


def _admin_signed_in(browser, live_server, language, *, check_sign_in=False, username="secretariat"):
    """A 1366 px browser with axe, the secretariat (or `username`) signed in to the admin in `language`."""
    context, page, base = _browser_with_axe(browser, live_server, username, language, (1366, 900))
    page.goto(f"{base}/admin/login/")
    if check_sign_in:
        _no_blocking_violations(page, "admin sign-in")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return context, page, base


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_list_actions(live_server, telwg70, browser, javascript, language, width):
    from django.db import connections

    from actions.models import ActionItem

    item, colleague = _setup(telwg70, language)
    words = WORDS[language]
    base = live_server.url
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
        locale="zh-TW" if language == "zh-hant" else "en-US",
    )
    if javascript:  # axe-core runs as a script: the JavaScript-off pages are the same HTML
        install_axe(context)
    page = context.new_page()
    sign_in(page, base, "mao.yinli")
    row = _row(page, item.pk)
    assert row.get_by_role("link", name=TITLE).is_visible()
    if width == 390 and javascript:  # nothing wider than a phone's screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if javascript:
        _no_blocking_violations(page, "My tasks")

    # Mark done with a note: one click after the optional note.
    row.get_by_role("textbox").first.fill("已於 3 月 12 日上傳 ACS")
    row.get_by_role("button", name=words["done"]).click()
    if javascript:
        notice = row.locator(".row-notice")
        notice.wait_for()
        assert words["marked"] in notice.inner_text()
        expect(page.locator(":focus")).to_have_class(re.compile("row-notice"))  # said aloud
        _no_blocking_violations(page, "My tasks after done")
        row.get_by_role("button", name=words["undo"]).click()
        expect(_row(page, item.pk).locator(".row-notice")).to_contain_text(words["undone"])
    else:
        page.wait_for_load_state()
        assert words["marked"] in page.locator(".messages").inner_text()
        assert _row(page, item.pk).count() == 0
        page.locator(".undo-bar").get_by_role("button", name=words["undo"]).click()
        page.wait_for_load_state()
        assert words["undone"] in page.locator(".messages").inner_text()
    assert ActionItem.objects.get(pk=item.pk).status == "open"
    connections.close_all()

    # Move the due date: typed in ROC; into the past asks first.
    row = _row(page, item.pk)
    row.locator("summary").click()
    row.get_by_label(words["new_due"]).fill("114/4/30")
    row.get_by_role("button", name=words["move"], exact=True).click()
    if javascript:
        expect(row.locator(".errors").first).to_contain_text(words["past"])
        row.get_by_label(words["confirm"]).check()
        row.get_by_role("button", name=words["move"], exact=True).click()
        expect(row.locator(".row-notice")).to_contain_text("2025" if language == "en" else "114")
    else:
        page.wait_for_load_state()
        assert words["past"] in page.locator("main").inner_text()
        page.get_by_label(words["confirm"]).check()
        page.get_by_role("button", name=words["save"]).click()
        page.wait_for_load_state()
    assert str(ActionItem.objects.get(pk=item.pk).deadline.due_on) == "2025-04-30"
    connections.close_all()
    page.goto(f"{base}/")
    row = _row(page, item.pk)
    row.locator("summary").click()
    row.get_by_label(words["new_due"]).fill("188/4/30")
    row.get_by_role("button", name=words["move"], exact=True).click()
    if javascript:
        expect(row.locator(".row-notice")).to_contain_text(words["moved"])
    else:
        page.wait_for_load_state()
        assert words["moved"] in page.locator(".messages").inner_text()

    # Reassign to a colleague of the meeting.
    row = _row(page, item.pk)
    if row.locator("details.more").get_attribute("open") is None:
        row.locator("summary").click()
    row.locator("input[name=owner]").fill(colleague.username)  # the meeting's people, a datalist
    row.get_by_role("button", name=words["reassign"], exact=True).click()
    if javascript:
        expect(row.locator(".row-notice")).to_contain_text(words["given"])
    else:
        page.wait_for_load_state()
        assert words["given"] in page.locator(".messages").inner_text()
    assert ActionItem.objects.get(pk=item.pk).owner_id == colleague.pk
    connections.close_all()
    if width == 390 and javascript:  # nothing wider than a phone's screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, f"tasks-actions-{'js' if javascript else 'nojs'}-{language}-{width}.png", publish=False)
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_item_page_fits_one_screen(live_server, telwg70, browser, language):
    item, _colleague = _setup(telwg70, language)
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-TW" if language == "zh-hant" else "en-US"
    )
    install_axe(context)
    page = context.new_page()
    sign_in(page, live_server.url, "mao.yinli")
    page.goto(f"{live_server.url}/items/{item.pk}/")
    # Details, the report's sentence, the edit area, evidence and the latest activity: the
    # page was 2,560 px tall with its four open forms. (The series' "Next meeting" card of
    # issue 16 adds ~80 px; folding it into the edit area is still to do.)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 1600, height
    _no_blocking_violations(page, "item page")
    # the keyboard reaches the folded forms
    page.locator("details.edit-part summary").nth(1).focus()
    page.keyboard.press("Enter")
    assert page.locator("details.edit-part").nth(1).get_attribute("open") is not None
    shoot(page, f"item-telwg70-{language}-1366.png", publish=language == "zh-hant", full_page=True)
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_delegates_pages_have_no_serious_violations(live_server, telwg70, browser, language):
    from django.db import connections

    from accounts.models import User

    User.objects.filter(username__in=["secretariat", "mao.yinli"]).update(language=language)
    connections.close_all()
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="zh-TW" if language == "zh-hant" else "en-US"
    )
    install_axe(context)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    _no_blocking_violations(page, "sign-in")
    sign_in(page, base, "secretariat")
    page.goto(f"{base}/")
    assert page.url == f"{base}/overview/"  # staff start from the overview
    for path in (
        "/overview/",
        "/delegation/",
        "/meetings/",
        f"/meetings/{telwg70.pk}/",
        "/calendar/?month=2025-03",
        "/preferences/",
        "/?status=all",
    ):
        page.goto(base + path)
        _no_blocking_violations(page, path)
    page.goto(f"{base}/overview/")
    shoot(page, f"overview-telwg70-{language}.png", publish=language == "zh-hant")
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_delegate_saves_a_view_and_opens_it_from_the_list(live_server, telwg70, browser, language):
    context, page, base = _browser_with_axe(browser, live_server, "mao.yinli", language, (390, 844))
    sign_in(page, base, "mao.yinli")
    page.goto(f"{base}/?status=all&sort=-due")
    if not page.locator("form.save-view").is_visible():  # the filter box is folded on a phone
        page.locator("details.filters-box > summary").click()
    name = "全部，最晚到期在前" if language == "zh-hant" else "Everything, latest first"
    page.fill("#id_view-name", name)
    page.locator("form.save-view button[type=submit]").click()
    page.wait_for_url(f"{base}/?status=all&sort=-due")
    current = page.locator("nav.saved-views a[aria-current=page]")
    assert current.inner_text() == name
    _no_blocking_violations(page, "saved view")
    page.goto(f"{base}/")
    page.locator("nav.saved-views a", has_text=name).click()
    page.wait_for_url(f"{base}/?status=all&sort=-due")
    assert page.locator("#id_sort").input_value() == "-due"
    page.locator("nav.saved-views button.remove").click()
    page.wait_for_load_state()
    assert page.locator("nav.saved-views").count() == 0
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_admin_fits_1366_px(live_server, telwg70, browser, language):
    context, page, base = _admin_signed_in(browser, live_server, language)
    page.goto(f"{base}/admin/actions/actionitem/?meeting__id__exact={telwg70.pk}")
    due = page.locator("#result_list td.field-deadline").first
    box = due.bounding_box()
    assert box["x"] + box["width"] <= 1366  # the due column is on screen
    lines = due.evaluate(
        "(cell) => { const r = document.createRange(); "
        "r.selectNodeContents(cell); return r.getClientRects().length; }"
    )
    assert lines == 1  # and on one line, not one character per line
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    _no_blocking_violations(page, "admin item list")
    page.goto(f"{base}/admin/meetings/meeting/{telwg70.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shoot(page, f"admin-meeting-{language}-1366.png", publish=False, full_page=False)
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_admin_pages_staff_use_have_no_serious_violations(live_server, telwg70, browser, language):
    item = telwg70.action_items.order_by("number").first()
    deadline = item.deadline
    context, page, base = _admin_signed_in(browser, live_server, language, check_sign_in=True)
    pages = {
        "admin index": "/admin/",
        "item form": f"/admin/actions/actionitem/{item.pk}/change/",
        "meeting list": "/admin/meetings/meeting/",
        "meeting form": f"/admin/meetings/meeting/{telwg70.pk}/change/",
        "deadline list": "/admin/actions/deadline/",
        "series list": "/admin/meetings/meetingseries/",
        # every other list staff open, and the forms they fill in most
        "report imports": "/admin/reports/minutesimport/",
        "import candidates": "/admin/reports/importcandidate/",
        "reminders": "/admin/reminders/reminder/",
        "reminder policies": "/admin/reminders/reminderpolicy/",
        "reminder policy form": "/admin/reminders/reminderpolicy/add/",
        "users": "/admin/accounts/user/",
        "user form": f"/admin/accounts/user/{item.owner_id}/change/"
        if item.owner_id
        else "/admin/accounts/user/",
        "organizations": "/admin/meetings/organization/",
        "organization form": "/admin/meetings/organization/add/",
        "participants": "/admin/meetings/participant/",
        "sessions": "/admin/meetings/session/",
        "activity": "/admin/actions/activity/",
        "evidence": "/admin/actions/evidence/",
        "follow-up templates": "/admin/followups/followuptemplate/",
        "proposed follow-ups": "/admin/followups/proposedfollowup/",
        "carried items": "/admin/followups/carrieditem/",
        "recommendations": "/admin/followups/recommendation/",
        "new item form": "/admin/actions/actionitem/add/",
    }
    if deadline is not None:
        pages["deadline form"] = f"/admin/actions/deadline/{deadline.pk}/change/"
    for where, path in pages.items():
        response = page.goto(f"{base}{path}")
        assert response.status == 200, (where, response.status)
        _no_blocking_violations(page, where)
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_admin_pages_only_an_operator_opens_have_no_serious_violations(
    live_server, telwg70, browser, language
):
    from accounts.models import User

    User.objects.create_superuser("operator", "operator@example.org", "demo")
    context, page, base = _admin_signed_in(browser, live_server, language, username="operator")
    for where, path in {
        "inbound messages": "/admin/reminders/inboundmessage/",
        "webhooks": "/admin/webhooks/webhook/",
        "webhook form": "/admin/webhooks/webhook/add/",
        "webhook deliveries": "/admin/webhooks/webhookdelivery/",
        "api tokens": "/admin/accounts/apitoken/",
        "feed tokens": "/admin/web/feedtoken/",
        "groups": "/admin/auth/group/",
    }.items():
        response = page.goto(f"{base}{path}")
        assert response.status == 200, (where, response.status)
        _no_blocking_violations(page, where)
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_marking_done_from_my_tasks_with_the_keyboard_alone(live_server, telwg70, browser, language):
    from django.db import connections

    from actions.models import ActionItem

    item, _colleague = _setup(telwg70, language)
    words = WORDS[language]
    context, page, base = _browser_with_axe(browser, live_server, "mao.yinli", language, (1366, 900))
    sign_in(page, base, "mao.yinli")
    done = _row(page, item.pk).get_by_role("button", name=words["done"])
    for _ in range(400):  # Tab through the page, as a keyboard user does, to the line's button
        page.keyboard.press("Tab")
        if done.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the line's mark-done button")
    page.keyboard.press("Enter")
    notice = _row(page, item.pk).locator(".row-notice")
    notice.wait_for()
    assert words["marked"] in notice.inner_text()
    expect(page.locator(":focus")).to_have_class(re.compile("row-notice"))  # the result is said aloud
    page.keyboard.press("Tab")  # the undo is the next stop
    page.keyboard.press("Enter")
    expect(_row(page, item.pk).locator(".row-notice")).to_contain_text(words["undone"])
    connections.close_all()
    assert ActionItem.objects.get(pk=item.pk).status == "open"
    context.close()
