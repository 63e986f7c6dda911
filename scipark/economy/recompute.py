"""Keeping the maintained tables — ``MonthlyAggregate`` (sums) and ``MonthlyCellStats`` (what suppression
needs) — and, beside the returns, each enterprise's year to date (``EnterpriseYearToDate``), set-based.

A row's ``cur``/``cum`` columns of (y, k) and its ``cmp``/``cmpcum`` columns of (y + 1, k) depend only on the
year-y counting figures of the row's park and division and on the set memberships at the row's month
(ADR 0006). Two ways keep them:

- :func:`apply` (every write and import): each change moves its enterprise's year to date from its month
  to December by difference, and every cell those rows count in by the same difference — sums, reporting,
  contributors, the sum of sizes, and the largest where it can only go up. A cell whose largest enterprise's
  total went down, which no difference can follow, is recomputed (:func:`refresh` of its slice). A month
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


def _remove_empty(cursor: Any, park_ids: list[int]) -> None:
    """Rows of the groups' ranges left with nothing in them go (a rebuild would not write them)."""
    parks = ", ".join(["%s"] * len(park_ids))
    for table, columns in (
        (_table(MonthlyAggregate), [*_AGGREGATE_SUMS[False], *_AGGREGATE_SUMS[True]]),
        (_table(MonthlyCellStats), [f"count_{s}" for s in CELL_SUMS]),
    ):
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


def _stage(cursor: Any, changes: Sequence[Change]) -> list[str]:
    """Each change's difference (presence and amounts) carried to every month of its year from its own:
    that month's 当月 and every later month's 累计, added up per enterprise and month. Returns the measures
    some change moved: a measure none moved moves no sum, size or largest (only the contributors, which
    are the same for every measure), and is left out of the statements."""
    n = len(RETURN_MEASURES)
    sqlite = connection.vendor != "postgresql"
    zero = Decimal(0)
    steps: dict[tuple[int, dt.date], list[Any]] = {}
    touched = [False] * n
    for e, p, d, s, period, old, new in changes:
        dn = (new is not None) - (old is not None)
        if old is None:
            delta = list(new or ())
        elif new is None:
            delta = [-a for a in old]
        else:
            delta = [b - a for a, b in zip(old, new, strict=True)]
        moving = [(i, value) for i, value in enumerate(delta) if value]
        for i, _value in moving:
            touched[i] = True
        for k in range(period.month, 13):
            at = period.replace(month=k) if k != period.month else period
            step = steps.get((e, at))
            if step is None:
                step = steps[(e, at)] = [p, d, s or "", 0, 0, *([zero] * (2 * n))]
            step[4] += dn
            if k == period.month:
                step[3] += dn
                for i, value in moving:
                    step[5 + 2 * i] += value
            for i, value in moving:
                step[6 + 2 * i] += value
    moved = [i for i in range(n) if touched[i]]
    picked = [5 + 2 * i + j for i in moved for j in (0, 1)]
    columns = [f"d{p}_{RETURN_MEASURES[i]}" for i in moved for p in ("cur", "cum")]
    # SQLite keeps these numbers in binary whatever is sent: floats spare the text conversions.
    rows = []
    for (e, at), step in steps.items():
        amounts = [step[i] for i in picked]
        numbers = map(float, amounts) if sqlite else amounts
        rows.append((e, *step[:3], at.isoformat() if sqlite else at, step[3], step[4], *numbers))
    cursor.executemany(
        f"INSERT INTO {_STEPS} (enterprise_id, park_id, division, section, period, dn_cur, dn_cum"  # noqa: S608
        f"{''.join(', ' + c for c in columns)}) VALUES ({', '.join(['%s'] * (7 + len(columns)))})",
        rows,
    )
    _fill_months(cursor, (c[4].year for c in changes))
    return [RETURN_MEASURES[i] for i in moved]


def _moved(cursor: Any) -> dict[int, tuple[int, str, str]]:
    """Enterprises whose year-to-date rows count in another park or division than their changes say:
    moved in the registry since (enterprise → its park, division, section now). All of an enterprise's
    rows are moved together, so its latest one tells."""
    ytd = _table(EnterpriseYearToDate)
    place = "CAST({}park_id AS varchar(20)) || ':' || {}division"
    cursor.execute(
        f"SELECT c.enterprise_id, c.park_id, c.division, c.section FROM {_STEPS} c "  # noqa: S608
        f"WHERE (SELECT {place.format('y.', 'y.')} FROM {ytd} y WHERE y.enterprise_id = c.enterprise_id "
        f"ORDER BY y.period DESC LIMIT 1) <> {place.format('c.', 'c.')}"
    )
    return {e: (p, d, s) for e, p, d, s in cursor.fetchall()}


