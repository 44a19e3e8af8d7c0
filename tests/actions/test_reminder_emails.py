"""What a reminder email looks like: names in the reader's language, styled HTML."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_english_reader_gets_the_english_meeting_title(reminder_of):
    message, html = reminder_of("en")
    assert "Telecommunications Working Group" in message.body
    assert "Telecommunications Working Group" in html
    assert "電信暨資訊工作小組會議" not in message.body


def test_a_chinese_reader_gets_the_chinese_title(reminder_of):
    message, html = reminder_of("zh-hant")
    assert "電信暨資訊工作小組會議" in message.body
    assert "電信暨資訊工作小組會議" in html


def test_the_html_part_is_styled_inline_and_the_text_part_is_plain(reminder_of):
    message, html = reminder_of("zh-hant")
    assert "<style" not in html  # webmail drops style blocks: every style is inline
    assert 'style="background-color:#14365e;' in html
    assert "上傳國情報告" in html and "上傳國情報告" in message.body
    assert "<" not in message.body.replace("<http", "")  # the text part carries no markup
