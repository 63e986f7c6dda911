"""Keeping the maintained tables — ``MonthlyAggregate`` (sums) and ``MonthlyCellStats`` (what suppression
needs) — and, beside the returns, each enterprise's year to date (``EnterpriseYearToDate``), set-based.

A row's ``cur``/``cum`` columns of (y, k) and its ``cmp``/``cmpcum`` columns of (y + 1, k) depend only on the
year-y counting figures of the row's park and division and on the set memberships at the row's month
(ADR 0006). Two ways keep them:

- ``differences.apply`` (every write and import): each change moves its enterprise's year to date from its month
  to December by difference, and every cell those rows count in by the same difference — sums, reporting,
  contributors, the sum of sizes, and the largest where it can only go up. A cell whose largest enterprise's
  total went down, which no difference can follow, is recomputed (:func:`refresh` of its slice); both ways
  write through ``worktables`` (the temporary tables, the set memberships, the upserts). A month
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
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from scipark.enterprises.models import Enterprise, Industry

from .models import (
    RETURN_MEASURES,
    EnterpriseYearToDate,
    MonthlyAggregate,
    MonthlyCellStats,
    MonthlyReturn,
)
from .worktables import (
    AGGREGATE_SUMS,
    CELL_NAMES,
    CELLS,
    GROUPS,
    MEMBERS,
    MONTHS,
    STATS_SUMS,
    VALUES,
    Group,
    add_up,
    as_date,
    emptiable,
    fill_members,
    fill_months,
    lock,
    normalize,
    prepare,
    quote,
    table_of,
    write_aggregates,
    write_cell_stats,
)

__all__ = ["Group", "rebuild", "refresh", "refresh_prepared"]


def _division_sql(column: str) -> str:
    """The GB/T 4754 division of an industry code in SQL, as ``aggregates.division_of`` gives it."""
    two = f"substr({column}, 1, 2)"
    test = f"{two} ~ '^[0-9][0-9]$'" if connection.vendor == "postgresql" else f"{two} GLOB '[0-9][0-9]'"
    return f"CASE WHEN {test} THEN {two} ELSE '' END"


def _fill(cursor: Any, wanted: dict[tuple[int, str, int], int]) -> None:
    """Step 1: the groups, their months and each enterprise's 当月/累计 per month (its year-to-date rows)."""
    cursor.executemany(
        f"INSERT INTO {GROUPS} VALUES (%s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
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
    fill_months(cursor, (y for _p, _d, y in wanted))
    columns = ", ".join([*(f"cur_{m}" for m in RETURN_MEASURES), *(f"cum_{m}" for m in RETURN_MEASURES)])
    read = ", ".join([*(f"y.cur_{m}" for m in RETURN_MEASURES), *(f"y.cum_{m}" for m in RETURN_MEASURES)])
    cursor.execute(
        f"INSERT INTO {VALUES} (enterprise_id, park_id, division, section, period, has_cur, {columns}) "  # noqa: S608
        f"SELECT y.enterprise_id, y.park_id, y.division, y.section, y.period, y.reported, {read} "
        f"FROM {GROUPS} g CROSS JOIN {table_of(EnterpriseYearToDate)} y "
        "WHERE y.park_id = g.park_id AND y.division = g.division AND y.period >= g.first_period "
        "AND y.period <= g.year_end"
    )
    fill_members(cursor, VALUES)
    # The temporary tables are not ANALYZEd on PostgreSQL: measured, it cost more than the plans gained.


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
    add_up(cursor, VALUES, parts, CELL_NAMES, ("SUM(v.has_cur)", "COUNT(*)"))


def _clear(cursor: Any, table: str, columns: Sequence[str], next_year: bool, park_ids: list[int]) -> None:
    """The groups' affected columns set to 0 (a cell may have lost every contributor)."""
    first, last = ("next_first", "next_end") if next_year else ("first_period", "year_end")
    zeroed = ", ".join(f"{quote(c)} = 0" for c in columns)
    cursor.execute(
        f"UPDATE {table} SET {zeroed} WHERE park_id IN ({', '.join(['%s'] * len(park_ids))}) "  # noqa: S608
        f"AND EXISTS (SELECT 1 FROM {GROUPS} g WHERE g.park_id = {table}.park_id "
        f"AND g.division = {table}.division AND {table}.period >= g.{first} AND {table}.period <= g.{last})",
        park_ids,
    )


def _remove_empty(cursor: Any, park_ids: list[int]) -> None:
    """Rows of the groups' ranges left with nothing in them go (a rebuild would not write them)."""
    parks = ", ".join(["%s"] * len(park_ids))
    for table, columns in emptiable():
        empty = " AND ".join(f"{quote(c)} = 0" for c in columns)
        cursor.execute(
            f"DELETE FROM {table} WHERE park_id IN ({parks}) AND {empty} "  # noqa: S608
            f"AND EXISTS (SELECT 1 FROM {GROUPS} g WHERE g.park_id = {table}.park_id "
            f"AND g.division = {table}.division AND {table}.period >= g.first_period "
            f"AND {table}.period <= g.next_end)",
            park_ids,
        )


def refresh_prepared(cursor: Any, wanted: dict[tuple[int, str, int], int], now: dt.datetime) -> int:
    """Steps 1–4 for the groups, on prepared work tables; returns the enterprise-months read."""
    park_ids = sorted({p for p, _d, _y in wanted})
    for name in (GROUPS, MONTHS, VALUES, MEMBERS, CELLS):
        cursor.execute(f"DELETE FROM {name}")  # noqa: S608
    _fill(cursor, wanted)
    _fill_cells(cursor)
    for next_year in (False, True):
        _clear(cursor, table_of(MonthlyAggregate), AGGREGATE_SUMS[next_year], next_year, park_ids)
        _clear(cursor, table_of(MonthlyCellStats), STATS_SUMS[next_year], next_year, park_ids)
        write_aggregates(cursor, now, next_year)
        write_cell_stats(cursor, now, next_year)
    _remove_empty(cursor, park_ids)
    cursor.execute(f"SELECT COUNT(*) FROM {VALUES}")  # noqa: S608
    (count,) = cursor.fetchone()
    return int(count)


def refresh(groups: Iterable[Group]) -> int:
    """Recompute both tables' rows that the groups' year-to-date rows decide; returns the enterprise-months
    read."""
    wanted = normalize(groups)
    if not wanted:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        lock({p for p, _d, _y in wanted})
        prepare(cursor)
        return refresh_prepared(cursor, wanted, timezone.now())


# --- rebuild -----------------------------------------------------------------------------------------------


def _fill_year_to_date(cursor: Any, park_id: int, now: dt.datetime) -> None:
    """The park's enterprises' year-to-date rows from their counting returns (in the park and division each
    enterprise is in now)."""
    cursor.execute(f"DELETE FROM {MONTHS}")  # noqa: S608
    cursor.execute(
        f"SELECT MIN(r.period), MAX(r.period) FROM {table_of(MonthlyReturn)} r "  # noqa: S608
        f"CROSS JOIN {table_of(Enterprise)} e WHERE e.park_id = %s AND r.enterprise_id = e.id AND r.is_current",
        [park_id],
    )
    first, last = cursor.fetchone()
    if first is None:
        return
    fill_months(cursor, range(as_date(first).year, as_date(last).year + 1))
    cur = ", ".join(
        f"COALESCE(SUM(CASE WHEN r.period = k.period THEN r.{quote(m)} END), 0)" for m in RETURN_MEASURES
    )
    cum = ", ".join(f"COALESCE(SUM(r.{quote(m)}), 0)" for m in RETURN_MEASURES)
    amounts = ", ".join(
        quote(c) for c in [*(f"cur_{m}" for m in RETURN_MEASURES), *(f"cum_{m}" for m in RETURN_MEASURES)]
    )
    # Joins written in the order they should run (SQLite keeps a CROSS JOIN's order; PostgreSQL plans
    # them itself): the park's enterprises, their returns, then the months of the year from each.
    cursor.execute(
        f"INSERT INTO {table_of(EnterpriseYearToDate)} (created_at, updated_at, version, park_id, enterprise_id, "  # noqa: S608
        f"division, section, period, reported, {quote('returns')}, {amounts}) "
        f"SELECT %s, %s, 1, e.park_id, e.id, {_division_sql('MAX(e.industry_id)')}, "
        "COALESCE(MAX(i.section), ''), k.period, MAX(CASE WHEN r.period = k.period THEN 1 ELSE 0 END), "
        f"COUNT(*), {cur}, {cum} "
        f"FROM {table_of(Enterprise)} e LEFT JOIN {table_of(Industry)} i ON i.code = e.industry_id "
        f"CROSS JOIN {table_of(MonthlyReturn)} r CROSS JOIN {MONTHS} k "
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
        prepare(cursor)
        _fill_year_to_date(cursor, park_id, now)
        cursor.execute(
            f"SELECT DISTINCT division, period FROM {table_of(EnterpriseYearToDate)} WHERE park_id = %s",  # noqa: S608
            [park_id],
        )
        groups = {
            (park_id, division, as_date(period).replace(month=1)) for division, period in cursor.fetchall()
        }
    refresh(groups)
