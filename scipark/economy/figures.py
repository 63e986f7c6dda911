"""E1–E6 of FIGURES.md, computed from the park's returns, projects and status history (never typed in).

Each figure reads the same selectors the dashboard reads, for the whole year (January–December), with
the park as the reach and the system as the viewer; a figure that adds up enterprises' own amounts
declares the cells it discloses (:class:`~scipark.core.figures.Confidential`), and the registry hides it
from a viewer without the park's individual data where a cell fails the rule (SECURITY.md row 10).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_noop

from scipark.core.access import Domain
from scipark.core.figures import Confidential, Figure, Source, figure
from scipark.core.suppression import Cell

from . import kpi
from .models import TRADE_SETS, Measure, MonthlyReturn, ProjectMonthlyInvestment, ScaleSet
from .selectors import (
    COMPARABLE_CELLS,
    CUMULATIVE_CELLS,
    KpiValue,
    PanelCells,
    Reach,
    energy_intensity,
    fixed_asset_investment,
    investment_cells,
    kpi_value,
    members,
    scale_changes,
    value_cells,
)

YI = Decimal(100000000)
SOURCE_IDS = 30


def _reach(park: Any) -> Reach:
    return Reach((park.pk,), frozenset({park.pk}))


def _years(year: int) -> dict[str, int]:
    """The placeholders of a span of two years (上年–本年)."""
    return {"previous": year - 1, "year": year}


def _points(rate: Decimal | None) -> Decimal | None:
    return (rate * 100).quantize(Decimal("0.01")) if rate is not None else None


def _yi(amount: Decimal | None) -> Decimal | None:
    return (amount / YI).quantize(Decimal("0.01")) if amount is not None else None


def _return_source(park: Any, year: int, scale_set: str, rule: str) -> Source:
    december = dt.date(year, 12, 1)
    query = MonthlyReturn.objects.filter(
        park=park, is_current=True, period__gte=dt.date(year - 1, 1, 1), period__lte=december
    )
    if scale_set != ScaleSet.ALL:
        query = query.filter(enterprise_id__in=members([park.pk], december, scale_set))
    ids = tuple(query.order_by("pk").values_list("pk", flat=True)[:SOURCE_IDS])
    return Source("economy.MonthlyReturn", rule, query.count(), ids)


#: The details of a panel value that are sums of enterprises' amounts (the rest are counts and labels).
VALUE_DETAILS = ("cumulative", "growth_comparable_percent", "growth_plain_percent", "previous_year_plain")


def _value_cells(park: Any, year: int, scale_set: str, measure: str) -> tuple[Cell, ...]:
    """The sums a year's 累计 with its growth on both bases discloses."""
    return value_cells(
        reach=_reach(park),
        period=dt.date(year, 12, 1),
        scale_set=scale_set,
        measure=measure,
        disclosed=CUMULATIVE_CELLS,
    )


def _value_details(value: KpiValue) -> dict[str, Any]:
    return {
        "period": value.cumulative_label,
        "cumulative": value.cumulative,
        "growth_comparable_percent": _points(value.cumulative_growth.comparable),
        "growth_plain_percent": _points(value.cumulative_growth.plain),
        "previous_year_plain": value.previous_cumulative,
        "enterprises_reporting": value.reporting,
        "bases": {"comparable": kpi.Basis.COMPARABLE.label, "plain": kpi.Basis.PLAIN.label},
    }


@figure(
    "E1",
    title=gettext_noop("规模以上工业产值同比增长"),
    module="economy",
    description=gettext_noop("2023年报道:规上工业产值同比增长10%"),
)
def above_scale_output_growth(park: Any, year: int) -> Figure:
    """Cumulative output of above-scale industry, January–December, YoY on both bases."""
    value = kpi_value(
        reach=_reach(park),
        period=dt.date(year, 12, 1),
        scale_set=ScaleSet.ABOVE_SCALE_INDUSTRY,
        measure=Measure.INDUSTRIAL_OUTPUT,
    )
    rate = value.cumulative_growth.comparable
    return Figure(
        value=_points(rate),
        unit="%",
        basis=gettext(
            "同口径:%(year)s年12月在规工业企业1–12月工业总产值(当年价格)与其本身上年同期之比;"
            "总量口径增速 %(plain)s"
        )
        % {"year": year, "plain": kpi.percent(value.cumulative_growth.plain)},
        sources=(
            _return_source(
                park,
                year,
                ScaleSet.ABOVE_SCALE_INDUSTRY,
                gettext("规模以上工业企业%(previous)s–%(year)s年月度报表") % _years(year),
            ),
        ),
        details=_value_details(value),
        note="" if rate is not None else gettext("缺少本年或上年同期的规模以上工业数据。"),
        confidential=Confidential(
            domain=Domain.ECONOMY,
            cells=_value_cells(park, year, ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.INDUSTRIAL_OUTPUT),
            details=VALUE_DETAILS,
            basis=gettext("同口径:%(year)s年12月在规工业企业1–12月工业总产值(当年价格)与其本身上年同期之比")
            % {"year": year},
        ),
    )


