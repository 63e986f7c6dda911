"""Search benchmark (issue 12 "Speed", issue 15 item 4): the one Chinese search over N library records and the
registry's name search, on SQLite or PostgreSQL, each against baselines built in the same process.

``python -m bench.search`` (part of ``make bench``) builds, streaming in batches, N tech demands (技术需求库,
default 50,000; ``--full``: 1,000,000; ``--size N``) of generated Chinese titles and descriptions in 10 parks,
owned by N/50 enterprises (at least 2,000), rebuilds the index with ``scipark search_reindex``'s function,
and times :func:`scipark.innovation.search.search` — top 20 by relevance with the facets, for a park's
staff user (restricted before ranking) — for 2-, 3- and 4-character words of known frequency and a
2-character word with no hits. Baseline: the LIKE scan of the same rows within the same reach (title,
field, description; title hits first, newest first, top 20).

Lines: ``search_<n>char[db,size] ratio=R goal=10 word=W p50= p99=``: R = the LIKE scan's p50 ÷ the search's
p50, both through the ORM as a page would run them; ``search_firm_2char``: the same for an enterprise user
(the reach is one enterprise; goal 0, informational: its LIKE scan reads one enterprise's rows by index); ``search_p99[db,size] p99=X goal=20ms``: the worst p99 of the library
searches. The ratio goal is issue 12's at 1,000,000 records: at a smaller size those lines end in
``below_goal_size=1000k`` and do not fail the run (p99's goal holds at every size). Then the registry lines on the N/50 enterprises (``search_registry``: vs a bigram index of the
same names, goal 1 — on SQLite an in-memory FTS5 table, on PostgreSQL a ``tsvector`` of bigrams under GIN in
the same server, so both sides pay one round trip; ``search_registry_vs_like`` goal 10;
``search_registry_p99``), as before.
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
#: in one name of every HIT_EVERY (not a word the library search is timed with)
HITS = "雪莲"
HIT_EVERY = 500
BATCH = 5000
#: Issue 12 sets the library search's goals at this many records (``--full``).
GOAL_SIZE = 1_000_000


def _setup(db: str, *, reuse: bool = False) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.economy_settings"
    if reuse:
        os.environ["SCIPARK_BENCH_DATABASE_URL" if db.startswith("postgres") else "SCIPARK_BENCH_DB"] = db
    elif db.startswith("postgres"):
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


#: The words searched, by length, with how often the generator writes them (share of records; half in the
#: title, half in the description). 生物资源 is made of frequent words: its bigrams are all common.
QUERIES: tuple[tuple[str, str], ...] = (
    ("2char", "青稞"),
    ("2char_rare", "牦牛"),
    ("3char", "青稞酒"),
    ("3char_rare", "牦牛乳"),
    ("4char", "藏药浸膏"),
    ("4char_common", "生物资源"),
    ("nohit", NO_HITS),
)
PLANTED: tuple[tuple[str, float], ...] = (
    ("青稞", 0.03),
    ("青稞酒", 0.005),
    ("藏药", 0.01),
    ("藏药浸膏", 0.003),
    ("牦牛", 0.004),
    ("牦牛乳", 0.001),
)
_WORDS = (
    "高原 生物 资源 开发 利用 技术 工艺 研究 提取 加工 食品 材料 种植 养殖 检测 分析 设备 装置 系统 方法 "
    "制备 应用 产业 绿色 低碳 循环 节能 环保 新型 智能 数据 平台 服务 保鲜 发酵 饲料 蛋白 多糖 黄酮 活性 "
    "成分 功能 优化 集成 示范 推广 质量 标准 安全 评价 枸杞 沙棘 黑果 菌种 冻干 粉体 颗粒 胶囊 口服 制剂 "
    "包装 储运 冷链 溯源 光伏 锂电 盐湖 镁基 合金 纤维 复合 涂层 催化 反应 膜法 分离 纯化 浓缩 干燥 粉碎 "
    "灭菌 灌装 酿造 面条 乳清 奶粉 酸奶 畜牧 草原 牧草 改良 育种 繁育 疫病 防控 疫苗 诊断 试剂 芯片 传感 "
    "监测 预警 信息 管理 运维 云端 算法 模型 识别 工程 中试 放大 规模 生产 线 自动化 控制"
)
VOCABULARY = tuple(
    w
    for w in _WORDS.split()
    # no character of a searched word, so that each appears exactly where it is planted
    if not set(w) & set("".join(q for _n, q in QUERIES if q != "生物资源"))
)


def _text(rng: random.Random, words: int) -> str:
    return "".join(VOCABULARY[rng.randrange(len(VOCABULARY))] for _ in range(words))


def demand_text(rng: random.Random) -> tuple[str, str, str]:
    """(title, field, description) of one generated tech demand, the searched words planted at their rates."""
    title, field, description = _text(rng, rng.randint(3, 4)), _text(rng, 1), _text(rng, rng.randint(5, 7))
    for word, share in PLANTED:
        if rng.random() < share:
            if rng.random() < 0.5:
                title = title[:4] + word + title[4:]
            else:
                description = word + description
    return title[:200], field, description


def _write_demands(size: int, rng: random.Random, firm_ids: list[tuple[int, int]]) -> None:
    """``size`` tech demands as plain rows in batches (``COPY`` on PostgreSQL): model instances would cost
    more than the rows at a million, and memory stays at one batch."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from scipark.innovation.models import TechDemand

    columns = ("created_at", "updated_at", "version", "park_id", "enterprise_id", "title", "field", "description", "published_on", "state")  # fmt: skip
    now = TechDemand._meta.get_field("created_at").get_db_prep_value(timezone.now(), connection)
    date = TechDemand._meta.get_field("published_on")
    days = [
        date.get_db_prep_value(dt.date(2023, 1, 1) + dt.timedelta(days=d), connection) for d in range(700)
    ]
    table = connection.ops.quote_name(TechDemand._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        for start in range(0, size, BATCH):
            rows = []
            for number in range(start, min(size, start + BATCH)):
                firm, park = firm_ids[number % len(firm_ids)]
                title, field, description = demand_text(rng)
                rows.append((now, now, 1, park, firm, title, field, description, days[number % 700], "open"))
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(sql, rows)


def build(size: int) -> dict[str, Any]:
    """``size`` tech demands and ``size // 50`` (≥ 2,000) enterprises in PARKS parks, written in batches,
    the search index rebuilt; returns what the timing needs."""
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
    # names share no character with a searched word: the library lines time the libraries' rows
    searched = set(NO_HITS + HITS + "".join(q for _n, q in QUERIES))
    pool = tuple(n for n in names.trade_names() if not set(n) & searched)
    words = tuple(w for w in ("科技", "医药", "食品", "商贸", "建材", "能源") if not set(w) & searched)
    firms = max(2000, size // 50)
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
        for start in range(0, firms, BATCH):
            Enterprise.objects.bulk_create(
                [
                    Enterprise(
                        park=parks[number % PARKS],
                        credit_code=credit_code_from_number(number * 7919),
                        name=_name(rng, pool, words, number),
                        industry=industry,
                        activity_type=activity_type_for("2740"),
                    )
                    for number in range(start + 1, min(firms, start + BATCH) + 1)
                ],
                batch_size=1000,
            )
        firm_ids = list(Enterprise.objects.order_by("pk").values_list("pk", "park_id"))
        firm_user = User.objects.create_user(username="search-firm", password=None, full_name="检索企业")
        Membership.objects.create(
            user=firm_user, role=Role.ENTERPRISE_USER, park=parks[0], enterprise_id=firm_ids[0][0]
        )
        _write_demands(size, rng, firm_ids)
    built = time.monotonic() - started
    started = time.monotonic()
    indexed = core_search.reindex()
    return {
        "user_id": user.pk,
        "firm_user_id": firm_user.pk,
        "park_id": parks[0].pk,
        "firms": firms,
        "build_s": built,
        "index_s": time.monotonic() - started,
        "indexed": indexed,
    }


def reused(size: int) -> dict[str, Any] | None:
    """What the timing needs from a database built by an earlier run of the same size (``--reuse``)."""
    from scipark.accounts.models import User
    from scipark.enterprises.models import Enterprise
    from scipark.innovation.models import TechDemand
    from scipark.parks.models import Park

    if TechDemand.objects.count() != size or not User.objects.filter(username="search-firm").exists():
        return None
    return {
        "user_id": User.objects.get(username="search-staff").pk,
        "firm_user_id": User.objects.get(username="search-firm").pk,
        "park_id": Park.objects.get(code="search0").pk,
        "firms": Enterprise.objects.count(),
        "build_s": 0.0,
        "index_s": 0.0,
        "indexed": size + Enterprise.objects.count(),
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


def postgres_baseline(park_id: int) -> Callable[[str], tuple[int, list[Any]]]:
    """On PostgreSQL, the same bigram index built in the same server: a ``tsvector`` of every name's character
    bigrams (written as quoted lexemes: the tokens as they are, no text parser) under a GIN index, with its
    park. The in-process FTS5 table is no fair floor for a database across a socket (its p50 is 0.01 ms, below
    one round trip); this one pays the same round trip and planning as scipark's own statement."""
    from django.db import connection

    from scipark.enterprises.models import Enterprise
    from scipark.innovation.searchtext import tokens

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_registry_bigrams")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_registry_bigrams (id bigint PRIMARY KEY, park bigint NOT NULL,"
            " name text NOT NULL, bigrams tsvector NOT NULL)"
        )
        # Read first: the connection takes no other statement while a COPY is open.
        rows = list(Enterprise.objects.order_by("pk").values_list("pk", "name", "park_id"))
        with cursor.cursor.copy("COPY bench_registry_bigrams (id, park, name, bigrams) FROM STDIN") as copy:
            for pk, name, park in rows:
                lexemes = " ".join("'" + t.replace("'", "''") + "'" for t in dict.fromkeys(tokens(name)))
                copy.write_row((pk, park, name, lexemes))
        cursor.execute(
            "CREATE INDEX bench_registry_bigrams_gin ON bench_registry_bigrams USING gin (bigrams)"
        )
        cursor.execute("CREATE INDEX bench_registry_bigrams_park ON bench_registry_bigrams (park, name, id)")
        cursor.execute("ANALYZE bench_registry_bigrams")
    raw = connection.connection

    def run(word: str) -> tuple[int, list[Any]]:
        query = " & ".join("'" + t + "'" for t in dict.fromkeys(tokens(word)))
        cursor = raw.cursor()
        cursor.execute(
            "SELECT count(*) FROM bench_registry_bigrams WHERE bigrams @@ %s::tsquery AND park = %s",
            (query, park_id),
        )
        (count,) = cursor.fetchone()
        cursor.execute(
            "SELECT id, name FROM bench_registry_bigrams WHERE bigrams @@ %s::tsquery AND park = %s"
            " ORDER BY name, id LIMIT %s",
            (query, park_id, PAGE),
        )
        page = cursor.fetchall()
        cursor.close()
        return int(count), page

    return run


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
    on_postgres = connection.vendor == "postgresql"
    same_server = postgres_baseline(meta["park_id"]) if on_postgres else None

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
        if same_server is not None:
            assert same_server(word)[0] == ours[0], f"{word}: the PostgreSQL bigram table disagrees"
        ours_sql, like_sql = statements(scipark, word), statements(like, word)
        full = timings(lambda w=word: scipark(w), runs=runs, seconds=seconds)  # type: ignore[misc]
        mine = timings(lambda s=ours_sql: replay(s), runs=runs, seconds=seconds)  # type: ignore[misc]
        in_process = timings(lambda w=word: fts5(w), runs=runs, seconds=seconds)  # type: ignore[misc]
        base = (
            timings(lambda w=word: same_server(w), runs=runs, seconds=seconds)  # type: ignore[misc]
            if same_server is not None
            else in_process
        )
        scan = timings(lambda s=like_sql: replay(s), runs=max(20, runs // 20), seconds=seconds)  # type: ignore[misc]
        p50, p99 = p(full, 50), p(full, 99)
        worst_p99 = max(worst_p99, p99)
        lines.append(
            f"{name}[{label}] ratio={p(base, 50) / p(mine, 50):.2f} goal={1 if name == 'search_registry' else 0} "
            f"word={word} rows={ours[0]} "
            f"sql_p50={p(mine, 50):.3f}ms sql_p99={p(mine, 99):.3f}ms statements={len(ours_sql)} "
            f"{'pg_bigram' if on_postgres else 'fts5'}_p50={p(base, 50):.3f}ms "
            f"{'pg_bigram' if on_postgres else 'fts5'}_p99={p(base, 99):.3f}ms "
            + (f"fts5_in_process_p50={p(in_process, 50):.3f}ms " if on_postgres else "")
            + f"like_sql_p50={p(scan, 50):.1f}ms orm_p50={p50:.2f}ms orm_p99={p99:.2f}ms"
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


def measure_libraries(
    meta: dict[str, Any], label: str, *, runs: int, seconds: float, size: int = GOAL_SIZE
) -> list[str]:
    """The library search (what the libraries page runs for ``?q=``) against the LIKE scan of the same rows.

    The ratio goal (≥ 10× the scan) is issue 12's at :data:`GOAL_SIZE` records; below it the ratio lines carry
    ``below_goal_size`` and do not fail the run (a LIKE scan of 50,000 rows takes 2 ms on PostgreSQL, one
    round trip of the search a fifth of that: the ratio grows with the rows the scan reads). The p99 goal
    (≤ 20 ms) is held at every size: fewer records make it no harder."""
    from django.db.models import Case, IntegerField, Q, Value, When

    from scipark.accounts.models import User
    from scipark.core import access
    from scipark.innovation import search
    from scipark.innovation.models import TechDemand

    def ours(user: Any, word: str) -> Any:
        return search.search(user=user, query=word)

    def like(user: Any, word: str) -> list[Any]:
        # Without the index: scan the reach's rows, rank them as the index does, newest first, top 20.
        rows = TechDemand.objects.restrict(user, access.Action.VIEW).filter(
            Q(title__contains=word) | Q(field__contains=word) | Q(description__contains=word)
        )
        # the index's score: 3 for the word in the title, 1 in the field or description
        ranked = rows.annotate(
            score=Case(
                When(title__contains=word, then=Value(3)), default=Value(0), output_field=IntegerField()
            )
            + Case(
                When(Q(field__contains=word) | Q(description__contains=word), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        return list(ranked.order_by("-score", "-pk").values("pk", "title")[: search.LIMIT])

    staff = User.objects.get(pk=meta["user_id"])
    firm = User.objects.get(pk=meta["firm_user_id"])
    cases = [(name, word, staff) for name, word in QUERIES] + [("firm_2char", "青稞", firm)]
    lines = []
    worst = 0.0
    scale = "" if size >= GOAL_SIZE else f" below_goal_size={GOAL_SIZE // 1000}k"
    for name, word, user in cases:
        found = ours(user, word)
        scanned = like(user, word)
        if len(word) == 2:  # a bigram is the word: the same rows come first
            assert {h.object_id for h in found.hits} == {r["pk"] for r in scanned} or found.capped, word
        mine = timings(lambda u=user, w=word: ours(u, w), runs=runs, seconds=seconds)  # type: ignore[misc]
        scan = timings(lambda u=user, w=word: like(u, w), runs=max(20, runs // 20), seconds=seconds)  # type: ignore[misc]
        worst = max(worst, p(mine, 99))
        lines.append(
            f"search_{name}[{label}] ratio={p(scan, 50) / p(mine, 50):.1f} goal={0 if user is firm else 10} word={word} "
            f"p50={p(mine, 50):.2f}ms p99={p(mine, 99):.2f}ms like_p50={p(scan, 50):.1f}ms "
            f"rows={found.total}{'+' if found.capped else ''} hits={len(found.hits)}{scale}"
        )
    lines.append(f"search_p99[{label}] p99={worst:.2f}ms goal=20ms {'ok' if worst <= 20 else 'MISSED'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--full", action="store_true", help="1,000,000 library records")
    parser.add_argument("--size", type=int, help="library records (default 50,000; --full 1,000,000)")
    parser.add_argument(
        "--postgres", action="store_true", help="on PostgreSQL at 127.0.0.1:5432 (user postgres)"
    )
    parser.add_argument(
        "--runs", type=int, default=400, help="timed searches per word and side (default 400)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the database an earlier run of this size built (no rebuild)",
    )
    args = parser.parse_args(argv)
    size = args.size or (1_000_000 if args.full else 50_000)
    db = PG_URL if args.postgres else str(BENCH_DIR / f"search-{size}.sqlite3")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    _setup(db, reuse=args.reuse)
    meta = (reused(size) if args.reuse else None) or build(size)
    label = f"{'postgresql' if args.postgres else 'sqlite'},{size // 1000}k"
    print(
        f"# search: {size} tech demands and {meta['firms']} enterprises in {PARKS} parks built in "
        f"{meta['build_s']:.0f}s, {meta['indexed']} rows indexed in {meta['index_s']:.0f}s",
        flush=True,
    )
    lines = measure_libraries(meta, label, runs=args.runs, seconds=10.0, size=size)
    for line in lines:
        print(line, flush=True)
    registry = measure(meta, f"{label.split(',')[0]},{meta['firms'] // 1000}k", runs=args.runs, seconds=10.0)
    lines += registry
    for line in registry:
        print(line, flush=True)
    return 0 if all(_meets(line) for line in lines) else 1


def _meets(line: str) -> bool:
    fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
    if "below_goal_size" in fields:
        return True  # measured and printed; the goal is set at a larger size
    if "ratio" not in fields:
        return "MISSED" not in line
    return float(fields["ratio"]) >= float(fields["goal"])


if __name__ == "__main__":
    sys.exit(main())
