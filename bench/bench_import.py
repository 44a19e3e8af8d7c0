"""Time the report import (read + extract) and, with --compare, compare date readers.

Run from the repository root, no Django settings needed:

    .venv/bin/python bench/bench_import.py            # whole-report timing, markdown table
    .venv/bin/python bench/bench_import.py --compare  # + rules vs jionlp vs dateparser

--compare needs jionlp, opencc-python-reimplemented and dateparser, which are not project
dependencies; rows for a missing library say so. Install them in a scratch virtualenv
together with the project's requirements to reproduce the comparison.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reports.readers import read_document  # noqa: E402
from actions.minutes import (  # noqa: E402
    MeetingContext,
    SessionContext,
    extract_candidates,
)
from tracker.dates import DueDate, Precision  # noqa: E402

REPORT = ROOT / "tests" / "data" / "telwg70-report-zh-Hant.txt"
LABELLED = ROOT / "tests" / "actions" / "minutes_labelled.json"
RUNS = 5


def _context() -> MeetingContext:
    meeting = json.loads(LABELLED.read_text(encoding="utf-8"))["meeting"]
    return MeetingContext(
        start_on=date.fromisoformat(meeting["start_on"]),
        end_on=date.fromisoformat(meeting["end_on"]),
        calendar=meeting["calendar"],
        sessions=tuple(
            SessionContext(s["name"], date.fromisoformat(s["on"]), tuple(s["keywords"]))
            for s in meeting["sessions"]
        ),
    )


def _timed(step: Callable[[], object], runs: int = RUNS) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def bench_import() -> None:
    context = _context()
    text = read_document(REPORT)
    read_ms, _ = _timed(lambda: read_document(REPORT))
    extract_ms, candidates = _timed(lambda: extract_candidates(text, context))
    whole_ms, _ = _timed(lambda: extract_candidates(read_document(REPORT), context))
    assert isinstance(candidates, list)  # noqa: S101 - a bench sanity check
    print(f"TELWG 70 report: {len(text):,} characters, {len(candidates)} candidates, {RUNS} runs\n")
    print("| step | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|")
    for name, times in (
        ("read_document (.txt)", read_ms),
        ("extract_candidates", extract_ms),
        ("whole import (read + extract)", whole_ms),
    ):
        print(f"| {name} | {statistics.median(times):.1f} | {min(times):.1f} | {max(times):.1f} |")


# --- Comparison of date readers on the report's deadline sentences -------------------------

MEETING_START, MEETING_END, SESSION_DECLARATION = date(2025, 3, 3), date(2025, 3, 7), date(2025, 3, 4)
DECLARATION_HEADING = "五、亞太經濟合作組織數位與人工智慧部長宣言草案討論會議\n(六) 結語\n"

# (sentence, the day a relative phrase counts from, expected first day, expected last day).
# First/last day of the period the deadline names: a day is (d, d), a month (1st, last),
# an event range (start, end); for "within N" only the last day is checked (first None).
CASES: tuple[tuple[str, date, date | None, date], ...] = (
    (
        "APEC 秘書處提醒各經濟體會議結束後一周，即 3 月 13 日為國情報告最後上傳期限；",
        MEETING_END,
        date(2025, 3, 13),
        date(2025, 3, 13),
    ),
    (
        "3 月 27 日為 TELWG 2026 年至 2030 年策略行動計畫，最後提交修改意見日期。",
        MEETING_END,
        date(2025, 3, 27),
        date(2025, 3, 27),
    ),
    (
        "召集人提醒各經濟體第一階段計畫提案截止日期為 2025 年 3 月 13 日，並歡迎各經濟體提案。",
        MEETING_END,
        date(2025, 3, 13),
        date(2025, 3, 13),
    ),
    (
        "主席表示，目前的草案版本尚為初稿，預計兩週內提供修正版。",
        SESSION_DECLARATION,
        None,
        date(2025, 3, 18),
    ),
    (
        "秘書處將負責收集所有經濟體的書面意見，並預計於會議結束後 20 個工作日內完成彙整與提交。",
        MEETING_END,
        None,
        date(2025, 4, 4),
    ),
    (
        "盛念伯副處長表示轉換程序工作細目預計 114 年 4 月底前完成。",
        MEETING_END,
        date(2025, 4, 1),
        date(2025, 4, 30),
    ),
    ("GLOBAC 為最終合併實體，預計於 115 年 1 月正式營運。", MEETING_END, date(2026, 1, 1), date(2026, 1, 31)),
    ("RED 資安規範授權規則預計於 114 年 8 月 1 日起適用。", MEETING_END, date(2025, 8, 1), date(2025, 8, 1)),
    (
        "CRA 設定為期 36 個月的法規轉換期，116 年 12 月 11 日起，設備製造商即必須遵守新法規定。",
        MEETING_END,
        date(2027, 12, 11),
        date(2027, 12, 11),
    ),
    (
        "TCB Council Workshop 於 114 年 4 月 1 日至 3 日在加州聖塔克拉拉舉辦。",
        MEETING_END,
        date(2025, 4, 1),
        date(2025, 4, 3),
    ),
    (
        "主席說明 TEL 71 次大會將於 7 月 29 日至 8 月 4 日於仁川松島舉辦。",
        MEETING_END,
        date(2025, 7, 29),
        date(2025, 8, 4),
    ),
    ("該會議預定於 2025 年 8 月 4 日至 6 日仁川松島舉行。", MEETING_END, date(2025, 8, 4), date(2025, 8, 6)),
    (
        "IAF 與 ILAC 標章將逐步退場，預計在轉換生效日 3 年內（暫定為 118 年 1 月）完全終止。",
        MEETING_END,
        date(2029, 1, 1),
        date(2029, 1, 31),
    ),
    (
        "Economies are invited to submit comments by 12 September 2025.",
        MEETING_END,
        date(2025, 9, 12),
        date(2025, 9, 12),
    ),
    (
        "The Secretariat will circulate the record within 15 working days after the meeting.",
        MEETING_END,
        None,
        date(2025, 3, 28),
    ),
)

Period = tuple[date, date]


def _is_event(first: date | None, last: date) -> bool:
    """A range of days (an event), not a single day, a whole month or an open 'within N'."""
    whole_month = first is not None and first.day == 1 and (last + timedelta(days=1)).day == 1
    return first is not None and first != last and not whole_month


def _due_right(found: Period, first: date | None, last: date) -> bool:
    # The due day is an event's first day, and otherwise the period's last day.
    return found[0] == first if _is_event(first, last) else found[1] == last


def _period_right(found: Period, first: date | None, last: date) -> bool:
    return found[1] == last and (first is None or found[0] == first)


def read_with_rules(sentence: str, base: date) -> list[Period]:
    context = _context()
    text = DECLARATION_HEADING + sentence if base == SESSION_DECLARATION else sentence
    found = extract_candidates(text, context)
    if not found or found[0].due_date is None:
        return []
    candidate = found[0]
    if candidate.ends_on:
        return [(candidate.due_date, candidate.ends_on)]
    first = DueDate(candidate.due_date, Precision(candidate.due_precision or "day")).first_day
    return [(first, candidate.due_date)]


def _clean_for_chinese_libraries(sentence: str, simplify: Callable[[str], str]) -> str:
    """The prior note's clean-up: no spaces around digits, ROC years to Gregorian, Simplified."""
    text = re.sub(r"(?<=[\d\u4e00-\u9fff])\s+(?=[\d\u4e00-\u9fff])", "", sentence)
    text = re.sub(r"(?<!\d)(\d{2,3})年", lambda m: f"{int(m.group(1)) + 1911}年", text)
    return simplify(text)


