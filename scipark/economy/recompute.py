"""Keeping the maintained tables — ``MonthlyAggregate`` (sums) and ``MonthlyCellStats`` (what suppression
needs) — and, beside the returns, each enterprise's year to date (``EnterpriseYearToDate``), set-based.

A row's ``cur``/``cum`` columns of (y, k) and its ``cmp``/``cmpcum`` columns of (y + 1, k) depend only on the
year-y counting figures of the row's park and division and on the set memberships at the row's month
(ADR 0006). Two ways keep them:

- ``differences.apply`` (every write and import): each change moves its enterprise's year to date from its month
  to December by difference, and every cell those rows count in by the same difference — sums, reporting,
  contributors, the sum of sizes, and the largest where it can only go up. A cell whose largest enterprise's
  total went down, which no difference can follow, is recomputed (:func:`refresh` of its slice); that module
  shares this one's temporary tables and upserts. A month
  costs in proportion to the enterprise-months it changed, not to the year of returns.
- :func:`refresh` of (park, division, year from a month) groups (status changes, the cells above, an
  enterprise moved to another park or division, the rebuild): the groups' columns for k ≥ m recomputed from
  the year-to-date rows (one per enterprise and month, no returns read), in a few statements:

  1. the groups' year-to-date rows of months k ≥ m into a temporary table;
  2. the sets each of those enterprises counts in at (y, k) and (y + 1, k), into a second one;
  3. per table and per year (this one, next one), the affected columns set to 0, then one
     ``INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE`` writing what the groups give;
  4. rows left without anything deleted.

SQLite (3.24+) and PostgreSQL share the SQL; only the division test, ``MAX``/``GREATEST`` and the temporary
tables' settings differ. :func:`rebuild` recomputes the year-to-date rows from the returns, then runs
:func:`refresh` park by park, so it holds one park's rows at a time in the temporary tables and nothing in
Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from scipark.enterprises.models import Enterprise, EnterpriseStatus, Industry

from .models import (
    ABOVE_SCALE_SETS,
    CELL_SUMS,
    RETURN_MEASURES,
    EnterpriseYearToDate,
    MonthlyAggregate,
    MonthlyCellStats,
    MonthlyReturn,
    ScaleSet,
)

#: (park, division, first month changed): that year's rows from that month on, and the next year's bases.
Group = tuple[int, str, dt.date]

#: One enterprise-month changed: (enterprise, park, division, section, month, old amounts or ``None`` when
#: it had no counting return, new amounts or ``None``), amounts in ``RETURN_MEASURES`` order.
Change = tuple[int, int, str, str, dt.date, "tuple[Decimal, ...] | None", "tuple[Decimal, ...] | None"]

_GROUPS = "scipark_refresh_groups"
_MONTHS = "scipark_refresh_months"
_VALUES = "scipark_refresh_values"
_MEMBERS = "scipark_refresh_members"
_CELLS = "scipark_refresh_cells"
_STEPS = "scipark_apply_steps"
_DELTAS = "scipark_apply_deltas"

#: A difference smaller than the stored places (four) is rounding, not a change (SQLite adds in binary).
_EPSILON = "0.00005"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type) -> str:
    return _q(model._meta.db_table)  # type: ignore[attr-defined]


def _division_sql(column: str) -> str:
    """The GB/T 4754 division of an industry code in SQL, as ``aggregates.division_of`` gives it."""
    two = f"substr({column}, 1, 2)"
    test = f"{two} ~ '^[0-9][0-9]$'" if connection.vendor == "postgresql" else f"{two} GLOB '[0-9][0-9]'"
    return f"CASE WHEN {test} THEN {two} ELSE '' END"


def _greatest(a: str, b: str) -> str:
    return f"GREATEST({a}, {b})" if connection.vendor == "postgresql" else f"MAX({a}, {b})"


def _month_end(period: dt.date) -> dt.date:
    nxt = dt.date(period.year + (period.month == 12), period.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


#: Per cell and measure: sum of 当月, of 累计, sum of their sizes, largest size.
_CELL_PARTS = ("s_cur", "s_cum", "a_cur", "a_cum", "x_cur", "x_cum")
#: Per cell and measure, of a difference: the same, and the largest size that went down (``w_``).
_DELTA_PARTS = (*_CELL_PARTS, "w_cur", "w_cum")
#: Per enterprise-month of a difference: its figures after (``n_``), and what its cells add up (``_DELTA_PARTS``).
_SIDES = ("n_cur", "n_cum", *_DELTA_PARTS)


def _temporary_tables(cursor: Any) -> None:
    """The work tables, per connection (emptied before each use)."""
    amounts = ", ".join(f"cur_{m} numeric, cum_{m} numeric" for m in RETURN_MEASURES)
    per_cell = ", ".join(f"{c}_{m} numeric" for m in RETURN_MEASURES for c in _DELTA_PARTS)
    sides = ", ".join(f"{s}_{m} numeric" for m in RETURN_MEASURES for s in _SIDES)
    person = "enterprise_id bigint, park_id bigint, division varchar(2), section varchar(1), period date"
    statements = [
        f"CREATE TEMP TABLE IF NOT EXISTS {_GROUPS} (park_id bigint, division varchar(2), "
        "first_period date, year_start date, year_end date, next_first date, next_end date)",
        f"CREATE TEMP TABLE IF NOT EXISTS {_MONTHS} (period date, period_end date, next_period date, "
        "next_end date, year_start date, year_end date)",
        f"CREATE TEMP TABLE IF NOT EXISTS {_VALUES} ({person}, has_cur integer, {amounts})",
        f"CREATE TEMP TABLE IF NOT EXISTS {_MEMBERS} (enterprise_id bigint, period date, next_year integer, "
        "scale_set varchar(32))",
        f"CREATE TEMP TABLE IF NOT EXISTS {_CELLS} (park_id bigint, scale_set varchar(32), period date, "
        f"division varchar(2), section varchar(1), next_year integer, n_cur integer, n_cum integer, {per_cell})",
        f"CREATE TEMP TABLE IF NOT EXISTS {_STEPS} ({person}, dn_cur integer, dn_cum integer, "
        + ", ".join(f"dcur_{m} numeric, dcum_{m} numeric" for m in RETURN_MEASURES)
        + ")",
        f"CREATE TEMP TABLE IF NOT EXISTS {_DELTAS} ({person}, o_rep integer, n_rep integer, o_ret integer, "
        f"n_ret integer, {sides})",
        # Looked up from every row read: indexes, not a scan per row.
        f"CREATE INDEX IF NOT EXISTS {_MONTHS}_period ON {_MONTHS} (period)",
        f"CREATE INDEX IF NOT EXISTS {_MEMBERS}_key ON {_MEMBERS} (enterprise_id, period)",
    ]
    for sql in statements:
        cursor.execute(sql)
    for name in (_GROUPS, _MONTHS, _VALUES, _MEMBERS, _CELLS, _STEPS, _DELTAS):
        cursor.execute(f"DELETE FROM {name}")  # noqa: S608


def _prepare(cursor: Any) -> None:
    """The work tables, in the transaction; PostgreSQL without JIT: without statistics on the work tables the
    planner guesses millions of rows and compiles the statements (about a second for a tenth of work)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL jit = off")
    _temporary_tables(cursor)


