"""Demo step: monthly returns 2022–2023, fixed-asset projects, scale decisions and 2023 targets.

The data is generated with the demo's random source (sizes, seasonality, growth, energy mix), then
*calibrated*: a few deterministic scale factors bring the reference park's totals to the seed
article's results (FIGURES.md E1–E6). The figures themselves are computed afterwards by the engine
from the stored rows; nothing here stores a figure. Which enterprises entered or left the above-scale
sets comes from the enterprise step's status history.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.apps import apps
from django.utils import timezone

from scipark.demo import seed
from scipark.demo.builder import DemoContext

from . import aggregates, bulk
from .models import (
    AnnualTarget,
    ClosedPeriod,
    EnergyCarrier,
    EnergyUse,
    FixedAssetProject,
    Indicator,
    MonthlyAggregate,
    MonthlyCellStats,
    MonthlyReturn,
    ProjectMonthlyInvestment,
    ScaleDecision,
    ScaleSet,
)
from .models.records import PeriodReopening

YEARS = (2022, 2023)
CENT = Decimal("0.01")
QTY = Decimal("0.0001")
YI = Decimal(100000000)
WAN = Decimal(10000)


@dataclass(frozen=True)
class Calibration:
    """What the reference park's 2023 records are brought to (the seed article, FIGURES.md E1–E6)."""

    output_growth: Decimal = Decimal("0.10")  # E1, comparable basis
    investment_yi: Decimal = Decimal("18.2")  # E2
    investment_growth: Decimal = Decimal("0.149")
    wholesale_yi: Decimal = Decimal("148.7")  # E3
    wholesale_growth: Decimal = Decimal("0.175")
    intensity_reduction: Decimal = Decimal("0.099")  # E6


ARTICLE = Calibration()

#: Share of the year's value in each month (Spring Festival dip, year-end peak), by activity.
SEASON: dict[str, tuple[float, ...]] = {
    "industry": (0.062, 0.058, 0.080, 0.082, 0.085, 0.086, 0.084, 0.085, 0.088, 0.090, 0.093, 0.107),
    "trade": (0.085, 0.070, 0.078, 0.078, 0.082, 0.080, 0.081, 0.083, 0.086, 0.088, 0.090, 0.099),
}

#: The park's 2023 targets (plans the park sets itself, inputs like the seed): indicator code → value.
TARGETS_2023: dict[str, Decimal] = {
    "above_scale_output_growth": Decimal("9"),
    "above_scale_value_added_growth": Decimal("8"),
    "fixed_asset_investment": Decimal("1800000000"),
    "above_quota_wholesale_sales": Decimal("14000000000"),
    "energy_intensity_reduction": Decimal("3"),
}

Period = tuple[int, int]


@dataclass
class Series:
    """One enterprise's generated months: amounts (元, floats until written) and energy (physical)."""

    enterprise: Any
    activity: str
    values: dict[Period, dict[str, float]] = field(default_factory=dict)
    energy: dict[Period, dict[str, float]] = field(default_factory=dict)
    months2: set[int] = field(default_factory=set)  # years whose February return covers January too
    missing: set[Period] = field(default_factory=set)  # not submitted (late or missing)
    pending: set[Period] = field(default_factory=set)  # submitted, not yet accepted
    revised: set[Period] = field(default_factory=set)  # an earlier revision was superseded


def _status_map(park: Any) -> dict[int, list[tuple[str, dt.date, dt.date | None]]]:
    status_model = apps.get_model("enterprises", "EnterpriseStatus")
    found: dict[int, list[tuple[str, dt.date, dt.date | None]]] = defaultdict(list)
    for pk, kind, start, end in status_model.objects.filter(
        enterprise__park=park, kind__in=[s for s in ScaleSet.values if s != ScaleSet.ALL]
    ).values_list("enterprise_id", "kind", "valid_from", "valid_to"):
        found[pk].append((kind, start, end))
    return found


