"""What a KPI panel reads, in one statement: the reach's aggregate sums per month, division and section, the
suppression stats beside them (for a viewer without individual data) and the industry names of the
breakdown's codes.

The panel's parts each cost one round trip to the database; on PostgreSQL the round trip, not the query
(≈ 0.1 ms to plan and run: a few hundred rows through the ``economy_aggregate_key``/``_zone`` indexes), is
what the panel pays, so the three reads are one ``UNION ALL`` whose rows say what they are.

The read is kept in the process under the stamps of its parks (``economy.stamps``: random numbers the
database renews on every write of those parks' maintained rows), and a panel first asks for the stamps: a
primary-key lookup where the grouped statement cost ≈ 1 ms on PostgreSQL. A kept read is shared: callers read
it and never change it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection

from scipark.core.sql import one_of
from scipark.enterprises.models import Industry

from .. import kpi
from ..models import CELL_SUMS, Measure, MonthlyAggregate, MonthlyCellStats
from ..stamps import stamps_of
from .cells import PanelCells
from .reach import Reach, as_date, as_period

_SUMS = ("cur", "cum", "cmp", "cmpcum")
_STATS = [f"SUM(count_{k})" for k in CELL_SUMS] + [f"SUM(size_{k})" for k in CELL_SUMS]
_STATS += [f"MAX(largest_{k})" for k in CELL_SUMS]
_STAT_NAMES = [f"{p}_{k}" for p in ("n", "s", "l") for k in CELL_SUMS]


@dataclass
class PanelRead:
    """The rows of a panel: sums per (period, division, section) as ``cell_rows`` gives them, the cells
    (``None`` where the viewer sees individual data) and code → industry name."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    cells: PanelCells | None = None
    names: dict[str, str] = field(default_factory=dict)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def sum_row(when: Any, division: str, section: str, measure: str, values: Sequence[Any]) -> dict[str, Any]:
    """One row of sums as ``cell_rows`` gives it, from a statement's period, codes, four sums and reporting
    count. SQLite adds decimals as floats: each sum comes back to the column's places (same on PostgreSQL)."""
    quantum = Decimal("0.0001") if measure == Measure.ENERGY_TCE else Decimal("0.01")
    return {
        "period": _date(when),
        "division": division,
        "section": section,
        **{
            f"{p}_{measure}": Decimal(str(v or 0)).quantize(quantum)
            for p, v in zip(_SUMS, values[:4], strict=True)
        },
        "reporting": int(values[4] or 0),
    }


def _parks(park_ids: Sequence[int]) -> tuple[str, list[Any]]:
    """The reach's parks as a condition whose text is the same for every reach (``core.sql.one_of``)."""
    return one_of("park_id", park_ids)


#: Reads kept per process, newest last (setting ``SCIPARK_KEPT_PANEL_READS``; 0 turns keeping off): a zone's
#: read is a few hundred small rows, so a few hundred reads are a few MB.
KEPT_READS = 256
_kept: OrderedDict[tuple[Any, ...], PanelRead] = OrderedDict()
_kept_lock = threading.Lock()


def forget_kept_reads() -> None:
    """Drop every kept read (tests that count statements start from nothing kept)."""
    with _kept_lock:
        _kept.clear()


def panel_read(
    *, reach: Reach, period: dt.date, scale_set: str, measure: str, names: str | None = None
) -> PanelRead:
    """The panel's rows for ``period`` and a year before; with ``names`` (``"section"``/``"division"``)
    the names of those codes of ``period``'s rows. One statement, or the read kept from an earlier call
    when the parks' stamps have not changed since (one lookup)."""
    most = getattr(settings, "SCIPARK_KEPT_PANEL_READS", KEPT_READS)
    if not reach.park_ids or most <= 0:
        return _read(reach=reach, period=period, scale_set=scale_set, measure=measure, names=names)
    parks = tuple(sorted(set(reach.park_ids)))
    # The stamps first, then the rows: what is kept is at least as new as the stamps it is kept under.
    key = (
        connection.alias,
        connection.settings_dict["NAME"],
        parks,
        reach.individual,
        period,
        scale_set,
        measure,
        names,
        stamps_of(parks),
    )
    with _kept_lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    read = _read(reach=reach, period=period, scale_set=scale_set, measure=measure, names=names)
    with _kept_lock:
        _kept[key] = read
        while len(_kept) > most:
            _kept.popitem(last=False)
    return read


def _read(*, reach: Reach, period: dt.date, scale_set: str, measure: str, names: str | None) -> PanelRead:
    before = as_date(kpi.shift(as_period(period), -12))
    stats = not reach.individual
    read = PanelRead(cells=PanelCells.of_rows(scale_set, []) if stats else None)
    if not reach.park_ids:
        return read
    q = connection.ops.quote_name
    dates = [connection.ops.adapt_datefield_value(p) for p in (period, before)]
    in_parks, park_params = _parks(reach.park_ids)
    where = f"scale_set = %s AND period IN (%s, %s) AND {in_parks}"
    aggregate = q(MonthlyAggregate._meta.db_table)
    sums = ", ".join(f"SUM({q(f'{p}_{measure}')})" for p in _SUMS)
    parts = [
        f"SELECT 'a' AS kind, period, division, section, {sums}, SUM(reporting), "  # noqa: S608 (names are ours)
        f"{', '.join(['NULL'] * len(_STATS))} FROM {aggregate} WHERE {where} GROUP BY period, division, section"
    ]
    params: list[Any] = [scale_set, *dates, *park_params]
    if stats:
        parts.append(
            f"SELECT 's', period, division, section, {', '.join(['NULL'] * 5)}, {', '.join(_STATS)} "  # noqa: S608
            f"FROM {q(MonthlyCellStats._meta.db_table)} WHERE {where} AND measure = %s "
            "GROUP BY period, division, section"
        )
        params += [scale_set, *dates, *park_params, measure]
    if names in ("section", "division"):
        parts.append(
            f"SELECT 'n', NULL, code, name, {', '.join(['NULL'] * (5 + len(_STATS)))} "  # noqa: S608
            f"FROM {q(Industry._meta.db_table)} WHERE code IN (SELECT {names} FROM {aggregate} "
            f"WHERE scale_set = %s AND period = %s AND {in_parks})"
        )
        params += [scale_set, dates[0], *park_params]
    stat_rows = []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for kind, when, division, section, *values in cursor.fetchall():
            if kind == "a":
                read.rows.append(sum_row(when, division, section, measure, values))
            elif kind == "s":
                stat_rows.append(
                    {
                        "period": _date(when),
                        "measure": measure,
                        "division": division,
                        "section": section,
                        **dict(zip(_STAT_NAMES, values[5:], strict=True)),
                    }
                )
            else:
                read.names[division] = section
    if stats:
        read.cells = PanelCells.of_rows(scale_set, stat_rows)
    return read