def _lock(park_ids: Iterable[int]) -> None:
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


def _fill_months(cursor: Any, years: Iterable[int]) -> None:
    """Every month of the years (and, for each, the same month a year later)."""
    found = sorted(set(years))
    months = [dt.date(y, m, 1) for y in range(found[0], found[-1] + 1) for m in range(1, 13)]
    cursor.executemany(
        f"INSERT INTO {_MONTHS} VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
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


def _fill_members(cursor: Any, source: str) -> None:
    """The above-scale sets each enterprise-month of ``source`` is in at the month (this year's row) and a
    year later."""
    end = "CASE WHEN o.n = 1 THEN k.next_end ELSE k.period_end END"
    cursor.execute(
        f"INSERT INTO {_MEMBERS} SELECT DISTINCT v.enterprise_id, v.period, o.n, s.kind "  # noqa: S608
        f"FROM {source} v CROSS JOIN {_table(EnterpriseStatus)} s CROSS JOIN {_MONTHS} k "
        "CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) o "
        f"WHERE s.enterprise_id = v.enterprise_id AND s.kind IN ({', '.join(['%s'] * len(ABOVE_SCALE_SETS))}) "
        f"AND k.period = v.period AND s.valid_from <= {end} AND (s.valid_to IS NULL OR s.valid_to >= {end})",
        list(ABOVE_SCALE_SETS),
    )


def _fill(cursor: Any, wanted: dict[tuple[int, str, int], int]) -> None:
    """Step 1: the groups, their months and each enterprise's 当月/累计 per month (its year-to-date rows)."""
    cursor.executemany(
        f"INSERT INTO {_GROUPS} VALUES (%s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
        [
            (
                p,
                d,
                dt.date(y, m, 1),
                dt.date(y, 1, 1),
                dt.date(y, 12, 1),
                dt.date(y + 1, m, 1),
                dt.date(y + 1, 12, 1),
            )
            for (p, d, y), m in sorted(wanted.items())
        ],
    )
    _fill_months(cursor, (y for _p, _d, y in wanted))
    columns = ", ".join([*(f"cur_{m}" for m in RETURN_MEASURES), *(f"cum_{m}" for m in RETURN_MEASURES)])
    read = ", ".join([*(f"y.cur_{m}" for m in RETURN_MEASURES), *(f"y.cum_{m}" for m in RETURN_MEASURES)])
    cursor.execute(
        f"INSERT INTO {_VALUES} (enterprise_id, park_id, division, section, period, has_cur, {columns}) "  # noqa: S608
        f"SELECT y.enterprise_id, y.park_id, y.division, y.section, y.period, y.reported, {read} "
        f"FROM {_GROUPS} g CROSS JOIN {_table(EnterpriseYearToDate)} y "
        "WHERE y.park_id = g.park_id AND y.division = g.division AND y.period >= g.first_period "
        "AND y.period <= g.year_end"
    )
    _fill_members(cursor, _VALUES)
    # The temporary tables are not ANALYZEd on PostgreSQL: measured, it cost more than the plans gained.


_CELL_NAMES = ", ".join(f"{c}_{m}" for m in RETURN_MEASURES for c in _CELL_PARTS)
_DELTA_NAMES = ", ".join(f"{c}_{m}" for m in RETURN_MEASURES for c in _DELTA_PARTS)


def _add_up(cursor: Any, source: str, parts: list[str], names: str, counts: tuple[str, str]) -> None:
    """Step 2: the enterprise-months of ``source`` added up per row (park, set, month, division; this year's
    columns and, a year later, the bases) in one pass per kind of set: every enterprise is in ``all``; the
    above-scale sets are those its status periods put it in (``_MEMBERS``)."""
    names = f"park_id, scale_set, period, division, section, next_year, n_cur, n_cum, {names}"
    n_cur, n_cum = counts
    # ``all``: every enterprise, this year's row and a year later alike: added up once, then copied.
    cursor.execute(
        f"INSERT INTO {_CELLS} ({names}) SELECT v.park_id, %s, v.period, v.division, MAX(v.section), 0, "  # noqa: S608
        f"{n_cur}, {n_cum}, {', '.join(parts)} FROM {source} v GROUP BY v.park_id, v.period, v.division",
        [ScaleSet.ALL.value],
    )
    copied = names.replace("period, ", "k.next_period, ", 1).replace("next_year", "1", 1)
    cursor.execute(
        f"INSERT INTO {_CELLS} ({names}) SELECT {copied} FROM {_CELLS} CROSS JOIN {_MONTHS} k "  # noqa: S608
        f"WHERE k.period = {_CELLS}.period"
    )
    cursor.execute(
        f"INSERT INTO {_CELLS} ({names}) SELECT v.park_id, x.scale_set, "  # noqa: S608
        "CASE WHEN x.next_year = 1 THEN k.next_period ELSE v.period END, v.division, MAX(v.section), "
        f"x.next_year, {n_cur}, {n_cum}, {', '.join(parts)} "
        f"FROM {source} v CROSS JOIN {_MEMBERS} x CROSS JOIN {_MONTHS} k "
        "WHERE x.enterprise_id = v.enterprise_id AND x.period = v.period AND k.period = v.period "
        "GROUP BY v.park_id, x.scale_set, x.next_year, v.period, k.next_period, v.division"
    )


def _fill_cells(cursor: Any) -> None:
    """Step 2 of a refresh: sums and suppression stats of the groups' enterprise-months."""
    parts = []
    for m in RETURN_MEASURES:
        parts += [
            f"SUM(v.cur_{m})",
            f"SUM(v.cum_{m})",
            f"SUM(ABS(v.cur_{m}))",
            f"SUM(ABS(v.cum_{m}))",
            f"MAX(ABS(v.cur_{m}))",
            f"MAX(ABS(v.cum_{m}))",
        ]
    _add_up(cursor, _VALUES, parts, _CELL_NAMES, ("SUM(v.has_cur)", "COUNT(*)"))


def _clear(cursor: Any, table: str, columns: Sequence[str], next_year: bool, park_ids: list[int]) -> None:
    """The groups' affected columns set to 0 (a cell may have lost every contributor)."""
    first, last = ("next_first", "next_end") if next_year else ("first_period", "year_end")
    zeroed = ", ".join(f"{_q(c)} = 0" for c in columns)
    cursor.execute(
        f"UPDATE {table} SET {zeroed} WHERE park_id IN ({', '.join(['%s'] * len(park_ids))}) "  # noqa: S608
        f"AND EXISTS (SELECT 1 FROM {_GROUPS} g WHERE g.park_id = {table}.park_id "
        f"AND g.division = {table}.division AND {table}.period >= g.{first} AND {table}.period <= g.{last})",
        park_ids,
    )


_KEY = ["created_at", "updated_at", "version", "park_id", "scale_set", "period", "division", "section"]


def _write_aggregates(cursor: Any, now: dt.datetime, next_year: bool, *, add: bool = False) -> None:
    """This year's 当月/累计 (or, a year later, the same enterprises' bases) per row: one upsert. With
    ``add``, the work table holds differences, added to what the rows hold."""
    single, cumulative = ("cmp", "cmpcum") if next_year else ("cur", "cum")
    other = ("cur", "cum") if next_year else ("cmp", "cmpcum")
    written = [f"{p}_{m}" for p in (single, cumulative) for m in RETURN_MEASURES]
    zeros = [f"{p}_{m}" for p in other for m in RETURN_MEASURES]
    sums = [f"c.{p}_{m}" for p in ("s_cur", "s_cum") for m in RETURN_MEASURES]
    updated = written if next_year else [*written, "reporting"]
    table = _table(MonthlyAggregate)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(_q(c) for c in [*_KEY, 'reporting', *written, *zeros])}) "  # noqa: S608
        f"SELECT %s, %s, 1, c.park_id, c.scale_set, c.period, c.division, c.section, "
        f"{'0' if next_year else 'c.n_cur'}, {', '.join(sums)}, {', '.join('0' for _ in zeros)} "
        f"FROM {_CELLS} c WHERE c.next_year = {int(next_year)} "
        "ON CONFLICT (park_id, scale_set, period, division) DO UPDATE SET "
        + ", ".join(f"{_q(c)} = {f'{table}.{_q(c)} + ' if add else ''}EXCLUDED.{_q(c)}" for c in updated),
        [now, now],
    )


