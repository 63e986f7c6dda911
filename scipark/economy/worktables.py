"""The work tables and statements that both ways of keeping the maintained tables write through (see
``recompute``): ``recompute.refresh``/``rebuild`` (from the year-to-date rows) and ``differences.apply`` (by
difference). Per connection temporary tables, emptied before each use; the set memberships of enterprise-months
(``fill_members``); the sums and suppression stats added up per row (``add_up``); one upsert per maintained table
and year (``write_aggregates``, ``write_cell_stats``), either setting or adding. SQLite (3.24+) and PostgreSQL
share the SQL; only ``MAX``/``GREATEST`` and the temporary tables' settings differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection

from scipark.enterprises.models import EnterpriseStatus

from .models import (
    ABOVE_SCALE_SETS,
    CELL_SUMS,
    RETURN_MEASURES,
    MonthlyAggregate,
    MonthlyCellStats,
    ScaleSet,
)

#: (park, division, first month changed): that year's rows from that month on, and the next year's bases.
Group = tuple[int, str, dt.date]

#: One enterprise-month changed: (enterprise, park, division, section, month, old amounts or ``None`` when
#: it had no counting return, new amounts or ``None``), amounts in ``RETURN_MEASURES`` order.
Change = tuple[int, int, str, str, dt.date, "tuple[Decimal, ...] | None", "tuple[Decimal, ...] | None"]

GROUPS = "scipark_refresh_groups"
MONTHS = "scipark_refresh_months"
VALUES = "scipark_refresh_values"
MEMBERS = "scipark_refresh_members"
CELLS = "scipark_refresh_cells"
STEPS = "scipark_apply_steps"
DELTAS = "scipark_apply_deltas"

#: A difference smaller than the stored places (four) is rounding, not a change (SQLite adds in binary).
EPSILON = "0.00005"


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table_of(model: type) -> str:
    return quote(model._meta.db_table)  # type: ignore[attr-defined]


def _greatest(a: str, b: str) -> str:
    return f"GREATEST({a}, {b})" if connection.vendor == "postgresql" else f"MAX({a}, {b})"


def _month_end(period: dt.date) -> dt.date:
    nxt = dt.date(period.year + (period.month == 12), period.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


#: Per cell and measure: sum of 当月, of 累计, sum of their sizes, largest size.
CELL_PARTS = ("s_cur", "s_cum", "a_cur", "a_cum", "x_cur", "x_cum")
#: Per cell and measure, of a difference: the same, and the largest size that went down (``w_``).
DELTA_PARTS = (*CELL_PARTS, "w_cur", "w_cum")
#: Per enterprise-month of a difference: its figures after (``n_``), and what its cells add up (``DELTA_PARTS``).
SIDES = ("n_cur", "n_cum", *DELTA_PARTS)


def _temporary_tables(cursor: Any) -> None:
    """The work tables, per connection (emptied before each use)."""
    amounts = ", ".join(f"cur_{m} numeric, cum_{m} numeric" for m in RETURN_MEASURES)
    per_cell = ", ".join(f"{c}_{m} numeric" for m in RETURN_MEASURES for c in DELTA_PARTS)
    sides = ", ".join(f"{s}_{m} numeric" for m in RETURN_MEASURES for s in SIDES)
    person = "enterprise_id bigint, park_id bigint, division varchar(2), section varchar(1), period date"
    statements = [
        f"CREATE TEMP TABLE IF NOT EXISTS {GROUPS} (park_id bigint, division varchar(2), "
        "first_period date, year_start date, year_end date, next_first date, next_end date)",
        f"CREATE TEMP TABLE IF NOT EXISTS {MONTHS} (period date, period_end date, next_period date, "
        "next_end date, year_start date, year_end date)",
        f"CREATE TEMP TABLE IF NOT EXISTS {VALUES} ({person}, has_cur integer, {amounts})",
        f"CREATE TEMP TABLE IF NOT EXISTS {MEMBERS} (enterprise_id bigint, period date, next_year integer, "
        "scale_set varchar(32))",
        f"CREATE TEMP TABLE IF NOT EXISTS {CELLS} (park_id bigint, scale_set varchar(32), period date, "
        f"division varchar(2), section varchar(1), next_year integer, n_cur integer, n_cum integer, {per_cell})",
        f"CREATE TEMP TABLE IF NOT EXISTS {STEPS} ({person}, dn_cur integer, dn_cum integer, "
        + ", ".join(f"dcur_{m} numeric, dcum_{m} numeric" for m in RETURN_MEASURES)
        + ")",
        f"CREATE TEMP TABLE IF NOT EXISTS {DELTAS} ({person}, o_rep integer, n_rep integer, o_ret integer, "
        f"n_ret integer, {sides})",
        # Looked up from every row read: indexes, not a scan per row.
        f"CREATE INDEX IF NOT EXISTS {MONTHS}_period ON {MONTHS} (period)",
        f"CREATE INDEX IF NOT EXISTS {MEMBERS}_key ON {MEMBERS} (enterprise_id, period)",
    ]
    for sql in statements:
        cursor.execute(sql)
    for name in (GROUPS, MONTHS, VALUES, MEMBERS, CELLS, STEPS, DELTAS):
        cursor.execute(f"DELETE FROM {name}")  # noqa: S608


def prepare(cursor: Any) -> None:
    """The work tables, in the transaction; PostgreSQL without JIT: without statistics on the work tables the
    planner guesses millions of rows and compiles the statements (about a second for a tenth of work)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL jit = off")
    _temporary_tables(cursor)


