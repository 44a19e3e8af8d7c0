"""The time-zone menu: CLDR names (Babel) in the reader's language, grouped by region, the
reader's likely zones first."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import get_timezone_location
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

REGIONS = {
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "America": _("Americas"),
    "Australia": _("Australia and the Pacific"),
    "Pacific": _("Australia and the Pacific"),
    "Africa": _("Africa"),
    "Atlantic": _("Atlantic"),
    "Indian": _("Indian Ocean"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Antarctica"),
}
LIKELY = _("Likely for you")
# Where this tracker's delegations most often meet, after the reader's own zone and meetings.
USUAL = (
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Europe/Brussels",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
)


def _locale(language: str) -> str:
    return "zh_Hant_TW" if language.lower().startswith("zh") else "en"


@functools.cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z and z.split("/", 1)[0] in REGIONS))


def _offset(zone: str) -> str:
    delta = datetime.now(UTC).astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@functools.lru_cache(maxsize=4096)
def zone_label(zone: str, language: str) -> str:
    """'首爾（南韓時間）UTC+09:00' / 'Seoul (South Korea Time) UTC+09:00'; the offset is today's."""
    locale = _locale(language)
    try:
        city = get_timezone_location(zone, locale=locale, return_city=True)
        where = get_timezone_location(zone, locale=locale)
    except (LookupError, ValueError):
        city, where = zone.rsplit("/", 1)[-1].replace("_", " "), ""
    if locale == "en":
        name = f"{city} ({where})" if where and where != city else city
    else:
        name = f"{city}（{where}）" if where and where != city else city
    return f"{name} {_offset(zone)}"


def zone_choices(language: str, likely: Iterable[str] = ()) -> list:
    """Choices for a ChoiceField: a group of likely zones, then one group per region, each
    sorted by its label in the reader's language."""
    known = set(zone_names())
    # A zone saved before the menu was grouped (US/Pacific…) stays choosable in the first group.
    first = [
        z for z in dict.fromkeys([*likely, *USUAL]) if z in known or (z in available_timezones() and "/" in z)
    ]
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone in zone_names():
        region = str(REGIONS[zone.split("/", 1)[0]])
        groups.setdefault(region, []).append((zone, zone_label(zone, language)))
    choices: list = [(str(LIKELY), [(z, zone_label(z, language)) for z in first])]
    for region, entries in groups.items():
        choices.append((region, sorted(entries, key=lambda entry: entry[1])))
    return choices


class ZoneSelect(forms.Select):
    """The zone menu with a search box before it (shown by web/app.js; without JavaScript the
    menu alone, whose typed letters still jump)."""

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        select_id = (attrs or {}).get("id", "")
        return format_html(
            '<input type="search" class="zone-search" data-filters="{}" hidden '
            'aria-label="{}" placeholder="{}" aria-controls="{}">{}',
            select_id,
            _("Search the time zones"),
            _("Search: city, country or UTC+8"),
            select_id,
            select,
        )
