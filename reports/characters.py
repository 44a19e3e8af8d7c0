"""Characters of a report's text: NFKC, what is Chinese, display width, joining wrapped lines. Pure."""

from __future__ import annotations

import unicodedata

from followup_dates.text import nfkc as nfkc


def is_cjk(ch: str) -> bool:
    return (
        "\u3400" <= ch <= "\u9fff"
        or "\uf900" <= ch <= "\ufaff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
    )


def width(text: str) -> int:
    """Display columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def join_lines(left: str, right: str) -> str:
    """Join a wrapped line to the next with what the script needs between them."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if is_cjk(left[-1]) and (is_cjk(right[0]) or not right[0].isalpha()):
        return left + right
    if is_cjk(right[0]) and not left[-1].isalnum():
        return left + right
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[0].islower():
        return left + right  # "follow-" + "up"
    return f"{left} {right}"
