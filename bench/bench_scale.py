"""Scale benchmarks on a database filled by `manage.py generate_load` (PostgreSQL).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m
    .venv/bin/python manage.py generate_load --items 1000000 --users 100000
    .venv/bin/python bench/bench_scale.py sweep --label 1m        # 1. sweep, 10,000 due, and empty
    .venv/bin/python bench/bench_scale.py mytasks --label 1m      # 2. My tasks page and API list
    .venv/bin/python bench/bench_scale.py api --label 1m          # 3. API under gunicorn, 2 workers
    .venv/bin/python bench/bench_scale.py delivery --label 1m     # 4. 10,000 emails, 2 workers
    # 5. memory: peak RSS (VmHWM) of the web and worker processes is reported by 3 and 4.

Each prints a markdown table and writes bench/results/<bench>-<label>.json. These are
benchmarks, not tests: numbers depend on the machine (and on what else runs on it).

The sweep and delivery benchmarks change bench data: they point --due items (open, distinct
owners where the data allows, owners' zone set to Asia/Taipei) at one deadline due the day
after the sweep instant, so each owes exactly one "before-1" reminder at the sweep, and
delete the reminder rows they wrote afterwards. The sweep instant is 10:00 Taipei of the
current day (inside everyone's send hours).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
# Production-like settings, but plain HTTP on loopback.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-not-secret")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("BEHIND_TLS_PROXY", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import ApiToken, User  # noqa: E402
from accounts.services import api_token_create  # noqa: E402
from actions.models import ActionItem, Deadline, Status  # noqa: E402
from bench.processes import CpuMeter, children, free_port, postgres_pids, vm_hwm_mb, wait_port  # noqa: E402
from followup_dates import dates  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from reminders import delivery  # noqa: E402
from reminders.models import Reminder, ReminderState  # noqa: E402

TAIPEI = ZoneInfo("Asia/Taipei")
HEAVY = "bench-heavy"
API_PATH = "/api/v1/action-items/?owner=me&status=open"


# --- helpers ---------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def table(rows: list[dict], columns: list[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def write(name: str, label: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{label}.json"
    payload = {
        "bench": name,
        "label": label,
        "items": ActionItem.objects.count(),
        "users": User.objects.count(),
        "database": connection.vendor,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **payload,
    }
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    print(f"\nwritten {path.relative_to(ROOT)}")
    return path


def sweep_instant() -> datetime:
    today = datetime.now(TAIPEI).date()
    return datetime.combine(today, dtime(10), tzinfo=TAIPEI).astimezone(UTC)


# --- the due set -----------------------------------------------------------------------------


def prepare_due(count: int, now: datetime) -> list[int]:
    """Make `count` items owe exactly one reminder at `now` (see the module docstring)."""
    teardown_due()
    meeting = Meeting.objects.filter(slug__startswith="bench-").order_by("slug").first()
    due = dates.DueDate.day(now.astimezone(TAIPEI).date() + timedelta(days=1))
    deadline, _ = Deadline.objects.update_or_create(
        meeting=meeting,
        key="bench-sweep",
        defaults={
            "label": "Bench sweep",
            "zone": "Asia/Taipei",
            "due_on": due.on,
            "due_at": dates.due_at(due, "Asia/Taipei"),
        },
    )
    candidates = ActionItem.objects.filter(owner__username__startswith="bench-")
    if connection.vendor == "postgresql":
        # One item per owner, so that delivery sends one email per item.
        ids = list(
            candidates.exclude(owner__username=HEAVY)
            .order_by("owner_id", "pk")
            .distinct("owner_id")
            .values_list("pk", flat=True)[:count]
        )
    else:
        ids = []
    if len(ids) < count:
        ids += list(
            candidates.exclude(pk__in=ids).order_by("pk").values_list("pk", flat=True)[: count - len(ids)]
        )
    ActionItem.objects.filter(pk__in=ids).update(
        status=Status.OPEN, completed_at=None, deadline=deadline, next_reminder_at=now - timedelta(minutes=1)
    )
    ActionItem.watchers.through.objects.filter(actionitem_id__in=ids).delete()
    User.objects.filter(owned_items__in=ids).update(
        time_zone="Asia/Taipei", is_active=True, optional_reminders=True, reminder_mode="single"
    )
    return ids


def teardown_due() -> None:
    deadline = Deadline.objects.filter(key="bench-sweep").first()
    if deadline is None:
        return
    items = ActionItem.objects.filter(deadline=deadline)
    Reminder.objects.filter(item__in=items).delete()
    items.update(next_reminder_at=deadline.due_at + timedelta(days=30))


def vacuum(*, everything: bool = False) -> None:
    """Fresh statistics: right after generate_load PostgreSQL has none and plans badly
    (My tasks took 480 ms instead of 96 ms on a just-generated 1M data set)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if everything:
                cursor.execute("VACUUM ANALYZE")
                return
            for model in (ActionItem, Reminder):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# --- 1. sweep --------------------------------------------------------------------------------