def _relabel(cursor: Any, moved: dict[int, tuple[int, str, str]]) -> set[Group]:
    """The moved enterprises' year-to-date rows put in their park and division now; returns the groups, old
    and new, to recompute for every year they have rows in."""
    ytd = _table(EnterpriseYearToDate)
    groups: set[Group] = set()
    for enterprise_id, (park_id, division, section) in sorted(moved.items()):
        cursor.execute(
            f"SELECT DISTINCT park_id, division, period FROM {ytd} WHERE enterprise_id = %s",  # noqa: S608
            [enterprise_id],
        )
        for old_park, old_division, period in cursor.fetchall():
            year = dt.date(_as_date(period).year, 1, 1)
            groups |= {(int(old_park), old_division, year), (park_id, division, year)}
        cursor.execute(
            f"UPDATE {ytd} SET park_id = %s, division = %s, section = %s WHERE enterprise_id = %s",  # noqa: S608
            [park_id, division, section, enterprise_id],
        )
    return groups


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _step(cursor: Any, measures: list[str]) -> None:
    """Each changed enterprise-month before and after, from its year-to-date row (none: nothing reported so
    far that year), with what it adds to its cells: the differences of the sums and sizes, its size after
    and, when it went down, its size before (a cell whose largest it was is recomputed)."""
    derived, columns = [], []
    for m in measures:
        columns += [f"{part}_{m}" for part in _SIDES]
        o_cur, o_cum = f"COALESCE(y.cur_{m}, 0)", f"COALESCE(y.cum_{m}, 0)"
        n_cur, n_cum = f"({o_cur} + s.dcur_{m})", f"({o_cum} + s.dcum_{m})"
        o_rep, n_rep = "COALESCE(y.reported, 0)", "(COALESCE(y.reported, 0) + s.dn_cur)"
        o_ret, n_ret = "COALESCE(y.returns, 0)", "(COALESCE(y.returns, 0) + s.dn_cum)"
        size_cur = f"CASE WHEN {n_rep} > 0 THEN ABS({n_cur}) ELSE 0 END"
        size_cum = f"CASE WHEN {n_ret} > 0 THEN ABS({n_cum}) ELSE 0 END"
        derived += [
            n_cur,
            n_cum,
            f"s.dcur_{m}",
            f"s.dcum_{m}",
            f"ABS({n_cur}) - ABS({o_cur})",
            f"ABS({n_cum}) - ABS({o_cum})",
            size_cur,
            size_cum,
            f"CASE WHEN {o_rep} > 0 AND ABS({o_cur}) > {size_cur} THEN ABS({o_cur}) ELSE 0 END",
            f"CASE WHEN {o_ret} > 0 AND ABS({o_cum}) > {size_cum} THEN ABS({o_cum}) ELSE 0 END",
        ]
    cursor.execute(
        f"INSERT INTO {_DELTAS} (enterprise_id, park_id, division, section, period, o_rep, n_rep, o_ret, n_ret"  # noqa: S608
        f"{''.join(', ' + c for c in columns)}) "
        "SELECT s.enterprise_id, s.park_id, s.division, s.section, s.period, "
        "COALESCE(y.reported, 0), COALESCE(y.reported, 0) + s.dn_cur, "
        f"COALESCE(y.returns, 0), COALESCE(y.returns, 0) + s.dn_cum{''.join(', ' + d for d in derived)} "
        f"FROM {_STEPS} s LEFT JOIN {_table(EnterpriseYearToDate)} y "
        "ON y.enterprise_id = s.enterprise_id AND y.period = s.period"
    )


_YTD_AMOUNTS = [f"{p}_{m}" for m in RETURN_MEASURES for p in ("cur", "cum")]


def _write_year_to_date(cursor: Any, now: dt.datetime, measures: list[str]) -> None:
    """The enterprise-months' year to date moved by their differences (rows with no return left from
    January go)."""
    ytd = _table(EnterpriseYearToDate)
    columns = [
        "created_at",
        "updated_at",
        "version",
        "park_id",
        "enterprise_id",
        "division",
        "section",
        "period",
        "reported",
        "returns",
        *_YTD_AMOUNTS,
    ]
    values = [f"s.d{c}" if c.split("_", 1)[1] in measures else "0" for c in _YTD_AMOUNTS]
    added = ["reported", "returns", *(c for c in _YTD_AMOUNTS if c.split("_", 1)[1] in measures)]
    cursor.execute(
        f"INSERT INTO {ytd} ({', '.join(_q(c) for c in columns)}) "  # noqa: S608
        "SELECT %s, %s, 1, s.park_id, s.enterprise_id, s.division, s.section, s.period, s.dn_cur, s.dn_cum, "
        f"{', '.join(values)} FROM {_STEPS} s WHERE 1 = 1 "
        "ON CONFLICT (enterprise_id, period) DO UPDATE SET updated_at = EXCLUDED.updated_at, "
        + ", ".join(f"{_q(c)} = {ytd}.{_q(c)} + EXCLUDED.{_q(c)}" for c in added),
        [now, now],
    )
    cursor.execute(
        f"DELETE FROM {ytd} WHERE {_q('returns')} <= 0 "  # noqa: S608
        f"AND enterprise_id IN (SELECT enterprise_id FROM {_STEPS} WHERE dn_cum < 0)"
    )


