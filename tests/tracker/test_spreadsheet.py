"""CSV cells beginning like a formula are neutralised; everything else is written as is."""

import pytest

from tracker.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example/","click")', '\'=HYPERLINK("http://evil.example/","click")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("上傳國情報告至 ACS", "上傳國情報告至 ACS"),
        ("a=b", "a=b"),
        ("", ""),
        (7, 7),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_safe_row_keeps_order_and_numbers():
    assert safe_row(["=1", 2, "x"]) == ["'=1", 2, "x"]
