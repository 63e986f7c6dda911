"""The KPI panel: 当月/累计 with growth on both bases, by industry, month by month, the enterprises that
pulled the growth, and the returns behind a cell.

Read from ``MonthlyAggregate`` (a few hundred rows whatever the number of returns). Where the viewer
cannot see individual returns (zone viewers), a value is suppressed when a sum it discloses has fewer than
3 enterprises or one over 85 % (SECURITY.md row 10: ``core.suppression``, cells from ``cells``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import translation
from django.utils.translation import gettext

from scipark.core import access
from scipark.enterprises.models import Enterprise, Industry

from .. import kpi
from ..models import Measure, MonthlyAggregate, MonthlyReturn, ScaleSet
from .cells import PanelCells
from .panel_read import PanelRead, panel_read
from .reach import Reach, as_date, as_period, members

ZERO = Decimal(0)


# --- headline values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthPair:
    """A growth rate on both bases, each labelled (DOMAIN.md §2). ``None``: no comparable data."""

    comparable: Decimal | None
    plain: Decimal | None

    @property
    def comparable_text(self) -> str:
        return kpi.percent(self.comparable)

    @property
    def plain_text(self) -> str:
        return kpi.percent(self.plain)


@dataclass(frozen=True)
class KpiValue:
    """One measure of one set for a period: 当月 and 累计, with growth on both bases."""

    measure: str
    measure_label: str
    scale_set: str
    scale_set_label: str
    period: dt.date
    month_label: str
    cumulative_label: str
    month: Decimal | None  # None for January (published with February) or without data
    cumulative: Decimal | None
    month_growth: GrowthPair
    cumulative_growth: GrowthPair
    previous_cumulative: Decimal | None  # plain basis: last year's total of last year's set
    reporting: int
    suppressed: bool = False

    @property
    def has_data(self) -> bool:
        return self.reporting > 0

    @property
    def headline(self) -> str:
        """As the park words it: ``规模以上工业总产值同比增长10.0%(同口径)``."""
        words = {"scale_set": self.scale_set_label, "measure": self.measure_label}
        if self.suppressed:
            return gettext("%(scale_set)s%(measure)s:数据不足以公开(保密)") % words
        if not self.has_data:
            return gettext("%(scale_set)s%(measure)s:%(period)s无数据") % {
                **words,
                "period": self.cumulative_label,
            }
        return gettext("%(scale_set)s%(measure)s同比%(change)s(同口径)") % {
            **words,
            "change": kpi.growth_phrase(self.cumulative_growth.comparable),
        }


def sum_rows(rows: Iterable[dict[str, Any]], measure: str) -> dict[str, Decimal]:
    total = {"cur": ZERO, "cum": ZERO, "cmp": ZERO, "cmpcum": ZERO, "reporting": ZERO}
    for row in rows:
        for prefix in ("cur", "cum", "cmp", "cmpcum"):
            total[prefix] += row[f"{prefix}_{measure}"] or ZERO
        total["reporting"] += row["reporting"] or 0
    return total


def _columns(measure: str) -> list[str]:
    return [f"{prefix}_{measure}" for prefix in ("cur", "cum", "cmp", "cmpcum")]


def cell_rows(
    reach: Reach, periods: Sequence[dt.date], scale_set: str, measure: str, group: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The aggregate sums per period (and ``group`` key), added up by the database."""
    query = MonthlyAggregate.objects.filter(scale_set=scale_set, period__in=list(periods))
    if len(reach.park_ids) == 1:
        query = query.filter(park_id=reach.park_ids[0])
    else:
        query = query.filter(park_id__in=reach.park_ids)
    columns = [*_columns(measure), "reporting"]
    rows = query.values("period", *group).annotate(**{f"s_{c}": Sum(c) for c in columns}).order_by()
    # SQLite adds decimals as floats: bring each sum back to the column's places (same on PostgreSQL).
    quantum = Decimal("0.0001") if measure == Measure.ENERGY_TCE else Decimal("0.01")
    return [
        {
            "period": r["period"],
            **{g: r[g] for g in group},
            **{c: Decimal(str(r[f"s_{c}"] or 0)).quantize(quantum) for c in columns[:-1]},
            "reporting": int(r["s_reporting"] or 0),
        }
        for r in rows
    ]


def _by_period(rows: Iterable[dict[str, Any]]) -> dict[dt.date, list[dict[str, Any]]]:
    found: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row["period"]].append(row)
    return found


@functools.lru_cache(maxsize=1024)
def _labels(measure: str, scale_set: str, p: kpi.Period, language: str | None) -> tuple[str, str, str, str]:
    """A value's four headings in ``language``: a panel builds a value per industry and month, and each
    heading resolved afresh through the active translation cost more than the panel's arithmetic."""
    return (
        str(Measure(measure).label),
        str(ScaleSet(scale_set).label),
        kpi.period_label(p),
        kpi.cumulative_label(p),
    )


