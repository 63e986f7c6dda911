"""Make a fresh benchmark database with N enterprises in one park, fast (bulk_create in large batches).

``python -m bench.generate --size 10000 --db var/bench/bench-10k.sqlite3`` migrates a new SQLite
file, builds a zone, a park with its departments, one staff user (经济发展, token auth) and N
enterprises with statuses, contacts and tags, and writes ``<db>.json`` with what the load needs.
With ``--database-url postgres://…`` the data goes to that PostgreSQL database instead (dropped and
created again first); ``--db`` then only names where ``<db>.json`` is written.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

BATCH = 5000
INDUSTRY_CODES = (
    "2740",
    "2720",
    "2761",
    "2780",
    "1492",
    "1499",
    "3581",
    "5151",
    "5152",
    "5123",
    "6513",
    "7340",
)


def generate(size: int, db_path: Path, database_url: str = "") -> dict[str, Any]:
    """Build the database at ``db_path`` (or ``database_url``), replacing it; returns the metadata the
    benchmarks read."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if database_url:
        recreate_postgres_database(database_url)
        os.environ["SCIPARK_BENCH_DATABASE_URL"] = database_url
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.environ["SCIPARK_BENCH_DB"] = str(db_path)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from auditlog.context import disable_auditlog
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.monotonic() - started
    with disable_auditlog():
        meta = _populate(size)
    from django.db import connection

    with connection.cursor() as cursor:
        # Planner statistics, as autovacuum gathers them within a minute of a real load: measured at once,
        # PostgreSQL guessed 54 enterprises in the park instead of 100,000 and sorted them all for each page
        # (63 ms; 0.2 ms through the (park, name) index once analysed), floor and scipark alike.
        cursor.execute("ANALYZE")
    meta.update(size=size, db=database_url or str(db_path), migrate_seconds=round(migrated, 1))
    meta["populate_seconds"] = round(time.monotonic() - started - migrated, 1)
    Path(f"{db_path}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def recreate_postgres_database(url: str) -> None:
    """Drop the benchmark's PostgreSQL database (closing its sessions) and create it empty."""
    from urllib.parse import urlparse

    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("scipark_bench"):
        raise ValueError(f"refusing to drop {name!r}: benchmark databases are named scipark_bench…")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _populate(size: int) -> dict[str, Any]:
    from django.db import transaction

    from scipark.accounts.models import Membership, User
    from scipark.accounts.tokens import token_issue
    from scipark.core.identifiers import credit_code_from_number
    from scipark.core.roles import DepartmentKind, Role
    from scipark.demo import names
    from scipark.demo.industries import activity_type_for, industry_rows
    from scipark.enterprises.models import Contact, Enterprise, EnterpriseStatus, Tag
    from scipark.parks.models import Department, Park, Zone

    rng = random.Random(4754)  # synthetic data: a fixed seed
    with transaction.atomic():
        zone = Zone.objects.create(name="基准测试开发区", region_code="630100")
        park = Park.objects.create(zone=zone, name="基准测试园区", code="bench")
        Department.objects.bulk_create(
            [Department(park=park, kind=k, name=str(k.label)) for k in DepartmentKind]
        )
        economy = Department.objects.get(park=park, kind=DepartmentKind.ECONOMY)
        user = User.objects.create_user(username="bench-staff", password=None, full_name="基准测试")
        Membership.objects.create(user=user, role=Role.DEPARTMENT_STAFF, park=park, department=economy)
        _token, token = token_issue(user=user, name="基准测试", days=365)
        tags = Tag.objects.bulk_create(
            [Tag(park=park, name=n) for n in ("重点企业", "医药产业链", "高新技术企业")]
        )
        industries = industry_rows(INDUSTRY_CODES)
        pool = names.trade_names()
        for start in range(0, size, BATCH):
            rows = []
            for number in range(start + 1, min(size, start + BATCH) + 1):
                code = INDUSTRY_CODES[number % len(INDUSTRY_CODES)]
                words = names.INDUSTRY_WORDS.get(code, ("科技",))
                rows.append(
                    Enterprise(
                        park=park,
                        credit_code=credit_code_from_number(number * 7919),
                        name=f"青海{pool[number % len(pool)]}{words[number % len(words)]}{number}有限公司",
                        registration_date=date(2000, 1, 1) + timedelta(days=rng.randint(0, 8700)),
                        registered_capital=Decimal(rng.choice((100, 500, 1000, 5000))) * 10_000,
                        address=f"青海省西宁市城北区经二路{number % 188 + 1}号",
                        region_code="630105",
                        industry=industries[code],
                        activity_type=activity_type_for(code),
                    )
                )
            created = Enterprise.objects.bulk_create(rows, batch_size=1000)
            EnterpriseStatus.objects.bulk_create(
                [
                    EnterpriseStatus(enterprise=e, kind="incubation", valid_from=date(2021, 1, 1))
                    for e in created
                    if e.pk % 3 == 0
                ],
                batch_size=2000,
            )
            Contact.objects.bulk_create(
                [
                    Contact(
                        enterprise=e, name=names.person_name(rng), phone=names.mobile(rng), is_primary=True
                    )
                    for e in created
                ],
                batch_size=2000,
            )
            through = Enterprise.tags.through
            through.objects.bulk_create(
                [through(enterprise_id=e.pk, tag_id=tags[e.pk % 3].pk) for e in created if e.pk % 4 == 0],
                batch_size=2000,
            )
    return {"park_id": park.pk, "token": token, "username": user.username}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, required=True, help="number of enterprises")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file to (re)create")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database to (re)create instead")
    args = parser.parse_args(argv)
    meta = generate(args.size, args.db, args.database_url)
    sys.stdout.write(json.dumps({k: v for k, v in meta.items() if k != "token"}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
