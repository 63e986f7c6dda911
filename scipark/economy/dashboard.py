"""The dashboard's content, built from ``selectors`` (numbers) and ``kpi`` (wording): cards, tables and the
chart data the page hands to ECharts. No number is computed here that a selector already gives.

Money is shown as the park writes it (亿元 from 1亿, 万元 below); a suppressed cell (SECURITY.md row 10)
reads "—(数据保密)"; a period without data says so instead of showing 0 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from scipark.core.money import YI, in_wan, in_yi, wan_figure
from scipark.core.suppression import SUPPRESSED_TEXT, suppressed_text
from scipark.core.terms import month_label

from . import kpi, selectors
from .models import Measure, ScaleSet
from .profile import chart_wan

SUPPRESSED = SUPPRESSED_TEXT  # in Chinese; a page shows suppressed_text(), in the reader's language

NO_DATA = gettext_lazy("本期无数据")

#: The headline KPIs: (scale set, measure, how the park words it).
HEADLINES: tuple[tuple[str, str, Any], ...] = (
    (ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.INDUSTRIAL_OUTPUT, gettext_lazy("规模以上工业产值")),
    (ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.VALUE_ADDED, gettext_lazy("规模以上工业增加值")),
    (ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.REVENUE, gettext_lazy("规模以上工业营业收入")),
    (ScaleSet.ABOVE_QUOTA_WHOLESALE, Measure.SALES, gettext_lazy("限额以上批发业销售额")),
    (ScaleSet.ABOVE_QUOTA_RETAIL, Measure.SALES, gettext_lazy("限额以上零售业销售额")),
)
#: The KPI the trend and breakdown charts show, and the choices offered.
CHART_KPIS: tuple[tuple[str, str, Any], ...] = HEADLINES[:1] + HEADLINES[3:4] + HEADLINES[1:2]


def money_text(value: Decimal | None) -> str:
    """``1.82e9`` → ``"18.20亿元"``; ``3.5e6`` → ``"350.00万元"``; ``None`` → ``"—"``: two places, half up, with
    thousands separators (``core.money``)."""
    if value is None:
        return "—"
    if abs(value) >= YI:
        return _("%(amount)s亿元") % {"amount": f"{in_yi(value):,}"}
    return _("%(amount)s万元") % {"amount": wan_figure(value, places=2)}


def cell_text(cell: Any) -> Any:
    """A table's cell as the page writes it. The tables' rows keep a number of 万元 (``core.money.in_wan``:
    two places, half up), which the export writes as a number; the page groups its thousands, as ``wan_figure``
    writes a list's column. Anything else as it is."""
    return f"{cell:,}" if isinstance(cell, Decimal) else cell


def row_text(row: list[Any]) -> list[Any]:
    return [cell_text(cell) for cell in row]


def points_text(value: Decimal | None) -> str:
    """A contribution in percentage points: ``"+1.23个百分点"``."""
    if value is None:
        return "—"
    return _("%(points)s个百分点") % {"points": f"{value.quantize(Decimal('0.01')):+}"}


@dataclass(frozen=True)
class Selection:
    """What the dashboard shows: one park (or the zone: ``park`` None), a year and a month."""

    park: Any | None
    period: dt.date
    reach: selectors.Reach

    @property
    def park_param(self) -> str:
        return str(self.park.pk) if self.park is not None else "zone"

    def query(self, **extra: Any) -> str:
        params = {"park": self.park_param, "year": self.period.year, "month": self.period.month, **extra}
        return urlencode(params)


@dataclass
class Card:
    """A headline card: the park's sentence, the value and both growth rates, and where to drill."""

    title: str
    sentence: str
    value: str
    period_label: str
    comparable: str
    plain: str
    basis_note: str
    reporting: int
    suppressed: bool
    has_data: bool
    drill_url: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)


def _suppressed_sentence(phrase: Any) -> str:
    return _("%(kpi)s%(suppressed)s") % {"kpi": phrase, "suppressed": suppressed_text()}


def _no_data_sentence(phrase: Any, period: str) -> str:
    return _("%(kpi)s:%(period)s本期无数据") % {"kpi": phrase, "period": period}


