"""The headline reads of many parks at once, each park as its own panel (the zone cockpit's columns).

``kpi_value``, ``kpi_trend``, ``energy_intensity`` and ``fixed_asset_investment`` read one reach; a page that
shows every park of the zone side by side called them once per park (a dozen statements a park). The reads
here group the same rows by park instead — one statement per kind of read, whatever the number of parks —
and give each park what the single-reach selector gives ``panel_reach(user, park)``: the same sums, rounded
the same way, and for a park whose individual data the viewer may not see the same suppression
(SECURITY.md row 10), judged on that park's own cells.

A park of ``park_ids`` outside the reach gets what an empty reach gets (no data).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Sum

from scipark.core import suppression
from scipark.core.sql import one_of

from .. import kpi
from ..models import (
    CELL_SUMS,
    Measure,
    MonthlyAggregate,
    MonthlyCellStats,
    ProjectMonthlyInvestment,
    ScaleSet,
)
from .cells import COMPARABLE_CELLS, PanelCells
from .indicators import EnergyFigure, InvestmentFigure, energy_figure
from .panel import GrowthPair, KpiValue, TrendPoint, _headline, sum_rows
from .panel_read import sum_row
from .reach import Reach, as_date, as_period

ZERO = Decimal(0)
_SUMS = ("cur", "cum", "cmp", "cmpcum")
_STATS = ", ".join(
    [f"SUM(count_{k})" for k in CELL_SUMS]
    + [f"SUM(size_{k})" for k in CELL_SUMS]
    + [f"MAX(largest_{k})" for k in CELL_SUMS]
)
_STAT_NAMES = [f"{p}_{k}" for p in ("n", "s", "l") for k in CELL_SUMS]

#: (scale set, measure): one headline of a panel.
Headline = tuple[str, str]


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _quantum(measure: str) -> Decimal:
    return Decimal("0.0001") if measure == Measure.ENERGY_TCE else Decimal("0.01")


def _in_reach(reach: Reach, park_ids: Sequence[int]) -> list[int]:
    return [pk for pk in park_ids if pk in reach.park_ids]


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _park_cells(
    reach: Reach, park_ids: Sequence[int], scale_set: str, measures: Sequence[str], periods: Sequence[dt.date]
) -> dict[int, PanelCells]:
    """Each park's cells as ``PanelCells`` of that park alone reads them, for the parks whose individual data
    the viewer may not see (one statement); the other parks are left out (no suppression there)."""
    hidden = [pk for pk in park_ids if pk not in reach.individual_park_ids]
    found = {pk: PanelCells.of_rows(scale_set, []) for pk in hidden}
    if not hidden or not measures or not periods:
        return found
    q = connection.ops.quote_name
    dates = [connection.ops.adapt_datefield_value(p) for p in periods]
    in_parks, park_params = one_of("park_id", hidden)
    sql = (
        f"SELECT park_id, period, measure, division, section, {_STATS} "  # noqa: S608 (names are ours)
        f"FROM {q(MonthlyCellStats._meta.db_table)} WHERE scale_set = %s "
        f"AND measure IN ({_placeholders(measures)}) AND period IN ({_placeholders(dates)}) "
        f"AND {in_parks} GROUP BY park_id, period, measure, division, section"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scale_set, *measures, *dates, *park_params])
        for park_id, period, measure, division, section, *values in cursor.fetchall():
            found[park_id].add(
                {
                    "period": _date(period),
                    "measure": measure,
                    "division": division,
                    "section": section,
                    **dict(zip(_STAT_NAMES, values, strict=True)),
                }
            )
    return found


# --- headline values (kpi_value) ------------------------------------------------------------------------


def kpi_values_by_park(
    *, reach: Reach, park_ids: Sequence[int], period: dt.date, headlines: Sequence[Headline]
) -> dict[Headline, dict[int, KpiValue]]:
    """``kpi_value`` of each headline for each park (as ``panel_reach(user, park)``): the sums per park,
    month, division and section of ``period`` and a year before, and the parks' cells beside them (two
    statements a headline)."""
    before = as_date(kpi.shift(as_period(period), -12))
    parks = _in_reach(reach, park_ids)
    found: dict[Headline, dict[int, KpiValue]] = {}
    q = connection.ops.quote_name
    dates = [connection.ops.adapt_datefield_value(p) for p in (period, before)]
    for scale_set, measure in headlines:
        rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if parks:
            sums = ", ".join(f"SUM({q(f'{p}_{measure}')})" for p in _SUMS)
            in_parks, park_params = one_of("park_id", parks)
            sql = (
                f"SELECT park_id, period, division, section, {sums}, SUM(reporting) "  # noqa: S608 (names are ours)
                f"FROM {q(MonthlyAggregate._meta.db_table)} WHERE scale_set = %s AND period IN (%s, %s) "
                f"AND {in_parks} GROUP BY park_id, period, division, section"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [scale_set, *dates, *park_params])
                for park_id, when, division, section, *values in cursor.fetchall():
                    rows[park_id].append(sum_row(when, division, section, measure, values))
        cells = _park_cells(reach, parks, scale_set, (measure,), (period, before))
        empty = PanelCells.of_rows(scale_set, [])  # an empty reach is not individual: judged, nothing to hide
        found[(scale_set, measure)] = {
            pk: _headline(
                rows.get(pk, []),
                cells.get(pk) if pk in parks else empty,
                period=period,
                scale_set=scale_set,
                measure=measure,
            )
            for pk in park_ids
        }
    return found


# --- monthly sums (kpi_trend, energy_intensity) ----------------------------------------------------------


def _park_period_rows(
    park_ids: Sequence[int], periods: Sequence[dt.date], scale_set: str, measures: Sequence[str]
) -> dict[tuple[int, dt.date], dict[str, Any]]:
    """``cell_rows`` of each park (sums per park and month, added up by the database), in one statement."""
    found: dict[tuple[int, dt.date], dict[str, Any]] = {}
    if not park_ids:
        return found
    columns = [f"{p}_{m}" for m in measures for p in _SUMS]
    rows: Any = (
        MonthlyAggregate.objects.filter(
            scale_set=scale_set, period__in=list(periods), park_id__in=list(park_ids)
        )
        .values("park_id", "period")
        .annotate(**{f"s_{c}": Sum(c) for c in [*columns, "reporting"]})
        .order_by()
    )
    for r in rows:
        found[(r["park_id"], r["period"])] = {
            "period": r["period"],
            **{
                f"{p}_{m}": Decimal(str(r[f"s_{p}_{m}"] or 0)).quantize(_quantum(m))
                for m in measures
                for p in _SUMS
            },
            "reporting": int(r["s_reporting"] or 0),
        }
    return found


def kpi_trends_by_park(
    *, reach: Reach, park_ids: Sequence[int], year: int, last_month: int, headlines: Sequence[Headline]
) -> dict[Headline, dict[int, list[TrendPoint]]]:
    """``kpi_trend`` of each headline for each park: the months of ``year`` to ``last_month`` and of the
    year before, per park, with each park's cells of those months (two statements a headline)."""
    periods = [dt.date(y, m, 1) for y in (year - 1, year) for m in range(1, last_month + 1)]
    labels = [(dt.date(year, m, 1), kpi.period_label((year, m))) for m in range(1, last_month + 1)]
    parks = _in_reach(reach, park_ids)
    found: dict[Headline, dict[int, list[TrendPoint]]] = {}
    for scale_set, measure in headlines:
        sums = _park_period_rows(parks, periods, scale_set, (measure,))
        cells = _park_cells(reach, parks, scale_set, (measure,), periods)
        by_park: dict[int, list[TrendPoint]] = {}
        for pk in park_ids:
            its_cells = cells.get(pk) if pk in parks else None
            by_park[pk] = [
                _point(
                    labels[m - 1],
                    sums.get((pk, dt.date(year, m, 1))),
                    sums.get((pk, dt.date(year - 1, m, 1))),
                    measure,
                    its_cells is not None and its_cells.suppressed((measure,), dt.date(year, m, 1)),
                )
                for m in range(1, last_month + 1)
            ]
        found[(scale_set, measure)] = by_park
    return found


