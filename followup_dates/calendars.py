"""Which holiday calendar counts a meeting's working days, and why (said in the candidates' notes).

Pure. In order: the calendar set on the meeting (it may name a subdivision: GB-ENG for
England's Easter Monday, CH-GE for Geneva's holidays, any code the `holidays` package
knows); the host's calendar; the venue's city or country as written; the country of the
venue's time zone. A subdivision is added when the venue's city is known to have its own
holidays. When nothing is known the answer is None: working days are then not counted at
all, rather than silently on Taiwan's calendar for a meeting in Geneva.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from followup_dates.deadlines import is_known_calendar
from followup_dates.i18n import gettext_noop, note

# Cities whose region keeps holidays of its own, and capitals that place a meeting.
_CITIES: dict[str, str] = {
    "geneva": "CH-GE",
    "genève": "CH-GE",
    "geneve": "CH-GE",
    "日內瓦": "CH-GE",
    "日内瓦": "CH-GE",
    "zurich": "CH-ZH",
    "zürich": "CH-ZH",
    "蘇黎世": "CH-ZH",
    "bern": "CH-BE",
    "basel": "CH-BS",
    "lausanne": "CH-VD",
    "london": "GB-ENG",
    "倫敦": "GB-ENG",
    "manchester": "GB-ENG",
    "edinburgh": "GB-SCT",
    "glasgow": "GB-SCT",
    "愛丁堡": "GB-SCT",
    "cardiff": "GB-WLS",
    "belfast": "GB-NIR",
    "new york": "US-NY",
    "紐約": "US-NY",
    "washington": "US-DC",
    "華盛頓": "US-DC",
    "san francisco": "US-CA",
    "los angeles": "US-CA",
    "santa clara": "US-CA",
    "honolulu": "US-HI",
    "舊金山": "US-CA",
    "夏威夷": "US-HI",
    "vienna": "AT",
    "維也納": "AT",
    "paris": "FR",
    "巴黎": "FR",
    "brussels": "BE",
    "布魯塞爾": "BE",
    "rome": "IT",
    "羅馬": "IT",
    "bonn": "DE-NW",
    "berlin": "DE-BE",
    "munich": "DE-BY",
    "hamburg": "DE-HH",
    "the hague": "NL",
    "海牙": "NL",
    "amsterdam": "NL",
    "madrid": "ES-MD",
    "lisbon": "PT",
    "copenhagen": "DK",
    "stockholm": "SE",
    "oslo": "NO",
    "helsinki": "FI",
    "dublin": "IE",
    "montreal": "CA-QC",
    "蒙特婁": "CA-QC",
    "ottawa": "CA-ON",
    "toronto": "CA-ON",
    "vancouver": "CA-BC",
    "溫哥華": "CA-BC",
    "sydney": "AU-NSW",
    "雪梨": "AU-NSW",
    "melbourne": "AU-VIC",
    "墨爾本": "AU-VIC",
    "canberra": "AU-ACT",
    "brisbane": "AU-QLD",
    "perth": "AU-WA",
    "auckland": "NZ",
    "wellington": "NZ",
    "tokyo": "JP",
    "東京": "JP",
    "osaka": "JP",
    "大阪": "JP",
    "seoul": "KR",
    "首爾": "KR",
    "busan": "KR",
    "釜山": "KR",
    "incheon": "KR",
    "仁川": "KR",
    "gyeongju": "KR",
    "慶州": "KR",
    "慶洲": "KR",
    "jeju": "KR",
    "bangkok": "TH",
    "曼谷": "TH",
    "singapore": "SG",
    "新加坡": "SG",
    "kuala lumpur": "MY",
    "吉隆坡": "MY",
    "jakarta": "ID",
    "雅加達": "ID",
    "bali": "ID",
    "峇里": "ID",
    "manila": "PH",
    "馬尼拉": "PH",
    "hanoi": "VN",
    "河內": "VN",
    "da nang": "VN",
    "峴港": "VN",
    "ho chi minh": "VN",
    "lima": "PE",
    "利馬": "PE",
    "arequipa": "PE",
    "santiago": "CL",
    "聖地牙哥": "CL",
    "mexico city": "MX",
    "墨西哥市": "MX",
    "beijing": "CN",
    "北京": "CN",
    "shanghai": "CN",
    "上海": "CN",
    "shenzhen": "CN",
    "深圳": "CN",
    "hong kong": "HK",
    "香港": "HK",
    "taipei": "TW",
    "台北": "TW",
    "臺北": "TW",
    "kaohsiung": "TW",
    "高雄": "TW",
    "port moresby": "PG",
    "莫士比港": "PG",
    "brunei": "BN",
    "bandar seri begawan": "BN",
    "nairobi": "KE",
    "奈洛比": "KE",
    "new delhi": "IN",
    "新德里": "IN",
    "delhi": "IN",
    "dubai": "AE",
    "杜拜": "AE",
    "abu dhabi": "AE",
    "riyadh": "SA",
    "istanbul": "TR",
    "cairo": "EG",
    "cape town": "ZA",
    "johannesburg": "ZA",
    "buenos aires": "AR",
    "são paulo": "BR",
    "rio de janeiro": "BR",
    "bogotá": "CO",
}
_COUNTRIES: dict[str, str] = {
    "switzerland": "CH",
    "瑞士": "CH",
    "united kingdom": "GB",
    "英國": "GB",
    "england": "GB-ENG",
    "scotland": "GB-SCT",
    "france": "FR",
    "法國": "FR",
    "germany": "DE",
    "德國": "DE",
    "austria": "AT",
    "奧地利": "AT",
    "belgium": "BE",
    "比利時": "BE",
    "italy": "IT",
    "義大利": "IT",
    "netherlands": "NL",
    "荷蘭": "NL",
    "spain": "ES",
    "西班牙": "ES",
    "united states": "US",
    "美國": "US",
    "usa": "US",
    "canada": "CA",
    "加拿大": "CA",
    "australia": "AU",
    "澳洲": "AU",
    "new zealand": "NZ",
    "紐西蘭": "NZ",
    "japan": "JP",
    "日本": "JP",
    "korea": "KR",
    "韓國": "KR",
    "thailand": "TH",
    "泰國": "TH",
    "singapore": "SG",
    "malaysia": "MY",
    "馬來西亞": "MY",
    "indonesia": "ID",
    "印尼": "ID",
    "philippines": "PH",
    "菲律賓": "PH",
    "viet nam": "VN",
    "vietnam": "VN",
    "越南": "VN",
    "peru": "PE",
    "秘魯": "PE",
    "chile": "CL",
    "智利": "CL",
    "mexico": "MX",
    "墨西哥": "MX",
    "china": "CN",
    "中國": "CN",
    "taiwan": "TW",
    "臺灣": "TW",
    "台灣": "TW",
    "papua new guinea": "PG",
    "巴布亞紐幾內亞": "PG",
    "india": "IN",
    "印度": "IN",
    "kenya": "KE",
    "肯亞": "KE",
}


@functools.cache
def _zone_countries() -> dict[str, str]:
    """zone name → ISO country code, from the system's or tzdata's zone table."""
    candidates = [Path("/usr/share/zoneinfo/zone1970.tab"), Path("/usr/share/zoneinfo/zone.tab")]
    try:
        import tzdata

        candidates.insert(0, Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab")
    except ImportError:  # pragma: no cover - tzdata ships with the project
        pass
    table: dict[str, str] = {}
    for path in candidates:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                table.setdefault(parts[2], parts[0].split(",")[0])
        if table:
            break
    return table


def from_place(text: str) -> str | None:
    """A calendar code for a venue as written: 'Geneva, Switzerland' → CH-GE, '韓國慶洲' → KR."""
    key = text.casefold()
    for city, code in sorted(_CITIES.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(?<![a-z]){re.escape(city)}(?![a-z])", key) if city.isascii() else city in key:
            return code
    for country, code in sorted(_COUNTRIES.items(), key=lambda item: -len(item[0])):
        if (
            re.search(rf"(?<![a-z]){re.escape(country)}(?![a-z])", key)
            if country.isascii()
            else country in key
        ):
            return code
    return None


def choose(
    *, meeting_calendar: str = "", host_calendar: str = "", venue: str = "", venue_zone: str = ""
) -> tuple[str | None, str]:
    """(calendar code or None, where it came from)."""
    if meeting_calendar and is_known_calendar(meeting_calendar):
        return meeting_calendar.upper(), note(
            gettext_noop("working days on the meeting's {code} calendar"), code=meeting_calendar.upper()
        )
    place = from_place(venue) if venue else None
    if host_calendar and is_known_calendar(host_calendar):
        code = host_calendar.upper()
        if place and place.startswith(code + "-"):
            return place, note(
                gettext_noop("working days on {code}: the host's calendar, for the venue ({venue})"),
                code=place,
                venue=venue,
            )
        return code, note(gettext_noop("working days on the host's {code} calendar"), code=code)
    if place and is_known_calendar(place):
        return place, note(
            gettext_noop("working days on {code}, the venue's calendar ({venue})"), code=place, venue=venue
        )
    country = _zone_countries().get(venue_zone or "")
    if country and is_known_calendar(country):
        return country, note(
            gettext_noop("working days on {code}, the country of the venue's time zone ({zone})"),
            code=country,
            zone=venue_zone,
        )
    return None, note(
        gettext_noop("no holiday calendar is known for this meeting: working days are not counted")
    )