def lock(park_ids: Iterable[int]) -> None:
    """Serialize recomputations of a park's rows until commit (PostgreSQL; SQLite writes one at a time):
    a second writer reads the returns only after the first one's are committed."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for park_id in sorted(set(park_ids)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [15015, park_id])


def normalize(groups: Iterable[Group]) -> dict[tuple[int, str, int], int]:
    """(park, division, year) → the first month changed in it."""
    first: dict[tuple[int, str, int], int] = {}
    for park_id, division, changed in groups:
        key = (park_id, division, changed.year)
        first[key] = min(first.get(key, 12), changed.month)
    return first


def fill_months(cursor: Any, years: Iterable[int]) -> None:
    """Every month of the years (and, for each, the same month a year later)."""
    found = sorted(set(years))
    months = [dt.date(y, m, 1) for y in range(found[0], found[-1] + 1) for m in range(1, 13)]
    cursor.executemany(
        f"INSERT INTO {MONTHS} VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
        [
            (
                p,
                _month_end(p),
                p.replace(year=p.year + 1),
                _month_end(p.replace(year=p.year + 1)),
                p.replace(month=1),
                p.replace(month=12),
            )
            for p in months
        ],
    )


def fill_members(cursor: Any, source: str) -> None:
    """The above-scale sets each enterprise-month of ``source`` is in at the month (this year's row) and a
    year later."""
    end = "CASE WHEN o.n = 1 THEN k.next_end ELSE k.period_end END"
    cursor.execute(
        f"INSERT INTO {MEMBERS} SELECT DISTINCT v.enterprise_id, v.period, o.n, s.kind "  # noqa: S608
        f"FROM {source} v CROSS JOIN {table_of(EnterpriseStatus)} s CROSS JOIN {MONTHS} k "
        "CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) o "
        f"WHERE s.enterprise_id = v.enterprise_id AND s.kind IN ({', '.join(['%s'] * len(ABOVE_SCALE_SETS))}) "
        f"AND k.period = v.period AND s.valid_from <= {end} AND (s.valid_to IS NULL OR s.valid_to >= {end})",
        list(ABOVE_SCALE_SETS),
    )


CELL_NAMES = ", ".join(f"{c}_{m}" for m in RETURN_MEASURES for c in CELL_PARTS)
DELTA_NAMES = ", ".join(f"{c}_{m}" for m in RETURN_MEASURES for c in DELTA_PARTS)


def add_up(cursor: Any, source: str, parts: list[str], names: str, counts: tuple[str, str]) -> None:
    """Step 2: the enterprise-months of ``source`` added up per row (park, set, month, division; this year's
    columns and, a year later, the bases) in one pass per kind of set: every enterprise is in ``all``; the
    above-scale sets are those its status periods put it in (``MEMBERS``)."""
    names = f"park_id, scale_set, period, division, section, next_year, n_cur, n_cum, {names}"
    n_cur, n_cum = counts
    # ``all``: every enterprise, this year's row and a year later alike: added up once, then copied.
    cursor.execute(
        f"INSERT INTO {CELLS} ({names}) SELECT v.park_id, %s, v.period, v.division, MAX(v.section), 0, "  # noqa: S608
        f"{n_cur}, {n_cum}, {', '.join(parts)} FROM {source} v GROUP BY v.park_id, v.period, v.division",
        [ScaleSet.ALL.value],
    )
    copied = names.replace("period, ", "k.next_period, ", 1).replace("next_year", "1", 1)
    cursor.execute(
        f"INSERT INTO {CELLS} ({names}) SELECT {copied} FROM {CELLS} CROSS JOIN {MONTHS} k "  # noqa: S608
        f"WHERE k.period = {CELLS}.period"
    )
    cursor.execute(
        f"INSERT INTO {CELLS} ({names}) SELECT v.park_id, x.scale_set, "  # noqa: S608
        "CASE WHEN x.next_year = 1 THEN k.next_period ELSE v.period END, v.division, MAX(v.section), "
        f"x.next_year, {n_cur}, {n_cum}, {', '.join(parts)} "
        f"FROM {source} v CROSS JOIN {MEMBERS} x CROSS JOIN {MONTHS} k "
        "WHERE x.enterprise_id = v.enterprise_id AND x.period = v.period AND k.period = v.period "
        "GROUP BY v.park_id, x.scale_set, x.next_year, v.period, k.next_period, v.division"
    )


_KEY = ["created_at", "updated_at", "version", "park_id", "scale_set", "period", "division", "section"]


def write_aggregates(cursor: Any, now: dt.datetime, next_year: bool, *, add: bool = False) -> None:
    """This year's 当月/累计 (or, a year later, the same enterprises' bases) per row: one upsert. With
    ``add``, the work table holds differences, added to what the rows hold."""
    single, cumulative = ("cmp", "cmpcum") if next_year else ("cur", "cum")
    other = ("cur", "cum") if next_year else ("cmp", "cmpcum")
    written = [f"{p}_{m}" for p in (single, cumulative) for m in RETURN_MEASURES]
    zeros = [f"{p}_{m}" for p in other for m in RETURN_MEASURES]
    sums = [f"c.{p}_{m}" for p in ("s_cur", "s_cum") for m in RETURN_MEASURES]
    updated = written if next_year else [*written, "reporting"]
    table = table_of(MonthlyAggregate)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(quote(c) for c in [*_KEY, 'reporting', *written, *zeros])}) "  # noqa: S608
        f"SELECT %s, %s, 1, c.park_id, c.scale_set, c.period, c.division, c.section, "
        f"{'0' if next_year else 'c.n_cur'}, {', '.join(sums)}, {', '.join('0' for _ in zeros)} "
        f"FROM {CELLS} c WHERE c.next_year = {int(next_year)} "
        "ON CONFLICT (park_id, scale_set, period, division) DO UPDATE SET "
        + ", ".join(
            f"{quote(c)} = {f'{table}.{quote(c)} + ' if add else ''}EXCLUDED.{quote(c)}" for c in updated
        ),
        [now, now],
    )


def write_cell_stats(cursor: Any, now: dt.datetime, next_year: bool, *, add: bool = False) -> None:
    """Per row and measure: contributors, the sum of their sizes and the largest (one upsert). With ``add``,
    the differences are added to each row's contributors and sizes and the largest raised to the largest."""
    single, cumulative = CELL_SUMS[2:] if next_year else CELL_SUMS[:2]
    other = CELL_SUMS[:2] if next_year else CELL_SUMS[2:]

    def pick(part: str) -> str:
        cases = " ".join(f"WHEN '{m}' THEN c.{part}_{m}" for m in RETURN_MEASURES)
        return f"CASE ms.measure {cases} END"

    written = {
        f"count_{single}": "c.n_cur",
        f"count_{cumulative}": "c.n_cum",
        f"size_{single}": pick("a_cur"),
        f"size_{cumulative}": pick("a_cum"),
        f"largest_{single}": pick("x_cur"),
        f"largest_{cumulative}": pick("x_cum"),
    }
    zeros = [f"{kind}_{s}" for kind in ("count", "size", "largest") for s in other]
    measures = " UNION ALL ".join(f"SELECT '{m}' AS measure" for m in RETURN_MEASURES)
    table = table_of(MonthlyCellStats)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(quote(c) for c in [*_KEY, 'measure', *written, *zeros])}) "  # noqa: S608
        f"SELECT %s, %s, 1, c.park_id, c.scale_set, c.period, c.division, c.section, ms.measure, "
        f"{', '.join(written.values())}, {', '.join('0' for _ in zeros)} "
        f"FROM {CELLS} c CROSS JOIN ({measures}) ms WHERE c.next_year = {int(next_year)} "
        "ON CONFLICT (park_id, scale_set, period, division, measure) DO UPDATE SET "
        + ", ".join(
            f"{quote(c)} = {_stat_update(table, c) if add else f'EXCLUDED.{quote(c)}'}" for c in written
        ),
        [now, now],
    )


