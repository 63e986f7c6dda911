"""Economy benchmarks (issue 3): the KPI panel from maintained aggregates against DuckDB scanning the same
rows, a month's import updating the aggregates, and a 100,000-row .xlsx import against calamine's parse.

``python -m bench.economy`` (part of ``make bench``) builds a province-scale database — parks, enterprises
with above-scale statuses, one monthly return per enterprise and month — and prints one line per
benchmark: ``NAME[db,size] ratio=R goal=G …`` where R = baseline time / scipark time. Default size:
20 parks, 10,000 enterprises, 24 months, a 20,000-row .xlsx (a few minutes on 2 cores). ``--full`` (or
``SCIPARK_BENCH_FULL=1``): 200 parks, 100,000 enterprises, 60 months (≈ 6M rows), a 100,000-row .xlsx.
``--database-url postgres://…`` runs against PostgreSQL (the database is emptied first).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
LAST = (2023, 12)
SEASON = (0.062, 0.058, 0.080, 0.082, 0.085, 0.086, 0.084, 0.085, 0.088, 0.090, 0.093, 0.107)
INDUSTRY_CODES = ("2740", "2720", "2761", "2780", "1492", "1499", "3581", "2662", "1431", "1513")
TRADE_CODES = ("5123", "5131", "5151", "5152")
IMPORT_PARK = "bench-import"
PG_URL = "postgres://postgres@127.0.0.1:5432/scipark_bench_economy"


def postgres_reachable(url: str = PG_URL) -> bool:
    """Whether a PostgreSQL server answers at the URL's host and port (no credentials are tried)."""
    import socket
    from urllib.parse import urlparse

    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), timeout=1):
            return True
    except OSError:
        return False


def ensure_postgres_database(url: str) -> str:
    """Create the benchmark database on the server when it does not exist yet; returns the URL."""
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url


