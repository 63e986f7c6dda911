"""I1–I5 and F1–F3 of FIGURES.md, computed from the park's projects, contracts, funds in place, funds and
confirmed financing records (never typed in). Amounts are stored in 元 and reported in 亿元 / 万元.

Statistical confidentiality (SECURITY.md row 10): a sum of investors' or enterprises' own money (signed
contracts, funds in place, planned investment, loans) is declared :class:`Confidential` with one cell per
sum it discloses, each investor (a project's 投资方, so one investor with two projects is one contributor)
or borrowing enterprise with its own amount; the registry hides it from a viewer without the park's
individual investment data when a cell fails the rule. Counts and names alone (F2's listings, as the
economy's E4/E5 entrants) declare nothing. F1 is the size of the park's own fund, not an enterprise's.

I3–I5 are counts with sums in their details: the count stays for that viewer (``value_is_count``) and the
sums, and the lists that give one project's amount, are hidden. I3 counts projects of at least 5000万元 and
I5 funds: neither count says more of an amount than the figure's definition. I4 counts the reserve by band:
a band's count pins each of its projects to the band (30亿–50亿), so the bands stay hidden with their
totals, and the count itself only when the top band is open (else it pins every project to the bands' span).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from scipark.core import suppression
from scipark.core.access import Domain
from scipark.core.figures import Confidential, Figure, Source, figure, figure_for_parks
from scipark.core.money import in_wan

from . import computations as calc
from . import selectors as sel
from .models import Fund, Origin, Project, Stage, Target

SOURCE_IDS = 30
HUNDRED = Decimal(100)


def _percent(fraction: Decimal | None) -> Decimal | None:
    return None if fraction is None else (fraction * HUNDRED).quantize(Decimal("0.1"))


#: The details of I1 and I2 that give their sum away (a completion rate times the target is the sum).
TARGET_DETAILS = ("amount_yuan", "completion_percent", "alert")


def party(investor: str) -> Hashable:
    """Who contributed a project's money: its investor (投资方), blanks dropped (a Chinese name has none)
    so that one investor written twice with different spacing stays one contributor."""
    return ("investor", "".join(investor.split()))


def cell(pairs: Iterable[tuple[str, Decimal]]) -> suppression.Cell:
    """A cell from (investor, amount) pairs: each investor's own amounts added up."""
    found: dict[Hashable, Decimal] = defaultdict(lambda: Decimal(0))
    for investor, amount in pairs:
        found[party(investor)] += amount
    return dict(found)


def _investors(project_ids: Iterable[int]) -> dict[int, str]:
    return dict(Project.objects.filter(pk__in=list(project_ids)).values_list("pk", "investor"))


def _against(actual: Decimal, target: Target | None, year: int) -> dict[str, Any]:
    """Completion vs time progress of ``actual`` against the year's ``target`` (empty without one)."""
    if target is None:
        return {"target_yi": None, "completion_percent": None}
    p = calc.progress(actual, target.value, year=year, today=timezone.localdate())
    return {
        "target_yi": calc.in_yi(target.value),
        "completion_percent": _percent(p.completion),
        "time_progress_percent": _percent(p.time_progress),
        "alert": str(p.alert),
    }


@figure(
    "I1",
    title=gettext_noop("展会项目签约额及目标完成率"),
    module="investment",
    description=gettext_noop("2023年报道:青洽会项目签约额21亿元,完成目标任务的105%"),
)
def event_signing(park: Any, year: int) -> Figure:
    """Σ contracts first signed at the year's target fair (latest revision counts) ÷ the fair's target."""
    targets = sel.event_targets(park, year)
    if not targets:
        return Figure(
            value=None,
            unit="亿元",
            basis=gettext("%(year)s年展会签约合同额之和(最新版本)") % {"year": year},
            note=gettext("%(year)s年未设置展会签约额目标,不知统计哪个展会。") % {"year": year},
        )
    target = targets[0]
    signed = sel.signed_in(park, year, event=target.event)
    fair = {"year": year, "event": target.event}  # the fair's name is data, never translated
    return Figure(
        value=calc.in_yi(signed.total),
        unit="亿元",
        basis=gettext("%(year)s年在「%(event)s」首次签约的合同,按最新版本的合同投资额求和") % fair,
        sources=(Source("investment.Contract", gettext("%(year)s年%(event)s签约合同") % fair, len(signed.contract_ids), signed.contract_ids[:SOURCE_IDS]),),
        details={"event": target.event, "amount_yuan": signed.total, "projects": signed.projects, **_against(signed.total, target, year)},
        note="" if signed.projects else gettext("%(year)s年没有在%(event)s签约的合同记录。") % fair,
        confidential=Confidential(
            domain=Domain.INVESTMENT,
            cells=(_signed_cell(signed),),
            details=(*TARGET_DETAILS, "projects"),
        ),
    )  # fmt: skip