@figure(
    "E2",
    title=gettext_noop("完成固定资产投资及同比增长"),
    module="economy",
    description=gettext_noop("2023年报道:完成固定资产投资18.2亿元,同比增长14.9%"),
)
def fixed_asset_investment_completed(park: Any, year: int) -> Figure:
    """Σ monthly completed investment of projects with a planned total ≥ 500万元, and its growth."""
    result = fixed_asset_investment(reach=_reach(park), period=dt.date(year, 12, 1))
    rows = ProjectMonthlyInvestment.objects.filter(
        park=park, project__in_scope=True, period__year__in=[year - 1, year]
    )
    return Figure(
        value=_yi(result.amount),
        unit="亿元",
        basis=gettext("计划总投资500万元及以上项目%(year)s年1–12月完成投资之和") % {"year": year},
        sources=(
            Source(
                "economy.ProjectMonthlyInvestment",
                gettext("纳统项目%(previous)s–%(year)s年月度完成投资") % _years(year),
                rows.count(),
                tuple(rows.order_by("pk").values_list("pk", flat=True)[:SOURCE_IDS]),
            ),
        ),
        details={
            "amount_yuan": result.amount,
            "previous_year_yuan": result.previous,
            "previous_year_yi": _yi(result.previous),
            "growth_percent": _points(result.growth),
            "projects": result.projects,
        },
        note="" if result.amount is not None else gettext("本年无纳统项目的完成投资记录。"),
        # Sums of the projects' enterprises (建设单位) this year and last.
        confidential=Confidential(
            domain=Domain.ECONOMY,
            cells=investment_cells(reach=_reach(park), period=dt.date(year, 12, 1)),
            details=("amount_yuan", "previous_year_yuan", "previous_year_yi", "growth_percent"),
        ),
    )


@figure(
    "E3",
    title=gettext_noop("限额以上批发业销售额及同比增长"),
    module="economy",
    description=gettext_noop("2023年报道:限额以上批发业销售额148.7亿元,同比增长17.5%"),
)
def above_quota_wholesale_sales(park: Any, year: int) -> Figure:
    """Cumulative sales of above-quota wholesale enterprises, and growth on both bases."""
    value = kpi_value(
        reach=_reach(park),
        period=dt.date(year, 12, 1),
        scale_set=ScaleSet.ABOVE_QUOTA_WHOLESALE,
        measure=Measure.SALES,
    )
    details = _value_details(value)
    details["previous_year_plain_yi"] = _yi(value.previous_cumulative)
    return Figure(
        value=_yi(value.cumulative),
        unit="亿元",
        basis=gettext(
            "%(year)s年12月在库限额以上批发业企业1–12月商品销售额;增速同口径 %(comparable)s,总量口径 %(plain)s"
        )
        % {
            "year": year,
            "comparable": kpi.percent(value.cumulative_growth.comparable),
            "plain": kpi.percent(value.cumulative_growth.plain),
        },
        sources=(
            _return_source(
                park,
                year,
                ScaleSet.ABOVE_QUOTA_WHOLESALE,
                gettext("限额以上批发业企业%(previous)s–%(year)s年月度报表") % _years(year),
            ),
        ),
        details=details,
        note="" if value.cumulative is not None else gettext("本年无限额以上批发业数据。"),
        confidential=Confidential(
            domain=Domain.ECONOMY,
            cells=_value_cells(park, year, ScaleSet.ABOVE_QUOTA_WHOLESALE, Measure.SALES),
            details=(*VALUE_DETAILS, "previous_year_plain_yi"),
            basis=gettext("%(year)s年12月在库限额以上批发业企业1–12月商品销售额;增速分同口径与总量口径")
            % {"year": year},
        ),
    )


