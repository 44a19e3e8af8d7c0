"""Print the README's performance table from bench/results/*.json (no Django needed).

python bench/report.py
"""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def cpu(result: dict) -> str:
    """CPU per request of the web workers, PostgreSQL and the load generator, when measured."""
    if "cpu_ms_per_request_web" not in result:
        return ""
    return (
        f"; CPU per request: web {result['cpu_ms_per_request_web']:.1f} + PostgreSQL "
        f"{result['cpu_ms_per_request_postgres']:.1f} + client "
        f"{result['cpu_ms_per_request_client']:.1f} ms"
    )


def owners(sweep: dict) -> str:
    return f" to {sweep['owners']:,} owners" if "owners" in sweep else ""


def median_of(result: dict) -> str:
    count = len(result.get("runs_rps", []))
    return f" (median of {count} runs)" if count > 1 else ""


def runs(result: dict) -> str:
    if len(result.get("runs_rps", [])) < 2:
        return ""
    return " (runs: " + ", ".join(f"{rps:.0f}" for rps in result["runs_rps"]) + " req/s)"


def main() -> None:
    rows: list[tuple[str, str, str, str]] = []

    def add(what, target, measured, ok):
        rows.append((what, target, measured, "—" if ok is None else "yes" if ok else "**no**"))

    s10, s1m = load("sweep-10k"), load("sweep-1m")
    if s10 and s1m:
        add(f"sweep, 10,000 due{owners(s10)}, 10k items", "—", f"{s10['sweep_s']:.1f} s", None)
        ratio = s1m["sweep_s"] / s10["sweep_s"]
        add(
            f"sweep, 10,000 due{owners(s1m)}, 1M items",
            "≤ 10 s and ≤ 1.5× the 10k sweep",
            f"{s1m['sweep_s']:.1f} s ({ratio:.2f}×)",
            s1m["sweep_s"] <= 10 and ratio <= 1.5,
        )
        empty = s1m["empty_sweep_ms"]["median"]
        add(
            "empty sweep, 1M items (median)",
            "≤ 50 ms",
            f"{empty:.1f} ms, {s1m['empty_sweep_queries']} queries",
            empty <= 50,
        )
    for label in ("10k", "1m"):
        m = load(f"mytasks-{label}")
        if not m:
            continue
        page = m["/"]
        api = m["/api/v1/action-items/?owner=me&status=open"]
        add(
            f"My tasks page, {m['open_items']} open items, {label} items (median)",
            "≤ 100 ms, ≤ 10 queries" if label == "1m" else "—",
            f"{page['median_ms']:.0f} ms, {page['queries']} queries",
            None if label != "1m" else page["median_ms"] <= 100 and page["queries"] <= 10,
        )
        add(
            f"API ?owner=me&status=open, {label} items, one client (median)",
            "—",
            f"{api['median_ms']:.0f} ms, {api['queries']} queries",
            None,
        )
    a2 = load("api-1m-2clients")
    if a2:
        add(
            f"API list under gunicorn (2 workers), 2 client threads, 1M items{median_of(a2)}",
            "—",
            f"{a2['rps']:.0f} req/s, p50 {a2['p50_ms']:.0f} / p95 {a2['p95_ms']:.0f} / "
            f"p99 {a2['p99_ms']:.0f} ms{runs(a2)}",
            None,
        )
    a = load("api-1m")
    if a:
        add(
            f"API list under gunicorn (2 workers), {a['threads']} client threads, 1M items{median_of(a)}",
            "≥ 200 req/s, p99 ≤ 250 ms",
            f"{a['rps']:.0f} req/s, p50 {a['p50_ms']:.0f} / p95 {a['p95_ms']:.0f} / "
            f"p99 {a['p99_ms']:.0f} ms{runs(a)}{cpu(a)}",
            a["rps"] >= 200 and a["p99_ms"] <= 250,
        )
    floor = load("api-1m-floor")
    if floor:
        add(
            f"for comparison: {floor['path']} (one row), same set-up",
            "—",
            f"{floor['rps']:.0f} req/s, p99 {floor['p99_ms']:.0f} ms{cpu(floor)}",
            None,
        )
    d = load("delivery-1m")
    if d:
        add(
            "delivery of 10,000 emails, 2 worker processes, SMTP sink",
            "≥ 150 emails/s",
            f"{d['emails_per_s']:.0f} emails/s ({d['seconds']:.0f} s)",
            d["emails_per_s"] >= 150,
        )
    if a and d:
        add(
            "peak RSS: web worker / Celery worker",
            "≤ 250 MB each",
            f"{a['web_peak_rss_mb']:.0f} MB / {d['worker_peak_rss_mb']:.0f} MB",
            a["web_peak_rss_mb"] <= 250 and d["worker_peak_rss_mb"] <= 250,
        )
    print("| measured | target | result | met |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