def _signed_cell(signed: sel.Signed) -> suppression.Cell:
    investors = _investors(p["id"] for p in signed.projects)
    return cell((investors[p["id"]], p["amount_yuan"]) for p in signed.projects)


@figure(
    "I2",
    title=gettext_noop("省外到位资金及目标完成率"),
    module="investment",
    description=gettext_noop("2023年报道:省外到位资金15.03亿元,完成目标任务的100.2%"),
)
def funds_from_other_provinces(park: Any, year: int) -> Figure:
    """Σ funds in place of the year from other provinces of China ÷ the year's target."""
    entries = sel.funds_arrived_in(park, year, Origin.OTHER_PROVINCE)
    amount = sel.total(entries)
    count = entries.count()
    by_class = {
        str(label): calc.in_yi(sel.total(sel.funds_arrived_in(park, year, value)))
        for value, label in Origin.choices
    }
    target = sel.target_for(park, year, Target.Indicator.FUNDS_OTHER_PROVINCE)
    return Figure(
        value=calc.in_yi(amount) if count else None,
        unit="亿元",
        basis=gettext("%(year)s年到位日期在年内、来源为省外境内的到位资金记录之和") % {"year": year},
        sources=(Source("investment.FundsInPlace", gettext("%(year)s年省外境内到位资金") % {"year": year}, count, tuple(entries.order_by("pk").values_list("pk", flat=True)[:SOURCE_IDS])),),
        details={"amount_yuan": amount, "by_source_yi": by_class, **_against(amount, target, year)},
        note="" if count else gettext("%(year)s年没有省外到位资金记录。") % {"year": year},
        # The sum of each source class is printed (``by_source_yi``): every one of them is a cell.
        confidential=Confidential(
            domain=Domain.INVESTMENT,
            cells=tuple(
                cell(sel.funds_arrived_in(park, year, value).values_list("project__investor", "amount"))
                for value, _label in Origin.choices
            ),
            details=(*TARGET_DETAILS, "by_source_yi"),
        ),
    )  # fmt: skip


@figure(
    "I3",
    title=gettext_noop("落地5000万元以上工业项目"),
    module="investment",
    description=gettext_noop("2023年报道:全年落地5000万元投资以上工业项目6个,总投资约28.8亿元"),
)
def landed_industrial_projects(park: Any, year: int) -> Figure:
    """Industrial projects with a planned total ≥ 5000万 that reached 落地 in the year; count and sum."""
    return landed_industrial_projects_of_parks([park], year)[park.pk]


@figure_for_parks("I3")
def landed_industrial_projects_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """I3 of each park (by ``pk``): the stage changes and the projects read once for all the parks (two
    statements); one park's I3 is this for a list of one park."""
    landed = sel.reached_in_parks(parks, Stage.LANDED, year)
    projects = sel.landed_industrial_in_parks(parks, year, landed=landed)
    return {park.pk: _landed_figure(year, projects[park.pk], landed[park.pk]) for park in parks}


def _landed_figure(year: int, projects: list[Project], landed: dict[int, dt.date]) -> Figure:
    total = sum((p.planned_investment for p in projects), Decimal(0))
    return Figure(
        value=len(projects),
        unit="个",
        basis=gettext("%(year)s年进入“落地”阶段、计划总投资≥5000万元的工业项目") % {"year": year},
        sources=(Source("investment.Project", gettext("%(year)s年落地的5000万元以上工业项目") % {"year": year}, len(projects), tuple(p.pk for p in projects)),),
        details={
            "total_investment_yi": calc.in_yi(total),
            "total_investment_yi_rounded": calc.in_yi(total, 1),
            "projects": [{"id": p.pk, "name": p.name, "planned_yi": calc.in_yi(p.planned_investment), "landed_on": landed[p.pk].isoformat()} for p in projects],
        },
        # How many landed (each ≥ 5000万, the figure's own edge) is a count; the total and each project's
        # planned amount add up or are the investors' own money.
        confidential=Confidential(
            domain=Domain.INVESTMENT,
            cells=(cell((p.investor, p.planned_investment) for p in projects),),
            details=("total_investment_yi", "total_investment_yi_rounded", "projects"),
            value_is_count=True,
        ),
    )  # fmt: skip


