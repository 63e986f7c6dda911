"""Moving the maintained tables by difference (``recompute``'s first way, :func:`apply`): each change moves its
enterprise's year to date from its month to December, and every cell those rows count in, by the same
difference; a cell whose largest enterprise went down is recomputed with ``recompute.refresh``'s statements.
Split from ``recompute`` (the set-based refresh and rebuild); both write through ``worktables``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from . import recompute
from .models import RETURN_MEASURES, EnterpriseYearToDate, MonthlyCellStats
from .worktables import (
    CELLS,
    DELTA_NAMES,
    DELTA_PARTS,
    DELTAS,
    EPSILON,
    MEMBERS,
    SIDES,
    STEPS,
    Change,
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
    names = ["enterprise_id", "park_id", "division", "section", "period", "dn_cur", "dn_cum", *columns]
    if sqlite:
        cursor.executemany(
            f"INSERT INTO {STEPS} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})",  # noqa: S608
            rows,
        )
    else:
        # COPY: a month for every enterprise is ~10,000 rows a 10,000-enterprise province (executemany sent
        # them one INSERT each: 300 ms of the month's 1 s on PostgreSQL, against ~20 ms).
        with cursor.cursor.copy(f"COPY {STEPS} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    fill_months(cursor, (c[4].year for c in changes))
    return [RETURN_MEASURES[i] for i in moved]


def _moved(cursor: Any) -> dict[int, tuple[int, str, str]]:
    """Enterprises whose year-to-date rows count in another park or division than their changes say:
    moved in the registry since (enterprise → its park, division, section now). All of an enterprise's
    rows are moved together, so its latest one tells."""
    ytd = table_of(EnterpriseYearToDate)
    place = "CAST({}park_id AS varchar(20)) || ':' || {}division"
    cursor.execute(
        f"SELECT c.enterprise_id, c.park_id, c.division, c.section FROM {STEPS} c "  # noqa: S608
        f"WHERE (SELECT {place.format('y.', 'y.')} FROM {ytd} y WHERE y.enterprise_id = c.enterprise_id "
        f"ORDER BY y.period DESC LIMIT 1) <> {place.format('c.', 'c.')}"
    )
    return {e: (p, d, s) for e, p, d, s in cursor.fetchall()}


def _relabel(cursor: Any, moved: dict[int, tuple[int, str, str]]) -> set[Group]:
    """The moved enterprises' year-to-date rows put in their park and division now; returns the groups, old
    and new, to recompute for every year they have rows in."""
    ytd = table_of(EnterpriseYearToDate)
    groups: set[Group] = set()
    for enterprise_id, (park_id, division, section) in sorted(moved.items()):
        cursor.execute(
            f"SELECT DISTINCT park_id, division, section, period FROM {ytd} WHERE enterprise_id = %s",  # noqa: S608
            [enterprise_id],
        )
        found = cursor.fetchall()
        if all((int(p), d, s) == (park_id, division, section) for p, d, s, _period in found):
            continue  # a new code in the same division (and park): nothing it counts in changes
        for old_park, old_division, _section, period in found:
            year = dt.date(as_date(period).year, 1, 1)
            groups |= {(int(old_park), old_division, year), (park_id, division, year)}
        cursor.execute(
            f"UPDATE {ytd} SET park_id = %s, division = %s, section = %s WHERE enterprise_id = %s",  # noqa: S608
            [park_id, division, section, enterprise_id],
        )
    return groups


def _step(cursor: Any, measures: list[str]) -> None:
    """Each changed enterprise-month before and after, from its year-to-date row (none: nothing reported so
    far that year), with what it adds to its cells: the differences of the sums and sizes, its size after
    and, when it went down, its size before (a cell whose largest it was is recomputed)."""
    derived, columns = [], []
    for m in measures:
        columns += [f"{part}_{m}" for part in SIDES]
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
        f"INSERT INTO {DELTAS} (enterprise_id, park_id, division, section, period, o_rep, n_rep, o_ret, n_ret"  # noqa: S608
        f"{''.join(', ' + c for c in columns)}) "
        "SELECT s.enterprise_id, s.park_id, s.division, s.section, s.period, "
        "COALESCE(y.reported, 0), COALESCE(y.reported, 0) + s.dn_cur, "
        f"COALESCE(y.returns, 0), COALESCE(y.returns, 0) + s.dn_cum{''.join(', ' + d for d in derived)} "
        f"FROM {STEPS} s LEFT JOIN {table_of(EnterpriseYearToDate)} y "
        "ON y.enterprise_id = s.enterprise_id AND y.period = s.period"
    )


_YTD_AMOUNTS = [f"{p}_{m}" for m in RETURN_MEASURES for p in ("cur", "cum")]


def _write_year_to_date(cursor: Any, now: dt.datetime, measures: list[str], *, removing: bool) -> None:
    """The enterprise-months' year to date moved by their differences (rows with no return left from
    January go: only a change that removes a return, ``removing``, can leave one)."""
    ytd = table_of(EnterpriseYearToDate)
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
        f"INSERT INTO {ytd} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        "SELECT %s, %s, 1, s.park_id, s.enterprise_id, s.division, s.section, s.period, s.dn_cur, s.dn_cum, "
        f"{', '.join(values)} FROM {STEPS} s WHERE 1 = 1 "
        "ON CONFLICT (enterprise_id, period) DO UPDATE SET updated_at = EXCLUDED.updated_at, "
        + ", ".join(f"{quote(c)} = {ytd}.{quote(c)} + EXCLUDED.{quote(c)}" for c in added),
        [now, now],
    )
    if not removing:
        return
    cursor.execute(
        f"DELETE FROM {ytd} WHERE {quote('returns')} <= 0 "  # noqa: S608
        f"AND enterprise_id IN (SELECT enterprise_id FROM {STEPS} WHERE dn_cum < 0)"
    )


def _fill_delta_cells(cursor: Any, measures: list[str]) -> None:
    """Per row the enterprise-months' differences count in: sums, sizes, contributors, the largest size
    after, and the largest size that went down."""
    parts = [
        f"{'MAX' if part[0] in 'xw' else 'SUM'}(v.{part}_{m})" if m in measures else "0"
        for m in RETURN_MEASURES
        for part in DELTA_PARTS
    ]
    counts = (
        "SUM(v.n_rep - v.o_rep)",
        "SUM(CASE WHEN v.n_ret > 0 THEN 1 ELSE 0 END - CASE WHEN v.o_ret > 0 THEN 1 ELSE 0 END)",
    )
    add_up(cursor, DELTAS, parts, DELTA_NAMES, counts)


def _largest_gone_down(cursor: Any) -> set[Group]:
    """The slices (park, division, month of the figures' year) with a cell whose largest enterprise's total
    went down: no difference follows that, the slice is recomputed."""
    stats = table_of(MonthlyCellStats)
    tests = []
    for m in RETURN_MEASURES:
        single = "CASE WHEN c.next_year = 1 THEN s.largest_cmp ELSE s.largest_cur END"
        cumulative = "CASE WHEN c.next_year = 1 THEN s.largest_cmpcum ELSE s.largest_cum END"
        tests.append(
            f"(s.measure = '{m}' AND ((c.w_cur_{m} > 0 AND c.w_cur_{m} + {EPSILON} >= {single}) "
            f"OR (c.w_cum_{m} > 0 AND c.w_cum_{m} + {EPSILON} >= {cumulative})))"
        )
    cursor.execute(
        f"SELECT DISTINCT c.park_id, c.division, c.period, c.next_year FROM {CELLS} c "  # noqa: S608
        f"CROSS JOIN {stats} s WHERE s.park_id = c.park_id AND s.scale_set = c.scale_set "
        f"AND s.period = c.period AND s.division = c.division AND ({' OR '.join(tests)})"
    )
    found: set[Group] = set()
    for park_id, division, period, next_year in cursor.fetchall():
        month = as_date(period)
        found.add((int(park_id), division, month.replace(year=month.year - int(next_year))))
    return found


def _remove_emptied(cursor: Any) -> None:
    """Rows the differences left with nothing in them go (a rebuild would not write them)."""
    for table, columns in emptiable():
        empty = " AND ".join(f"ABS({quote(c)}) < {EPSILON}" for c in columns)
        cursor.execute(
            f"DELETE FROM {table} WHERE {empty} AND EXISTS (SELECT 1 FROM {CELLS} c "  # noqa: S608
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
        lock({c[1] for c in changes})
        prepare(cursor)
        measures = _stage(cursor, changes)
        moved = _moved(cursor)
        again = _relabel(cursor, moved) if moved else set()
        if moved:
            lock({p for p, _d, _y in again})
        _step(cursor, measures)
        removing = any(c[5] is not None and c[6] is None for c in changes)
        _write_year_to_date(cursor, now, measures, removing=removing)
        fill_members(cursor, DELTAS)
        if connection.vendor == "postgresql":
            # Unlike a refresh's, these joins ran for minutes on PostgreSQL's guesses (measured: the bench's
            # month, 270 s): a few milliseconds of statistics give it the hash joins.
            # The join and grouping columns only: the work table's ~70 amount columns tripled ANALYZE's time.
            cursor.execute(f"ANALYZE {DELTAS} (enterprise_id, park_id, division, section, period)")
            cursor.execute(f"ANALYZE {MEMBERS}")
        _fill_delta_cells(cursor, measures)
        again |= _largest_gone_down(cursor)
        for next_year in (False, True):
            write_aggregates(cursor, now, next_year, add=True)
            write_cell_stats(cursor, now, next_year, add=True)
        _remove_emptied(cursor)
        cursor.execute(f"SELECT COUNT(*) FROM {DELTAS}")  # noqa: S608
        (count,) = cursor.fetchone()
        if again:
            count += recompute.refresh_prepared(cursor, normalize(again), now)
    return int(count)


def move(now_in: dict[int, tuple[int, str, str]]) -> int:
    """Enterprises' year-to-date rows put in the park and division each is in now (enterprise → park,
    division, section), and the groups they left and joined recomputed once, for every year they have rows
    in; returns the enterprise-months read."""
    with transaction.atomic(), connection.cursor() as cursor:
        lock({park_id for park_id, _division, _section in now_in.values()})
        prepare(cursor)
        again = _relabel(cursor, now_in)
        if not again:
            return 0
        lock({p for p, _d, _y in again})
        return recompute.refresh_prepared(cursor, normalize(again), timezone.now())


# --- rebuild ------------------------------------------------------------------------------------------------
