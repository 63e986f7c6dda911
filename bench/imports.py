"""``python -m bench.imports``: the two imports issue 15 measures, each against python-calamine's parse.

``enterprise_xlsx_import``: N new enterprises (企业名录) from .xlsx; ``economy_xlsx_import``: a month of
returns for N enterprises (月报). Each import runs in a fresh process (its peak RSS is the import's), on a
SQLite database made by ``bench.economy.build`` with a small history, or on PostgreSQL with ``--postgres``
(``$SCIPARK_BENCH_IMPORTS_PG_URL``, default ``PG_URL``: a database of its own, emptied first) or ``--database-url``. One
line each::

    enterprise_xlsx_import[sqlite,100k rows] ratio=R goal=0.5 seconds=… calamine_s=… peak_rss_mb=…
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.economy import (
    BENCH_DIR,
    ROOT,
    _best,
    build,
    ensure_postgres_database,
    setup_django,
    write_xlsx,
)

ENTERPRISE_SHEET = "企业"
#: Not the economy benchmark's database: ``build`` empties the one it is given.
PG_URL = "postgres://postgres@127.0.0.1:5432/scipark_bench_imports"
#: New enterprises' credit codes are numbered from here (the database's own stop well below).
FIRST_NEW = 5_000_000


def write_enterprise_xlsx(path: Path, count: int) -> None:
    """``count`` enterprises that are not registered yet, with every kind of column the import reads."""
    from openpyxl import Workbook

    from scipark.core.identifiers import credit_code_from_number

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(ENTERPRISE_SHEET)
    sheet.append(
        [
            "统一社会信用代码",
            "企业名称",
            "简称",
            "行业代码",
            "经营状态",
            "成立日期",
            "注册资本(万元)",
            "法定代表人",
            "地址",
            "行政区划代码",
        ]
    )
    rng = random.Random(15)  # synthetic data: a fixed seed
    codes = ("2710", "3511", "C2720", "5123", "化学药品原料药制造")
    for n in range(count):
        sheet.append(
            [
                credit_code_from_number(FIRST_NEW + n),
                f"导入基准企业{n}有限公司",
                f"基准{n}",
                codes[n % len(codes)],
                "在营",
                f"20{rng.randint(10, 22)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                round(rng.uniform(10, 5000), 2),
                "张三",
                f"西宁市城北区基准路{n}号",
                "630105",
            ]
        )
    workbook.save(path)


def import_child(kind: str, db: str, path: str, user: str, park: str) -> None:
    """In a fresh process: import the file, print seconds, peak RSS (MB) and the counts as JSON."""
    setup_django(db)
    from scipark.accounts.models import User
    from scipark.core.imports.importer import Importer
    from scipark.core.imports.runner import run_import
    from scipark.economy.importers import MonthlyReturnImporter
    from scipark.enterprises.importers import EnterpriseImporter
    from scipark.parks.models import Park

    account, target = User.objects.get(username=user), Park.objects.get(code=park)
    importer: Importer
    if kind == "monthly":
        importer = MonthlyReturnImporter(user=account, park=target, period="2023-12")
    else:
        importer = EnterpriseImporter(user=account, park=target)
    started, cpu = time.perf_counter(), time.process_time()
    result = run_import(importer, Path(path), filename=Path(path).name)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_s": cpu,
                "rss_mb": rss,
                "ok": result.ok,
                "changed": result.changed,
                "problems": [str(p) for p in result.problems[:3]],
            }
        )
    )


def measure(
    name: str, kind: str, sheet: str, path: Path, meta: dict[str, Any], db: str, rows: int, label: str
) -> str:
    from python_calamine import CalamineWorkbook

    def parse() -> int:
        workbook = CalamineWorkbook.from_path(str(path))
        data = workbook.get_sheet_by_name(sheet).to_python()
        workbook.close()
        return len(data)

    calamine, _ = _best(parse, runs=3)
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.imports",
            "--child",
            kind,
            db,
            str(path),
            meta["user"],
            meta["import_park"],
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    child = json.loads(output.strip().splitlines()[-1])
    status = "" if child["ok"] and child["changed"] == rows else f" FAILED {child['problems']}"
    return (
        f"{name}[{label},{rows // 1000}k rows] ratio={calamine / child['seconds']:.2f} goal=0.5 "
        f"seconds={child['seconds']:.2f} cpu_s={child['cpu_s']:.2f} calamine_s={calamine:.2f} peak_rss_mb={child['rss_mb']:.0f} "
        f"rss_ok={'yes' if child['rss_mb'] < 500 else 'no'} file_mb={path.stat().st_size / 1048576:.1f}{status}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="rows per file (default 100,000)")
    parser.add_argument("--only", choices=("enterprises", "monthly"), help="run one of the two")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL (default: a SQLite file under var/bench/)"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"run on PostgreSQL at $SCIPARK_BENCH_IMPORTS_PG_URL (default {PG_URL}), creating the database if needed",
    )
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        import_child(*args.child)
        return 0
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.postgres and not args.database_url:
        args.database_url = ensure_postgres_database(os.environ.get("SCIPARK_BENCH_IMPORTS_PG_URL", PG_URL))
    if args.database_url:
        db, label = args.database_url, "postgresql"  # build() empties it first
    else:
        db, label = str(BENCH_DIR / f"imports-{args.rows}.sqlite3"), "sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    setup_django(db)
    meta = build(parks=4, enterprises=2000, months=2, import_rows=args.rows)
    from django.db import connections

    connections.close_all()
    if args.only in (None, "enterprises"):
        path = BENCH_DIR / f"enterprise-import-{args.rows}.xlsx"
        write_enterprise_xlsx(path, args.rows)
        print(
            measure(
                "enterprise_xlsx_import", "enterprises", ENTERPRISE_SHEET, path, meta, db, args.rows, label
            ),
            flush=True,
        )
    if args.only in (None, "monthly"):
        path = BENCH_DIR / f"economy-import-{args.rows}.xlsx"
        write_xlsx(path, args.rows)
        connections.close_all()
        print(measure("economy_xlsx_import", "monthly", "月报", path, meta, db, args.rows, label), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