def bench_sweep(args) -> None:
    now = sweep_instant()
    ids = prepare_due(args.due, now)
    due_now = ActionItem.objects.open().filter(next_reminder_at__lte=now).count()
    # Work per recipient (a plan each) comes on top of work per reminder: say how many.
    owners = ActionItem.objects.filter(pk__in=ids).values("owner_id").distinct().count()
    plan = ""
    if connection.vendor == "postgresql":  # the sweep's chunk query, with the items due
        plan = (
            ActionItem.objects.open()
            .filter(next_reminder_at__lte=now, pk__gt=0)
            .order_by("pk")
            .values_list("pk", flat=True)[:200]
            .explain(analyze=True)
        )
        print(plan + "\n")
    connection.close()
    runs = []
    for run in range(args.runs):  # each run starts from the same state: 10,000 items due
        if run:
            prepare_due(args.due, now)
        vacuum()  # what autovacuum does between sweeps: the runs rewrite the same rows
        started = time.perf_counter()
        result = delivery.reminders_sweep(now=now, enqueue=None)
        runs.append(time.perf_counter() - started)
    full = statistics.median(runs)
    written = result.written
    # Empty sweeps: nothing due now (the rows above went to the future).
    teardown_due()
    vacuum()
    empty = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        r = delivery.reminders_sweep(now=now, enqueue=None)
        empty.append(time.perf_counter() - started)
        if r.items:
            raise SystemExit(f"the empty sweep found {r.items} items due")
    with CaptureQueriesContext(connection) as ctx:
        delivery.reminders_sweep(now=now, enqueue=None)
    rows = [
        {
            "case": f"sweep, {len(ids):,} items due to {owners:,} owners (median of {len(runs)})",
            "seconds": f"{full:.2f}",
            "reminders written": f"{written:,}",
            "due before": f"{due_now:,}",
        },
        {
            "case": "empty sweep (median)",
            "seconds": f"{statistics.median(empty) * 1000:.1f} ms",
            "reminders written": 0,
            "due before": 0,
        },
    ]
    print(table(rows, ["case", "seconds", "reminders written", "due before"]))
    print(f"empty sweep queries: {len(ctx.captured_queries)}")
    write(
        "sweep",
        args.label,
        {
            "due_items": due_now,
            "owners": owners,
            "written": written,
            "sweep_s": full,
            "sweep_runs_s": runs,
            "empty_sweep_ms": {
                "median": statistics.median(empty) * 1000,
                "min": min(empty) * 1000,
                "max": max(empty) * 1000,
                "runs": len(empty),
            },
            "empty_sweep_queries": len(ctx.captured_queries),
            "due_query_plan": plan.splitlines(),
        },
    )


# --- 2. My tasks and the API list, in-process -------------------------------------------------


def heavy_token(user: User) -> str:
    ApiToken.objects.filter(user=user, name="bench").delete()
    _token, key = api_token_create(user=user, name="bench", now=datetime.now(UTC))
    return key