def _write_cell_stats(cursor: Any, now: dt.datetime, next_year: bool, *, add: bool = False) -> None:
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
    table = _table(MonthlyCellStats)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(_q(c) for c in [*_KEY, 'measure', *written, *zeros])}) "  # noqa: S608
        f"SELECT %s, %s, 1, c.park_id, c.scale_set, c.period, c.division, c.section, ms.measure, "
        f"{', '.join(written.values())}, {', '.join('0' for _ in zeros)} "
        f"FROM {_CELLS} c CROSS JOIN ({measures}) ms WHERE c.next_year = {int(next_year)} "
        "ON CONFLICT (park_id, scale_set, period, division, measure) DO UPDATE SET "
        + ", ".join(f"{_q(c)} = {_stat_update(table, c) if add else f'EXCLUDED.{_q(c)}'}" for c in written),
        [now, now],
    )


def _stat_update(table: str, column: str) -> str:
    """A stats column moved by a difference: counts and sizes added, the largest raised."""
    if column.startswith("largest_"):
        return _greatest(f"{table}.{_q(column)}", f"EXCLUDED.{_q(column)}")
    return f"{table}.{_q(column)} + EXCLUDED.{_q(column)}"


_AGGREGATE_SUMS = {
    False: [f"{p}_{m}" for p in ("cur", "cum") for m in RETURN_MEASURES] + ["reporting"],
    True: [f"{p}_{m}" for p in ("cmp", "cmpcum") for m in RETURN_MEASURES],
}
_STATS_SUMS = {
    False: [f"{kind}_{s}" for kind in ("count", "size", "largest") for s in CELL_SUMS[:2]],
    True: [f"{kind}_{s}" for kind in ("count", "size", "largest") for s in CELL_SUMS[2:]],
}