def _growth_sentence(phrase: Any, value: selectors.KpiValue) -> str:
    if value.suppressed:
        return _suppressed_sentence(phrase)
    if not value.has_data:
        return _no_data_sentence(phrase, value.cumulative_label)
    rate = value.cumulative_growth.comparable
    if rate is None:
        return _("%(kpi)s%(amount)s,无上年同期可比数据") % {
            "kpi": phrase,
            "amount": money_text(value.cumulative),
        }
    return _("%(kpi)s同比%(change)s") % {"kpi": phrase, "change": kpi.growth_phrase(rate)}


def _rate_text(rate: Decimal | None, value: selectors.KpiValue) -> str:
    if value.suppressed:
        return suppressed_text()
    if not value.has_data:
        return str(NO_DATA)
    return kpi.percent(rate)


def drill_url(selection: Selection, **params: Any) -> str:
    """The drill-down page for a cell of the current selection."""
    return f"{reverse('economy:drill')}?{selection.query(**params)}"


def headline_cards(selection: Selection, *, individual: bool) -> list[Card]:
    """The KPI cards, each worded as the park reports it, with the basis of each rate labelled."""
    cards = []
    for scale_set, measure, phrase in HEADLINES:
        value = selectors.kpi_value(
            reach=selection.reach, period=selection.period, scale_set=scale_set, measure=measure
        )
        cards.append(
            Card(
                title=str(phrase),
                sentence=_growth_sentence(phrase, value),
                value=suppressed_text() if value.suppressed else money_text(value.cumulative),
                period_label=value.cumulative_label,
                comparable=_rate_text(value.cumulative_growth.comparable, value),
                plain=_rate_text(value.cumulative_growth.plain, value),
                basis_note="",
                reporting=value.reporting,
                suppressed=value.suppressed,
                has_data=value.has_data,
                drill_url=drill_url(selection, scale_set=scale_set, measure=measure)
                if individual and value.has_data
                else "",
            )
        )
    return cards


def investment_card(selection: Selection, *, individual: bool) -> Card:
    """固定资产投资: projects ≥ 500万元, 累计 and growth on plain totals (projects have no 同口径)."""
    figure = selectors.fixed_asset_investment(reach=selection.reach, period=selection.period)
    label = kpi.cumulative_label((selection.period.year, selection.period.month))
    has = figure.amount is not None
    title = _("固定资产投资")
    if figure.suppressed:
        sentence = _suppressed_sentence(title)
    elif not has:
        sentence = _no_data_sentence(title, label)
    elif figure.growth is None:
        sentence = _("完成固定资产投资%(amount)s,无上年同期可比数据") % {"amount": money_text(figure.amount)}
    else:
        sentence = _("完成固定资产投资%(amount)s,同比%(change)s") % {
            "amount": money_text(figure.amount),
            "change": kpi.growth_phrase(figure.growth),
        }
    return Card(
        title=title,
        sentence=sentence,
        value=suppressed_text() if figure.suppressed else money_text(figure.amount),
        period_label=label,
        comparable="",
        plain=suppressed_text() if figure.suppressed else kpi.percent(figure.growth) if has else str(NO_DATA),
        basis_note=_("计划总投资500万元及以上项目"),
        reporting=figure.projects,
        suppressed=figure.suppressed,
        has_data=has,
        drill_url=f"{reverse('economy:project_list')}?in_scope=yes" if individual and has else "",
    )