def _stat_update(table: str, column: str) -> str:
    """A stats column moved by a difference: counts and sizes added, the largest raised."""
    if column.startswith("largest_"):
        return _greatest(f"{table}.{quote(column)}", f"EXCLUDED.{quote(column)}")
    return f"{table}.{quote(column)} + EXCLUDED.{quote(column)}"


AGGREGATE_SUMS = {
    False: [f"{p}_{m}" for p in ("cur", "cum") for m in RETURN_MEASURES] + ["reporting"],
    True: [f"{p}_{m}" for p in ("cmp", "cmpcum") for m in RETURN_MEASURES],
}
STATS_SUMS = {
    False: [f"{kind}_{s}" for kind in ("count", "size", "largest") for s in CELL_SUMS[:2]],
    True: [f"{kind}_{s}" for kind in ("count", "size", "largest") for s in CELL_SUMS[2:]],
}


def emptiable() -> tuple[tuple[str, list[str]], ...]:
    """The maintained tables and the columns that are all zero in a row holding nothing (a rebuild would
    not write it): the aggregates' sums, the cell statistics' counts."""
    return (
        (table_of(MonthlyAggregate), [*AGGREGATE_SUMS[False], *AGGREGATE_SUMS[True]]),
        (table_of(MonthlyCellStats), [f"count_{s}" for s in CELL_SUMS]),
    )


def as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
