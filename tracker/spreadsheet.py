"""CSV cells that a spreadsheet will not run: formula injection (OWASP "CSV Injection").

Excel, LibreOffice and Google Sheets treat a cell that begins with = + - @ (and, after a
tab or carriage return, the same) as a formula, so a title such as
=HYPERLINK("http://evil/","click") would run on the reader's machine. Such a cell gets a
leading apostrophe: the spreadsheet shows the text as typed and evaluates nothing.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value to write into a CSV cell; numbers and other non-strings pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: list[object]) -> list[object]:
    return [safe_cell(value) for value in values]