def _future(periods: list[Period]) -> list[Period]:
    return [p for p in periods if p[1] > MEETING_END]


def make_jionlp_reader() -> Callable[[str, date], list[Period]] | None:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp
            from opencc import OpenCC
    except ImportError:
        return None
    simplify = OpenCC("t2s").convert

    def read(sentence: str, base: date) -> list[Period]:
        text = _clean_for_chinese_libraries(sentence, simplify)
        base_ts = datetime(base.year, base.month, base.day).timestamp()  # noqa: DTZ001
        periods: list[tuple[date, date]] = []
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                entities = jionlp.ner.extract_time(text, time_base=base_ts, with_parsing=True)
            except Exception:  # a library failing is a wrong answer here
                return []
        for entity in entities:
            detail = entity.get("detail", {})
            spans = detail.get("time")
            if detail.get("type") in {"time_point", "time_span"} and isinstance(spans, list):
                try:
                    start = datetime.fromisoformat(str(spans[0])).date()
                    # "8 月 1 日起" is open-ended (inf): read it as that day.
                    end = start if spans[-1] == "inf" else datetime.fromisoformat(str(spans[-1])).date()
                except ValueError:
                    continue
                periods.append((start, end))
        return _future(periods)

    return read


def make_dateparser_reader() -> Callable[[str, date], list[Period]] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    try:
        from opencc import OpenCC

        simplify = OpenCC("t2s").convert
    except ImportError:

        def simplify(text: str) -> str:
            return text

    def read(sentence: str, base: date) -> list[Period]:
        text = _clean_for_chinese_libraries(sentence, simplify)
        settings = {
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),  # noqa: DTZ001
            "PREFER_DATES_FROM": "future",
        }
        languages = ["en"] if sentence.isascii() else ["zh", "en"]
        found = search_dates(text, languages=languages, settings=settings) or []
        return _future([(moment.date(), moment.date()) for _, moment in found])

    return read


