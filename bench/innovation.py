"""The cultivation engine's benchmark (issue 12, Speed): every tier evaluated for every enterprise of a park.

``python -m bench.innovation [--size N] [--postgres]`` (part of ``make bench`` through ``--only
innovation``) builds a database with one park of N enterprises (default 100,000), each with its tech
archive of 2023 (70 % also 2022, 50 % also 2021), intellectual property (45 % hold granted IP: class II
for most, inventions for 15 %; applications pending besides), tier certificates (科技型 25 %, 高企 8 %,
创新型 6 %, 专精特新 3 %, 小巨人 0.3 %, some expired), awards, R&D institutions, standards and converted
results in small shares, and the published rule versions. Rows are generated and written 5,000
enterprises at a time (a stream: the generator never holds the park).

It then runs, each in a fresh process (so that the peak RSS is the evaluation's own):
1. ``services.evaluate_park(processes=P)`` on the fresh park (the first evaluation: nothing to replace);
2. the same again (the re-evaluation after every tier's rule version changes: every
   current evaluation replaced, the old ones kept) — this is the timed line (a rule version saved on its
   page re-evaluates its own tier only, a sixth of these writes);
and, in the second process, the read-and-evaluate part alone (no writes) and the one-by-one path
(``evaluate_enterprise``) on a sample, extrapolated to N, for comparison. Then it reads the 梯度培育测评 page
as the park's innovation staff (``PAGE_QUERIES``; ``--reuse --pages-only`` reads only the page). It prints::

    innovation_tier_evaluation[sqlite,100000] ratio=R goal=1 seconds=… peak_rss=…MB rss_goal=1024MB …

R = 60 s ÷ the re-evaluation's wall-clock seconds (the issue's goal: ≤ 60 s and < 1 GB for 100,000
enterprises; the SQLite file is ``var/bench/innovation-N.sqlite3``, or ``$SCIPARK_BENCH_INNOVATION_SQLITE``).
``--processes P`` (default: the CPUs, as ``scipark evaluate_tiers``) forked processes read and
evaluate the chunks while the measured process writes them; ``--processes 1`` is the serial path.
``cpu_seconds`` is the writing process's CPU time, ``children_cpu_seconds`` the forked processes'; on a loaded
shared machine they are what stays comparable between runs. Peak RSS is the measured process's (each forked
process holds a chunk or two; ``all_processes_rss`` adds each forked process's peak, the figure held to
the 1 GB goal). No test asserts them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .economy import PG_URL as ECONOMY_PG_URL
from .economy import ensure_postgres_database, postgres_reachable, setup_django

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
YEAR = 2023
PARK = "bench-innovation"
PG_URL = ECONOMY_PG_URL.rsplit("/", 1)[0] + "/scipark_bench_innovation"
GOAL_SECONDS = 60.0
GOAL_RSS_MB = 1024.0
BATCH = 5000
SAMPLE = 200
INDUSTRY_CODES = ("2740", "2720", "2761", "1492", "3581", "6513", "7320")


# --- the data ----------------------------------------------------------------------------------------------


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def archive_values(rng: random.Random) -> dict[str, Any]:
    """One enterprise's 2023 archive: sales log-normal around 8 million 元, staff and R&D in the usual
    ranges of a park's tech firms; one in ten leaves some figures empty."""
    sales = 8e6 * math.exp(rng.gauss(0, 1.3))
    employees = max(3, int(40 * math.exp(rng.gauss(0, 0.9))))
    tech_staff = int(employees * rng.uniform(0.02, 0.45))
    rd = sales * rng.uniform(0, 0.09)
    assets = sales * rng.uniform(0.6, 2.5)
    values: dict[str, Any] = {
        "sales": _money(sales),
        "main_revenue": _money(sales * rng.uniform(0.5, 1.0)),
        "total_assets": _money(assets),
        "total_liabilities": _money(assets * rng.uniform(0.1, 0.9)),
        "total_cost": _money(sales * rng.uniform(0.6, 1.1)),
        "net_assets": _money(assets * rng.uniform(0.2, 0.8)),
        "rd_expense": _money(rd),
        "rd_expense_domestic": _money(rd * rng.uniform(0.4, 1.0)),
        "high_tech_income": _money(sales * rng.uniform(0, 0.9)),
        "new_equity": _money(rng.choice((0, 0, 0, 2e6, 6e6, 3e7))),
        "employees": employees,
        "tech_staff": tech_staff,
        "rd_staff": tech_staff // 2,
        "niche_years": rng.randint(0, 12),
        "key_field": rng.random() < 0.5,
        "strategic_emerging": rng.random() < 0.4,
        "major_incident": rng.random() < 0.01,
        "rd_management_score": rng.choice((None, None, None, 12, 16)),
    }
    if rng.random() < 0.1:
        for key in rng.sample(("sales", "main_revenue", "rd_expense", "rd_expense_domestic", "employees"), 2):
            values[key] = None
        if values["employees"] is None:
            values["tech_staff"] = values["rd_staff"] = None
    return values


