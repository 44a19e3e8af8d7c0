"""Single-line text: what may go into a title that ends up in an email subject or a header.

A title with CR/LF makes Django refuse the whole message (BadHeaderError), which loses the
reminder for good; tab, NUL and the other control characters have no business in a title
either. Input is refused with SINGLE_LINE_CONTROL_CHARACTERS; `single_line` is the last line
of defence for rows written before the check existed.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SINGLE_LINE_CONTROL_CHARACTERS = _(
    "Use one line of text: line breaks, tabs and other control characters are not allowed."
)

_LINE_SEPARATORS = {"\u2028", "\u2029"}


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" or ch in _LINE_SEPARATORS for ch in value)


def validate_single_line(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(SINGLE_LINE_CONTROL_CHARACTERS, code="control_characters")


_CONTROL_RUN = re.compile("[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029]+")


def single_line(value: str) -> str:
    """`value` with every run of control characters made one space (for a mail header)."""
    return _CONTROL_RUN.sub(" ", value).strip()