def _entrants(park: Any, year: int, sets: tuple[str, ...], basis: str, rule: str) -> Figure:
    """The enterprises whose status in one of ``sets`` began in ``year`` (``basis`` and ``rule`` worded)."""
    changes = scale_changes(user=None, reach=_reach(park), year=year)
    wanted = set(sets)
    entered = [c for c in changes.entered if c.scale_set in wanted]
    ids = sorted({c.enterprise_id for c in entered})
    return Figure(
        value=len(ids),
        unit="户",
        basis=basis,
        sources=(Source("enterprises.EnterpriseStatus", rule, len(entered), tuple(ids)),),
        details={
            "enterprises": [
                {
                    "id": c.enterprise_id,
                    "name": c.enterprise_name,
                    "scope": c.scale_set_label,
                    "from": c.period.isoformat(),
                    "reason": c.reason,
                }
                for c in entered
            ],
            "left": [
                {"id": c.enterprise_id, "name": c.enterprise_name, "scope": c.scale_set_label}
                for c in changes.left
                if c.scale_set in wanted
            ],
        },
    )


@figure(
    "E4",
    title=gettext_noop("新纳入规模以上企业的工业企业"),
    module="economy",
    description=gettext_noop("2023年报道:2户工业企业纳入规模以上企业(宏远胶原蛋白肠衣 当年投产入规)"),
)
def new_above_scale_industry(park: Any, year: int) -> Figure:
    """Enterprises whose above-scale industry status began in ``year``."""
    return _entrants(
        park,
        year,
        (ScaleSet.ABOVE_SCALE_INDUSTRY.value,),
        gettext("规模以上工业状态起始于%(year)s年的企业(来自企业状态历史及统计部门入规决定)")
        % {"year": year},
        gettext("%(year)s年新纳入规模以上工业") % {"year": year},
    )


@figure(
    "E5",
    title=gettext_noop("新纳入限额以上企业的商贸企业"),
    module="economy",
    description=gettext_noop("2023年报道:7户商贸企业纳入限额以上企业(一家亲农产品、嘉珂商贸……)"),
)
def new_above_quota_trade(park: Any, year: int) -> Figure:
    """Enterprises whose above-quota wholesale/retail/accommodation/catering status began in ``year``."""
    return _entrants(
        park,
        year,
        TRADE_SETS,
        gettext(
            "限额以上商贸(批发、零售、住宿、餐饮)状态起始于%(year)s年的企业(来自企业状态历史及统计部门入规决定)"
        )
        % {"year": year},
        gettext("%(year)s年新纳入限额以上商贸(批发、零售、住宿、餐饮)") % {"year": year},
    )


@figure(
    "E6",
    title=gettext_noop("规模以上工业单位增加值能耗同比变化"),
    module="economy",
    description=gettext_noop("2023年报道:规模以上工业单位增加值能耗降低9.9%"),
)
def above_scale_energy_intensity(park: Any, year: int) -> Figure:
    """Change of tce per 万元 value added (comparable prices) of above-scale industry, same enterprises."""
    december = dt.date(year, 12, 1)
    result = energy_intensity(reach=_reach(park), period=december)
    change = -result.reduction if result.reduction is not None else None
    measures = (Measure.ENERGY_TCE, Measure.VALUE_ADDED)
    cells = PanelCells.around(_reach(park), december, ScaleSet.ABOVE_SCALE_INDUSTRY, measures)
    return Figure(
        value=_points(change),
        unit="%",
        basis=gettext(
            "规模以上工业综合能源消费量(吨标准煤,GB/T 2589 折标系数)/工业增加值(可比价,万元),"
            "%(year)s年1–12月与同一批企业上年同期相比的变化(负数为降低);"
            "降低率 = 1 −(1+能耗增速)/(1+增加值增速)"
        )
        % {"year": year},
        sources=(
            _return_source(
                park, year, ScaleSet.ABOVE_SCALE_INDUSTRY, gettext("规模以上工业企业月度报表(含能源消费)")
            ),
        ),
        details={
            "reduction_percent": _points(result.reduction),
            "intensity_tce_per_wan": result.intensity.quantize(Decimal("0.0001"))
            if result.intensity
            else None,
            "previous_intensity_tce_per_wan": result.previous_intensity.quantize(Decimal("0.0001"))
            if result.previous_intensity
            else None,
            "energy_tce": result.tce,
            "value_added_yuan": result.value_added,
            "energy_growth_percent": _points(result.energy_growth),
            "value_added_growth_percent": _points(result.value_added_growth),
        },
        note="" if change is not None else gettext("缺少本年或上年同期的能耗或增加值数据。"),
        confidential=Confidential(
            domain=Domain.ECONOMY,
            cells=tuple(c for m in measures for c in cells.cells(m, december, COMPARABLE_CELLS)),
            details=(
                "reduction_percent",
                "intensity_tce_per_wan",
                "previous_intensity_tce_per_wan",
                "energy_tce",
                "value_added_yuan",
                "energy_growth_percent",
                "value_added_growth_percent",
            ),
        ),
    )