def _emptiable() -> tuple[tuple[str, list[str]], ...]:
    """The maintained tables and the columns that are all zero in a row holding nothing (a rebuild would
    not write it): the aggregates' sums, the cell statistics' counts."""
    return (
        (_table(MonthlyAggregate), [*_AGGREGATE_SUMS[False], *_AGGREGATE_SUMS[True]]),
        (_table(MonthlyCellStats), [f"count_{s}" for s in CELL_SUMS]),
    )


def _remove_empty(cursor: Any, park_ids: list[int]) -> None:
    """Rows of the groups' ranges left with nothing in them go (a rebuild would not write them)."""
    parks = ", ".join(["%s"] * len(park_ids))
    for table, columns in _emptiable():
        empty = " AND ".join(f"{_q(c)} = 0" for c in columns)
        cursor.execute(
            f"DELETE FROM {table} WHERE park_id IN ({parks}) AND {empty} "  # noqa: S608
            f"AND EXISTS (SELECT 1 FROM {_GROUPS} g WHERE g.park_id = {table}.park_id "
            f"AND g.division = {table}.division AND {table}.period >= g.first_period "
            f"AND {table}.period <= g.next_end)",
            park_ids,
        )


def _refresh(cursor: Any, wanted: dict[tuple[int, str, int], int], now: dt.datetime) -> int:
    """Steps 1–4 for the groups, on prepared work tables; returns the enterprise-months read."""
    park_ids = sorted({p for p, _d, _y in wanted})
    for name in (_GROUPS, _MONTHS, _VALUES, _MEMBERS, _CELLS):
        cursor.execute(f"DELETE FROM {name}")  # noqa: S608
    _fill(cursor, wanted)
    _fill_cells(cursor)
    for next_year in (False, True):
        _clear(cursor, _table(MonthlyAggregate), _AGGREGATE_SUMS[next_year], next_year, park_ids)
        _clear(cursor, _table(MonthlyCellStats), _STATS_SUMS[next_year], next_year, park_ids)
        _write_aggregates(cursor, now, next_year)
        _write_cell_stats(cursor, now, next_year)
    _remove_empty(cursor, park_ids)
    cursor.execute(f"SELECT COUNT(*) FROM {_VALUES}")  # noqa: S608
    (count,) = cursor.fetchone()
    return int(count)