def energy_card(selection: Selection, *, individual: bool) -> Card:
    """规上工业单位增加值能耗 and its reduction (same enterprises as a year before)."""
    figure = selectors.energy_intensity(reach=selection.reach, period=selection.period)
    label = kpi.cumulative_label((selection.period.year, selection.period.month))
    intensity = _("规模以上工业单位增加值能耗")
    if figure.suppressed:
        sentence, value = _suppressed_sentence(intensity), suppressed_text()
    elif figure.intensity is None:
        sentence, value = _no_data_sentence(intensity, label), "—"
    else:
        value = _("%(intensity)s吨标准煤/万元") % {"intensity": figure.intensity.quantize(Decimal("0.0001"))}
        if figure.reduction is None:
            sentence = _("规模以上工业单位增加值能耗:无上年同期可比数据")
        elif figure.reduction >= 0:
            sentence = _("规模以上工业单位增加值能耗降低%(rate)s") % {"rate": kpi.percent(figure.reduction)}
        else:
            sentence = _("规模以上工业单位增加值能耗上升%(rate)s") % {"rate": kpi.percent(-figure.reduction)}
    if figure.suppressed:
        reduction_text = suppressed_text()
    elif figure.intensity is None:
        reduction_text = str(NO_DATA)
    else:
        reduction_text = kpi.percent(figure.reduction)
    extra = []
    if not figure.suppressed and figure.intensity is not None:
        extra = [
            (
                _("综合能耗"),
                _("%(tce)s吨标准煤")
                % {"tce": figure.tce.quantize(Decimal("0.01")) if figure.tce is not None else "—"},
            ),
            (_("能耗增速"), kpi.percent(figure.energy_growth)),
            (_("增加值增速"), kpi.percent(figure.value_added_growth)),
        ]
    return Card(
        title=_("单位工业增加值能耗"),
        sentence=sentence,
        value=value,
        period_label=label,
        comparable=reduction_text,
        plain="",
        basis_note=_("降低率 = 1 −(1+能耗增速)/(1+增加值增速)"),
        reporting=0,
        suppressed=figure.suppressed,
        has_data=figure.intensity is not None,
        drill_url=drill_url(selection, scale_set=ScaleSet.ABOVE_SCALE_INDUSTRY, measure=Measure.ENERGY_TCE)
        if individual and figure.intensity is not None
        else "",
        extra=extra,
    )


def trend_chart(selection: Selection, scale_set: str, measure: str) -> tuple[dict[str, Any], list[list[Any]]]:
    """当月 and 累计, this year against last, month by month (万元): chart data and table rows."""
    year, month = selection.period.year, selection.period.month
    now = selectors.kpi_trend(
        reach=selection.reach, year=year, scale_set=scale_set, measure=measure, last_month=month
    )
    then = selectors.kpi_trend(reach=selection.reach, year=year - 1, scale_set=scale_set, measure=measure)
    labels = [month_label(p.period.month) for p in now]
    axis = kpi.month_axis(month)
    by_month_now = {p.period.month: p for p in now}
    by_month_then = {p.period.month: p for p in then}
    month_chart = {
        "labels": [label for _m, label in axis],
        "unit": _("万元"),
        "legend": True,
        "series": [
            {
                "name": _("%(year)s年当月") % {"year": year},
                "type": "bar",
                "data": [chart_wan(by_month_now[m].month) if m in by_month_now else None for m, _l in axis],
            },
            {
                "name": _("%(year)s年当月") % {"year": year - 1},
                "type": "bar",
                "data": [chart_wan(by_month_then[m].month) if m in by_month_then else None for m, _l in axis],
            },
        ],
    }
    cumulative_chart = {
        "labels": labels,
        "unit": _("万元"),
        "series": [
            {"name": _("%(year)s年累计") % {"year": year}, "data": [chart_wan(p.cumulative) for p in now]},
            {
                "name": _("%(year)s年累计") % {"year": year - 1},
                "data": [chart_wan(p.cumulative) for p in then[:month]],
            },
        ],
    }
    rows = []
    for point, before in zip(now, then[:month], strict=False):
        missing = suppressed_text() if point.suppressed else str(NO_DATA)
        rows.append(
            [
                point.label,
                in_wan(point.month),
                in_wan(point.cumulative),
                in_wan(before.cumulative),
                kpi.percent(point.cumulative_growth.comparable) if point.cumulative is not None else missing,
                kpi.percent(point.cumulative_growth.plain) if point.cumulative is not None else missing,
            ]
        )
    return {"month": month_chart, "cumulative": cumulative_chart}, rows


TREND_HEADERS = (
    gettext_lazy("月份"),
    gettext_lazy("当月(万元)"),
    gettext_lazy("累计(万元)"),
    gettext_lazy("上年同期累计(万元)"),
    gettext_lazy("累计增速(同口径)"),
    gettext_lazy("累计增速(总量)"),
)


@dataclass(frozen=True)
class BreakdownLine:
    code: str
    name: str
    value: str
    value_wan: float | None  # the chart's
    comparable: str
    plain: str
    share: str
    suppressed: bool
    drill_url: str


