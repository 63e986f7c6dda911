"""Reads of the investment module for pages, figures and other modules.

Park-level questions (``*_in``) take the park and answer for all its records: the figures call them with
the park as the reach; pages call the ``*_list`` readers, which restrict to the user first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from scipark.core import access

from . import computations as calc
from .models import (
    PIPELINE,
    Confirmation,
    Contract,
    Fund,
    FundInvestment,
    FundsInPlace,
    Listing,
    Loan,
    Project,
    ReserveBand,
    Stage,
    StageChange,
    StageLimit,
    Target,
)

ZERO = Decimal(0)
RESERVE_STAGES = frozenset({Stage.LEAD, Stage.TALKS})


# --- lists for pages ---------------------------------------------------------------------------------


def project_list(*, user: Any) -> QuerySet[Project]:
    return Project.objects.restrict(user, access.Action.VIEW).select_related(
        "park", "industry", "tracker", "fund", "enterprise"
    )


def with_leverage(funds: QuerySet[Fund]) -> QuerySet[Fund]:
    """``funds`` with what ``fund_leverage`` computes, as annotations read in the same query:
    ``project_count`` (the open or finished projects the fund brought), ``project_investment`` (their
    counting contract amount, else the planned one) and ``fund_money`` (the fund's money in them)."""
    latest_contract = (
        Contract.objects.filter(project=OuterRef("pk")).order_by("-revision").values("amount")[:1]
    )
    brought = (
        Project.objects.filter(fund=OuterRef("pk"))
        .exclude(stage=Stage.TERMINATED)
        .annotate(counting=Coalesce(Subquery(latest_contract), F("planned_investment")))
        .order_by()
        .values("fund")
    )
    money = (
        FundInvestment.objects.filter(fund=OuterRef("pk"), project__fund=OuterRef("pk"))
        .exclude(project__stage=Stage.TERMINATED)
        .order_by()
        .values("fund")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    amount = models.DecimalField(max_digits=20, decimal_places=2)
    return funds.annotate(
        project_count=Coalesce(Subquery(brought.annotate(n=Count("pk")).values("n")), 0),
        project_investment=Coalesce(
            Subquery(brought.annotate(s=Sum("counting")).values("s"), output_field=amount),
            Value(ZERO),
            output_field=amount,
        ),
        fund_money=Coalesce(Subquery(money, output_field=amount), Value(ZERO), output_field=amount),
    )


def fund_list(*, user: Any) -> QuerySet[Fund]:
    """The funds in the user's reach, each with its leverage's parts (``with_leverage``)."""
    return with_leverage(Fund.objects.restrict(user, access.Action.VIEW).select_related("park"))


def financing_list(model: type[Any], *, user: Any) -> QuerySet[Any]:
    related = ["enterprise__park", "confirmed_by"] + (["product"] if model is Loan else [])
    return model.objects.restrict(user, access.Action.VIEW).select_related(*related)


# --- money ---------------------------------------------------------------------------------------------


def counting_amounts(project_ids: Iterable[int]) -> dict[int, Decimal]:
    """Each signed project's counting contract amount (its latest revision)."""
    revisions: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for project_id, revision, value in Contract.objects.filter(project_id__in=list(project_ids)).values_list(
        "project_id", "revision", "amount"
    ):
        revisions[project_id].append((revision, value))
    return {pk: calc.counting_amount(rows) or ZERO for pk, rows in revisions.items()}


@dataclass(frozen=True)
class Signed:
    total: Decimal
    projects: list[dict[str, Any]]
    contract_ids: tuple[int, ...]


def signed_in(park: Any, year: int, event: str | None = None) -> Signed:
    """Contracts first signed in ``year`` (at ``event`` if given), each counted at its latest revision."""
    first = Contract.objects.filter(project__park=park, revision=1, signed_on__year=year)
    if event is not None:
        first = first.filter(event=event)
    rows = list(first.select_related("project").order_by("signed_on", "pk"))
    amounts = counting_amounts(c.project_id for c in rows)
    projects = [
        {
            "id": c.project_id,
            "name": c.project.name,
            "signed_on": c.signed_on.isoformat(),
            "event": c.event,
            "amount_yuan": amounts[c.project_id],
        }
        for c in rows
    ]
    return Signed(sum(amounts.values(), ZERO), projects, tuple(c.pk for c in rows))


def funds_arrived_in(park: Any, year: int, source_class: str | None = None) -> QuerySet[FundsInPlace]:
    entries = FundsInPlace.objects.filter(project__park=park, arrived_on__year=year)
    return entries if source_class is None else entries.filter(source_class=source_class)


def total(queryset: QuerySet[Any], field: str = "amount") -> Decimal:
    return queryset.aggregate(s=Sum(field))["s"] or ZERO


def target_for(park: Any, year: int, indicator: str, event: str = "") -> Target | None:
    return Target.objects.filter(park=park, year=year, indicator=indicator, event=event).first()


def event_targets(park: Any, year: int) -> list[Target]:
    return list(Target.objects.filter(park=park, year=year, indicator=Target.Indicator.EVENT_SIGNED_AMOUNT))


# --- stages --------------------------------------------------------------------------------------------


def reached_in(park: Any, stage: str, year: int) -> dict[int, dt.date]:
    """Projects of ``park`` that reached ``stage`` in ``year``: project id → the date (the first time)."""
    return reached_in_parks([park], stage, year)[access.park_pk(park)]


def reached_in_parks(parks: Iterable[Any], stage: str, year: int) -> dict[Any, dict[int, dt.date]]:
    """``reached_in`` of each of ``parks`` (by ``pk``; a park is given as itself or its pk), in one query."""
    pks = [access.park_pk(park) for park in parks]
    reached: dict[int, tuple[Any, dt.date]] = {}
    for park_id, project_id, day in (
        StageChange.objects.filter(project__park__in=pks, to_stage=stage)
        .order_by("happened_on", "pk")
        .values_list("project__park_id", "project_id", "happened_on")
    ):
        reached.setdefault(project_id, (park_id, day))
    found: dict[Any, dict[int, dt.date]] = {pk: {} for pk in pks}
    for project_id, (park_id, day) in reached.items():
        if day.year == year:
            found[park_id][project_id] = day
    return found


def landed_industrial_in(
    park: Any, year: int, minimum: Decimal = calc.LANDED_INDUSTRIAL_MIN
) -> list[Project]:
    """Industrial projects with a planned total of at least ``minimum`` that landed in ``year`` (I3)."""
    return landed_industrial_in_parks([park], year, minimum)[access.park_pk(park)]


def landed_industrial_in_parks(
    parks: Iterable[Any],
    year: int,
    minimum: Decimal = calc.LANDED_INDUSTRIAL_MIN,
    *,
    landed: dict[Any, dict[int, dt.date]] | None = None,
) -> dict[Any, list[Project]]:
    """``landed_industrial_in`` of each of ``parks`` (by ``pk``), in two queries; one when ``landed``, what
    ``reached_in_parks(parks, Stage.LANDED, year)`` gives, was read already."""
    pks = [access.park_pk(park) for park in parks]
    if landed is None:
        landed = reached_in_parks(pks, Stage.LANDED, year)
    ids = [project_id for pk in pks for project_id in landed[pk]]
    found: dict[Any, list[Project]] = {pk: [] for pk in pks}
    if not ids:
        return found
    for project in Project.objects.filter(
        pk__in=ids, is_industrial=True, planned_investment__gte=minimum
    ).order_by("planned_investment", "pk"):
        found[project.park_id].append(project)
    return found


def stages_on(park: Any, day: dt.date) -> dict[int, str]:
    """Each project's stage as of the end of ``day`` (projects recorded later are absent)."""
    stages: dict[int, str] = {}
    for project_id, stage in (
        StageChange.objects.filter(project__park=park, happened_on__lte=day)
        .order_by("happened_on", "pk")
        .values_list("project_id", "to_stage")
    ):
        stages[project_id] = stage
    return stages


def bands_of(park: Any) -> tuple[calc.Band, ...]:
    """The park's reserve bands, or the defaults of DOMAIN.md §7 when it has set none."""
    rows = ReserveBand.objects.filter(park=park).order_by("-lower")
    return tuple(calc.Band(b.label, b.lower, b.upper) for b in rows) or calc.DEFAULT_BANDS


def reserve_on(park: Any, day: dt.date) -> tuple[list[Project], list[calc.BandCount]]:
    """The reserve (储备: leads and talks not yet signed nor given up) on ``day``, and its bands."""
    ids = [pk for pk, stage in stages_on(park, day).items() if stage in RESERVE_STAGES]
    projects = list(Project.objects.filter(pk__in=ids).order_by("-planned_investment", "pk"))
    return projects, calc.bucket((p.planned_investment for p in projects), bands_of(park))


def funnel(projects: QuerySet[Project]) -> list[dict[str, Any]]:
    """Projects per stage, in pipeline order, with their planned investment (the funnel on the page)."""
    rows: dict[str, dict[str, Any]] = {
        r["stage"]: dict(r)
        for r in projects.values("stage").annotate(n=Count("id"), total=Sum("planned_investment"))
    }
    empty: dict[str, Any] = {}
    return [
        {
            "stage": stage.value,
            "label": str(stage.label),
            "count": rows.get(stage, empty).get("n", 0),
            "total": rows.get(stage, empty).get("total") or ZERO,
        }
        for stage in (*PIPELINE, Stage.TERMINATED)
    ]


@dataclass(frozen=True)
class Overdue:
    project: Project
    limit: int
    days_over: int


def overdue_projects(projects: QuerySet[Project], today: dt.date) -> list[Overdue]:
    """Open projects that sat in their stage longer than their park's limit for it (reminders)."""
    limits = {
        (s.park_id, s.stage): s.days
        for s in StageLimit.objects.filter(park_id__in=projects.values("park_id"))
    }
    found = []
    for project in projects.exclude(stage__in=[Stage.PRODUCING, Stage.TERMINATED]).select_related("tracker"):
        limit = limits.get((project.park_id, project.stage))
        over = calc.overdue_days(project.stage_since, limit, today)
        if over is not None and limit is not None:
            found.append(Overdue(project, limit, over))
    return sorted(found, key=lambda o: -o.days_over)


def breakdown(projects: QuerySet[Project], field: str) -> list[dict[str, Any]]:
    """Projects and planned investment per value of ``field`` (industry, origin province, channel)."""
    return list(
        projects.values(field)
        .annotate(n=Count("id"), total=Sum("planned_investment"))
        .order_by("-total", field)
    )


# --- funds ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundLeverage:
    fund: Fund
    projects: list[Project]
    project_investment: Decimal
    fund_money: Decimal
    leverage: Decimal | None


def fund_leverage(fund: Fund) -> FundLeverage:
    """The projects a fund brought (``Project.fund``), their investment, the fund's money in them."""
    projects = list(Project.objects.filter(fund=fund).exclude(stage=Stage.TERMINATED).order_by("pk"))
    amounts = counting_amounts(p.pk for p in projects)
    investment = sum((amounts.get(p.pk) or p.planned_investment for p in projects), ZERO)
    money = total(FundInvestment.objects.filter(fund=fund, project__in=projects))
    return FundLeverage(fund, projects, investment, money, calc.leverage(investment, money))


def funds_on(park: Any, day: dt.date, kind: str) -> list[Fund]:
    """Funds of ``kind`` set up by ``day`` and not wound up."""
    return list(
        Fund.objects.filter(park=park, kind=kind, set_up_on__lte=day)
        .exclude(status=Fund.Status.EXITED)
        .order_by("set_up_on", "pk")
    )


# --- financing -----------------------------------------------------------------------------------------


def confirmed_listings_in(park: Any, year: int) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(enterprise__park=park, listed_on__year=year, status=Confirmation.CONFIRMED)
        .select_related("enterprise")
        .order_by("listed_on", "pk")
    )


def confirmed_loans_in(park: Any, year: int) -> QuerySet[Loan]:
    return (
        Loan.objects.filter(enterprise__park=park, granted_on__year=year, status=Confirmation.CONFIRMED)
        .select_related("enterprise", "product")
        .order_by("granted_on", "pk")
    )