def refresh(groups: Iterable[Group]) -> int:
    """Recompute both tables' rows that the groups' year-to-date rows decide; returns the enterprise-months
    read."""
    wanted = normalize(groups)
    if not wanted:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        _lock({p for p, _d, _y in wanted})
        _prepare(cursor)
        return _refresh(cursor, wanted, timezone.now())


# --- a batch of changed enterprise-months, by difference ----------------------------------------------------


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _fill_year_to_date(cursor: Any, park_id: int, now: dt.datetime) -> None:
    """The park's enterprises' year-to-date rows from their counting returns (in the park and division each
    enterprise is in now)."""
    cursor.execute(f"DELETE FROM {_MONTHS}")  # noqa: S608
    cursor.execute(
        f"SELECT MIN(r.period), MAX(r.period) FROM {_table(MonthlyReturn)} r "  # noqa: S608
        f"CROSS JOIN {_table(Enterprise)} e WHERE e.park_id = %s AND r.enterprise_id = e.id AND r.is_current",
        [park_id],
    )
    first, last = cursor.fetchone()
    if first is None:
        return
    _fill_months(cursor, range(_as_date(first).year, _as_date(last).year + 1))
    cur = ", ".join(
        f"COALESCE(SUM(CASE WHEN r.period = k.period THEN r.{_q(m)} END), 0)" for m in RETURN_MEASURES
    )
    cum = ", ".join(f"COALESCE(SUM(r.{_q(m)}), 0)" for m in RETURN_MEASURES)
    amounts = ", ".join(
        _q(c) for c in [*(f"cur_{m}" for m in RETURN_MEASURES), *(f"cum_{m}" for m in RETURN_MEASURES)]
    )
    # Joins written in the order they should run (SQLite keeps a CROSS JOIN's order; PostgreSQL plans
    # them itself): the park's enterprises, their returns, then the months of the year from each.
    cursor.execute(
        f"INSERT INTO {_table(EnterpriseYearToDate)} (created_at, updated_at, version, park_id, enterprise_id, "  # noqa: S608
        f"division, section, period, reported, {_q('returns')}, {amounts}) "
        f"SELECT %s, %s, 1, e.park_id, e.id, {_division_sql('MAX(e.industry_id)')}, "
        "COALESCE(MAX(i.section), ''), k.period, MAX(CASE WHEN r.period = k.period THEN 1 ELSE 0 END), "
        f"COUNT(*), {cur}, {cum} "
        f"FROM {_table(Enterprise)} e LEFT JOIN {_table(Industry)} i ON i.code = e.industry_id "
        f"CROSS JOIN {_table(MonthlyReturn)} r CROSS JOIN {_MONTHS} k "
        "WHERE e.park_id = %s AND r.enterprise_id = e.id AND r.is_current "
        "AND k.period >= r.period AND k.year_start <= r.period "
        "GROUP BY e.id, e.park_id, k.period",
        [now, now, park_id],
    )