def bench_mytasks(args) -> None:
    vacuum(everything=True)
    user = User.objects.get(username=HEAVY)
    open_items = ActionItem.objects.open().filter(owner=user).count()
    client = Client()
    client.force_login(user)
    key = heavy_token(user)
    cases = [
        ("My tasks page /", "/", {}),
        (f"API {API_PATH}", API_PATH, {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
    ]
    rows, payload = [], {"open_items": open_items}
    for name, path, headers in cases:
        response = client.get(path, **headers)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        captured: list[str] = []

        def record(execute, sql, params, many, context, captured=captured):
            captured.append(sql)
            return execute(sql, params, many, context)

        # Each request closes its connection; a wrapper survives that, CaptureQueriesContext not.
        with connection.execute_wrapper(record):
            client.get(path, **headers)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(path, **headers)
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "case": name,
                "median ms": f"{statistics.median(times):.1f}",
                "p95 ms": f"{pct(times, 95):.1f}",
                "SQL queries": len(captured),
                "bytes": len(response.content),
            }
        )
        payload[path] = {
            "median_ms": statistics.median(times),
            "p95_ms": pct(times, 95),
            "min_ms": min(times),
            "queries": len(captured),
            "runs": len(times),
            "sql": captured,
        }
    print(f"user {HEAVY}: {open_items} open items")
    print(table(rows, ["case", "median ms", "p95 ms", "SQL queries", "bytes"]))
    write("mytasks", args.label, payload)


# --- 3. API throughput under gunicorn -----------------------------------------------------------


def load(port: int, headers: dict, *, path: str, requests: int, threads: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(requests))
    stop_at = time.monotonic() + seconds

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                if next(counter, None) is None:
                    break
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed * 1000)
                else:
                    errors[0] += 1
        conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "seconds": wall,
        "rps": len(latencies) / wall,
        "p50_ms": pct(latencies, 50),
        "p95_ms": pct(latencies, 95),
        "p99_ms": pct(latencies, 99),
    }