@figure(
    "I4",
    title=gettext_noop("储备项目按投资规模分档"),
    module="investment",
    description=gettext_noop(
        "2023年报道:储备百亿元项目2个,50亿元以上项目1个,30亿元项目1个,10亿元以上项目3个"
    ),
)
def reserve_by_band(park: Any, year: int) -> Figure:
    """Projects in the reserve (线索/接洽) at the year's end, bucketed by planned investment."""
    projects, bands = sel.reserve_on(park, dt.date(year, 12, 31))
    edges = sel.bands_of(park)
    in_band = {p.pk: calc.band_of(p.planned_investment, edges) for p in projects}
    counted = [p for p in projects if in_band[p.pk] is not None]
    return Figure(
        value=len(counted),
        unit="个",
        basis=gettext("%(year)s年末处于线索或接洽阶段的项目,按计划总投资分档(下限含、上限不含)") % {"year": year},
        sources=(Source("investment.Project", gettext("%(year)s年末的储备项目") % {"year": year}, len(counted), tuple(p.pk for p in counted[:SOURCE_IDS])),),
        details={"bands": [{"label": b.band.label, "count": b.count, "total_yi": calc.in_yi(b.total)} for b in bands]},
        note="" if projects else gettext("%(year)s年末没有储备项目记录。") % {"year": year},
        # Each band's total is a sum of the investors' planned investment, and its count pins each of its
        # projects to the band: both stay hidden. The reserve's count says only "at least the lowest edge"
        # while the top band is open; under a closed top it pins them all to the span, as a band would.
        confidential=Confidential(
            domain=Domain.INVESTMENT,
            cells=tuple(
                cell((p.investor, p.planned_investment) for p in counted if in_band[p.pk] == b.band)
                for b in bands
            ),
            details=("bands",),
            value_is_count=any(band.upper is None for band in edges),
        ),
    )  # fmt: skip


@figure(
    "I5",
    title=gettext_noop("产业投资基金及基金招商项目"),
    module="investment",
    description=gettext_noop("2023年报道:已筹建4支产业投资基金(中金青海…、青海极地…、中财融商…)"),
)
def industrial_funds(park: Any, year: int) -> Figure:
    """Industrial investment funds set up by the year's end, with the projects each brought and leverage."""
    funds = sel.funds_on(park, dt.date(year, 12, 31), Fund.Kind.INDUSTRIAL)
    rows = []
    cells = []
    for fund in funds:
        lev = sel.fund_leverage(fund)
        counting = sel.counting_amounts(p.pk for p in lev.projects)
        cells.append(cell((p.investor, counting.get(p.pk) or p.planned_investment) for p in lev.projects))
        rows.append({
            "id": fund.pk, "name": fund.name, "manager": fund.manager, "size_yi": calc.in_yi(fund.size),
            "status": fund.status, "set_up_on": fund.set_up_on.isoformat(),
            "projects": [p.name for p in lev.projects], "project_investment_yi": calc.in_yi(lev.project_investment),
            "fund_money_yi": calc.in_yi(lev.fund_money),
            "leverage": None if lev.leverage is None else lev.leverage.quantize(Decimal("0.1")),
        })  # fmt: skip
    return Figure(
        value=len(funds),
        unit="支",
        basis=gettext("%(year)s年末已设立(含筹建)、未清算的产业投资基金") % {"year": year},
        sources=(
            Source(
                "investment.Fund",
                gettext("%(year)s年末的产业投资基金") % {"year": year},
                len(funds),
                tuple(f.pk for f in funds),
            ),
        ),
        details={"funds": rows},
        # How many funds is a count; each fund's project investment (and the leverage taken from it) adds up
        # the investors' money, and its projects are named beside it: the funds' rows stay hidden.
        confidential=Confidential(
            domain=Domain.INVESTMENT, cells=tuple(cells), details=("funds",), value_is_count=True
        ),
    )