def rebuild(park_ids: Iterable[int] | None = None) -> int:
    """Recompute the year-to-date rows and both tables (for some parks, or all) from the returns, park by
    park; returns the aggregate rows written."""
    from django.apps import apps

    parks = (
        sorted(park_ids)
        if park_ids is not None
        else list(apps.get_model("parks", "Park").objects.order_by("pk").values_list("pk", flat=True))
    )
    with transaction.atomic():
        MonthlyAggregate.objects.filter(park_id__in=parks).delete()
        MonthlyCellStats.objects.filter(park_id__in=parks).delete()
        EnterpriseYearToDate.objects.filter(park_id__in=parks).delete()
        EnterpriseYearToDate.objects.filter(enterprise__park_id__in=parks).delete()
        for park_id in parks:
            _rebuild_park(park_id)
        return MonthlyAggregate.objects.filter(park_id__in=parks).count()


def _rebuild_park(park_id: int) -> None:
    now = timezone.now()
    with connection.cursor() as cursor:
        _prepare(cursor)
        _fill_year_to_date(cursor, park_id, now)
        cursor.execute(
            f"SELECT DISTINCT division, period FROM {_table(EnterpriseYearToDate)} WHERE park_id = %s",  # noqa: S608
            [park_id],
        )
        groups = {
            (park_id, division, _as_date(period).replace(month=1)) for division, period in cursor.fetchall()
        }
    refresh(groups)
