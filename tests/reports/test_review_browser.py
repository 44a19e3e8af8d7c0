"""Reviewing the TELWG 70 report in Chromium: upload, edit a candidate, promote a sentence, accept."""

from __future__ import annotations

from datetime import date

import pytest

from reports.models import CandidateState, ImportCandidate
from tests.browser import shoot, sign_in
from tests.reports.conftest import REPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_review_the_telwg70_report(live_server, telwg70, browser):
    from django.db import connections

    from actions.models import ActionItem

    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-TW")
    page = context.new_page()
    sign_in(page, base, "secretariat")

    # The meeting page leads to the upload; the upload leads to the review.
    page.goto(f"{base}/meetings/{telwg70.pk}/")
    page.get_by_role("link", name="匯入報告").click()
    page.set_input_files("#id_file", str(REPORT))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/imports/*/")
    review_url = page.url
    assert page.locator(".report-text .mark.proposed").count() >= 40
    shoot(page, "review-telwg70.png", publish=True, full_page=False)

    # Edit a pending candidate: both titles, the due date in ROC, then accept it.
    pending = ImportCandidate.objects.filter(state=CandidateState.PENDING).order_by("position").first()
    connections.close_all()
    card = page.locator(f"#c{pending.pk}")
    card.locator(f"#id_c{pending.pk}-title").fill("追蹤 PMU 專案申請期程")
    card.locator(f"#id_c{pending.pk}-title_en").fill("Track the PMU project application calendar")
    card.locator(f"#id_c{pending.pk}-due").fill("114/9/30")
    card.get_by_role("button", name="接受").click()
    page.wait_for_url(f"{review_url}#c{pending.pk}")
    assert "已接受" in page.locator(f"#c{pending.pk}").inner_text()

    # Promote a sentence the reader did not propose; it becomes a card; accept that too.
    mention = page.locator(".mention-row").filter(has_text="報告日期").first
    mention_id = mention.get_attribute("id")
    page.locator("details.reason").filter(has=mention).locator("summary").click()
    mention.get_by_role("button", name="提出").click()
    page.wait_for_url(f"{review_url}#{mention_id}")
    promoted = page.locator(f"li.cand#{mention_id}")
    assert promoted.is_visible()
    promoted.get_by_role("button", name="接受").click()
    page.wait_for_url(f"{review_url}#{mention_id}")

    edited = ActionItem.objects.select_related("deadline").get(title="追蹤 PMU 專案申請期程")
    assert (edited.title_en, edited.status, edited.deadline.due_on) == (
        "Track the PMU project application calendar",
        "open",
        date(2025, 9, 30),
    )
    promoted_item = ImportCandidate.objects.get(pk=int(mention_id[1:])).item
    assert promoted_item is not None and promoted_item.deadline.due_on == date(2025, 5, 7)
    connections.close_all()

    # The items appear on the meeting page with their deadlines.
    page.goto(f"{base}/items/{edited.pk}/")
    assert "114年9月30日" in page.locator("main").inner_text()
    context.close()