def breakdown(
    selection: Selection, scale_set: str, measure: str, level: str, *, individual: bool
) -> list[BreakdownLine]:
    """The KPI by GB/T 4754 section or division, with growth on both bases and share of the total."""
    lines = []
    for row in selectors.kpi_breakdown(
        reach=selection.reach, period=selection.period, scale_set=scale_set, measure=measure, level=level
    ):
        value = row.value
        key = "section" if level == "section" else "division"
        lines.append(
            BreakdownLine(
                code=row.code,
                name=row.name,
                value=suppressed_text() if value.suppressed else money_text(value.cumulative),
                value_wan=None if value.suppressed else chart_wan(value.cumulative),
                comparable=_rate_text(value.cumulative_growth.comparable, value),
                plain=_rate_text(value.cumulative_growth.plain, value),
                share=suppressed_text() if value.suppressed else kpi.percent(row.share),
                suppressed=value.suppressed,
                drill_url=drill_url(selection, scale_set=scale_set, measure=measure, **{key: row.code})
                if individual
                else "",
            )
        )
    return lines


BREAKDOWN_HEADERS = (
    gettext_lazy("代码"),
    gettext_lazy("行业"),
    gettext_lazy("累计"),
    gettext_lazy("增速(同口径)"),
    gettext_lazy("增速(总量)"),
    gettext_lazy("占比"),
)


def breakdown_chart(lines: list[BreakdownLine]) -> dict[str, Any]:
    shown = [line for line in lines if line.value_wan is not None][:12]
    return {
        "labels": [f"{line.code} {line.name}" for line in reversed(shown)],
        "unit": _("万元"),
        "horizontal": True,
        "series": [
            {"name": pgettext("chart series", "累计"), "data": [line.value_wan for line in reversed(shown)]}
        ],
    }


@dataclass(frozen=True)
class Gauge:
    id: str
    name: str
    actual: str
    target: str
    completion: str
    time_progress: str
    alert: str
    alert_label: str
    chart: dict[str, Any]
    #: "amount" (completion against time progress) or "growth" (the rate against the target rate).
    kind: str = "amount"


ALERT_LABELS = {
    kpi.Alert.ON_TRACK: gettext_lazy("进度正常"),
    kpi.Alert.WARNING: gettext_lazy("预警:完成进度落后于时间进度"),
    kpi.Alert.ALARM: gettext_lazy("告警:完成进度明显落后于时间进度"),
    kpi.Alert.NO_DATA: NO_DATA,
}
GROWTH_ALERT_LABELS = {
    kpi.Alert.ON_TRACK: gettext_lazy("增速达到目标"),
    kpi.Alert.WARNING: gettext_lazy("预警:增速低于目标"),
    kpi.Alert.ALARM: gettext_lazy("告警:增速明显低于目标"),
    kpi.Alert.NO_DATA: NO_DATA,
}


def _indicator_text(indicator: Any, value: Decimal | None) -> str:
    if value is None:
        return "—"
    if indicator.unit == "元":
        return money_text(value)
    if indicator.target_kind == "growth":
        return f"{value.quantize(Decimal('0.1'))}%"
    return f"{kpi.plain(value):,f}{indicator.unit}"


def growth_gauge_chart(actual_percent: Decimal | None, target_percent: Decimal) -> dict[str, Any]:
    """The gauge of a growth target: the rate itself on a scale that holds both it and the target.

    The scale runs from min(0, rate) to the larger of 1.5 × target and the rate, in whole tens of points
    (at least 10), so a rate above the target shows above it rather than as 0.
    """
    low = min(Decimal(0), actual_percent or Decimal(0))
    high = max(target_percent * Decimal("1.5"), actual_percent or Decimal(0), Decimal(10))
    low_edge = -(((-low) / 10).to_integral_value(rounding="ROUND_CEILING") * 10)
    high_edge = (high / 10).to_integral_value(rounding="ROUND_CEILING") * 10
    return {
        "kind": "growth",
        "value": float(actual_percent.quantize(Decimal("0.1"))) if actual_percent is not None else None,
        "target": float(target_percent),
        "min": float(low_edge),
        "max": float(high_edge),
    }


def _growth_gauge(index: int, row: Any) -> Gauge:
    actual, target = row.actual, row.target.value
    gap = kpi.growth_gap_phrase(actual_percent=actual, target_percent=target)
    return Gauge(
        id=f"gauge-{index}",
        name=row.indicator.shown_name,
        actual=_indicator_text(row.indicator, actual),
        target=_indicator_text(row.indicator, target),
        completion=gap,
        time_progress="",
        alert=str(row.alert),
        alert_label=str(GROWTH_ALERT_LABELS[row.alert]),
        chart=growth_gauge_chart(actual, target),
        kind="growth",
    )