def setup_django(db: str) -> None:
    """Django with the bench settings on ``db`` (a SQLite path or a PostgreSQL URL); the other benches share it."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.economy_settings"
    if db.startswith("postgres"):
        os.environ["SCIPARK_BENCH_DATABASE_URL"] = db
    else:
        os.environ["SCIPARK_BENCH_DB"] = db
    import django

    django.setup()


def _months(count: int) -> list[tuple[int, int]]:
    year, month = LAST
    index = year * 12 + month - 1
    return [((index - k) // 12, (index - k) % 12 + 1) for k in range(count - 1, -1, -1)]


def _best(function: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    function()  # warm-up (caches, prepared statements)
    best, result = math.inf, None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


# --- the database -----------------------------------------------------------------------------------------


def build(*, parks: int, enterprises: int, months: int, import_rows: int) -> dict[str, Any]:
    """Migrate a fresh database and fill it; every month but the last is loaded, aggregates rebuilt."""
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import connection, transaction

    from scipark.accounts.models import Membership, User
    from scipark.core.identifiers import credit_code_from_number
    from scipark.core.roles import DepartmentKind, Role
    from scipark.demo.industries import activity_type_for, industry_rows
    from scipark.economy import aggregates, bulk
    from scipark.enterprises.models import Enterprise, EnterpriseStatus
    from scipark.parks.models import Department, Park, Zone

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(2023)  # synthetic data: a fixed seed
    timings: dict[str, float] = {}
    started = time.perf_counter()
    industries = industry_rows(INDUSTRY_CODES + TRADE_CODES)
    period_list = _months(months)
    with disable_auditlog(), transaction.atomic():
        zone = Zone.objects.create(name="基准省级开发区", region_code="630000")
        park_rows = Park.objects.bulk_create(
            [Park(zone=zone, name=f"基准园区{i:03d}", code=f"bench-{i:03d}") for i in range(parks)]
            + [Park(zone=zone, name="基准导入园区", code=IMPORT_PARK)]
        )
        import_park = park_rows[-1]
        Department.objects.bulk_create(
            [Department(park=p, kind=DepartmentKind.ECONOMY, name="经济发展局") for p in park_rows]
        )
        user = User.objects.create_user(username="bench-economy", password=None, full_name="基准测试")
        Membership.objects.create(
            user=user,
            role=Role.DEPARTMENT_STAFF,
            park=import_park,
            department=Department.objects.get(park=import_park),
        )
        total = enterprises + import_rows
        for start in range(0, total, 5000):
            batch = []
            for n in range(start, min(total, start + 5000)):
                trade = n % 10 >= 8
                code = TRADE_CODES[n % len(TRADE_CODES)] if trade else INDUSTRY_CODES[n % len(INDUSTRY_CODES)]
                park = import_park if n >= enterprises else park_rows[n % parks]
                batch.append(
                    Enterprise(
                        park=park,
                        credit_code=credit_code_from_number(n + 1),
                        name=f"基准企业{n + 1}有限公司",
                        industry=industries[code],
                        activity_type=activity_type_for(code),
                    )
                )
            Enterprise.objects.bulk_create(batch, batch_size=2500)
        rows = list(
            Enterprise.objects.exclude(park=import_park)
            .order_by("pk")
            .values_list("pk", "park_id", "activity_type")
        )
        first = dt.date(*period_list[0], 1)
        statuses = []
        for pk, _park, activity in rows:
            kind = "above_scale_industry" if activity == "industry" else "above_quota_wholesale"
            if pk % 3 == 0:
                continue
            since, until = first.replace(year=first.year - 3), None
            if pk % 50 == 1:
                since = dt.date(LAST[0], 1, 1)  # entered this year
            elif pk % 50 == 2:
                until = dt.date(LAST[0] - 1, 12, 31)  # left at the end of last year
            statuses.append(EnterpriseStatus(enterprise_id=pk, kind=kind, valid_from=since, valid_to=until))
        EnterpriseStatus.objects.bulk_create(statuses, batch_size=5000)
        timings["enterprises_s"] = time.perf_counter() - started

        def returns() -> Iterator[dict[str, Any]]:
            for pk, park_id, activity in rows:
                base = 2e6 * math.exp(rng.gauss(0, 1))
                for index, (year, month) in enumerate(period_list[:-1]):
                    amount = base * SEASON[month - 1] * 12 * (1.008**index) * rng.uniform(0.95, 1.05)
                    value = Decimal(f"{amount:.2f}")
                    yield {
                        "park_id": park_id,
                        "enterprise_id": pk,
                        "period": dt.date(year, month, 1),
                        "industrial_output": value if activity == "industry" else None,
                        "revenue": value,
                        "value_added": Decimal(f"{amount * 0.3:.2f}") if activity == "industry" else None,
                        "sales": value if activity != "industry" else None,
                    }

        started = time.perf_counter()
        count = bulk.insert_returns(returns())
        timings["returns_s"] = time.perf_counter() - started
        started = time.perf_counter()
        aggregates.rebuild()
        timings["rebuild_s"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "returns": count,
        "park_id": park_rows[0].pk,
        "park_ids": [p.pk for p in park_rows[:-1]],
        "import_park": import_park.code,
        "user": user.username,
        **{k: round(v, 1) for k, v in timings.items()},
    }


# --- KPI panel vs DuckDB ---------------------------------------------------------------------------------


def _duckdb_tables(period: dt.date) -> Any:
    """The returns, enterprises and statuses copied into DuckDB (through CSV; not timed)."""
    import duckdb
    from django.db import connection

    con = duckdb.connect()
    folder = Path(tempfile.mkdtemp(prefix="scipark-duck-"))
    queries = {
        "r": "SELECT enterprise_id, period, industrial_output FROM economy_monthlyreturn WHERE is_current",
        "e": "SELECT e.id, e.park_id, substr(e.industry_id, 1, 2) FROM enterprises_enterprise e",
        "s": "SELECT enterprise_id, kind, valid_from, valid_to FROM enterprises_enterprisestatus",
    }
    columns = {
        "r": "enterprise_id BIGINT, period DATE, output DOUBLE",
        "e": "id BIGINT, park_id BIGINT, division VARCHAR",
        "s": "enterprise_id BIGINT, kind VARCHAR, valid_from DATE, valid_to DATE",
    }
    for name, sql in queries.items():
        path = folder / f"{name}.csv"
        with connection.cursor() as cursor, path.open("w", newline="", encoding="utf-8") as handle:
            cursor.execute(sql)
            writer = csv.writer(handle)
            while chunk := cursor.fetchmany(50000):
                writer.writerows(chunk)
        spec = ", ".join(f"'{c.split()[0]}': '{c.split()[1]}'" for c in columns[name].split(", "))
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header=false, nullstr='', columns={{{spec}}})"
        )
    return con


SCAN_SQL = """
WITH m AS (
  SELECT DISTINCT enterprise_id FROM s
  WHERE kind = 'above_scale_industry' AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
)
SELECT e.division,
  SUM(CASE WHEN r.period >= ? THEN r.output ELSE 0 END) AS now,
  SUM(CASE WHEN r.period < ? THEN r.output ELSE 0 END) AS previous
