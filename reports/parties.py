"""Who a sentence is about: parties that act, addressees of a request, and our own names.

Pure. A party is found by name (economies, secretariats, chairs, committees, bodies,
companies named in the report, people's initials in an action table); an addressee is an
"everyone" phrase — 各經濟體, 各會員, Member States, Members, delegations, Contracting
Parties, board members — that a request goes to, which includes our own delegation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

EVERYONE = (
    # Chinese
    "各會員經濟體",
    "所有會員經濟體",
    "所有經濟體",
    "各經濟體",
    "會員經濟體",
    "其他經濟體",
    "與會經濟體",
    "各會員國",
    "各會員",
    "所有會員",
    "會員國",
    "各成員",
    "各締約方",
    "締約方",
    "各國",
    "各代表團",
    "與會者",
    "與會代表",
    "各代表",
    "各主管機關",
    "各機關",
    "各單位",
    "各部會",
    "相關部會",
    "各相關機關",
    "相關機關",
    "各理事",
    "全體理事",
    "各委員",
    "全體委員",
    "各位",
    "大家",
    "講者",
    "各工作小組",
    # English
    "all member economies",
    "member economies",
    "all economies",
    "economies",
    "all members",
    "members",
    "member states",
    "member governments",
    "all member states",
    "contracting parties",
    "contracting governments",
    "parties",
    "all parties",
    "delegations",
    "all delegations",
    "delegates",
    "participants",
    "speakers",
    "board members",
    "directors",
    "trustees",
    "committee members",
    "all participants",
    "everyone",
    "all",
    "member countries",
    "countries",
    "governments",
    "states parties",
    "member organizations",
    "national focal points",
    "focal points",
    "member administrations",
    "administrations",
    "observers",
)

PARTIES = (
    # Secretariats, chairs and bodies
    "APEC 秘書處",
    "APEC秘書處",
    "大會秘書",
    "秘書處",
    "秘書長",
    "共同主席",
    "聯合主席",
    "主席",
    "副主席",
    "召集人",
    "理事長",
    "執行長",
    "總幹事",
    "委員會",
    "工作小組",
    "理事會",
    "專案小組",
    "the Secretariat",
    "Secretariat",
    "the secretariat",
    "secretariat",
    "the Chair",
    "Chair",
    "the Chairperson",
    "Chairperson",
    "the Chairman",
    "the Vice-Chair",
    "Vice-Chair",
    "Co-Chairs",
    "the Co-Chairs",
    "Convenor",
    "the Convenor",
    "the President",
    "the Director-General",
    "the Director",
    "the Bureau",
    "the Committee",
    "the Working Group",
    "the Sub-Committee",
    "the Subcommittee",
    "the Council",
    "the Board",
    "the Treasurer",
    "the Executive Director",
    "the Executive Secretary",
    "the Rapporteur",
    "the correspondence group",
    "the drafting group",
    "the task force",
    "the Task Force",
    "the expert group",
    "the Expert Group",
    "the Steering Committee",
    "the host",
    "the host economy",
    "the organizers",
    "the organisers",
    "the Programme Director",
    "the Project Overseer",
    "the PO",
    "PMU",
    "the PMU",
    "PSU",
    "the PSU",
    # Economies and countries (Chinese names the reports use, then English)
    "巴布亞紐幾內亞",
    "中國大陸",
    "馬來西亞",
    "新加坡",
    "菲律賓",
    "紐西蘭",
    "墨西哥",
    "俄羅斯",
    "加拿大",
    "澳洲",
    "汶萊",
    "智利",
    "中國",
    "香港",
    "印尼",
    "日本",
    "韓國",
    "秘魯",
    "泰國",
    "美國",
    "越南",
    "歐盟",
    "日方",
    "韓方",
    "美方",
    "中方",
    "陸方",
    "澳方",
    "歐方",
    "菲方",
    "泰方",
    "越方",
    "紐方",
    "加方",
    "英方",
    "法方",
    "德方",
    "星方",
    "馬方",
    "印方",
    "秘方",
    "智方",
    "墨方",
    "港方",
    "俄方",
    "汶方",
    "巴方",
    "主辦方",
    "韓方代表",
    "英國",
    "法國",
    "德國",
    "瑞士",
    "印度",
    "巴西",
    "挪威",
    "瑞典",
    "荷蘭",
    "義大利",
    "西班牙",
    "以色列",
    "土耳其",
    "沙烏地阿拉伯",
    "南非",
    "阿根廷",
    "哥倫比亞",
    "埃及",
    "奈及利亞",
    "肯亞",
    "孟加拉",
    "巴基斯坦",
    "the EU",
    "European Union",
    "Australia",
    "Brunei",
    "Canada",
    "Chile",
    "China",
    "Hong Kong",
    "Indonesia",
    "Japan",
    "Korea",
    "Malaysia",
    "Mexico",
    "New Zealand",
    "Papua New Guinea",
    "Peru",
    "Philippines",
    "Russia",
    "Singapore",
    "Thailand",
    "United States",
    "the United States",
    "Viet Nam",
    "Vietnam",
    "United Kingdom",
    "the United Kingdom",
    "France",
    "Germany",
    "Switzerland",
    "India",
    "Brazil",
    "Norway",
    "Sweden",
    "Netherlands",
    "Italy",
    "Spain",
    "Israel",
    "Turkey",
    "Türkiye",
    "Saudi Arabia",
    "South Africa",
    "Argentina",
    "Colombia",
    "Egypt",
    "Nigeria",
    "Kenya",
    "Bangladesh",
    "Pakistan",
    "Ecuador",
    "Uruguay",
    "Paraguay",
    "Costa Rica",
    "Panama",
    "Denmark",
    "Finland",
    "Ireland",
    "Austria",
    "Belgium",
    "Poland",
    # Bodies and companies the reports name
    "設備製造商",
    "製造商",
    "GLOBAC",
    "IAF",
    "ILAC",
    "APAC",
    "ABAC",
    "ISOC",
    "ICANN",
    "APCERT",
    "PECC",
    "ITU",
    "OECD",
    "WTO",
    "IMO",
    "UNCITRAL",
    "ESCAP",
    "UNESCO",
    "WHO",
    "FAO",
    "Codex",
    "IPPC",
    "OIE",
    "WOAH",
    "ISO",
    "IEC",
    "IEEE",
    "3GPP",
    "GSMA",
    "World Bank",
    "ADB",
    "IMF",
    "UNDP",
    "UNEP",
    "IEA",
    "IRENA",
)

OUR_DEFAULT = (
    "我國",
    "中華台北",
    "中華臺北",
    "Chinese Taipei",
    "我國代表",
    "我方",
    "我國代表團",
    "Taiwan",
    "臺灣",
    "台灣",
)
# Words that mean "us" in a text our side wrote (internal minutes, our own trip report).
US_WORDS = (
    "本部",
    "本會",
    "本署",
    "本局",
    "本處",
    "本院",
    "本中心",
    "本團",
    "本協會",
    "本基金會",
    "我們",
    "我會",
    "we",
    "our delegation",
    "our team",
    "our agency",
    "our ministry",
    "our office",
    "our organisation",
    "our organization",
)

_INITIALS = re.compile(r"(?<![A-Za-z])([A-Z]{2,3}(?:\s*/\s*[A-Z]{2,3})*)(?![A-Za-z])")


# Parties that run the meeting rather than report on themselves (a secretariat's promise is a
# follow-up wherever it stands; an economy's plan in its own update is background).
_BODY = re.compile(
    r"秘書|主席|召集人|理事|執行長|總幹事|委員會|工作小組|理事會|專案小組|Secretar|Chair|Convenor|President|Director|Bureau"
    r"|Committee|Working Group|Sub-?Committee|Council|Board|Treasurer|Rapporteur|group|Task Force|host|organi[sz]ers"
    r"|Programme|Project|PMU|PSU|PO\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Actor:
    start: int
    end: int
    name: str
    everyone: bool
    ours: bool

    @property
    def body(self) -> bool:
        """A secretariat, chair, committee or group: it runs the meeting."""
        return bool(_BODY.search(self.name))


@functools.cache
def countries() -> tuple[str, ...]:
    """Every country and territory in English and Traditional Chinese (CLDR, through Babel)."""
    from babel import Locale

    names: list[str] = []
    for locale in ("en", "zh_Hant"):
        territories = Locale.parse(locale).territories
        for code, name in territories.items():
            if len(code) == 2 and code.isalpha() and code not in {"TW", "ZZ", "EU", "UN", "EZ", "QO"}:
                names.append(name.replace("&", "and"))
                if " SAR " in name:  # "Hong Kong SAR China"
                    names.append(name.split(" SAR ")[0])
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


@functools.lru_cache(maxsize=32)
def _index(names: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """Names by their first character (casefolded), longest first: a scan tries only those."""
    index: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        key = name.casefold()
        index.setdefault(key[0], []).append((key, name))
    return index


@functools.lru_cache(maxsize=32)
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(n.casefold() for n in names)


@functools.lru_cache(maxsize=8192)
def actors(text: str, our_names: tuple[str, ...], extra: tuple[str, ...] = ()) -> tuple[Actor, ...]:
    """Every party and addressee named in `text`, in reading order, without overlaps."""
    names = (*our_names, *US_WORDS, *PARTIES, *countries(), *EVERYONE, *extra)
    index = _index(names)
    everyone, ours = _folded(EVERYONE), _folded((*our_names, *US_WORDS))
    folded = text.casefold()
    found: list[Actor] = []
    i = 0
    while i < len(folded):
        for key, name in index.get(folded[i], ()):
            if not folded.startswith(key, i):
                continue
            end = i + len(key)
            if name.isascii():
                if (i > 0 and folded[i - 1].isascii() and folded[i - 1].isalpha()) or (
                    end < len(folded) and folded[end].isascii() and folded[end].isalpha()
                ):
                    continue
                if name[:1].isupper() and text[i] != name[0]:
                    continue  # "Chair" names a chair; "chair" (the furniture, a verb) does not
            match_text = text[i:end]
            if key in {"all", "members", "parties", "countries", "governments", "directors"} and _weak(
                text, i, end
            ):
                break
            found.append(Actor(i, end, match_text, key in everyone, key in ours))
            i = end - 1
            break
        i += 1
    return tuple(found)


def _weak(text: str, start: int, end: int) -> bool:
    """'all' and 'members' are addressees only where a request or a verb follows."""
    after = text[end : end + 30].casefold()
    before = text[max(0, start - 20) : start].casefold()
    if text[start:end].casefold() == "all":
        if re.match(r"\s*(?:[–—:：]|\s-)\s*\S", after) and re.fullmatch(
            r"\W*(?:[A-Z]{1,3}\s*\d{1,3}(?:\.\d{1,2})?\s*[:.)]\s*)?", text[:start]
        ):
            return False  # "AP7: ALL – nominate …": an action point whose owner is everyone
        return not re.match(r"\s+(?:to|are|were|should|must|shall)\b", after) and not re.search(
            r"(?:invited|requested|asked|urged|encouraged|reminded|called\s+on)\s*$", before
        )
    return bool(re.match(r"\s+of\b", after)) or (
        bool(re.search(r"(?:of|the)\s+(?:\w+\s+)?$", before))
        and not re.search(
            r"(?:invited|requested|asked|urged|encouraged|reminded|called\s+(?:on|upon))\s+(?:the\s+)?$",
            before,
        )
    )


def initials(text: str) -> list[str]:
    """People written as initials in an action table ("JS", "MK/LT")."""
    return [m.group(1) for m in _INITIALS.finditer(text)]