def _value(
    *,
    measure: str,
    scale_set: str,
    period: dt.date,
    now: dict[str, Decimal],
    then: dict[str, Decimal],
    suppressed: bool,
) -> KpiValue:
    p = as_period(period)
    reporting = int(now["reporting"])
    has = reporting > 0
    had = then["reporting"] > 0
    if p[1] == 1:
        month: Decimal | None = None
        month_growth = GrowthPair(None, None)
    else:
        # February's 当月 is the January–February total (kpi.month_value): the cumulative columns.
        key, cmp_key = ("cum", "cmpcum") if p[1] == 2 else ("cur", "cmp")
        month = now[key] if has else None
        month_growth = GrowthPair(
            kpi.growth(month, now[cmp_key]) if has else None,
            kpi.growth(month, then[key]) if has and had else None,
        )
    cumulative = now["cum"] if has else None
    hidden = suppressed and has
    measure_label, scale_set_label, month_label, cumulative_label = _labels(
        measure, scale_set, p, translation.get_language()
    )
    return KpiValue(
        measure=measure,
        measure_label=measure_label,
        scale_set=scale_set,
        scale_set_label=scale_set_label,
        period=period,
        month_label=month_label,
        cumulative_label=cumulative_label,
        month=None if hidden else month,
        cumulative=None if hidden else cumulative,
        month_growth=GrowthPair(None, None) if hidden else month_growth,
        cumulative_growth=GrowthPair(None, None)
        if hidden
        else GrowthPair(
            kpi.growth(cumulative, now["cmpcum"]) if has else None,
            kpi.growth(cumulative, then["cum"]) if has and had else None,
        ),
        # Last year's total is shown only where nothing is suppressed (it is a cell of its own).
        previous_cumulative=then["cum"] if had and not suppressed else None,
        reporting=reporting,
        suppressed=hidden,
    )


def _headline(
    rows: list[dict[str, Any]],
    cells: PanelCells | None,
    *,
    period: dt.date,
    scale_set: str,
    measure: str,
) -> KpiValue:
    before = as_date(kpi.shift(as_period(period), -12))
    by_period = _by_period(rows)
    return _value(
        measure=measure,
        scale_set=scale_set,
        period=period,
        now=sum_rows(by_period.get(period, []), measure),
        then=sum_rows(by_period.get(before, []), measure),
        suppressed=cells is not None and cells.suppressed((measure,), period),
    )


def kpi_value(*, reach: Reach, period: dt.date, scale_set: str, measure: str) -> KpiValue:
    """当月/累计 and growth (同口径 and 总量口径) of one measure over the reach (one statement)."""
    read = panel_read(reach=reach, period=period, scale_set=scale_set, measure=measure)
    return _headline(read.rows, read.cells, period=period, scale_set=scale_set, measure=measure)


# --- breakdown by industry ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakdownRow:
    """One GB/T 4754 section or division of a KPI: 累计 with its growth on both bases, and its share."""

    code: str
    name: str
    value: KpiValue
    share: Decimal | None  # of the reach's total (fraction)


def _breakdown(
    read: PanelRead, *, period: dt.date, scale_set: str, measure: str, level: str
) -> list[BreakdownRow]:
    key = "section" if level == "section" else "division"
    now: dict[str, list[dict[str, Any]]] = defaultdict(list)
    then: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read.rows:
        (now if row["period"] == period else then)[row[key]].append(row)
    total = sum((r[f"cum_{measure}"] for rows in now.values() for r in rows), ZERO)
    cells = read.cells
    result = []
    for code, rows in now.items():
        hidden = cells is not None and (
            cells.suppressed((measure,), period, section=code)
            if key == "section"
            else cells.suppressed((measure,), period, division=code)
        )
        value = _value(
            measure=measure,
            scale_set=scale_set,
            period=period,
            now=sum_rows(rows, measure),
            then=sum_rows(then.get(code, []), measure),
            suppressed=hidden,
        )
        share = None if hidden or total <= ZERO or value.cumulative is None else value.cumulative / total
        result.append(BreakdownRow(code, read.names.get(code, code or "未分类"), value, share))
    result.sort(key=lambda r: r.value.cumulative or ZERO, reverse=True)
    return result


def kpi_breakdown(
    *, reach: Reach, period: dt.date, scale_set: str, measure: str, level: str = "section"
) -> list[BreakdownRow]:
    """The KPI by GB/T 4754 section (门类) or division (大类), largest first (one statement)."""
    read = panel_read(reach=reach, period=period, scale_set=scale_set, measure=measure, names=level)
    return _breakdown(read, period=period, scale_set=scale_set, measure=measure, level=level)


def kpi_panel(
    *, reach: Reach, period: dt.date, scale_set: str, measure: str, level: str = "section"
) -> tuple[KpiValue, list[BreakdownRow]]:
    """The panel: the headline value (``kpi_value``) and its breakdown (``kpi_breakdown``) from one
    statement: the reach's total is the sum of its industries' rows, and so are its cells."""
    read = panel_read(reach=reach, period=period, scale_set=scale_set, measure=measure, names=level)
    value = _headline(read.rows, read.cells, period=period, scale_set=scale_set, measure=measure)
    return value, _breakdown(read, period=period, scale_set=scale_set, measure=measure, level=level)


