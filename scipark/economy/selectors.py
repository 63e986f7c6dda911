"""Reads of the economy module: the KPI panel and its parts, as small dataclasses pages, API and figures render.

Two kinds of reach (DESIGN.md rule 1, SECURITY.md row 10):
- *individual* data (an enterprise's returns, contributions, the pipeline) goes through
  ``Model.objects.restrict(user, action)``;
- *aggregates* (sums over a park's or the zone's enterprises, from ``MonthlyAggregate``) are shown in
  the parks the user may read economy data or reports of; where the user cannot see individual
  returns (zone viewers), a cell of fewer than 3 enterprises, or one with an enterprise over 85 %, is
  suppressed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Q, Sum

from scipark.core import access
from scipark.core.roles import Role
from scipark.enterprises.models import Enterprise, EnterpriseStatus, Industry

from . import energy, kpi, pipeline
from .aggregates import division_of, month_end
from .models import (
    AnnualTarget,
    FixedAssetProject,
    Indicator,
    Measure,
    MonthlyAggregate,
    MonthlyReturn,
    ProjectMonthlyInvestment,
    ScaleDecision,
    ScaleSet,
)

ZERO = Decimal(0)


# --- reach ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """The parks a panel covers, and in which of them the viewer may see individual enterprises."""

    park_ids: tuple[int, ...]
    individual_park_ids: frozenset[int]

    @property
    def individual(self) -> bool:
        """Whether every park of the panel shows individual data (no suppression needed)."""
        return bool(self.park_ids) and set(self.park_ids) <= self.individual_park_ids


def reachable_parks(user: Any) -> Reach:
    """Every park whose economy aggregates the user may read (staff and leaders: their park; zone
    viewers: the zone's parks, aggregates only)."""
    scope = access.scope_for(user)
    individual = scope.park_ids(access.Domain.ECONOMY, access.Action.VIEW)
    parks = set(individual) | scope.park_ids(access.Domain.REPORTS, access.Action.VIEW)
    zones = {g.zone_id for g in scope.grants if g.role == Role.ZONE_VIEWER and g.zone_id is not None}
    if zones:
        park_model = apps.get_model("parks", "Park")
        parks |= set(park_model.objects.filter(zone_id__in=zones).values_list("pk", flat=True))
    return Reach(tuple(sorted(parks)), frozenset(individual))


def panel_reach(user: Any, park: Any | None = None) -> Reach:
    """The reach for one park (``None``: every reachable park, i.e. the zone); a park out of reach is empty."""
    reach = reachable_parks(user)
    if park is None:
        return reach
    pk = park if isinstance(park, int) else park.pk
    return Reach((pk,) if pk in reach.park_ids else (), reach.individual_park_ids)


# --- periods ----------------------------------------------------------------------------------------


def as_period(value: dt.date) -> kpi.Period:
    return (value.year, value.month)


def as_date(period: kpi.Period) -> dt.date:
    return dt.date(period[0], period[1], 1)


def latest_period(reach: Reach) -> dt.date | None:
    """The latest month with any counting return in the reach (the panel's default)."""
    found = (
        MonthlyAggregate.objects.filter(park_id__in=reach.park_ids, scale_set=ScaleSet.ALL, reporting__gt=0)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    return found


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
        if self.suppressed:
            return f"{self.scale_set_label}{self.measure_label}:数据不足以公开(保密)"
        if not self.has_data:
            return f"{self.scale_set_label}{self.measure_label}:{self.cumulative_label}无数据"
        return (
            f"{self.scale_set_label}{self.measure_label}同比"
            f"{kpi.growth_phrase(self.cumulative_growth.comparable)}(同口径)"
        )


def _sum_rows(rows: Iterable[dict[str, Any]], measure: str) -> dict[str, Decimal]:
    total = {"cur": ZERO, "cum": ZERO, "cmp": ZERO, "cmpcum": ZERO, "reporting": ZERO}
    for row in rows:
        for prefix in ("cur", "cum", "cmp", "cmpcum"):
            total[prefix] += row[f"{prefix}_{measure}"] or ZERO
        total["reporting"] += row["reporting"] or 0
    return total


def _columns(measure: str) -> list[str]:
    return [f"{prefix}_{measure}" for prefix in ("cur", "cum", "cmp", "cmpcum")]


def _cell_rows(
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
    return KpiValue(
        measure=measure,
        measure_label=str(Measure(measure).label),
        scale_set=scale_set,
        scale_set_label=str(ScaleSet(scale_set).label),
        period=period,
        month_label=kpi.period_label(p),
        cumulative_label=kpi.cumulative_label(p),
        month=None if hidden else month,
        cumulative=None if hidden else cumulative,
        month_growth=GrowthPair(None, None) if hidden else month_growth,
        cumulative_growth=GrowthPair(None, None)
        if hidden
        else GrowthPair(
            kpi.growth(cumulative, now["cmpcum"]) if has else None,
            kpi.growth(cumulative, then["cum"]) if has and had else None,
        ),
        previous_cumulative=(then["cum"] if had else None) if not hidden else None,
        reporting=reporting,
        suppressed=hidden,
    )


def kpi_value(*, reach: Reach, period: dt.date, scale_set: str, measure: str) -> KpiValue:
    """当月/累计 and growth (同口径 and 总量口径) of one measure over the reach."""
    before = as_date(kpi.shift(as_period(period), -12))
    rows = _by_period(_cell_rows(reach, [period, before], scale_set, measure))
    now = _sum_rows(rows.get(period, []), measure)
    then = _sum_rows(rows.get(before, []), measure)
    suppressed = not reach.individual and _suppressed_cell(reach, period, scale_set, measure)
    return _value(
        measure=measure, scale_set=scale_set, period=period, now=now, then=then, suppressed=suppressed
    )


def _enterprise_totals(
    reach: Reach,
    period: dt.date,
    scale_set: str,
    measure: str,
    division: str | None = None,
    section: str | None = None,
) -> dict[int, Decimal]:
    """Each enterprise's cumulative value in a cell (for suppression and contributions)."""
    query = MonthlyReturn.objects.filter(
        park_id__in=reach.park_ids,
        is_current=True,
        period__gte=period.replace(month=1),
        period__lte=period,
    )
    if scale_set != ScaleSet.ALL:
        query = query.filter(enterprise_id__in=members(reach.park_ids, period, scale_set))
    if division is not None:
        query = query.filter(enterprise__industry_id__startswith=division) if division else query
    if section is not None:
        query = query.filter(enterprise__industry__section=section)
    return {
        row["enterprise_id"]: row["total"] or ZERO
        for row in query.values("enterprise_id").annotate(total=Sum(measure))
    }


def members(park_ids: Sequence[int], period: dt.date, scale_set: str) -> list[int]:
    """The enterprises in an above-scale set at ``period`` (status covering the month's last day)."""
    end = month_end(period)
    return list(
        EnterpriseStatus.objects.filter(
            enterprise__park_id__in=list(park_ids), kind=scale_set, valid_from__lte=end
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .values_list("enterprise_id", flat=True)
    )


def _suppressed_cell(
    reach: Reach,
    period: dt.date,
    scale_set: str,
    measure: str,
    division: str | None = None,
    section: str | None = None,
) -> bool:
    totals = _enterprise_totals(reach, period, scale_set, measure, division, section)
    return kpi.suppressed(totals.values())


# --- breakdown by industry ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakdownRow:
    """One GB/T 4754 section or division of a KPI: 累计 with its growth on both bases, and its share."""

    code: str
    name: str
    value: KpiValue
    share: Decimal | None  # of the reach's total (fraction)


def kpi_breakdown(
    *, reach: Reach, period: dt.date, scale_set: str, measure: str, level: str = "section"
) -> list[BreakdownRow]:
    """The KPI by GB/T 4754 section (门类) or division (大类), largest first."""
    key = "section" if level == "section" else "division"
    before = as_date(kpi.shift(as_period(period), -12))
    now: dict[str, list[dict[str, Any]]] = defaultdict(list)
    then: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _cell_rows(reach, [period, before], scale_set, measure, (key,)):
        (now if row["period"] == period else then)[row[key]].append(row)
    names = dict(Industry.objects.filter(code__in=list(now)).values_list("code", "name"))
    total = sum((r[f"cum_{measure}"] for rows in now.values() for r in rows), ZERO)
    result = []
    for code, rows in now.items():
        hidden = not reach.individual and _suppressed_cell(
            reach,
            period,
            scale_set,
            measure,
            **({"section": code} if key == "section" else {"division": code}),
        )
        value = _value(
            measure=measure,
            scale_set=scale_set,
            period=period,
            now=_sum_rows(rows, measure),
            then=_sum_rows(then.get(code, []), measure),
            suppressed=hidden,
        )
        share = None if hidden or total <= ZERO or value.cumulative is None else value.cumulative / total
        result.append(BreakdownRow(code, names.get(code, code or "未分类"), value, share))
    result.sort(key=lambda r: r.value.cumulative or ZERO, reverse=True)
    return result


# --- monthly trend -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    period: dt.date
    label: str
    month: Decimal | None
    cumulative: Decimal | None
    cumulative_growth: GrowthPair


def kpi_trend(
    *, reach: Reach, year: int, scale_set: str, measure: str, last_month: int = 12
) -> list[TrendPoint]:
    """Month by month for a year: 当月, 累计 and cumulative growth (for the dashboard's line charts)."""
    periods = [dt.date(y, m, 1) for y in (year - 1, year) for m in range(1, last_month + 1)]
    by_period = _by_period(_cell_rows(reach, periods, scale_set, measure))
    suppressed = not reach.individual and _suppressed_cell(
        reach, dt.date(year, last_month, 1), scale_set, measure
    )
    points = []
    for m in range(1, last_month + 1):
        period = dt.date(year, m, 1)
        value = _value(
            measure=measure,
            scale_set=scale_set,
            period=period,
            now=_sum_rows(by_period.get(period, []), measure),
            then=_sum_rows(by_period.get(dt.date(year - 1, m, 1), []), measure),
            suppressed=suppressed,
        )
        points.append(
            TrendPoint(period, value.month_label, value.month, value.cumulative, value.cumulative_growth)
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
    rows = _cell_rows(reach, [period], scale_set, Measure.ENERGY_TCE)
    va_rows = _cell_rows(reach, [period], scale_set, Measure.VALUE_ADDED)
    e = _sum_rows(rows, Measure.ENERGY_TCE)
    v = _sum_rows(va_rows, Measure.VALUE_ADDED)
    if not reach.individual and _suppressed_cell(reach, period, scale_set, Measure.ENERGY_TCE):
        return EnergyFigure(period, None, None, None, None, None, None, None, suppressed=True)
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


def fixed_asset_investment(*, reach: Reach, period: dt.date) -> InvestmentFigure:
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


# --- entering and leaving the above-scale sets -------------------------------------------------------


@dataclass(frozen=True)
class ScaleChange:
    enterprise_id: int
    enterprise_name: str
    scale_set: str
    scale_set_label: str
    direction: str  # "enter" / "leave"
    period: dt.date
    reason: str  # the decision's reason label, when a decision was recorded


@dataclass(frozen=True)
class ScaleChanges:
    year: int
    entered: list[ScaleChange]
    left: list[ScaleChange]

    def count(self, direction: str, sets: Iterable[str]) -> int:
        wanted = set(sets)
        rows = self.entered if direction == "enter" else self.left
        return len({r.enterprise_id for r in rows if r.scale_set in wanted})


def scale_changes(*, user: Any, reach: Reach, year: int) -> ScaleChanges:
    """Enterprises whose above-scale status began (entered) or ended (left) in ``year``, from the status
    history (which the recorded decisions write). ``user=None`` is the system (figures, reports);
    otherwise names are given only where the user sees individual enterprises."""
    if user is not None and reach.individual:
        visible = EnterpriseStatus.objects.restrict(user, access.Action.VIEW)
    else:
        visible = EnterpriseStatus.objects.all()
    statuses = visible.filter(
        enterprise__park_id__in=reach.park_ids, kind__in=[s for s in ScaleSet.values if s != ScaleSet.ALL]
    ).select_related("enterprise")
    reasons = {
        (d.enterprise_id, d.scale_set, d.direction): d.get_reason_display()
        for d in ScaleDecision.objects.filter(
            park_id__in=reach.park_ids, effective_period__year__in=[year, year + 1]
        )
    }
    entered, left = [], []
    for status in statuses.filter(Q(valid_from__year=year) | Q(valid_to__year=year)):
        label = str(ScaleSet(status.kind).label)
        name = status.enterprise.name if reach.individual or user is None else ""
        if status.valid_from.year == year:
            entered.append(
                ScaleChange(
                    status.enterprise_id,
                    name,
                    status.kind,
                    label,
                    "enter",
                    status.valid_from.replace(day=1),
                    str(reasons.get((status.enterprise_id, status.kind, "enter"), "")),
                )
            )
        if status.valid_to is not None and status.valid_to.year == year:
            left.append(
                ScaleChange(
                    status.enterprise_id,
                    name,
                    status.kind,
                    label,
                    "leave",
                    status.valid_to.replace(day=1),
                    str(reasons.get((status.enterprise_id, status.kind, "leave"), "")),
                )
            )
    entered.sort(key=lambda c: (c.period, c.enterprise_name))
    left.sort(key=lambda c: (c.period, c.enterprise_name))
    return ScaleChanges(year, entered, left)


# --- missing returns -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingReturn:
    """An enterprise expected to report for the period that has not submitted by the deadline."""

    enterprise_id: int
    enterprise_name: str
    status: str  # "" (nothing) or the open revision's status (draft / rejected)
    last_period: dt.date | None


def expected_reporters(park_ids: Sequence[int], period: dt.date) -> set[int]:
    """Who must report: every enterprise in an above-scale set at ``period``, and everyone who reported
    the month before."""
    expected: set[int] = set()
    for scale_set in ScaleSet.values:
        if scale_set != ScaleSet.ALL:
            expected |= set(members(park_ids, period, scale_set))
    previous = (period - dt.timedelta(days=1)).replace(day=1)
    expected |= set(
        MonthlyReturn.objects.filter(
            park_id__in=list(park_ids), period=previous, is_current=True
        ).values_list("enterprise_id", flat=True)
    )
    return expected


def missing_returns(*, user: Any, park: Any, period: dt.date) -> list[MissingReturn]:
    """Enterprises of the park that have not submitted (or had accepted) a return for ``period``."""
    enterprises = Enterprise.objects.restrict(user, access.Action.VIEW).filter(park=park)
    expected = expected_reporters([park.pk], period) & set(enterprises.values_list("pk", flat=True))
    filed = dict(
        MonthlyReturn.objects.filter(enterprise_id__in=expected, period=period)
        .order_by("enterprise_id", "revision")
        .values_list("enterprise_id", "status")
    )
    done = {MonthlyReturn.Status.SUBMITTED, MonthlyReturn.Status.ACCEPTED, MonthlyReturn.Status.SUPERSEDED}
    missing = [pk for pk in expected if filed.get(pk) not in done]
    last_periods: dict[int, dt.date] = {}
    for pk, p in (
        MonthlyReturn.objects.filter(enterprise_id__in=missing, is_current=True, period__lt=period)
        .order_by("enterprise_id", "period")
        .values_list("enterprise_id", "period")
    ):
        last_periods[pk] = p
    names = dict(Enterprise.objects.filter(pk__in=missing).values_list("pk", "name"))
    result = [MissingReturn(pk, names[pk], filed.get(pk, ""), last_periods.get(pk)) for pk in missing]
    result.sort(key=lambda r: r.enterprise_name)
    return result


# --- above-scale pipeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An enterprise approaching (or past) the threshold of a set it is not yet in."""

    enterprise_id: int
    enterprise_name: str
    scale_set: str
    scale_set_label: str
    measure: str
    projection: pipeline.Projection
    crossing: dt.date | None = field(default=None)


def pipeline_candidates(
    *, user: Any, park: Any, period: dt.date, share: Decimal = pipeline.APPROACH_SHARE
) -> list[Candidate]:
    """Enterprises whose trailing-12-month revenue or sales reaches ``share`` of their set's threshold."""
    enterprises = {
        e.pk: e
        for e in Enterprise.objects.restrict(user, access.Action.VIEW)
        .filter(park=park)
        .select_related("industry")
    }
    start = as_date(kpi.shift(as_period(period), -17))
    series: dict[int, dict[str, dict[kpi.Period, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    rows = MonthlyReturn.objects.filter(
        enterprise_id__in=list(enterprises), is_current=True, period__gte=start, period__lte=period
    ).values_list("enterprise_id", "period", "months", "revenue", "sales")
    for pk, p, months, revenue, sales in rows:
        for name, amount in (("revenue", revenue), ("sales", sales)):
            if amount is None:
                continue
            if months == 2:  # a combined January–February return: split evenly for the trailing sums
                half = Decimal(amount) / 2
                series[pk][name][(p.year, 1)] = half
                series[pk][name][(p.year, 2)] = half
            else:
                series[pk][name][(p.year, p.month)] = Decimal(amount)
    in_set = {(pk, kind) for pk, kind in _current_memberships(list(enterprises), period)}
    result = []
    for pk, enterprise in enterprises.items():
        rule = pipeline.threshold_for(enterprise.activity_type, division_of(enterprise.industry_id))
        if rule is None or (pk, rule.scale_set) in in_set:
            continue
        projection = pipeline.project_crossing(series[pk][rule.measure], as_period(period), rule.amount)
        if projection is None or projection.share < share:
            continue
        result.append(
            Candidate(
                pk,
                enterprise.name,
                rule.scale_set,
                str(ScaleSet(rule.scale_set).label),
                rule.measure,
                projection,
                as_date(projection.crossing) if projection.crossing else None,
            )
        )
    result.sort(key=lambda c: c.projection.share, reverse=True)
    return result


def _current_memberships(enterprise_ids: list[int], period: dt.date) -> list[tuple[int, str]]:
    end = month_end(period)
    return list(
        EnterpriseStatus.objects.filter(enterprise_id__in=enterprise_ids, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .values_list("enterprise_id", "kind")
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
    if division:
        query = query.filter(enterprise__industry_id__startswith=division)
    return query.select_related("enterprise")


def in_scope_projects(*, user: Any, reach: Reach) -> Any:
    """Fixed-asset projects counted in the statistics, within the viewer's reach."""
    return FixedAssetProject.objects.restrict(user, access.Action.VIEW).filter(
        park_id__in=reach.park_ids, in_scope=True
    )