def bench_compare() -> None:
    readers: dict[str, Callable[[str, date], list[Period]] | None] = {
        "rules (actions/minutes.py + tracker/dates.py)": read_with_rules,
        "jionlp 1.5 + clean-up (spaces, ROC, opencc t2s)": make_jionlp_reader(),
        "dateparser search_dates + same clean-up": make_dateparser_reader(),
    }
    print(
        f"\nDeadline sentences ({len(CASES)}): 'first pick' takes the first date after the meeting, "
        "as an importer must; 'best pick' counts a sentence right if any date found is right. "
        "'due day' checks the deadline day (an event's first day); 'period' also checks the "
        "first day of a month or range (month precision, event span).\n"
    )
    columns = ("due day, first pick", "period, first pick", "due day, best pick", "median ms / sentence")
    print(f"| reader | {' | '.join(columns)} | first-pick misses |")
    print("|---|---:|---:|---:|---:|---|")
    for name, reader in readers.items():
        if reader is None:
            print(f"| {name} | not installed | | | | |")
            continue
        for sentence, base, _, _ in CASES:  # warm-up: imports, dictionaries, caches
            reader(sentence, base)
        due_first = period_first = due_best = 0
        times: list[float] = []
        misses: list[str] = []
        for index, (sentence, base, first, last) in enumerate(CASES, start=1):
            started = time.perf_counter()
            found = reader(sentence, base)
            times.append((time.perf_counter() - started) * 1000)
            due_best += any(_due_right(p, first, last) for p in found)
            if found and _due_right(found[0], first, last):
                due_first += 1
            else:
                misses.append(f"#{index}: " + (f"{found[0][0]}..{found[0][1]}" if found else "none"))
            period_first += bool(found) and _period_right(found[0], first, last)
        total = len(CASES)
        print(
            f"| {name} | {due_first}/{total} | {period_first}/{total} | {due_best}/{total} "
            f"| {statistics.median(times):.2f} | {'; '.join(misses)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also compare date readers")
    args = parser.parse_args()
    bench_import()
    if args.compare:
        bench_compare()


if __name__ == "__main__":
    main()