def _in_set(statuses: Iterable[tuple[str, dt.date, dt.date | None]], kind: str, day: dt.date) -> bool:
    return any(k == kind and a <= day and (b is None or b >= day) for k, a, b in statuses)


def _lognormal(rng: random.Random, median: float, sigma: float, low: float, high: float) -> float:
    return min(high, max(low, median * math.exp(rng.gauss(0, sigma))))


class EconomyStep:
    """Monthly returns, energy use, projects, decisions and targets for every demo park."""

    name: ClassVar[str] = "economy"
    order: ClassVar[int] = 40

    def build(self, ctx: DemoContext) -> None:
        carriers = {c.code: c for c in EnergyCarrier.objects.filter(is_current=True)}
        for code in (p.code for p in seed.PARKS):
            park = ctx.parks[code]
            statuses = _status_map(park)
            series = self._generate(
                ctx.rng, ctx.enterprises.get(code, []), statuses, code == seed.REFERENCE_PARK
            )
            projects = self._projects(
                ctx.rng, park, ctx.enterprises.get(code, []), big=code == seed.REFERENCE_PARK
            )
            if code == seed.REFERENCE_PARK:
                self._calibrate(series, statuses, carriers, ARTICLE)
                self._calibrate_projects(projects, ARTICLE)
                self._targets(park)
            self._write_returns(park, series, carriers)
            self._write_projects(projects)
            self._decisions(park)
        aggregates.rebuild([ctx.parks[p.code].pk for p in seed.PARKS])
        self._closings([ctx.parks[p.code] for p in seed.PARKS])

    def _closings(self, parks: list[Any]) -> None:
        """Every demo month is closed (关账), as a park would have by now; the counts are the returns."""
        counted = Counter(
            MonthlyReturn.objects.filter(park__in=parks, is_current=True).values_list("park_id", "period")
        )
        stamp = timezone.now()
        ClosedPeriod.objects.bulk_create(
            ClosedPeriod(
                park_id=park_id,
                period=period,
                closed_at=stamp,
                expected=count,
                received=count,
                note="演示数据:按月关账",
            )
            for (park_id, period), count in sorted(counted.items())
        )

    def wipe(self, ctx: DemoContext) -> None:
        codes = [p.code for p in seed.PARKS]
        ClosedPeriod.objects.filter(park__code__in=codes).delete()
        PeriodReopening.objects.filter(park__code__in=codes).delete()
        MonthlyAggregate.objects.filter(park__code__in=codes).delete()
        MonthlyCellStats.objects.filter(park__code__in=codes).delete()
        EnergyUse.objects.filter(monthly_return__park__code__in=codes).delete()
        MonthlyReturn.objects.filter(park__code__in=codes).delete()
        ProjectMonthlyInvestment.objects.filter(park__code__in=codes).delete()
        FixedAssetProject.objects.filter(park__code__in=codes).delete()
        ScaleDecision.objects.filter(park__code__in=codes).delete()
        AnnualTarget.objects.filter(park__code__in=codes).delete()

    # --- generation --------------------------------------------------------------------------------

    def _generate(
        self,
        rng: random.Random,
        enterprises: list[Any],
        statuses: dict[int, list[tuple[str, dt.date, dt.date | None]]],
        reference: bool,
    ) -> list[Series]:
        result: list[Series] = []
        others = [
            e
            for e in enterprises
            if e.pk not in statuses and e.activity_type in ("industry", "wholesale", "retail")
        ]
        sample = rng.sample(others, min(len(others), 120 if reference else 20))
        hongyuan = seed.named("宏远胶原蛋白肠衣").name
        for enterprise in [e for e in enterprises if e.pk in statuses] + sample:
            own = statuses.get(enterprise.pk, [])
            series = Series(enterprise, enterprise.activity_type)
            self._fill(rng, series, own, new_plant=enterprise.name == hongyuan)
            result.append(series)
        if reference:
            self._pipeline_risers(rng, [s for s in result if not statuses.get(s.enterprise.pk)][:5])
            below = [s for s in result if not statuses.get(s.enterprise.pk)][5:]
            for s in below[:3]:
                s.missing.add((2023, 12))
            for s in below[3:5]:
                s.pending.add((2023, 12))
            for s in below[5:15]:
                s.months2.add(2023)
            for s in [s for s in result if statuses.get(s.enterprise.pk) and (2023, 6) in s.values][:2]:
                s.revised.add((2023, 6))
        return result

    def _fill(
        self,
        rng: random.Random,
        series: Series,
        own: list[tuple[str, dt.date, dt.date | None]],
        *,
        new_plant: bool,
    ) -> None:
        activity = series.activity
        kinds = {k for k, _a, _b in own}
        entered_2023 = any(a.year == 2023 for _k, a, _b in own)
        left = any(b is not None and b.year in YEARS for _k, _a, b in own)
        if activity == "industry":
            size = _lognormal(rng, 1.6e8, 0.8, 2.6e7, 1.2e9) if kinds else rng.uniform(4e6, 1.6e7)
        elif activity == "wholesale":
            size = _lognormal(rng, 4.0e8, 0.9, 2.5e7, 3.0e9) if kinds else rng.uniform(3e6, 1.5e7)
        elif activity == "retail":
            size = _lognormal(rng, 3.0e7, 0.6, 6e6, 2e8) if kinds else rng.uniform(1e6, 4e6)
        else:
            size = _lognormal(rng, 6e6, 0.4, 2.2e6, 3e7)
        growth = rng.gauss(0.10, 0.10)
        sizes = {2022: size, 2023: size * (1 + growth)}
        if entered_2023:  # below the threshold in 2022, over it in 2023
            sizes[2022] = size * rng.uniform(0.55, 0.85)
        if left:  # fell below the threshold: smaller in 2023
            sizes[2023] = size * rng.uniform(0.45, 0.7)
        season = SEASON["industry" if activity == "industry" else "trade"]
        intensity = rng.uniform(0.15, 0.6)  # tce per 万元 of value added
        va_share = rng.uniform(0.22, 0.34)
        gas_share = rng.uniform(0.2, 0.6)
        for year in YEARS:
            improvement = rng.uniform(0.88, 0.99) if year == 2023 else 1.0
            for month in range(1, 13):
                if new_plant and (year, month) < (2023, 7):
                    continue  # 当年投产: production started in July 2023
                amount = sizes[year] * season[month - 1] * rng.gauss(1.0, 0.04)
                if new_plant:
                    amount = sizes[year] * season[month - 1] * 1.6 * rng.gauss(1.0, 0.04)
                row: dict[str, float] = {
                    "employees": max(5.0, round(sizes[year] / 1.2e6) + rng.randint(0, 15))
                }
                if activity == "industry":
                    value_added = amount * va_share
                    row.update(
                        industrial_output=amount,
                        revenue=amount * rng.uniform(0.9, 1.0),
                        value_added=value_added,
                        profit=amount * rng.gauss(0.06, 0.04),
                    )
                    tce = value_added / 1e4 * intensity * improvement
                    series.energy[(year, month)] = {
                        "electricity": tce * (1 - gas_share) * 1000 / 0.1229,
                        "natural_gas": tce * gas_share * 1000 / 1.2143,
                    }
                elif activity in ("wholesale", "retail"):
                    row.update(sales=amount, revenue=amount * 0.97, profit=amount * rng.gauss(0.02, 0.01))
                else:
                    row.update(revenue=amount, profit=amount * rng.gauss(0.05, 0.03))
                series.values[(year, month)] = row

    def _pipeline_risers(self, rng: random.Random, risers: list[Series]) -> None:
        """Small firms growing towards the threshold (the pipeline has something to show)."""
        for series in risers:
            field_name = "industrial_output" if series.activity == "industry" else "sales"
            start = (
                rng.uniform(1.1e6, 1.35e6) if series.activity == "industry" else rng.uniform(0.25e6, 0.35e6)
            )
            step = rng.uniform(0.025, 0.04)
            for index, (year, month) in enumerate((y, m) for y in YEARS for m in range(1, 13)):
                amount = start * (1 + step) ** index
                row = series.values.setdefault((year, month), {"employees": 20.0})
                row[field_name] = amount
                row["revenue"] = amount * 0.98
                if series.activity == "industry":
                    row["value_added"] = amount * 0.3
                    tce = amount * 0.3 / 1e4 * 0.3
                    series.energy[(year, month)] = {"electricity": tce * 1000 / 0.1229}

    # --- calibration (reference park) ----------------------------------------------------------------

    def _members(self, series: list[Series], statuses: dict[int, Any], kind: str) -> list[Series]:
        december = dt.date(2023, 12, 31)
        return [s for s in series if _in_set(statuses.get(s.enterprise.pk, []), kind, december)]

    @staticmethod
    def _total(members: list[Series], name: str, year: int) -> float:
        return sum(
            row.get(name, 0.0)
            for s in members
            for (y, _m), row in s.values.items()
            if y == year and (y, _m) not in s.missing and (y, _m) not in s.pending
        )

    @staticmethod
    def _scale(
        members: list[Series], names: Iterable[str], year: int, factor: float, energy: bool = False
    ) -> None:
        wanted = list(names)
        for s in members:
            for (y, _m), row in s.values.items():
                if y == year:
                    for name in wanted:
                        if name in row:
                            row[name] *= factor
            if energy:
                for (y, _m), uses in s.energy.items():
                    if y == year:
                        for code in uses:
                            uses[code] *= factor

    def _calibrate(
        self,
        series: list[Series],
        statuses: dict[int, Any],
        carriers: dict[str, EnergyCarrier],
        target: Calibration,
    ) -> None:
        industry = self._members(series, statuses, ScaleSet.ABOVE_SCALE_INDUSTRY)
        now = self._total(industry, "industrial_output", 2023)
        then = self._total(industry, "industrial_output", 2022)
        factor = float(1 + target.output_growth) * then / now
        self._scale(
            industry, ("industrial_output", "revenue", "value_added", "profit"), 2023, factor, energy=True
        )

        wholesale = self._members(series, statuses, ScaleSet.ABOVE_QUOTA_WHOLESALE)
        goal = float(target.wholesale_yi * YI)
        self._scale(
            wholesale, ("sales", "revenue", "profit"), 2023, goal / self._total(wholesale, "sales", 2023)
        )
        base = goal / float(1 + target.wholesale_growth)
        self._scale(
            wholesale, ("sales", "revenue", "profit"), 2022, base / self._total(wholesale, "sales", 2022)
        )

        va_growth = self._total(industry, "value_added", 2023) / self._total(industry, "value_added", 2022)
        energy_goal = float(1 - target.intensity_reduction) * va_growth * self._tce(industry, carriers, 2022)
        self._scale(industry, (), 2023, energy_goal / self._tce(industry, carriers, 2023), energy=True)

    @staticmethod
    def _tce(members: list[Series], carriers: dict[str, EnergyCarrier], year: int) -> float:
        return sum(
            quantity * float(carriers[code].factor_kgce) / 1000
            for s in members
            for (y, m), uses in s.energy.items()
            if y == year and (y, m) not in s.missing and (y, m) not in s.pending
            for code, quantity in uses.items()
        )

    # --- writing returns -----------------------------------------------------------------------------

    def _write_returns(self, park: Any, series: list[Series], carriers: dict[str, EnergyCarrier]) -> None:
        returns: list[dict[str, Any]] = []
        energy: dict[tuple[int, dt.date, int], dict[str, float]] = {}
        for s in series:
            for (year, month), row in sorted(s.values.items()):
                if (year, month) in s.missing or (month == 1 and year in s.months2):
                    continue  # not submitted, or January inside the combined February return
                values = dict(row)
                uses = dict(s.energy.get((year, month), {}))
                months = 1
                if month == 2 and year in s.months2:
                    months = 2
                    for name, amount in s.values.get((year, 1), {}).items():
                        if name != "employees":
                            values[name] = values.get(name, 0.0) + amount
                    for code, quantity in s.energy.get((year, 1), {}).items():
                        uses[code] = uses.get(code, 0.0) + quantity
                period = dt.date(year, month, 1)
                submitted = timezone.make_aware(dt.datetime(year + (month == 12), month % 12 + 1, 8, 10, 0))
                revision = 1
                if (year, month) in s.revised:
                    returns.append(
                        self._return(
                            park, s, period, months, 1, values, uses, carriers, submitted, "superseded", 0.9
                        )
                    )
                    energy[(s.enterprise.pk, period, 1)] = {c: q * 0.9 for c, q in uses.items()}
                    revision = 2
                status = "submitted" if (year, month) in s.pending else "accepted"
                returns.append(
                    self._return(
                        park, s, period, months, revision, values, uses, carriers, submitted, status, 1.0
                    )
                )
                energy[(s.enterprise.pk, period, revision)] = uses
        bulk.insert_returns(returns)
        ids = {
            (e, p, r): pk
            for pk, e, p, r in MonthlyReturn.objects.filter(park=park).values_list(
                "pk", "enterprise_id", "period", "revision"
            )
        }
        bulk.insert_energy(
            (park.pk, ids[key], carriers[code].pk, q, carriers[code].tce(q))
            for key, uses in energy.items()
            for code, quantity in uses.items()
            if (q := Decimal(quantity).quantize(QTY)) > 0
        )

    def _return(
        self,
        park: Any,
        s: Series,
        period: dt.date,
        months: int,
        revision: int,
        values: dict[str, float],
        uses: dict[str, float],
        carriers: dict[str, EnergyCarrier],
        submitted: dt.datetime,
        status: str,
        factor: float,
    ) -> dict[str, Any]:
        def money(name: str) -> Decimal | None:
            return Decimal(values[name] * factor).quantize(CENT) if name in values else None

        tce = sum(
            (carriers[c].tce(Decimal(q * factor).quantize(QTY)) for c, q in uses.items()),
            Decimal(0),
        )
        reasons = {}
        if period == dt.date(2023, 7, 1) and s.enterprise.name == seed.named("宏远胶原蛋白肠衣").name:
            reasons = {"industrial_output": "当年投产,首月报送。"}
        return {
            "park_id": park.pk,
            "enterprise_id": s.enterprise.pk,
            "period": period,
            "months": months,
            "revision": revision,
            "is_current": status == "accepted",
            "status": status,
            "industrial_output": money("industrial_output"),
            "revenue": money("revenue"),
            "value_added": money("value_added"),
            "profit": money("profit"),
            "sales": money("sales"),
            "employees": int(values.get("employees", 0)) or None,
            "energy_tce": tce if uses else None,
            "reasons": reasons,
            "submitted_at": submitted,
            "reviewed_at": submitted + dt.timedelta(days=2) if status in ("accepted", "superseded") else None,
        }

    # --- projects --------------------------------------------------------------------------------------

    def _projects(
        self, rng: random.Random, park: Any, enterprises: list[Any], *, big: bool
    ) -> list[tuple[FixedAssetProject, dict[Period, float]]]:
        names = (
            "生产线扩建",
            "研发中心建设",
            "仓储物流中心",
            "技术改造",
            "新厂区一期",
            "智能化改造",
            "中试基地",
        )
        result = []
        count = 24 if big else 6
        owners = [e for e in enterprises if e.activity_type == "industry"] or enterprises
        for index in range(count):
            owner = owners[index % len(owners)] if owners else None
            in_scope = index % 6 != 5
            planned = rng.uniform(0.6e8, 4.5e8) if in_scope else rng.uniform(1.5e6, 4.5e6)
            start = dt.date(rng.choice((2021, 2022, 2022, 2023)), rng.randint(1, 9), 1)
            project = FixedAssetProject(
                park=park,
                enterprise=owner,
                name=f"{owner.short_name or owner.name[:6] if owner else park.name}{names[index % len(names)]}项目",
                planned_total=Decimal(planned).quantize(Decimal(10000)),
                start_date=start,
                end_date=None,
            )
            months: dict[Period, float] = {}
            for year in YEARS:
                for month in range(1, 13):
                    if dt.date(year, month, 1) >= start:
                        months[(year, month)] = planned / 30 * rng.uniform(0.5, 1.5)
            result.append((project, months))
        return result

    def _calibrate_projects(
        self, projects: list[tuple[FixedAssetProject, dict[Period, float]]], target: Calibration
    ) -> None:
        in_scope = [(p, m) for p, m in projects if p.planned_total >= Decimal(5000000)]
        goals = {2023: float(target.investment_yi * YI)}
        goals[2022] = goals[2023] / float(1 + target.investment_growth)
        for year, goal in goals.items():
            total = sum(a for _p, m in in_scope for (y, _m), a in m.items() if y == year)
            for _p, months in in_scope:
                for key in months:
                    if key[0] == year:
                        months[key] *= goal / total

    def _write_projects(self, projects: list[tuple[FixedAssetProject, dict[Period, float]]]) -> None:
        for project, _months in projects:
            project.in_scope = project.planned_total >= Decimal(5000000)
        created = FixedAssetProject.objects.bulk_create([p for p, _m in projects])
        rows = [
            ProjectMonthlyInvestment(
                park_id=project.park_id,
                project=project,
                period=dt.date(y, m, 1),
                amount=Decimal(amount).quantize(CENT),
            )
            for project, (_p, months) in zip(created, projects, strict=True)
            for (y, m), amount in sorted(months.items())
        ]
        ProjectMonthlyInvestment.objects.bulk_create(rows, batch_size=2000)

    # --- decisions and targets -----------------------------------------------------------------------

    def _decisions(self, park: Any) -> None:
        status_model = apps.get_model("enterprises", "EnterpriseStatus")
        hongyuan = seed.named("宏远胶原蛋白肠衣").name
        rows: list[ScaleDecision] = []
        for status in status_model.objects.filter(
            enterprise__park=park, kind__in=[s for s in ScaleSet.values if s != ScaleSet.ALL]
        ).select_related("enterprise"):
            if status.valid_from.year in YEARS:
                new_plant = status.enterprise.name == hongyuan
                rows.append(
                    ScaleDecision(
                        park=park,
                        enterprise=status.enterprise,
                        scale_set=status.kind,
                        direction=ScaleDecision.Direction.ENTER,
                        reason=ScaleDecision.Reason.NEW_PLANT if new_plant else ScaleDecision.Reason.GROWTH,
                        effective_period=status.valid_from.replace(day=1),
                        decided_on=status.valid_from + dt.timedelta(days=40),
                        document=f"青统字〔{status.valid_from.year}〕{len(rows) + 11}号",
                        note="当年投产入规" if new_plant else "",
                        status=status,
                    )
                )
            if status.valid_to is not None and status.valid_to.year in (2022, 2023):
                effective = status.valid_to + dt.timedelta(days=1)
                rows.append(
                    ScaleDecision(
                        park=park,
                        enterprise=status.enterprise,
                        scale_set=status.kind,
                        direction=ScaleDecision.Direction.LEAVE,
                        reason=ScaleDecision.Reason.BELOW_THRESHOLD,
                        effective_period=effective.replace(day=1),
                        decided_on=effective + dt.timedelta(days=30),
                        document=f"青统字〔{effective.year}〕{len(rows) + 11}号",
                        status=status,
                    )
                )
        ScaleDecision.objects.bulk_create(rows)

    def _targets(self, park: Any) -> None:
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(TARGETS_2023))}
        AnnualTarget.objects.bulk_create(
            [
                AnnualTarget(park=park, indicator=indicators[code], year=2023, value=value, note="年初下达")
                for code, value in TARGETS_2023.items()
                if code in indicators
            ]
        )
