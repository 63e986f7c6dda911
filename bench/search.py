"""Registry search benchmark (issue 15 item 4, issue 12): a two-character word through the bigram index
against a SQLite FTS5 bigram index and the LIKE scan, built in the same process from the same rows.

``python -m bench.search`` (part of ``make bench``) builds N enterprises in 10 parks (default 50,000:
about 45 s of CPU on this 2-core machine, two minutes idle; ``--full``: 1,000,000; ``--size N``), indexes them with
``scipark search_reindex``'s function, and times what a search of the registry list costs a park's
staff user: the filter (``EnterpriseFilterSet.q``, the list page's and the API's), the count and a page
of 50 brief rows. Baselines on the same rows: an FTS5 table of the names' character bigrams (in memory,
the same count and page of 50 ordered by name, restricted to the park), and the scan the registry ran
before the index (``LIKE '%w%'`` on name, short name and credit code, count and page).

Lines: ``search_registry[db,size] ratio=R goal=1`` for a word with no hits, R = FTS5 p50 ÷ the p50 of
the SQL the registry search runs (captured once from the ORM path and replayed on the driver's cursor, as
the FTS5 side runs on its driver: the database's share of the work); the line also gives the whole path's
p50/p99 through the ORM and the filter set (``orm_p50``/``orm_p99``). ``search_registry_hits[…]`` is the
same for a word in one name of 500 (goal=0: informational — the page reads the list's brief columns with
joins, the FTS5 side only a name). ``search_registry_vs_like[…] ratio=R goal=10``: the LIKE scan's SQL p50 ÷
the index's. ``search_registry_p99[…] p99=Xms goal=20ms``: the worse ORM-path p99 of the two words.
``--postgres`` runs on PostgreSQL (127.0.0.1:5432, user postgres; the database is emptied first).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PG_URL = "postgres://postgres@127.0.0.1:5432/scipark_bench_search"
PARKS = 10
PAGE = 50
#: in no name: the word with no hits
NO_HITS = "鲲鹏"
#: in one name of every HIT_EVERY
HITS = "青稞"
HIT_EVERY = 500
BATCH = 5000


def _setup(db: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.economy_settings"
    if db.startswith("postgres"):
        import psycopg

        from .economy import ensure_postgres_database

        ensure_postgres_database(db)
        with psycopg.connect(db, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        os.environ["SCIPARK_BENCH_DATABASE_URL"] = db
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["SCIPARK_BENCH_DB"] = db
    import django

    django.setup()


def _name(rng: random.Random, pool: tuple[str, ...], words: tuple[str, ...], number: int) -> str:
    trade = pool[rng.randrange(len(pool))]
    middle = HITS if number % HIT_EVERY == 0 else words[number % len(words)]
    return f"青海{trade}{middle}{number}有限公司"


def build(size: int) -> dict[str, Any]:
    """N enterprises in PARKS parks, the search index rebuilt; returns what the timing needs."""
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import transaction

    from scipark.accounts.models import Membership, User
    from scipark.core import search as core_search
    from scipark.core.identifiers import credit_code_from_number
    from scipark.core.roles import DepartmentKind, Role
    from scipark.demo import names
    from scipark.demo.industries import activity_type_for, industry_rows
    from scipark.enterprises.models import Enterprise
    from scipark.parks.models import Department, Park, Zone

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(1415)  # synthetic data: a fixed seed
    pool = tuple(n for n in names.trade_names() if not set(n) & set(NO_HITS + HITS))
    words = tuple(w for w in ("科技", "医药", "食品", "商贸", "建材", "能源") if not set(w) & set(NO_HITS))
    started = time.monotonic()
    with disable_auditlog(), transaction.atomic():
        zone = Zone.objects.create(name="检索基准开发区", region_code="630100")
        parks = [
            Park.objects.create(zone=zone, name=f"检索基准园区{i}", code=f"search{i}") for i in range(PARKS)
        ]
        Department.objects.bulk_create(
            [Department(park=parks[0], kind=k, name=str(k.label)) for k in DepartmentKind]
        )
        economy = Department.objects.get(park=parks[0], kind=DepartmentKind.ECONOMY)
        user = User.objects.create_user(username="search-staff", password=None, full_name="检索基准")
        Membership.objects.create(user=user, role=Role.DEPARTMENT_STAFF, park=parks[0], department=economy)
        industry = industry_rows(("2740",))["2740"]
        for start in range(0, size, BATCH):
            Enterprise.objects.bulk_create(
                [
                    Enterprise(
                        park=parks[number % PARKS],
                        credit_code=credit_code_from_number(number * 7919),
                        name=_name(rng, pool, words, number),
                        industry=industry,
                        activity_type=activity_type_for("2740"),
                    )
                    for number in range(start + 1, min(size, start + BATCH) + 1)
                ],
                batch_size=1000,
            )
    built = time.monotonic() - started
    started = time.monotonic()
    indexed = core_search.reindex()
    return {
        "user_id": user.pk,
        "park_id": parks[0].pk,
        "build_s": built,
        "index_s": time.monotonic() - started,
        "indexed": indexed,
    }


def fts5_baseline(park_id: int) -> sqlite3.Connection:
    """An in-memory FTS5 table of every name's character bigrams (space-separated tokens), with its park."""
    from scipark.enterprises.models import Enterprise
    from scipark.innovation.searchtext import tokens

    fts = sqlite3.connect(":memory:")
    fts.execute("CREATE VIRTUAL TABLE names USING fts5(bigrams, name UNINDEXED, park UNINDEXED)")
    rows = Enterprise.objects.order_by("pk").values_list("pk", "name", "park_id").iterator(chunk_size=BATCH)
    fts.executemany(
        "INSERT INTO names(rowid, bigrams, name, park) VALUES (?, ?, ?, ?)",
        ((pk, " ".join(tokens(name)), name, park) for pk, name, park in rows),
    )
    fts.commit()
    return fts


