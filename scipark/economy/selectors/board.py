"""Where a month's collection stands over some parks, counted in the database (the reporting board).

The same rules as ``expected_reporters`` and the revisions' states, as one statement that returns a handful
of (state, count) rows: over a zone of 50,000 enterprises the board had read every expected enterprise's id
into Python and sent them back as an ``IN`` list of 50,000 parameters (3.4 s of the zone viewer's 4 s
dashboard at 1.15M returns); the database does the set work on its own indexes instead. A status carries its
enterprise's park (``core.tenancy``: copied from the parent, which never changes park), so no join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection

from scipark.enterprises.models import Enterprise, EnterpriseStatus

from ..aggregates import month_end
from ..models import MonthlyReturn, ScaleSet


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def board_states(park_ids: Sequence[int], period: dt.date, late_from: dt.datetime) -> dict[str, int]:
    """``{"expected": n, "late": n, state: n, …}`` for the expected reporters of ``period`` in these parks.

    Expected: every enterprise of the parks in an above-scale set at the month's last day, and everyone who
    reported the month before (``expected_reporters``). A state per expected enterprise that has begun the
    month: ``"accepted"`` when a revision counts (or the latest one was accepted), else the latest
    revision's status. Late: first revisions submitted at or after ``late_from``."""
    parks = list(park_ids)
    if not parks:
        return {"expected": 0, "late": 0}
    ops = connection.ops
    end = ops.adapt_datefield_value(month_end(period))
    month = ops.adapt_datefield_value(period)
    previous = ops.adapt_datefield_value((period - dt.timedelta(days=1)).replace(day=1))
    late = ops.adapt_datetimefield_value(late_from)
    kinds = [s for s in ScaleSet.values if s != ScaleSet.ALL]
    in_parks = ", ".join(["%s"] * len(parks))
    statuses, returns, enterprises = _table(EnterpriseStatus), _table(MonthlyReturn), _table(Enterprise)

    def expected(column: str) -> tuple[str, list[Any]]:
        """Whether the enterprise ``column`` must report: two key probes, no set built."""
        sql = (
            f"(EXISTS (SELECT 1 FROM {statuses} s WHERE s.enterprise_id = {column}"  # noqa: S608 -- our SQL
            f" AND s.kind IN ({', '.join(['%s'] * len(kinds))}) AND s.valid_from <= %s"
            " AND (s.valid_to IS NULL OR s.valid_to >= %s))"
            f" OR EXISTS (SELECT 1 FROM {returns} p WHERE p.enterprise_id = {column} AND p.period = %s"
            " AND p.is_current))"
        )
        return sql, [*kinds, end, end, previous]

    def counted(column: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {returns} c WHERE c.enterprise_id = {column}"  # noqa: S608 -- our SQL
            " AND c.period = %s AND c.is_current)"
        )

    # A return's park is its enterprise's, which never changes (core.tenancy): the period's rows of these
    # parks are read by the (park, period, is_current) index. Most expected enterprises have a revision
    # that counts (one pass over the parks' enterprises); the few others are read from the month's
    # revisions that do not count, the latest one per enterprise.
    of_enterprise, of_enterprise_params = expected("e.id")
    of_latest, of_latest_params = expected("l.enterprise_id")
    of_late, of_late_params = expected("r.enterprise_id")
    sql = (
        f"SELECT 'expected', COUNT(*), SUM(CASE WHEN {counted('e.id')} THEN 1 ELSE 0 END)"  # noqa: S608 -- our SQL; values bound
        f" FROM {enterprises} e WHERE e.park_id IN ({in_parks}) AND {of_enterprise}"
        f" UNION ALL SELECT l.status, COUNT(*), 0 FROM {returns} l"
        f" WHERE l.park_id IN ({in_parks}) AND l.period = %s AND l.is_current = %s"
        f" AND l.revision = (SELECT MAX(x.revision) FROM {returns} x"
        " WHERE x.enterprise_id = l.enterprise_id AND x.period = %s)"
        f" AND NOT {counted('l.enterprise_id')} AND {of_latest} GROUP BY l.status"
        f" UNION ALL SELECT 'late', COUNT(*), 0 FROM {returns} r WHERE r.park_id IN ({in_parks})"
        f" AND r.period = %s AND r.revision = 1 AND r.submitted_at >= %s AND {of_late}"
    )
    params = [
        month, *parks, *of_enterprise_params,
        *parks, month, False, month, month, *of_latest_params,
        *parks, month, late, *of_late_params,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found: dict[str, int] = {}
        counting = 0
        for name, count, with_counted in cursor.fetchall():
            found[str(name)] = found.get(str(name), 0) + int(count)
            counting += int(with_counted or 0)
    # A latest revision left "accepted" without counting is accepted too (as the revisions are read).
    found["accepted"] = counting + found.get("accepted", 0)
    return found
