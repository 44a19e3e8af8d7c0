"""The reader of a page, an API response or a feed: one Reader (followup_dates.reader) per person.

A signed-in person reads in their own zone and date style; anyone else in the site's zone
(settings.TIME_ZONE) and the active language's style. The language is the active one (the
middleware activates the person's), unless the caller names one (an email's recipient).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from followup_dates import dates
from followup_dates.reader import Reader, style_for


def reader_language(language: str | None = None) -> str:
    language = language or translation.get_language() or "zh-hant"
    return "zh-hant" if language.startswith("zh") else "en"


def reader_for(user, *, language: str | None = None) -> Reader:
    language = reader_language(language)
    if user is not None and getattr(user, "is_authenticated", False):
        return Reader(user.effective_date_style, language, user.time_zone)
    return Reader(style_for(language), language, settings.TIME_ZONE)


def known_zone(zone: str | None) -> str:
    """`zone` when it is a zone we know, else the site's (settings.TIME_ZONE): the one fallback
    for a venue, a column or a picker whose zone is missing or stale."""
    try:
        dates.validate_zone(zone or "")
    except dates.DateInputError:
        return settings.TIME_ZONE
    return zone
