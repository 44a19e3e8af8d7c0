"""A delegate's morning in headless Chromium: sign in, attach proof, mark done, switch language.

Screenshots land in test-artifacts/ (gitignored); with TRACKER_PUBLISH_SCREENSHOTS=1 the
README's pictures in docs/ are refreshed from the same run.
"""

import pytest

from tests.browser import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_delegate_attaches_proof_marks_done_and_switches_language(live_server, telwg70, browser, tmp_path):
    from django.db import connections

    from actions.models import ActionItem

    title = "上傳國情報告至 APEC Collaboration System (ACS)"
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    sign_in(page, base, "mao.yinli")

    tasks = page.locator("main")
    assert tasks.get_by_role("link", name=title).is_visible()
    assert page.locator("h1").inner_text() == "我的待辦"
    assert "114年3月13日" in tasks.inner_text()
    shoot(page, "tasks-telwg70.png", publish=True)

    page.get_by_role("link", name=title).click()
    receipt = tmp_path / "acs-receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n% ACS upload receipt\n")
    page.locator("details:has(#id_evidence-file) > summary").click()  # the folded upload
    page.set_input_files("#id_evidence-file", str(receipt))
    page.fill("#id_evidence-note", "ACS 上傳回條")
    page.locator("form[action$='/evidence/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="acs-receipt.pdf").is_visible()

    shoot(page, "item-telwg70.png", publish=False)
    page.fill("#id_complete-note", "已於 3 月 12 日上傳 ACS")
    page.locator("form[action$='/complete/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "已完成" in page.locator(".details").inner_text()

    page.goto(f"{base}/")
    assert page.get_by_role("link", name=title).count() == 0
    item = ActionItem.objects.get(meeting=telwg70, number=1)
    assert item.status == "done"
    assert item.evidence.count() == 1
    # Queries from the test body run on a connection of Playwright's context: close it here.
    connections.close_all()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "My tasks"
    page.goto(f"{base}/items/{item.pk}/")
    assert "status changed from Open to Done" in page.locator(".activity").inner_text()
    shoot(page, "item-telwg70-en.png", publish=False)
    page.goto(f"{base}/")
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "我的待辦"

    page.goto(f"{base}/calendar/?month=2025-03")
    assert "上傳國情報告" in page.locator("table.month").inner_text()
    shoot(page, "calendar-2025-03.png", publish=False)
    page.goto(f"{base}/preferences/")
    page.locator("form[action$='/preferences/feeds/'] button[type=submit]").click()
    page.wait_for_load_state()
    feed_url = page.locator("#new-feed-url").input_value()
    assert "/feeds/" in feed_url
    shoot(page, "preferences.png", publish=False)

    page.goto(f"{base}/meetings/{telwg70.pk}/")
    assert page.locator("svg.chart").is_visible()
    assert page.locator("svg.timeline").is_visible()
    shoot(page, "meeting-telwg70-full.png", publish=False)
    page.set_viewport_size({"width": 1280, "height": 1300})
    shoot(page, "meeting-telwg70.png", publish=True, full_page=False)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)
    phone_page = phone.new_page()
    sign_in(phone_page, base, "mao.yinli")
    # Nothing wider than the screen: the page does not scroll sideways on a phone.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(phone_page, "tasks-telwg70-phone.png", publish=False)
    # The meeting page too: its timeline shrinks to the screen instead of widening the page.
    phone_page.goto(f"{base}/meetings/{telwg70.pk}/")
    assert phone_page.locator("svg.timeline").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    timeline = phone_page.locator("svg.timeline").bounding_box()
    assert timeline is not None and timeline["width"] <= 390
    phone_page.locator("svg.timeline").scroll_into_view_if_needed()
    shoot(phone_page, "meeting-timeline-phone.png", publish=False, full_page=False)
    context.close()
    phone.close()


def test_admin_changelist_of_telwg70(live_server, telwg70, browser):
    context = browser.new_context(viewport={"width": 1800, "height": 1150}, locale="zh-TW")
    # The admin's navigation sidebar takes a third of the width; the list is the point here.
    context.add_init_script("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "secretariat")
    page.fill("#id_password", "demo")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/actions/actionitem/?meeting__id__exact={telwg70.pk}")
    assert "上傳國情報告" in page.locator("#result_list").inner_text()
    shoot(page, "admin-telwg70.png", publish=True, full_page=False)
    context.close()