def _point(
    label: tuple[dt.date, str],
    now: dict[str, Any] | None,
    then: dict[str, Any] | None,
    measure: str,
    suppressed: bool,
) -> TrendPoint:
    """One month of ``kpi_trend`` from a park's row of the month and of a year before: what ``panel._value``
    gives the trend (当月, 累计 and its growth, hidden when suppressed), without the value's other labels
    (a page of fifty parks made twenty thousand translation look-ups for them)."""
    period, month_label = label
    has = now is not None and now["reporting"] > 0
    had = then is not None and then["reporting"] > 0
    if suppressed and has:
        return TrendPoint(period, month_label, None, None, GrowthPair(None, None), True)
    if now is None or not has:
        return TrendPoint(period, month_label, None, None, GrowthPair(None, None), False)
    # January's 当月 is published with February; February's is the January–February total.
    month = None if period.month == 1 else now[f"{'cum' if period.month == 2 else 'cur'}_{measure}"]
    cumulative = now[f"cum_{measure}"]
    growth = GrowthPair(
        kpi.growth(cumulative, now[f"cmpcum_{measure}"]),
        kpi.growth(cumulative, then[f"cum_{measure}"]) if then is not None and had else None,
    )
    return TrendPoint(period, month_label, month, cumulative, growth, False)