def target_gauges(user: Any, selection: Selection) -> list[Gauge]:
    """Each annual target of the park's year: completion against time progress, with the warning level;
    a growth target: the rate against the target rate (a rate above the target reads as such)."""
    if selection.park is None:
        return []
    gauges = []
    for index, row in enumerate(
        selectors.target_progress_list(user=user, park=selection.park, period=selection.period)
    ):
        if row.progress is None:
            gauges.append(_growth_gauge(index, row))
            continue
        progress = row.progress
        completion = progress.completion
        elapsed = progress.time_progress
        gauges.append(
            Gauge(
                id=f"gauge-{index}",
                name=row.indicator.shown_name,
                actual=_indicator_text(row.indicator, row.actual),
                target=_indicator_text(row.indicator, row.target.value),
                completion=kpi.percent(completion) if completion is not None else "—",
                time_progress=kpi.percent(elapsed),
                alert=str(row.alert),
                alert_label=str(ALERT_LABELS[row.alert]),
                chart={
                    "kind": "amount",
                    "completion": float((completion * 100).quantize(Decimal("0.1")))
                    if completion is not None
                    else None,
                    "time_progress": float((elapsed * 100).quantize(Decimal("0.1"))),
                },
            )
        )
    return gauges


TARGET_HEADERS = (
    gettext_lazy("指标"),
    gettext_lazy("目标"),
    gettext_lazy("实际"),
    gettext_lazy("完成进度"),
    gettext_lazy("时间进度"),
    gettext_lazy("状态"),
)


def contributor_rows(contributions: selectors.Contributions) -> list[list[Any]]:
    rows = []
    for side, items in ((_("拉动最多"), contributions.top), (_("拖累最多"), contributions.bottom)):
        for item in items:
            rows.append(
                [
                    side,
                    item.name,
                    in_wan(item.current),
                    in_wan(item.previous),
                    float(item.points.quantize(Decimal("0.01"))),
                ]
            )
    return rows


CONTRIBUTOR_HEADERS = (
    gettext_lazy("类别"),
    gettext_lazy("企业"),
    gettext_lazy("本年累计(万元)"),
    gettext_lazy("上年同期(万元)"),
    gettext_lazy("拉动(百分点)"),
)


def contributor_chart(contributions: selectors.Contributions) -> dict[str, Any]:
    items = sorted(contributions.top + contributions.bottom, key=lambda c: c.points)
    return {
        "labels": [c.name for c in items],
        "unit": _("个百分点"),
        "horizontal": True,
        "series": [{"name": _("拉动"), "data": [float(c.points.quantize(Decimal("0.01"))) for c in items]}],
    }


@dataclass(frozen=True)
class ChangeCount:
    label: str
    entered: int
    left: int


def change_counts(changes: selectors.ScaleChanges) -> list[ChangeCount]:
    """Entering and leaving counts per above-scale set (industry, each trade set, services)."""
    groups = (
        (_("规模以上工业"), [ScaleSet.ABOVE_SCALE_INDUSTRY]),
        (
            _("限额以上商贸业"),
            [
                ScaleSet.ABOVE_QUOTA_WHOLESALE,
                ScaleSet.ABOVE_QUOTA_RETAIL,
                ScaleSet.ABOVE_QUOTA_ACCOMMODATION,
                ScaleSet.ABOVE_QUOTA_CATERING,
            ],
        ),
        (_("规模以上服务业"), [ScaleSet.ABOVE_SCALE_SERVICES]),
    )
    return [
        ChangeCount(label, changes.count("enter", sets), changes.count("leave", sets))
        for label, sets in groups
    ]


CHANGE_HEADERS = (
    gettext_lazy("企业"),
    gettext_lazy("统计范围"),
    gettext_lazy("纳入/退出"),
    gettext_lazy("月份"),
    gettext_lazy("原因"),
)


def change_rows(changes: selectors.ScaleChanges) -> list[list[Any]]:
    return [
        [
            c.enterprise_name,
            c.scale_set_label,
            pgettext("scale set", "纳入") if c.direction == "enter" else pgettext("scale set", "退出"),
            f"{c.period:%Y-%m}",
            c.reason,
        ]
        for c in [*changes.entered, *changes.left]
    ]