def earlier(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The archive of the year before: the money figures a little smaller."""
    factor = rng.uniform(0.6, 1.1)
    return {k: _money(float(v) * factor) if isinstance(v, Decimal) else v for k, v in values.items()}


def dependents(pks: list[int], park_id: int, rng: random.Random, counter: list[int]) -> Iterator[Any]:
    """Every row that hangs on one batch of enterprises, as unsaved model instances."""
    from scipark.innovation.models import (
        Achievement,
        Award,
        IntellectualProperty,
        LedStandard,
        RdInstitution,
        TechArchive,
        TierCertificate,
    )

    def ip(pk: int, kind: str, granted: bool) -> Any:
        counter[0] += 1
        applied = dt.date(rng.randint(2012, YEAR), rng.randint(1, 12), 1)
        granted_on = applied + dt.timedelta(days=rng.randint(120, 1200)) if granted else None
        return IntellectualProperty(
            park_id=park_id, enterprise_id=pk, owner_name="基准企业", kind=kind, number=f"B{counter[0]:010d}",
            title="一种青稞制品的制备方法", applied_on=applied, granted_on=granted_on,
            status="granted" if granted else "applied", high_value=rng.random() < 0.2,
            self_developed=rng.random() < 0.8, in_use=rng.random() < 0.5,
        )  # fmt: skip

    for pk in pks:
        values = archive_values(rng)
        yield TechArchive(park_id=park_id, enterprise_id=pk, year=YEAR, state="accepted", **values)
        draw = rng.random()
        if draw < 0.7:
            last = earlier(values, rng)
            yield TechArchive(park_id=park_id, enterprise_id=pk, year=YEAR - 1, state="accepted", **last)
            if draw < 0.5:
                yield TechArchive(
                    park_id=park_id, enterprise_id=pk, year=YEAR - 2, state="accepted", **earlier(last, rng)
                )
        if rng.random() < 0.45:
            for _ in range(rng.randint(1, 6)):
                yield ip(pk, rng.choice(("utility_model", "utility_model", "design", "software")), True)
            if rng.random() < 0.33:
                for _ in range(rng.randint(1, 4)):
                    yield ip(pk, "invention", True)
        if rng.random() < 0.15:
            yield ip(pk, rng.choice(("invention", "utility_model")), False)
        for tier, share, years in (
            ("tech_sme", 0.25, 1), ("high_tech", 0.08, 3), ("innovative_sme", 0.06, 3),
            ("specialised", 0.03, 3), ("little_giant", 0.003, 3),
        ):  # fmt: skip
            if rng.random() < share:
                granted = dt.date(rng.randint(YEAR - years, YEAR), rng.randint(1, 12), 15)
                expires = granted.replace(year=granted.year + years) - dt.timedelta(days=1)
                yield TierCertificate(
                    park_id=park_id, enterprise_id=pk, tier=tier, granted_on=granted, expires_on=expires
                )
        if rng.random() < 0.02:
            yield Award(
                park_id=park_id, enterprise_id=pk, name="科技进步奖", rank=rng.randint(1, 6),
                level=rng.choice(("national", "provincial", "provincial", "municipal")),
                granted_on=dt.date(rng.randint(YEAR - 6, YEAR), 6, 1),
            )  # fmt: skip
        if rng.random() < 0.05:
            yield RdInstitution(
                park_id=park_id, enterprise_id=pk, name="企业研发中心", kind="rd_centre",
                level=rng.choice(("provincial", "municipal", "municipal", "park")),
                approved_on=dt.date(rng.randint(YEAR - 8, YEAR + 1), 3, 1),
            )  # fmt: skip
        if rng.random() < 0.01:
            yield LedStandard(
                park_id=park_id, enterprise_id=pk, code=f"T/{pk}", title="团体标准",
                level=rng.choice(("national", "industry", "local", "group")),
                published_on=dt.date(rng.randint(YEAR - 6, YEAR), 9, 1),
            )  # fmt: skip
        if rng.random() < 0.08:
            for _ in range(rng.randint(1, 3)):
                yield Achievement(
                    park_id=park_id, enterprise_id=pk, title="成果转化", holder="青海大学",
                    converted_on=dt.date(rng.randint(YEAR - 4, YEAR), rng.randint(1, 12), 1),
                )  # fmt: skip


def write(model: type[Any], rows: list[Any]) -> int:
    """INSERT unsaved instances as they are (``core.imports.bulk``: no per-value preparation), with the
    timestamps ``save`` would set."""
    from django.utils import timezone

    from scipark.core.imports import bulk

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    stamped = [
        f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    names = [f.attname for f in fields]
    return bulk.insert(
        model, names, ([now if n in stamped else getattr(row, n) for n in names] for row in rows)
    )


def build(size: int) -> dict[str, Any]:
    """Migrate a fresh database and fill one park of ``size`` enterprises, ``BATCH`` at a time."""
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import connection, transaction

    from scipark.core.identifiers import credit_code_from_number
    from scipark.demo.industries import activity_type_for, industry_rows
    from scipark.enterprises.models import Enterprise
    from scipark.innovation.cultivation.defaults import DEFAULT_RULES
    from scipark.innovation.models import RuleVersion
    from scipark.parks.models import Park, Zone

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    rng = random.Random(2023)  # synthetic data: a fixed seed
    counts: dict[str, int] = {}
    counter = [0]
    with disable_auditlog():
        industries = industry_rows(INDUSTRY_CODES)
        zone = Zone.objects.create(name="基准省级开发区", region_code="630000")
        park = Park.objects.create(zone=zone, name="基准科技园区", code=PARK)
        for rule in DEFAULT_RULES:
            RuleVersion.objects.create(
                park=park, tier=rule.tier, name=rule.name, source=rule.source, valid_from=rule.valid_from,
                params=rule.params, confirmed=rule.confirmed,
            )  # fmt: skip
        for start in range(0, size, BATCH):
            with transaction.atomic():
                firms = []
                for n in range(start, min(size, start + BATCH)):
                    code = INDUSTRY_CODES[n % len(INDUSTRY_CODES)]
                    firms.append(
                        Enterprise(
                            park=park, credit_code=credit_code_from_number(n + 1), name=f"基准科技企业{n + 1}有限公司",
                            industry=industries[code], activity_type=activity_type_for(code),
                            registration_date=dt.date(rng.randint(2000, YEAR), rng.randint(1, 12), 1),
                        )
                    )  # fmt: skip
                pks = [e.pk for e in Enterprise.objects.bulk_create(firms)]
                by_model: dict[type, list[Any]] = {}
                for row in dependents(pks, park.pk, rng, counter):
                    by_model.setdefault(type(row), []).append(row)
                for model, rows in by_model.items():
                    counts[model.__name__] = counts.get(model.__name__, 0) + write(model, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as after a real load
    return {"build_s": round(time.perf_counter() - started, 1), **counts}


# --- the measurement (in a fresh process) -------------------------------------------------------------------


def read_and_evaluate(park: Any) -> int:
    """The evaluation without its writes: every chunk's inputs read and every tier evaluated."""
    from scipark.innovation import selectors
    from scipark.innovation.services.evaluation import evaluation_rows

    end = dt.date(YEAR, 12, 31)
    rules: dict[int, Any] = {}
    made = 0
    for evaluees in selectors.park_evaluees(park=park, year=YEAR):
        profiles = selectors.build_profiles(evaluees, YEAR)
        for evaluee in evaluees:
            profile = profiles.get(evaluee.pk)
            if profile is not None:
                if evaluee.park_id not in rules:
                    rules[evaluee.park_id] = selectors.rules_in_force(evaluee.park_id, end)
                made += len(evaluation_rows(evaluee.pk, evaluee.park_id, profile, rules[evaluee.park_id]))
    return made


def child(db: str, *, extras: bool, processes: int) -> None:
    """One evaluation of the park (and, with ``extras``, the parts and the one-by-one sample), as JSON."""
    setup_django(db)
    from scipark.enterprises.models import Enterprise
    from scipark.innovation import services
    from scipark.innovation.models import Evaluation
    from scipark.parks.models import Park

    park = Park.objects.get(code=PARK)
    before = Evaluation.objects.filter(park=park, is_current=True).count()
    result: dict[str, Any] = {"current_before": before}
    if extras:
        started, started_cpu = time.perf_counter(), time.process_time()
        result["evaluations"] = read_and_evaluate(park)
        result["read_evaluate_s"] = time.perf_counter() - started
        result["read_evaluate_cpu_s"] = time.process_time() - started_cpu
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_before = before_children.ru_utime + before_children.ru_stime
    started, started_cpu = time.perf_counter(), time.process_time()
    result["enterprises"] = services.evaluate_park(park=park, year=YEAR, processes=processes)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["seconds"] = time.perf_counter() - started
    result["cpu_seconds"] = time.process_time() - started_cpu
    # the forked evaluating processes' CPU (they have ended: the pool is shut down when the park is done)
    result["children_cpu_seconds"] = children.ru_utime + children.ru_stime - children_before
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["child_rss_mb"] = children.ru_maxrss / 1024  # the largest forked process's peak
    if extras:
        sample = list(Enterprise.objects.filter(park=park).order_by("?")[:SAMPLE])
        started, started_cpu = time.perf_counter(), time.process_time()
        for enterprise in sample:
            services.evaluate_enterprise(enterprise=enterprise, year=YEAR)
        scale = result["enterprises"] / len(sample)
        result["one_by_one_s"] = (time.perf_counter() - started) * scale
        result["one_by_one_cpu_s"] = (time.process_time() - started_cpu) * scale
    result["current_after"] = Evaluation.objects.filter(park=park, is_current=True).count()
    print(json.dumps(result))


#: The 梯度培育测评 page as park staff open it: plain, filtered by tier, by one condition short, by outcome,
#: by part of a name, a later page, sorted by the gaps. The line's time is the slowest of them.
PAGE_QUERIES = (
    "",
    "&tier=tech_sme",
    "&gaps=1",
    "&result=eligible",
    "&q=企业99",
    "&page=50",
    "&sort=-gap_count",
)
#: The page's goal: under a second, as issue 15 asks of the zone viewer's dashboard.
PAGE_GOAL_MS = 1000.0


def measure_pages(db: str, label: str, size: int) -> str:
    """Each of ``PAGE_QUERIES`` read by the park's innovation staff (best of 3, after one warm read)."""
    setup_django(db)
    from django.conf import settings
    from django.test import Client

    from scipark.accounts.models import Membership, User
    from scipark.core.access import Role
    from scipark.parks.models import Department, DepartmentKind, Park

    settings.ALLOWED_HOSTS = ["*"]
    park = Park.objects.get(code=PARK)
    department = Department.objects.get_or_create(
        park=park, kind=DepartmentKind.INNOVATION, defaults={"name": "科技创新部"}
    )[0]
    user, made = User.objects.get_or_create(username="bench-innovation-staff", defaults={"full_name": "基准"})
    if made:
        Membership.objects.create(user=user, role=Role.DEPARTMENT_STAFF, park=park, department=department)
    client = Client()
    client.force_login(user)
    base = f"/innovation/evaluations/?park={park.pk}"
    times: dict[str, float] = {}
    for query in PAGE_QUERIES:
        client.get(base + query)
        best = math.inf
        for _ in range(3):
            started = time.perf_counter()
            response = client.get(base + query)
            best = min(best, time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{base + query}: {response.status_code}")
        times[query or "plain"] = best * 1000
    worst = max(times.values())
    each = " ".join(f"{name.lstrip('&')}={ms:.0f}ms" for name, ms in times.items())
    return (
        f"innovation_evaluation_page[{label},{size}] ratio={PAGE_GOAL_MS / worst:.2f} goal=1 "
        f"worst_ms={worst:.0f} {each}"
    )


def run_child(db: str, *, extras: bool, processes: int) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.innovation",
        "--child",
        "--db",
        db,
        *(["--extras"] if extras else []),
        "--processes",
        str(processes),
    ]
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.innovation", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="enterprises in the park (100,000)")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL (default: SQLite under var/bench/)"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"run on PostgreSQL at $SCIPARK_BENCH_INNOVATION_PG_URL (default {PG_URL}), creating the database",
    )
    parser.add_argument("--reuse", action="store_true", help="measure the database of an earlier run")
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that read and evaluate chunks while the first writes (default: the CPUs; 1: serial)",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="with --reuse: only read the 梯度培育测评 page of an evaluated park (no evaluation)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extras", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.db, extras=args.extras, processes=args.processes)
        return 0
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.postgres and not args.database_url:
        url = os.environ.get("SCIPARK_BENCH_INNOVATION_PG_URL", PG_URL)
        if not postgres_reachable(url):
            print(f"# innovation_tier_evaluation[postgresql,{args.size}] unavailable: no server at {url}")
            return 0
        args.database_url = ensure_postgres_database(url)
    if args.database_url:
        db, label = args.database_url, "postgresql"
    else:
        default = BENCH_DIR / f"innovation-{args.size}.sqlite3"
        db, label = os.environ.get("SCIPARK_BENCH_INNOVATION_SQLITE", str(default)), "sqlite"
        if not (args.reuse and Path(db).exists()):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
    setup_django(db)
    if args.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        built: dict[str, Any] = {"build_s": 0}
    else:
        built = build(args.size)
    print(f"# innovation[{label},{args.size}] built: {json.dumps(built, ensure_ascii=False)}", flush=True)
    if args.pages_only:
        print(measure_pages(db, label, args.size), flush=True)
        return 0
    first = run_child(db, extras=False, processes=args.processes)
    again = run_child(db, extras=True, processes=args.processes)
    seconds = again["seconds"]
    rss = max(first["rss_mb"], again["rss_mb"])
    # every process at its own peak at once, shared copy-on-write pages counted in each: an upper bound
    total_rss = max(
        first["rss_mb"] + args.processes * first["child_rss_mb"],
        again["rss_mb"] + args.processes * again["child_rss_mb"],
    )
    ratio = GOAL_SECONDS / seconds
    print(
        f"innovation_tier_evaluation[{label},{args.size}] ratio={ratio:.2f} goal=1 seconds={seconds:.1f} "
        f"peak_rss={rss:.0f}MB all_processes_rss={total_rss:.0f}MB rss_goal={GOAL_RSS_MB:.0f}MB "
        f"rss_ok={total_rss < GOAL_RSS_MB} "
        f"processes={args.processes} cpu_seconds={again['cpu_seconds']:.1f} "
        f"children_cpu_seconds={again['children_cpu_seconds']:.1f} "
        f"first_seconds={first['seconds']:.1f} first_cpu_seconds={first['cpu_seconds']:.1f} "
        f"read_evaluate_s={again['read_evaluate_s']:.1f} read_evaluate_cpu_s={again['read_evaluate_cpu_s']:.1f} "
        f"evaluations={again['evaluations']} one_by_one_s={again['one_by_one_s']:.0f} "
        f"one_by_one_cpu_s={again['one_by_one_cpu_s']:.0f} (sample of {SAMPLE}, extrapolated) "
        f"speedup_vs_one_by_one={again['one_by_one_s'] / seconds:.1f}",
        flush=True,
    )
    print(measure_pages(db, label, args.size), flush=True)
    return 0 if ratio >= 1 and total_rss < GOAL_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())