def energy_by_park(
    *, reach: Reach, park_ids: Sequence[int], period: dt.date, scale_set: str = ScaleSet.ABOVE_SCALE_INDUSTRY
) -> dict[int, EnergyFigure]:
    """``energy_intensity`` of each park (two statements)."""
    measures = (Measure.ENERGY_TCE, Measure.VALUE_ADDED)
    parks = _in_reach(reach, park_ids)
    sums = _park_period_rows(parks, [period], scale_set, measures)
    year_ago = period.replace(year=period.year - 1)
    cells = _park_cells(reach, parks, scale_set, measures, (period, year_ago))
    found = {}
    for pk in park_ids:
        rows = [sums[(pk, period)]] if (pk, period) in sums else []
        e, v = sum_rows(rows, Measure.ENERGY_TCE), sum_rows(rows, Measure.VALUE_ADDED)
        its_cells = cells.get(pk) if pk in parks else PanelCells.of_rows(scale_set, [])
        if its_cells is not None and its_cells.suppressed(measures, period, COMPARABLE_CELLS):
            found[pk] = EnergyFigure(period, None, None, None, None, None, None, None, suppressed=True)
            continue
        found[pk] = energy_figure(period, e, v)
    return found


# --- fixed-asset investment ------------------------------------------------------------------------------


def investment_by_park(
    *, reach: Reach, park_ids: Sequence[int], period: dt.date
) -> dict[int, InvestmentFigure]:
    """``fixed_asset_investment`` of each park: the sums and project counts per park and year, and the
    contributors of the parks whose individual data the viewer may not see (at most four statements)."""
    parks = _in_reach(reach, park_ids)
    hidden = [pk for pk in parks if pk not in reach.individual_park_ids]

    def in_year(year: int, among: Sequence[int]) -> Any:
        return ProjectMonthlyInvestment.objects.filter(
            park_id__in=list(among),
            project__in_scope=True,
            period__gte=dt.date(year, 1, 1),
            period__lte=dt.date(year, period.month, 1),
        )

    def totals(year: int) -> dict[int, tuple[Decimal | None, int]]:
        if not parks:
            return {}
        rows = (
            in_year(year, parks)
            .values("park_id")
            .annotate(s=Sum("amount"), n=Count("project_id", distinct=True))
            .order_by()
        )
        return {r["park_id"]: (r["s"], r["n"]) for r in rows}

    def contributors(year: int) -> dict[int, dict[Hashable, Decimal]]:
        found: dict[int, dict[Hashable, Decimal]] = {pk: defaultdict(lambda: ZERO) for pk in hidden}
        if not hidden:
            return found
        rows = in_year(year, hidden).values_list("park_id", "project_id", "project__enterprise_id", "amount")
        for park_id, project_id, enterprise_id, amount in rows.order_by():
            key: Hashable = enterprise_id if enterprise_id is not None else ("project", project_id)
            found[park_id][key] += amount or ZERO
        return found

    now, then = totals(period.year), totals(period.year - 1)
    cells_now, cells_then = contributors(period.year), contributors(period.year - 1)
    found = {}
    for pk in park_ids:
        amount, projects = now.get(pk, (None, 0))
        if pk not in parks:
            # An empty reach has no contributors, and empty cells are not suppressed.
            found[pk] = InvestmentFigure(period, None, None, None, 0)
            continue
        if pk in cells_now and suppression.any_suppressed((dict(cells_now[pk]), dict(cells_then[pk]))):
            found[pk] = InvestmentFigure(period, None, None, None, projects, suppressed=True)
            continue
        previous = then.get(pk, (None, 0))[0]
        found[pk] = InvestmentFigure(period, amount, previous, kpi.growth(amount, previous), projects)
    return found
