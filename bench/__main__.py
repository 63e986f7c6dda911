"""``python -m bench`` (``make bench``): every benchmark, one line each: ``NAME[size] ratio=R goal=G …``.

Default: 10k enterprises (10 s per side) and a quick 100k (5 s per side) — about three minutes on a
2-core machine, most of it making the databases. ``--full``: both sizes, 30 s per side.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

from .benchmarks import BENCHMARKS, Measurement, RunSettings
from .server import ROOT, gunicorn_server

BENCH_DIR = ROOT / "var" / "bench"


#: The list API benchmarks' PostgreSQL database (``--postgres``); dropped and made again for each size.
PG_URL = "postgres://postgres@127.0.0.1:5432/scipark_bench_list_api"


def make_database(size: int, database_url: str = "") -> Path:
    """A fresh database with ``size`` enterprises (made in a subprocess with the bench settings); with
    ``database_url`` on PostgreSQL, and the path returned only names its metadata file."""
    db_path = BENCH_DIR / (f"bench-pg-{size}" if database_url else f"bench-{size}.sqlite3")
    command = [sys.executable, "-m", "bench.generate", "--size", str(size), "--db", str(db_path)]
    subprocess.run(
        [*command, *(["--database-url", database_url] if database_url else [])],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return db_path


def run(plan: list[tuple[int, RunSettings]], names: list[str], database_url: str = "") -> list[Measurement]:
    """Run the named benchmarks at each (size, settings); prints each line as it is measured."""
    results = []
    for size, settings in plan:
        db_path = make_database(size, database_url)
        with gunicorn_server(db_path, database_url=database_url) as port:
            for name in names:
                measurement = BENCHMARKS[name](port, db_path, settings)
                if database_url:
                    measurement.name += "@postgresql"
                print(measurement.line(), flush=True)
                results.append(measurement)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--full", action="store_true", help="10k and 100k enterprises, 30 s per side")
    parser.add_argument("--sizes", type=int, nargs="+", help="enterprise counts to run (overrides the plan)")
    parser.add_argument("--duration", type=float, help="seconds of load per side")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="run the list API benchmarks on PostgreSQL (127.0.0.1:5432, database scipark_bench_list_api)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=[
            *sorted(BENCHMARKS),
            "import_refusal",
            "economy",
            "dashboard",
            "environment",
            "search",
            "innovation",
        ],
        help="run only these benchmarks",
    )
    args = parser.parse_args(argv)
    plan = [(10_000, 30.0), (100_000, 30.0)] if args.full else [(10_000, 10.0), (100_000, 5.0)]
    if args.sizes:
        plan = [(size, args.duration or 10.0) for size in args.sizes]
    elif args.duration:
        plan = [(size, args.duration) for size, _ in plan]
    settings_plan = [(size, RunSettings(connections=args.connections, duration=d)) for size, d in plan]
    print(
        f"# machine: {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
        flush=True,
    )
    names = [n for n in (args.only or sorted(BENCHMARKS)) if n in BENCHMARKS]
    database_url = os.environ.get("SCIPARK_BENCH_LIST_PG_URL", PG_URL) if args.postgres else ""
    results = run(settings_plan, names, database_url) if names else []
    failed = any(m.ratio is None and not m.unavailable for m in results)
    if not args.only or "import_refusal" in args.only:
        # SECURITY.md row 11: each hostile file refused within 5 s and 512 MB (one subprocess per file).
        failed |= (
            subprocess.run([sys.executable, "-m", "bench.hostile_imports"], cwd=ROOT, check=False).returncode
            != 0
        )
    if not args.only or "economy" in args.only:
        failed |= run_economy(full=args.full)
    if not args.only or "dashboard" in args.only:
        # Issue 15 "Done when": the zone viewer's dashboard at 1.15M returns in under a second (its own database).
        failed |= (
            subprocess.run([sys.executable, "-m", "bench.dashboard"], cwd=ROOT, check=False).returncode != 0
        )
    if not args.only or "environment" in args.only:
        # Issue 13: the pipe-network map's viewport layer at 100,000 segments (its own database).
        failed |= (
            subprocess.run([sys.executable, "-m", "bench.environment"], cwd=ROOT, check=False).returncode != 0
        )
    if not args.only or "search" in args.only:
        failed |= run_search(full=args.full)
    if not args.only or "innovation" in args.only:
        # Issue 12: every tier evaluated for 100,000 enterprises (its own database).
        failed |= (
            subprocess.run([sys.executable, "-m", "bench.innovation"], cwd=ROOT, check=False).returncode != 0
        )
    return 1 if failed else 0


def run_search(*, full: bool) -> bool:
    """The registry search (issue 15 item 4, issue 12) on SQLite and, when a server answers, PostgreSQL."""
    from .economy import postgres_reachable

    extra = ["--full"] if full else []
    failed = False
    for database in (["--postgres"] if postgres_reachable() else []) + [""]:
        command = [sys.executable, "-m", "bench.search", *extra, *([database] if database else [])]
        failed |= subprocess.run(command, cwd=ROOT, check=False).returncode != 0
    return failed


def run_economy(*, full: bool) -> bool:
    """The economy benchmarks (issue 3) on SQLite and, when a server answers, on PostgreSQL."""
    from .economy import postgres_reachable

    extra = ["--full"] if full else []
    failed = False
    for database in (["--postgres"] if postgres_reachable() else []) + [""]:
        command = [sys.executable, "-m", "bench.economy", *extra, *([database] if database else [])]
        failed |= subprocess.run(command, cwd=ROOT, check=False).returncode != 0
    return failed


if __name__ == "__main__":
    sys.exit(main())