def bench_api(args) -> None:
    vacuum(everything=True)
    user = User.objects.get(username=HEAVY)
    key = heavy_token(user)
    connection.close()
    port = free_port()
    env = dict(os.environ)
    # One user, hundreds of requests a second: the per-user API limit would answer 429s.
    env.setdefault("API_RATE_PER_USER", "10000000/min")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_port(port)
        headers = {"Authorization": f"Bearer {key}", "Host": "127.0.0.1"}
        load(port, headers, path=args.path, requests=50, threads=2, seconds=30)  # warm-up
        web_pids = children(server.pid)
        runs = []
        for _ in range(args.runs):  # the machine is shared: report the median run
            web_cpu, db_cpu = CpuMeter(lambda: web_pids), CpuMeter(postgres_pids)
            client_before = time.process_time()
            run = load(
                port,
                headers,
                path=args.path,
                requests=args.requests,
                threads=args.threads,
                seconds=args.seconds,
            )
            # Where the two cores went, per request: what limits the rate.
            used = {
                "web": web_cpu.stop(),
                "postgres": db_cpu.stop(),
                "client": time.process_time() - client_before,
            }
            for name, seconds in used.items():
                run[f"cpu_ms_per_request_{name}"] = seconds * 1000 / max(run["requests"], 1)
            print(f"run {len(runs) + 1}: {run['rps']:.0f} req/s, p99 {run['p99_ms']:.0f} ms", flush=True)
            runs.append(run)
        result = dict(sorted(runs, key=lambda run: run["rps"])[len(runs) // 2])
        result["runs_rps"] = [round(run["rps"], 1) for run in runs]
        result["runs_p99_ms"] = [round(run["p99_ms"], 1) for run in runs]
        web = [vm_hwm_mb(pid) for pid in web_pids]
        result["web_peak_rss_mb"] = max(web)
        result["web_master_peak_rss_mb"] = vm_hwm_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(
        table(
            [
                {
                    "case": f"{args.path}, gunicorn 2 workers, {args.threads} client threads",
                    "requests": result["requests"],
                    "errors": result["errors"],
                    "req/s": f"{result['rps']:.0f}",
                    "p50 ms": f"{result['p50_ms']:.1f}",
                    "p95 ms": f"{result['p95_ms']:.1f}",
                    "p99 ms": f"{result['p99_ms']:.1f}",
                    "worker peak RSS MB": f"{result['web_peak_rss_mb']:.0f}",
                    "CPU ms/request web · db · client": " · ".join(
                        f"{result[f'cpu_ms_per_request_{name}']:.1f}"
                        for name in ("web", "postgres", "client")
                    ),
                }
            ],
            [
                "case",
                "requests",
                "errors",
                "req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "worker peak RSS MB",
                "CPU ms/request web · db · client",
            ],
        )
    )
    write("api", args.label, {**result, "path": args.path, "threads": args.threads})


# --- 4. delivery through Celery into an SMTP sink ---------------------------------------------

SINK = """
import asyncio, sys
from aiosmtpd.controller import Controller
class Count:
    n = 0
    async def handle_DATA(self, server, session, envelope):
        Count.n += 1
        return "250 OK"
c = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
import time, signal
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
while True:
    time.sleep(3600)
"""


def bench_delivery(args) -> None:
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8")
    smtp_port = free_port()
    env = dict(
        os.environ,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="0",
        CELERY_TASK_DEFAULT_QUEUE="bench8",
    )
    os.environ.update({k: env[k] for k in ("CELERY_BROKER_URL", "REDIS_URL", "CELERY_TASK_DEFAULT_QUEUE")})
    from tracker.celery import app

    app.conf.broker_url = redis_url
    app.conf.task_default_queue = "bench8"
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(SINK)
    procs = [subprocess.Popen([sys.executable, handle.name, str(smtp_port)], start_new_session=True)]
    workers = []
    try:
        for n in range(2):
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "tracker",
                        "worker",
                        "--pool",
                        "solo",
                        "--loglevel",
                        "WARNING",
                        "-Q",
                        "bench8",
                        "-n",
                        f"bench{n}@%h",
                        "--without-heartbeat",
                        "--without-gossip",
                        "--without-mingle",
                    ],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                )
            )
        procs += workers
        wait_port(smtp_port)
        time.sleep(4)  # workers connect to the broker
        now = sweep_instant()
        ids = prepare_due(args.due, now)
        connection.close()
        started = time.perf_counter()
        with_queue = delivery.reminders_sweep(now=now)
        queued = time.perf_counter() - started
        groups = len(with_queue.groups)
        rows = Reminder.objects.filter(item_id__in=ids)
        while True:
            left = rows.exclude(
                state__in=[ReminderState.SENT, ReminderState.SKIPPED, ReminderState.FAILED]
            ).count()
            if left == 0 or time.perf_counter() - started > args.seconds:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        sent = rows.filter(state=ReminderState.SENT).count()
        peaks = [vm_hwm_mb(w.pid) for w in workers]
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
        os.unlink(handle.name)
        teardown_due()
    result = {
        "reminders": len(ids),
        "emails_queued": groups,
        "sent_rows": sent,
        "sweep_and_queue_s": queued,
        "seconds": elapsed,
        "emails_per_s": groups / elapsed,
        "unfinished": left,
        "worker_peak_rss_mb": max(peaks),
    }
    print(
        table(
            [
                {
                    "case": f"{len(ids):,} reminders, 2 worker processes (solo pool)",
                    "emails": f"{groups:,}",
                    "sweep+queue s": f"{queued:.1f}",
                    "total s": f"{elapsed:.1f}",
                    "emails/s": f"{groups / elapsed:.0f}",
                    "worker peak RSS MB": f"{max(peaks):.0f}",
                }
            ],
            ["case", "emails", "sweep+queue s", "total s", "emails/s", "worker peak RSS MB"],
        )
    )
    write("delivery", args.label, result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", choices=["sweep", "mytasks", "api", "delivery"])
    parser.add_argument("--label", required=True, help="e.g. 10k or 1m (names the JSON file)")
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--runs", type=int, default=3, help="sweep: full sweeps; api: load runs (the median is reported)"
    )
    parser.add_argument(
        "--requests", type=int, default=1_000_000, help="api: stop after this many requests (or --seconds)"
    )
    parser.add_argument(
        "--path", default=API_PATH, help="api: what to request, as bench-heavy (default: the item list)"
    )
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    {"sweep": bench_sweep, "mytasks": bench_mytasks, "api": bench_api, "delivery": bench_delivery}[
        args.bench
    ](args)


if __name__ == "__main__":
    main()