def timings(function: Callable[[], Any], *, runs: int, seconds: float) -> list[float]:
    """Milliseconds per call: ``runs`` calls, or fewer when ``seconds`` run out (at least 20)."""
    function()  # warm
    found: list[float] = []
    deadline = time.monotonic() + seconds
    while len(found) < runs and (len(found) < 20 or time.monotonic() < deadline):
        started = time.perf_counter()
        function()
        found.append((time.perf_counter() - started) * 1000)
    return found


def p(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def measure(meta: dict[str, Any], label: str, *, runs: int, seconds: float) -> list[str]:
    from django.db import connection
    from django.db.models import Q
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from scipark.accounts.models import User
    from scipark.core import access
    from scipark.enterprises.api.serializers import EnterpriseBriefSerializer
    from scipark.enterprises.filters import EnterpriseFilterSet
    from scipark.enterprises.models import Enterprise

    user = User.objects.get(pk=meta["user_id"])
    columns = list(EnterpriseBriefSerializer.BRIEF_COLUMNS)
    request = RequestFactory().get("/api/v1/enterprises/")
    request.user = user

    def scipark(word: str) -> tuple[int, list[Any]]:
        # What the list API does for ?q=word: reach, filter, the count and a page of brief rows.
        within = Enterprise.objects.restrict(user, access.Action.VIEW)
        queryset = EnterpriseFilterSet({"q": word}, queryset=within, request=request).qs.order_by(
            "name", "id"
        )
        return queryset.values("pk").count(), list(queryset.values(*columns)[:PAGE])

    def like(word: str) -> tuple[int, list[Any]]:
        # The registry's search before the index: the same rows, the names scanned.
        within = Enterprise.objects.restrict(user, access.Action.VIEW)
        queryset = within.filter(
            Q(name__icontains=word) | Q(short_name__icontains=word) | Q(credit_code__icontains=word.upper())
        ).order_by("name", "id")
        return queryset.values("pk").count(), list(queryset.values(*columns)[:PAGE])

    fts = fts5_baseline(meta["park_id"])

    def fts5(word: str) -> tuple[int, list[Any]]:
        match = f'"{word}"'
        (count,) = fts.execute(
            "SELECT count(*) FROM names WHERE names MATCH ? AND park = ?", (match, meta["park_id"])
        ).fetchone()
        page = fts.execute(
            "SELECT rowid, name FROM names WHERE names MATCH ? AND park = ? ORDER BY name, rowid LIMIT ?",
            (match, meta["park_id"], PAGE),
        ).fetchall()
        return count, page

    def statements(function: Callable[[str], Any], word: str) -> list[tuple[str, Any]]:
        """The SQL a search runs, to replay on the raw driver cursor (the database's share of the work)."""
        with CaptureQueriesContext(connection) as captured:
            function(word)
        return [(q["sql"], None) for q in captured.captured_queries]

    raw = connection.connection  # the driver's connection: no ORM, as for the FTS5 side

    def replay(sql: list[tuple[str, Any]]) -> None:
        cursor = raw.cursor()
        for text, _params in sql:
            cursor.execute(text)
            cursor.fetchall()
        cursor.close()

    lines = []
    worst_p99 = 0.0
    vs_like = 0.0
    for name, word in (("search_registry", NO_HITS), ("search_registry_hits", HITS)):
        ours, theirs, scanned = scipark(word), fts5(word), like(word)
        assert ours[0] == theirs[0] == scanned[0], (
            f"{word}: {ours[0]} rows, FTS5 {theirs[0]}, LIKE {scanned[0]}"
        )
        ours_sql, like_sql = statements(scipark, word), statements(like, word)
        full = timings(lambda w=word: scipark(w), runs=runs, seconds=seconds)  # type: ignore[misc]
        mine = timings(lambda s=ours_sql: replay(s), runs=runs, seconds=seconds)  # type: ignore[misc]
        base = timings(lambda w=word: fts5(w), runs=runs, seconds=seconds)  # type: ignore[misc]
        scan = timings(lambda s=like_sql: replay(s), runs=max(20, runs // 20), seconds=seconds)  # type: ignore[misc]
        p50, p99 = p(full, 50), p(full, 99)
        worst_p99 = max(worst_p99, p99)
        lines.append(
            f"{name}[{label}] ratio={p(base, 50) / p(mine, 50):.2f} goal={1 if name == 'search_registry' else 0} "
            f"word={word} rows={ours[0]} "
            f"sql_p50={p(mine, 50):.3f}ms sql_p99={p(mine, 99):.3f}ms statements={len(ours_sql)} "
            f"fts5_p50={p(base, 50):.3f}ms fts5_p99={p(base, 99):.3f}ms "
            f"like_sql_p50={p(scan, 50):.1f}ms orm_p50={p50:.2f}ms orm_p99={p99:.2f}ms"
        )
        if name == "search_registry":
            vs_like = p(scan, 50) / p(mine, 50)
    lines.append(
        f"search_registry_vs_like[{label}] ratio={vs_like:.0f} goal=10 (LIKE SQL p50 ÷ index SQL p50, no hits)"
    )
    lines.append(
        f"search_registry_p99[{label}] p99={worst_p99:.2f}ms goal=20ms {'ok' if worst_p99 <= 20 else 'MISSED'}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--full", action="store_true", help="1,000,000 enterprises")
    parser.add_argument("--size", type=int, help="enterprises (default 50,000; --full 1,000,000)")
    parser.add_argument(
        "--postgres", action="store_true", help="on PostgreSQL at 127.0.0.1:5432 (user postgres)"
    )
    parser.add_argument(
        "--runs", type=int, default=400, help="timed searches per word and side (default 400)"
    )
    args = parser.parse_args(argv)
    size = args.size or (1_000_000 if args.full else 50_000)
    db = PG_URL if args.postgres else str(BENCH_DIR / f"search-{size}.sqlite3")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    _setup(db)
    meta = build(size)
    label = f"{'postgresql' if args.postgres else 'sqlite'},{size // 1000}k"
    print(
        f"# search: {size} enterprises in {PARKS} parks built in {meta['build_s']:.0f}s, "
        f"{meta['indexed']} indexed in {meta['index_s']:.0f}s",
        flush=True,
    )
    lines = measure(meta, label, runs=args.runs, seconds=10.0)
    for line in lines:
        print(line, flush=True)
    return 0 if all(_meets(line) for line in lines) else 1


def _meets(line: str) -> bool:
    fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
    if "ratio" not in fields:
        return "MISSED" not in line
    return float(fields["ratio"]) >= float(fields["goal"])


if __name__ == "__main__":
    sys.exit(main())
