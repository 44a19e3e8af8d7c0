"""Names in the reader's language: the data's own (Chinese) name, or its English one for an
English reader, each falling back to the other (title_en, name_en)."""

from __future__ import annotations

from typing import Any

from django.utils import translation


def is_english(language: str | None = None) -> bool:
    return (language or translation.get_language() or "zh-hant").lower().startswith("en")


def pick(own: str, english: str, language: str | None = None) -> str:
    if is_english(language):
        return english or own
    return own or english


def meeting_title(meeting: Any, language: str | None = None) -> str:
    return pick(meeting.title, meeting.title_en, language)


def meeting_label(meeting: Any, language: str | None = None) -> str:
    """Like str(meeting) ("APEC TELWG 70 — title"), with the title in the reader's language."""
    label, title = meeting.short_label, meeting_title(meeting, language)
    return f"{label} — {title}" if title and title != label else label


def session_name(session: Any, language: str | None = None) -> str:
    return pick(session.name, session.name_en, language)


def organization_name(organization: Any, language: str | None = None) -> str:
    return pick(organization.name, organization.name_en, language)


def organization_label(organization: Any, language: str | None = None) -> str:
    """Like str(organization) ("數位發展部 (MODA)"), with the name in the reader's language."""
    name = organization_name(organization, language)
    return f"{name} ({organization.abbreviation})" if organization.abbreviation else name


def in_language(obj: Any, language: str | None = None) -> str:
    """The label of a meeting, session or organization in the reader's language."""
    if obj is None:
        return ""
    kind = type(obj).__name__
    if kind == "Meeting":
        return meeting_label(obj, language)
    if kind == "Session":
        return session_name(obj, language)
    if kind == "Organization":
        return organization_label(obj, language)
    return str(obj)