def _fill_delta_cells(cursor: Any, measures: list[str]) -> None:
    """Per row the enterprise-months' differences count in: sums, sizes, contributors, the largest size
    after, and the largest size that went down."""
    parts = [
        f"{'MAX' if part[0] in 'xw' else 'SUM'}(v.{part}_{m})" if m in measures else "0"
        for m in RETURN_MEASURES
        for part in _DELTA_PARTS
    ]
    counts = (
        "SUM(v.n_rep - v.o_rep)",
        "SUM(CASE WHEN v.n_ret > 0 THEN 1 ELSE 0 END - CASE WHEN v.o_ret > 0 THEN 1 ELSE 0 END)",
    )
    _add_up(cursor, _DELTAS, parts, _DELTA_NAMES, counts)


def _largest_gone_down(cursor: Any) -> set[Group]:
    """The slices (park, division, month of the figures' year) with a cell whose largest enterprise's total
    went down: no difference follows that, the slice is recomputed."""
    stats = _table(MonthlyCellStats)
    tests = []
    for m in RETURN_MEASURES:
        single = "CASE WHEN c.next_year = 1 THEN s.largest_cmp ELSE s.largest_cur END"
        cumulative = "CASE WHEN c.next_year = 1 THEN s.largest_cmpcum ELSE s.largest_cum END"
        tests.append(
            f"(s.measure = '{m}' AND ((c.w_cur_{m} > 0 AND c.w_cur_{m} + {_EPSILON} >= {single}) "
            f"OR (c.w_cum_{m} > 0 AND c.w_cum_{m} + {_EPSILON} >= {cumulative})))"
        )
    cursor.execute(
        f"SELECT DISTINCT c.park_id, c.division, c.period, c.next_year FROM {_CELLS} c "  # noqa: S608
        f"CROSS JOIN {stats} s WHERE s.park_id = c.park_id AND s.scale_set = c.scale_set "
        f"AND s.period = c.period AND s.division = c.division AND ({' OR '.join(tests)})"
    )
    found: set[Group] = set()
    for park_id, division, period, next_year in cursor.fetchall():
        month = _as_date(period)
        found.add((int(park_id), division, month.replace(year=month.year - int(next_year))))
    return found


def _remove_emptied(cursor: Any) -> None:
    """Rows the differences left with nothing in them go (a rebuild would not write them)."""
    for table, columns in (
        (_table(MonthlyAggregate), [*_AGGREGATE_SUMS[False], *_AGGREGATE_SUMS[True]]),
        (_table(MonthlyCellStats), [f"count_{s}" for s in CELL_SUMS]),
    ):
        empty = " AND ".join(f"ABS({_q(c)}) < {_EPSILON}" for c in columns)
        cursor.execute(
            f"DELETE FROM {table} WHERE {empty} AND EXISTS (SELECT 1 FROM {_CELLS} c "  # noqa: S608
            f"WHERE c.park_id = {table}.park_id AND c.scale_set = {table}.scale_set "
            f"AND c.period = {table}.period AND c.division = {table}.division)"
        )


def apply(changes: Sequence[Change]) -> int:
    """Move the year-to-date rows and both tables by the changes' differences (the returns are stored
    already); the cells whose largest enterprise went down, and the groups of an enterprise that moved park
    or division, are recomputed from the year-to-date rows. Returns the enterprise-months read."""
    changes = [c for c in changes if c[5] != c[6]]
    if not changes:
        return 0
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        _lock({c[1] for c in changes})
        _prepare(cursor)
        measures = _stage(cursor, changes)
        moved = _moved(cursor)
        again = _relabel(cursor, moved) if moved else set()
        if moved:
            _lock({p for p, _d, _y in again})
        _step(cursor, measures)
        _write_year_to_date(cursor, now, measures)
        _fill_members(cursor, _DELTAS)
        if connection.vendor == "postgresql":
            # Unlike a refresh's, these joins ran for minutes on PostgreSQL's guesses (measured: the bench's
            # month, 270 s): a few milliseconds of statistics give it the hash joins.
            cursor.execute(f"ANALYZE {_DELTAS}")
            cursor.execute(f"ANALYZE {_MEMBERS}")
        _fill_delta_cells(cursor, measures)
        again |= _largest_gone_down(cursor)
        for next_year in (False, True):
            _write_aggregates(cursor, now, next_year, add=True)
            _write_cell_stats(cursor, now, next_year, add=True)
        _remove_emptied(cursor)
        cursor.execute(f"SELECT COUNT(*) FROM {_DELTAS}")  # noqa: S608
        (count,) = cursor.fetchone()
        if again:
            count += _refresh(cursor, normalize(again), now)
    return int(count)


def move(enterprise_id: int, park_id: int, division: str, section: str) -> int:
    """An enterprise's year-to-date rows put in its park and division now, and the groups it left and
    joined recomputed for every year it has rows in; returns the enterprise-months read."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lock([park_id])
        _prepare(cursor)
        again = _relabel(cursor, {enterprise_id: (park_id, division, section)})
        if not again:
            return 0
        _lock({p for p, _d, _y in again})
        return _refresh(cursor, normalize(again), timezone.now())


# --- rebuild ------------------------------------------------------------------------------------------------


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
