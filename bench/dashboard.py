"""The pages a zone viewer opens, at province scale (issue 15 "Done when": the zone dashboard at 1M+ returns
opens in under a second).

``python -m bench.dashboard [--enterprises N] [--months M] [--parks P] [--postgres] [--reuse]`` builds the
economy benchmark's database (``bench.economy.build``: P parks, N enterprises, one return per enterprise
and month for M − 1 months, aggregates rebuilt; default 50 parks × 50,000 × 24 = 1,150,000 returns), adds a
zone viewer (开发区查看, aggregates only: small-cell suppression on) and one park's leader, and times whole
page requests through Django's test client in this process — middleware, access, selectors, templates:

- ``economy_zone_dashboard``: ``GET /economy/`` (经济运行 dashboard) as the zone viewer;
- ``reports_zone_cockpit``: ``GET /reports/zone/`` (园区对比驾驶舱) as the zone viewer;
- ``economy_park_dashboard``: ``GET /economy/`` as one park's leader (the comparison: the same page for one
  park without suppression).

Each line: ``NAME[db,returns] p50= p99= goal=1000ms ok|MISSED statements=``, the best of nothing — every timed
request counts (``--runs``, default 30, after one warm-up). ``--reuse`` times the database an earlier run
built (same sizes) without rebuilding it. No test asserts these.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from .economy import BENCH_DIR, ensure_postgres_database, setup_django

PG_URL = "postgres://postgres@127.0.0.1:5432/scipark_bench_dashboard"
GOAL_MS = 1000.0


def personas() -> dict[str, Any]:
    """The zone viewer and one park's leader (made once; kept on ``--reuse``)."""
    from scipark.accounts.models import Membership, User
    from scipark.core.roles import Role
    from scipark.parks.models import Park, Zone

    zone = Zone.objects.order_by("pk").first()
    park = Park.objects.exclude(code__startswith="bench-import").order_by("pk").first()
    assert zone is not None and park is not None, "no benchmark data: run without --reuse first"
    viewer, made = User.objects.get_or_create(
        username="bench-zone-viewer", defaults={"full_name": "开发区查看"}
    )
    if made:
        Membership.objects.create(user=viewer, role=Role.ZONE_VIEWER, zone=zone)
    leader, made = User.objects.get_or_create(
        username="bench-park-leader", defaults={"full_name": "园区领导"}
    )
    if made:
        Membership.objects.create(user=leader, role=Role.PARK_LEADER, park=park)
    return {"zone_viewer": viewer, "park_leader": leader}


def time_page(user: Any, path: str, runs: int) -> tuple[list[float], int]:
    """Milliseconds per whole request (``runs`` after a warm-up) and the statements one request runs."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    # Counted by an execute wrapper: the test client's request_started empties the connection's query log,
    # which leaves CaptureQueriesContext with nothing to count.
    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        found.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return found, len(statements)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__)
    parser.add_argument("--parks", type=int, default=50)
    parser.add_argument("--enterprises", type=int, default=50_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL at 127.0.0.1:5432")
    parser.add_argument("--reuse", action="store_true", help="time the database of an earlier run")
    args = parser.parse_args(argv)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.postgres:
        db, label = ensure_postgres_database(PG_URL), "postgresql"
    else:
        db, label = str(BENCH_DIR / f"dashboard-{args.enterprises}.sqlite3"), "sqlite"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
    setup_django(db)
    from scipark.economy.models import MonthlyReturn

    if not args.reuse:
        from .economy import build

        meta = build(parks=args.parks, enterprises=args.enterprises, months=args.months, import_rows=0)
        print(
            f"# dashboard: {meta['returns']} returns loaded in {meta['returns_s']} s, aggregates rebuilt in "
            f"{meta['rebuild_s']} s",
            flush=True,
        )
    returns = MonthlyReturn.objects.count()
    people = personas()
    size = f"{returns / 1e6:.2f}M returns"
    failed = False
    for name, persona, path in (
        ("economy_zone_dashboard", "zone_viewer", "/economy/"),
        ("reports_zone_cockpit", "zone_viewer", "/reports/zone/"),
        ("economy_park_dashboard", "park_leader", "/economy/"),
    ):
        found, statements = time_page(people[persona], path, args.runs)
        p50, p99 = percentile(found, 50), percentile(found, 99)
        ok = p99 <= GOAL_MS
        failed |= not ok
        print(
            f"{name}[{label},{size}] p50={p50:.1f}ms p99={p99:.1f}ms goal={GOAL_MS:.0f}ms "
            f"{'ok' if ok else 'MISSED'} statements={statements} persona={persona}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.economy_settings")
    sys.exit(main())
