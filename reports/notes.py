"""The reader's notes and reasons, written once in English and shown in the reader's language.

Pure: a `Note` is a `str` (the English sentence, as --json prints it and as the item's
description keeps it) that also remembers its template and values, so a page can show it
translated: `note(gettext_noop("counted from the meeting's last day, {on}"), on=…)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext

from followup_dates.i18n import Note as Note
from followup_dates.i18n import note as note


def as_json(notes: Iterable[str]) -> list[dict]:
    """[{"t": template, "p": values}], one per note (a plain string is its own template)."""
    out = []
    for item in notes:
        if isinstance(item, Note):
            out.append({"t": item.template, "p": item.params})
        elif item:
            out.append({"t": str(item).replace("{", "{{").replace("}", "}}"), "p": {}})
    return out


def render(notes: Iterable[dict] | None, fallback: str = "") -> str:
    """The notes in the active language, joined; the English `fallback` when none are stored."""
    if not notes:
        return fallback
    shown = []
    for item in notes:
        try:
            shown.append(gettext(item["t"]).format(**item.get("p", {})))
        except (KeyError, IndexError, ValueError):
            shown.append(item["t"].format(**item.get("p", {})))
    return "；".join(shown) if any("\u4e00" <= ch <= "\u9fff" for ch in "".join(shown)) else "; ".join(shown)