FROM r JOIN e ON e.id = r.enterprise_id JOIN m ON m.enterprise_id = r.enterprise_id
WHERE ((r.period BETWEEN ? AND ?) OR (r.period BETWEEN ? AND ?)) {park}
GROUP BY e.division
"""


def _scan_params(period: dt.date) -> list[Any]:
    end = (
        dt.date(period.year, 12, 31)
        if period.month == 12
        else dt.date(period.year, period.month + 1, 1) - dt.timedelta(days=1)
    )
    this_year = dt.date(period.year, 1, 1)
    last_year = dt.date(period.year - 1, 1, 1)
    return [
        end,
        end,
        this_year,
        this_year,
        this_year,
        period,
        last_year,
        period.replace(year=period.year - 1),
    ]


def kpi_benchmarks(meta: dict[str, Any], db_label: str, size: str) -> list[str]:
    from django.db import connection

    from scipark.economy.models import Measure, ScaleSet
    from scipark.economy.selectors import Reach, kpi_panel
    from scipark.economy.selectors.panel_read import forget_kept_reads

    period = dt.date(*_months(2)[0], 1)  # the last loaded month
    con = _duckdb_tables(period)
    lines = []
    for name, park_ids, goal, individual in (
        ("economy_kpi_park", [meta["park_id"]], 10.0, True),
        ("economy_kpi_zone", meta["park_ids"], 3.0, True),
        # A zone viewer sees aggregates only: every value is checked for small-cell suppression.
        ("economy_kpi_zone_viewer", meta["park_ids"], 3.0, False),
    ):
        reach = Reach(tuple(park_ids), frozenset(park_ids) if individual else frozenset())

        def panel(reach: Reach = reach) -> Any:
            # The headline value and its breakdown by division, as the dashboard shows them: one read.
            return kpi_panel(
                reach=reach,
                period=period,
                scale_set=ScaleSet.ABOVE_SCALE_INDUSTRY,
                measure=Measure.INDUSTRIAL_OUTPUT,
                level="division",
            )

        park_clause = f"AND e.park_id = {int(park_ids[0])}" if len(park_ids) == 1 else ""
        sql = SCAN_SQL.format(park=park_clause)
        params = _scan_params(period)
        ours, (value, _rows) = _best(panel)

        def first_after_a_write(panel: Callable[[], Any] = panel) -> Any:
            # Nothing kept: what the first viewer after a write pays (the stamps, then the statement).
            forget_kept_reads()
            return panel()

        cold, _ = _best(first_after_a_write)

        def duck_scan(sql: str = sql, params: list[Any] = params) -> Any:
            return con.execute(sql, params).fetchall()

        duck, duck_rows = _best(duck_scan)
        sqlite_sql = (
            sql.replace("FROM s", "FROM enterprises_enterprisestatus")
            .replace(
                "FROM r JOIN e ON e.id = r.enterprise_id",
                "FROM economy_monthlyreturn r JOIN (SELECT id, park_id, substr(industry_id, 1, 2) AS division FROM enterprises_enterprise) e ON e.id = r.enterprise_id",
            )
            .replace("r.output", "r.industrial_output")
            .replace("WHERE ((", "WHERE r.is_current AND ((")
        )

        def scan(sqlite_sql: str = sqlite_sql, params: list[Any] = params) -> Any:
            with connection.cursor() as cursor:
                cursor.execute(sqlite_sql.replace("?", "%s"), params)
                return cursor.fetchall()

        plain, _ = _best(scan, runs=2)
        expected = sum(r[1] or 0 for r in duck_rows)
        check = (
            ""
            if value.cumulative is not None and abs(float(value.cumulative) - expected) < 1
            else " MISMATCH"
        )
        lines.append(
            f"{name}[{db_label},{size}] ratio={duck / ours:.2f} goal={goal} scipark_ms={ours * 1000:.2f} "
            f"first_after_write_ms={cold * 1000:.2f} first_ratio={duck / cold:.2f} duckdb_ms={duck * 1000:.2f} {db_label}_scan_ms={plain * 1000:.1f}{check}"
        )
    return lines


# --- one month imported for every enterprise ----------------------------------------------------------------


def month_benchmark(meta: dict[str, Any], db_label: str, size: str, enterprises: int) -> str:
    """Insert the last month for every enterprise and move the aggregates (timed: the aggregate update)."""
    from django.db import transaction

    from scipark.economy import aggregates, bulk
    from scipark.economy.models import MonthlyReturn
    from scipark.enterprises.models import Enterprise

    period = dt.date(*LAST, 1)
    previous = dict(
        MonthlyReturn.objects.filter(period=dt.date(*_months(2)[0], 1), is_current=True).values_list(
            "enterprise_id", "revenue"
        )
    )
    info = list(
        Enterprise.objects.filter(pk__in=list(previous)).values_list(
            "pk", "park_id", "industry_id", "industry__section", "activity_type"
        )
    )
    records, changes = [], []
    for pk, park_id, industry, section, activity in info:
        value = (previous[pk] * Decimal("1.1")).quantize(Decimal("0.01"))
        record = {
            "park_id": park_id,
            "enterprise_id": pk,
            "period": period,
            "industrial_output": value if activity == "industry" else None,
            "revenue": value,
            "sales": value if activity != "industry" else None,
        }
        records.append(record)
        changes.append(
            aggregates.ReturnChange(
                pk,
                park_id,
                aggregates.division_of(industry),
                section,
                period,
                None,
                aggregates.values_of(record),
            )
        )
    with transaction.atomic():
        started = time.perf_counter()
        bulk.insert_returns(records)
        inserted = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        touched = aggregates.apply_return_changes(changes)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    budget = 1.0 * enterprises / 100_000
    return (
        f"economy_month_aggregates[{db_label},{size}] ratio={budget / seconds:.2f} goal=1.0 "
        f"seconds={seconds:.3f} cpu_s={cpu:.3f} budget_s={budget:.2f} enterprise_months_read={touched} "
        f"insert_s={inserted:.2f}"
    )


# --- .xlsx import vs calamine ---------------------------------------------------------------------------


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    from scipark.core.identifiers import credit_code_from_number
    from scipark.enterprises.models import Enterprise

    codes = list(
        Enterprise.objects.filter(park__code=IMPORT_PARK)
        .order_by("pk")
        .values_list("credit_code", flat=True)[:count]
    )
    del credit_code_from_number
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("月报")
    sheet.append(
        [
            "统一社会信用代码",
            "企业名称",
            "工业总产值(千元)",
            "营业收入(千元)",
            "工业增加值(千元)",
            "利润总额(千元)",
            "从业人员期末人数",
            "电力(kWh)",
        ]
    )
    rng = random.Random(12)
    for n, code in enumerate(codes):
        output = round(rng.uniform(500, 50000), 1)
        sheet.append(
            [
                code,
                f"基准企业{n}",
                output,
                round(output * 0.95, 1),
                round(output * 0.3, 1),
                round(output * 0.05, 1),
                rng.randint(10, 900),
                rng.randint(1000, 900000),
            ]
        )
    workbook.save(path)


def xlsx_benchmark(meta: dict[str, Any], db: str, db_label: str, rows: int) -> str:
    """The month's .xlsx import against calamine's parse, measured by ``bench.imports.measure`` (the one
    copy of that measurement: a fresh process, wall and CPU time, peak RSS) on this run's database."""
    from django.db import connections

    from bench.imports import measure

    path = BENCH_DIR / f"economy-import-{rows}.xlsx"
    write_xlsx(path, rows)
    connections.close_all()
    return measure("economy_xlsx_import", "monthly", "月报", path, meta, db, rows, db_label)


