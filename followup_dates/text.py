"""Text as dates and headings are read from it: NFKC folding and numbers written in Chinese. Pure.

One implementation for the date module, the report reader and the import key.
"""

from __future__ import annotations

import unicodedata


def nfkc(text: str) -> str:
    """Full-width digits, letters and brackets folded to their plain forms."""
    return unicodedata.normalize("NFKC", text)


def fold_spaces(text: str) -> str:
    """NFKC, every run of white space one space, none at the ends."""
    return " ".join(nfkc(text).split())


def squeeze(text: str) -> str:
    """NFKC, no white space, casefolded: the same words however they were typed or wrapped."""
    return "".join(nfkc(text or "").split()).casefold()


_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_NUMBER = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-one": 21,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "several": None,
}


def number(token: str) -> int | None:
    """12, 十二, 二十, 一百二十, 一一四 (digit by digit), twelve."""
    token = token.strip().casefold()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if token in _EN_NUMBER:
        return _EN_NUMBER[token]
    if all(ch in _CN_DIGIT for ch in token):
        if len(token) == 1:
            return _CN_DIGIT[token]
        return int("".join(str(_CN_DIGIT[ch]) for ch in token))  # 一一四, 二〇二五
    total, current = 0, 0
    for ch in token:
        if ch in _CN_DIGIT:
            current = _CN_DIGIT[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
