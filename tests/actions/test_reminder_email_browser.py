"""A reminder email as a mail reader shows it: rendered by Chromium at phone and desktop width."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1366])
def test_the_email_renders_in_chromium_at_phone_and_desktop_width(browser, tmp_path, width, reminder_of):
    from tests.browser import axe_violations, install_axe, shoot

    _message, html = reminder_of("zh-hant")
    page_file = tmp_path / "reminder.html"
    page_file.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 800})
    install_axe(context)
    page = context.new_page()
    page.goto(page_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert "上傳國情報告" in page.inner_text("body")
    found = axe_violations(page)
    assert not found, found
    shoot(page, f"reminder-email-{width}.png", publish=width == 390)
    context.close()