# --- entry point ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.economy", description=__doc__)
    parser.add_argument("--full", action="store_true", default=os.environ.get("SCIPARK_BENCH_FULL") == "1")
    parser.add_argument("--parks", type=int)
    parser.add_argument("--enterprises", type=int)
    parser.add_argument("--months", type=int)
    parser.add_argument("--import-rows", type=int)
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL (default: a SQLite file under var/bench/)"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"run on PostgreSQL at $SCIPARK_BENCH_PG_URL (default {PG_URL}), creating the database if needed",
    )
    parser.add_argument(
        "--kpi-only",
        action="store_true",
        help="only the KPI panel lines (no month or .xlsx import benchmark)",
    )
    args = parser.parse_args(argv)
    parks = args.parks or (200 if args.full else 20)
    enterprises = args.enterprises or (100_000 if args.full else 10_000)
    months = args.months or (60 if args.full else 24)
    import_rows = args.import_rows or (100_000 if args.full else 20_000)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.postgres and not args.database_url:
        args.database_url = ensure_postgres_database(os.environ.get("SCIPARK_BENCH_PG_URL", PG_URL))
    if args.database_url:
        db, db_label = args.database_url, "postgresql"
    else:
        db = str(BENCH_DIR / f"economy-{enterprises}.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        db_label = "sqlite"
    setup_django(db)
    size = f"{parks}p×{enterprises // 1000}k×{months}m"
    meta = build(parks=parks, enterprises=enterprises, months=months, import_rows=import_rows)
    print(
        f"# economy[{db_label},{size}]: {meta['returns']} returns loaded in {meta['returns_s']} s, "
        f"aggregates rebuilt in {meta['rebuild_s']} s",
        flush=True,
    )
    for line in kpi_benchmarks(meta, db_label, size):
        print(line, flush=True)
    if args.kpi_only:
        return 0
    print(month_benchmark(meta, db_label, size, enterprises), flush=True)
    print(xlsx_benchmark(meta, db, db_label, import_rows), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
