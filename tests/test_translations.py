"""The Traditional Chinese catalogue is complete, compiled, and actually used.

The .po file is read with a tiny parser (no polib dependency): enough for what
makemessages writes (comments, msgctxt, msgid, msgid_plural, msgstr, msgstr[n]).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hant" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(text: str) -> list[dict]:
    """Entries as dicts: "flags" (set), and each keyword (msgid, msgstr[0], ...) to its text."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry: dict = {"flags": set()}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):  # obsolete entry: not part of the catalogue
                entry = {}
                break
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += _unquote(line)
            elif line.strip():
                key, rest = line.split(" ", 1)
                entry[key] = _unquote(rest)
        if entry.get("msgid") is not None:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


def _label(entry: dict) -> str:
    return entry["msgid"][:70]


def test_parser_reads_the_catalogue(entries):
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1
    assert "Plural-Forms: nplurals=1; plural=0;" in header[0]["msgstr"]
    assert len(entries) > 100


def test_no_untranslated_entries(entries):
    untranslated = [
        _label(e) for e in entries if e["msgid"] and not all(e[k] for k in e if k.startswith("msgstr"))
    ]
    assert untranslated == []


def test_no_fuzzy_entries(entries):
    assert [_label(e) for e in entries if "fuzzy" in e["flags"]] == []


def test_plural_entries_have_the_single_chinese_form(entries):
    for entry in entries:
        if "msgid_plural" in entry:
            assert "msgstr[0]" in entry, _label(entry)
            assert "msgstr[1]" not in entry, _label(entry)


def _placeholders(text: str) -> list[str]:
    named = re.findall(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}", text)
    plain = re.findall(r"%[sd]", re.sub(r"%\([a-z_]+\)[sd]", "", text.replace("%%", "")))
    return sorted(named + plain)


def test_placeholders_are_kept(entries):
    for entry in entries:
        if not entry["msgid"]:
            continue
        source = entry["msgid"]
        if "msgid_plural" in entry:
            # The one Chinese form must carry the plural's placeholders.
            assert _placeholders(entry["msgstr[0]"]) == _placeholders(entry["msgid_plural"]), _label(entry)
        else:
            assert _placeholders(entry["msgstr"]) == _placeholders(source), _label(entry)


def test_compiled_catalogue_holds_recent_translations():
    assert MO_FILE.exists()
    assert MO_FILE.stat().st_size > 0
    # Every msgstr of the .po is in the .mo (a stale .mo misses recent translations).
    mo = MO_FILE.read_bytes()
    for msgstr in ("升級通知", "權杖", "佐證資料", "待辦事項"):
        assert msgstr.encode() in mo


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Overdue", "已逾期"),
        ("action item", "待辦事項"),
        ("Head of delegation", "代表團團長"),
        ("working days", "工作天"),
        ("precision", "精確度"),
        ("evidence", "佐證資料"),
        ("Escalation", "升級通知"),
        ("API token", "API 權杖"),
        ("webhook", "Webhook"),
        ("Due today", "今天到期"),
        ("Sign in", "登入"),
        ("Enter a valid date.", "請輸入有效的日期。"),
    ],
)
def test_key_strings_translate(msgid, expected):
    with translation.override("zh-hant"):
        assert gettext(msgid) == expected
    with translation.override("en"):
        assert gettext(msgid) == msgid


def test_plural_and_placeholders_translate():
    with translation.override("zh-hant"):
        assert ngettext("Due in %(days)d day", "Due in %(days)d days", 3) % {"days": 3} == "3 天後到期"
        assert ngettext("%(days)d day overdue", "%(days)d days overdue", 1) % {"days": 1} == "已逾期 1 天"
        assert gettext("Hello %(name)s,") % {"name": "王小明"} == "王小明 您好："
