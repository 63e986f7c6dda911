"""Indicators beside the panel: energy intensity, fixed-asset investment, and annual targets held
against them and against time progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from scipark.core import access, suppression

from .. import energy, kpi
from ..models import AnnualTarget, FixedAssetProject, Indicator, Measure, ProjectMonthlyInvestment, ScaleSet
from .cells import COMPARABLE_CELLS, PanelCells, investment_cells
from .panel import cell_rows, kpi_value, sum_rows
from .reach import Reach, panel_reach

# --- energy ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnergyFigure:
    """单位工业增加值能耗 of above-scale industry, 累计, on the comparable basis."""

    period: dt.date
    tce: Decimal | None
    value_added: Decimal | None
    intensity: Decimal | None  # tce / 万元
    previous_intensity: Decimal | None  # same enterprises, last year
    energy_growth: Decimal | None
    value_added_growth: Decimal | None
    reduction: Decimal | None  # 1 − (1+g_e)/(1+g_va); positive = lower intensity
    suppressed: bool = False


def energy_intensity(
    *, reach: Reach, period: dt.date, scale_set: str = ScaleSet.ABOVE_SCALE_INDUSTRY
) -> EnergyFigure:
    """Energy use per 万元 of value added and its change against the same enterprises a year before."""
    rows = cell_rows(reach, [period], scale_set, Measure.ENERGY_TCE)
    va_rows = cell_rows(reach, [period], scale_set, Measure.VALUE_ADDED)
    e = sum_rows(rows, Measure.ENERGY_TCE)
    v = sum_rows(va_rows, Measure.VALUE_ADDED)
    # The intensity and its change disclose both sums, now and for the same enterprises a year before.
    measures = (Measure.ENERGY_TCE, Measure.VALUE_ADDED)
    if not reach.individual and PanelCells.around(reach, period, scale_set, measures).suppressed(
        measures, period, COMPARABLE_CELLS
    ):
        return EnergyFigure(period, None, None, None, None, None, None, None, suppressed=True)
    return energy_figure(period, e, v)


def energy_figure(period: dt.date, e: dict[str, Any], v: dict[str, Any]) -> EnergyFigure:
    """The figure from the energy and value-added sums (``sum_rows``) of one reach (nothing reported: empty)."""
    if not e["reporting"]:
        return EnergyFigure(period, None, None, None, None, None, None, None)
    g_e = kpi.growth(e["cum"], e["cmpcum"])
    g_v = kpi.growth(v["cum"], v["cmpcum"])
    return EnergyFigure(
        period=period,
        tce=e["cum"],
        value_added=v["cum"],
        intensity=energy.intensity(e["cum"], v["cum"]),
        previous_intensity=energy.intensity(e["cmpcum"], v["cmpcum"]),
        energy_growth=g_e,
        value_added_growth=g_v,
        reduction=energy.intensity_reduction(g_e, g_v),
    )


# --- fixed-asset investment --------------------------------------------------------------------------


@dataclass(frozen=True)
class InvestmentFigure:
    """Fixed-asset investment completed by in-scope projects (≥ 500万元), 累计, and its growth."""

    period: dt.date
    amount: Decimal | None
    previous: Decimal | None
    growth: Decimal | None
    projects: int
    suppressed: bool = False


def fixed_asset_investment(*, reach: Reach, period: dt.date) -> InvestmentFigure:
    """Σ completed investment of in-scope projects, January to ``period``, against the same months a year
    before; suppressed for aggregate-only viewers by the projects' enterprises (SECURITY.md row 10)."""

    def total(year: int) -> tuple[Decimal | None, int]:
        rows = ProjectMonthlyInvestment.objects.filter(
            park_id__in=reach.park_ids,
            project__in_scope=True,
            period__gte=dt.date(year, 1, 1),
            period__lte=dt.date(year, period.month, 1),
        ).aggregate(s=Sum("amount"))
        count = (
            ProjectMonthlyInvestment.objects.filter(
                park_id__in=reach.park_ids,
                project__in_scope=True,
                period__gte=dt.date(year, 1, 1),
                period__lte=dt.date(year, period.month, 1),
            )
            .values("project_id")
            .distinct()
            .count()
        )
        return rows["s"], count

    amount, projects = total(period.year)
    # Last year's sum is a cell too: judged even in a year without investment of its own.
    if not reach.individual and suppression.any_suppressed(investment_cells(reach=reach, period=period)):
        return InvestmentFigure(period, None, None, None, projects, suppressed=True)
    previous, _ = total(period.year - 1)
    return InvestmentFigure(period, amount, previous, kpi.growth(amount, previous), projects)


# --- targets -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    """An annual target held against the actual value and the time progress."""

    indicator: Indicator
    target: AnnualTarget
    actual: Decimal | None  # amount (元), growth (%), or count
    progress: kpi.TargetProgress | None  # for amounts and counts
    alert: kpi.Alert


def _indicator_actual(indicator: Indicator, reach: Reach, period: dt.date) -> Decimal | None:
    if indicator.measure == Measure.FIXED_ASSET_INVESTMENT:
        figure = fixed_asset_investment(reach=reach, period=period)
        return figure.amount if indicator.target_kind == Indicator.TargetKind.AMOUNT else _pct(figure.growth)
    if indicator.code == "energy_intensity_reduction":
        return _pct(energy_intensity(reach=reach, period=period, scale_set=indicator.scale_set).reduction)
    value = kpi_value(reach=reach, period=period, scale_set=indicator.scale_set, measure=indicator.measure)
    if indicator.target_kind == Indicator.TargetKind.GROWTH:
        return _pct(value.cumulative_growth.comparable)
    return value.cumulative


def _pct(rate: Decimal | None) -> Decimal | None:
    return rate * 100 if rate is not None else None


def target_progress_list(*, user: Any, park: Any, period: dt.date) -> list[TargetRow]:
    """Every target of the park's year with completion against time progress and the warning level."""
    reach = panel_reach(user, park)
    targets = (
        AnnualTarget.objects.restrict(user, access.Action.VIEW)
        .filter(park_id__in=reach.park_ids, year=period.year)
        .select_related("indicator")
    )
    rows = []
    for target in targets:
        indicator = target.indicator
        actual = _indicator_actual(indicator, reach, period)
        if indicator.target_kind == Indicator.TargetKind.GROWTH:
            alert = kpi.growth_target_alert(
                actual=actual / 100 if actual is not None else None,
                target_percent=target.value,
                warning_gap=indicator.warning_gap,
            )
            rows.append(TargetRow(indicator, target, actual, None, alert))
        else:
            progress = kpi.target_progress(
                actual=actual,
                target=target.value,
                month=period.month,
                warning_gap=indicator.warning_gap,
                alarm_gap=indicator.alarm_gap,
            )
            rows.append(TargetRow(indicator, target, actual, progress, progress.alert))
    return rows


def in_scope_projects(*, user: Any, reach: Reach) -> Any:
    """Fixed-asset projects counted in the statistics, within the viewer's reach."""
    return FixedAssetProject.objects.restrict(user, access.Action.VIEW).filter(
        park_id__in=reach.park_ids, in_scope=True
    )
