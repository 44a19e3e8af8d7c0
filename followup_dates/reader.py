"""Who reads a date: their language, time zone and date style, and how each kind of date reads.

Pure: plain values in, text out. tracker/readers.py builds one for a person (web pages,
the API, admin columns, feeds) and reminders/emails.py for a reminder's recipient.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from followup_dates import dates


def style_for(language: str) -> str:
    """The date style of someone who chose none: ROC for zh-hant, Gregorian otherwise."""
    return "roc" if language == "zh-hant" else "gregorian"


class Reader(NamedTuple):
    style: str  # "roc" or "gregorian"
    language: str  # "zh-hant" or "en"
    zone: str  # an IANA zone name: instants are shown in it

    def due(self, due: dates.DueDate) -> str:
        return dates.format_due_date(due, style=self.style, language=self.language)

    def day(self, d: date) -> str:
        return dates.format_date(d, style=self.style, language=self.language)

    def instant(self, at: datetime, *, deadline_zone: str | None = None) -> str:
        return dates.format_instant(
            at, reader_zone=self.zone, deadline_zone=deadline_zone, style=self.style, language=self.language
        )