@figure(
    "F1",
    title=gettext_noop("园区科技成长股权投资基金规模"),
    module="investment",
    description=gettext_noop("2023年报道:设立科技成长股权投资基金,基金规模2亿元"),
)
def park_growth_fund(park: Any, year: int) -> Figure:
    """The size of the park's own tech-growth equity fund(s) existing at the year's end."""
    funds = sel.funds_on(park, dt.date(year, 12, 31), Fund.Kind.PARK_GROWTH)
    size = sum((f.size for f in funds), Decimal(0))
    return Figure(
        value=calc.in_yi(size) if funds else None,
        unit="亿元",
        basis=gettext("%(year)s年末已设立的园区科技成长股权投资基金的基金规模") % {"year": year},
        sources=(Source("investment.Fund", gettext("园区科技成长股权投资基金"), len(funds), tuple(f.pk for f in funds)),),
        details={"funds": [{"name": f.name, "set_up_on": f.set_up_on.isoformat(), "manager": f.manager} for f in funds]},
        note="" if funds else gettext("%(year)s年末没有园区科技成长股权投资基金记录。") % {"year": year},
    )  # fmt: skip


@figure(
    "F2",
    title=gettext_noop("企业挂牌上市"),
    module="investment",
    description=gettext_noop("2023年报道:中油云翰、西旺高新、西北骄等7家企业在股交中心区域板块挂牌"),
)
def listings(park: Any, year: int) -> Figure:
    """Confirmed listings with a listing date in the year."""
    rows = list(sel.confirmed_listings_in(park, year))
    return Figure(
        value=len({r.enterprise_id for r in rows}),
        unit="家",
        basis=gettext("%(year)s年挂牌、经招商部门确认的挂牌上市记录(按企业计)") % {"year": year},
        sources=(Source("investment.Listing", gettext("%(year)s年已确认的挂牌") % {"year": year}, len(rows), tuple(r.pk for r in rows[:SOURCE_IDS])),),
        details={"listings": [{"enterprise": r.enterprise.name, "exchange": r.exchange, "board": r.board, "listed_on": r.listed_on.isoformat()} for r in rows]},
    )  # fmt: skip


@figure(
    "F3",
    title=gettext_noop("企业获得创新金融产品贷款"),
    module="investment",
    description=gettext_noop("2023年报道:百岁、瑞湖、央宗等企业获科创贷、专精特新贷等资金共计1697万元"),
)
def innovation_loans(park: Any, year: int) -> Figure:
    """Σ confirmed loans granted in the year, with the products and enterprises."""
    rows = list(sel.confirmed_loans_in(park, year))
    amount = sum((r.amount for r in rows), Decimal(0))
    by_product: dict[str, Decimal] = {}
    for r in rows:
        by_product[r.product.name] = by_product.get(r.product.name, Decimal(0)) + r.amount
    return Figure(
        value=in_wan(amount) if rows else None,
        unit="万元",
        basis=gettext("%(year)s年放款、经招商部门确认的贷款金额之和") % {"year": year},
        sources=(Source("investment.Loan", gettext("%(year)s年已确认的贷款") % {"year": year}, len(rows), tuple(r.pk for r in rows[:SOURCE_IDS])),),
        details={
            "by_product_wan": {k: in_wan(v) for k, v in by_product.items()},
            "enterprises": sorted({r.enterprise.name for r in rows}),
        },
        note="" if rows else gettext("%(year)s年没有已确认的贷款记录。") % {"year": year},
        # The total and each product's sum (``by_product_wan``) add up the borrowing enterprises' loans.
        confidential=Confidential(
            domain=Domain.INVESTMENT,
            cells=(_loan_cell(rows), *(_loan_cell(r for r in rows if r.product.name == name) for name in by_product)),
            details=("by_product_wan",),
        ),
    )  # fmt: skip


def _loan_cell(rows: Iterable[Any]) -> suppression.Cell:
    found: dict[Hashable, Decimal] = defaultdict(lambda: Decimal(0))
    for r in rows:
        found[r.enterprise_id] += r.amount
    return dict(found)