# --- monthly trend -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    period: dt.date
    label: str
    month: Decimal | None
    cumulative: Decimal | None
    cumulative_growth: GrowthPair
    suppressed: bool = False


def kpi_trend(
    *, reach: Reach, year: int, scale_set: str, measure: str, last_month: int = 12
) -> list[TrendPoint]:
    """Month by month for a year: 当月, 累计 and cumulative growth (for the dashboard's line charts)."""
    periods = [dt.date(y, m, 1) for y in (year - 1, year) for m in range(1, last_month + 1)]
    by_period = _by_period(cell_rows(reach, periods, scale_set, measure))
    # Each month is its own value: a month that fewer enterprises reported is judged on its own.
    cells = (
        None
        if reach.individual
        else PanelCells(reach, scale_set, (measure,), dt.date(year - 1, 1, 1), dt.date(year, last_month, 1))
    )
    points = []
    for m in range(1, last_month + 1):
        period = dt.date(year, m, 1)
        value = _value(
            measure=measure,
            scale_set=scale_set,
            period=period,
            now=sum_rows(by_period.get(period, []), measure),
            then=sum_rows(by_period.get(dt.date(year - 1, m, 1), []), measure),
            suppressed=cells is not None and cells.suppressed((measure,), period),
        )
        points.append(
            TrendPoint(
                period,
                value.month_label,
                value.month,
                value.cumulative,
                value.cumulative_growth,
                value.suppressed,
            )
        )
    return points


# --- contributions (individual data) -----------------------------------------------------------------


@dataclass(frozen=True)
class Contributor:
    """One enterprise's 拉动 (percentage points) of the set's cumulative comparable growth."""

    enterprise_id: int
    name: str
    current: Decimal
    previous: Decimal
    points: Decimal


@dataclass(frozen=True)
class Contributions:
    top: list[Contributor]
    bottom: list[Contributor]
    growth: Decimal | None  # the comparable growth the points add up to
    available: bool  # False when the viewer may not see individual enterprises


def contributors(
    *, user: Any, reach: Reach, period: dt.date, scale_set: str, measure: str, n: int = 5
) -> Contributions:
    """The enterprises that pulled the cumulative growth up or down the most (needs individual access)."""
    if not reach.individual:
        return Contributions([], [], None, available=False)
    visible = MonthlyReturn.objects.restrict(user, access.Action.VIEW).filter(park_id__in=reach.park_ids)
    in_scope = set(members(reach.park_ids, period, scale_set)) if scale_set != ScaleSet.ALL else None

    def totals(year: int) -> dict[int, Decimal]:
        query = visible.filter(
            is_current=True, period__gte=dt.date(year, 1, 1), period__lte=dt.date(year, period.month, 1)
        )
        return {
            r["enterprise_id"]: r["t"] or ZERO for r in query.values("enterprise_id").annotate(t=Sum(measure))
        }

    now = totals(period.year)
    then = totals(period.year - 1)
    if in_scope is not None:
        now = {k: v for k, v in now.items() if k in in_scope}
        now.update({k: ZERO for k in in_scope if k not in now and k in then})
    points = kpi.contributions(now, then)
    top, bottom = kpi.top_and_bottom(points, n)
    names = dict(Enterprise.objects.filter(pk__in=[k for k, _ in top + bottom]).values_list("pk", "name"))

    def row(item: tuple[int, Decimal]) -> Contributor:
        pk, pts = item
        return Contributor(pk, names.get(pk, ""), now.get(pk, ZERO), then.get(pk, ZERO), pts)

    return Contributions(
        [row(i) for i in top],
        [row(i) for i in bottom],
        kpi.comparable_growth(now, then, now),
        available=True,
    )


# --- drill-down ----------------------------------------------------------------------------------------


def returns_behind(
    *, user: Any, reach: Reach, period: dt.date, scale_set: str, division: str | None = None
) -> Any:
    """The counting returns behind a KPI cell (January..period), within the viewer's reach."""
    query = MonthlyReturn.objects.restrict(user, access.Action.VIEW).filter(
        park_id__in=reach.park_ids, is_current=True, period__gte=period.replace(month=1), period__lte=period
    )
    if scale_set != ScaleSet.ALL:
        query = query.filter(enterprise_id__in=members(reach.park_ids, period, scale_set))
    if division is not None:
        query = query.filter(in_division(division))
    return query.select_related("enterprise")


def in_division(division: str) -> Q:
    """Returns of enterprises in a GB/T 4754 division (大类, two digits) as the aggregates file them:
    ``""`` is the enterprises without one (no industry, or a bare section letter)."""
    if not division:
        return Q(enterprise__industry__isnull=True) | Q(enterprise__industry__level=Industry.Level.SECTION)
    return Q(enterprise__industry__code__startswith=division)
