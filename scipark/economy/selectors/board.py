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

from django.db import connection

from scipark.enterprises.models import EnterpriseStatus

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
    in_kinds = ", ".join(["%s"] * len(kinds))
    statuses, returns = _table(EnterpriseStatus), _table(MonthlyReturn)
    state = "CASE WHEN f.counted = 1 THEN 'accepted' ELSE l.status END"
    sql = (
        "WITH expected(id) AS ("  # noqa: S608 -- our SQL; values bound
        f" SELECT s.enterprise_id FROM {statuses} s"
        f" WHERE s.park_id IN ({in_parks}) AND s.kind IN ({in_kinds}) AND s.valid_from <= %s"
        " AND (s.valid_to IS NULL OR s.valid_to >= %s)"
        f" UNION SELECT r.enterprise_id FROM {returns} r"
        f" WHERE r.park_id IN ({in_parks}) AND r.period = %s AND r.is_current),"
        " filed AS (SELECT r.enterprise_id AS id, MAX(CASE WHEN r.is_current THEN 1 ELSE 0 END) AS counted,"
        f" MAX(r.revision) AS last FROM {returns} r"
        " WHERE r.period = %s AND r.enterprise_id IN (SELECT id FROM expected) GROUP BY r.enterprise_id)"
        " SELECT 'expected', COUNT(*) FROM expected"
        f" UNION ALL SELECT {state}, COUNT(*) FROM filed f"
        f" JOIN {returns} l ON l.enterprise_id = f.id AND l.period = %s AND l.revision = f.last"
        f" GROUP BY {state}"
        f" UNION ALL SELECT 'late', COUNT(*) FROM {returns} r WHERE r.park_id IN ({in_parks})"
        " AND r.period = %s AND r.revision = 1 AND r.submitted_at >= %s"
        " AND r.enterprise_id IN (SELECT id FROM expected)"
    )
    params = [*parks, *kinds, end, end, *parks, previous, month, month, *parks, month, late]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found: dict[str, int] = {}
        for name, count in cursor.fetchall():
            found[str(name)] = found.get(str(name), 0) + int(count)
    return found
