"""Sample investment rows for the route matrix: own = the world park's (the world enterprise's financing),
other = the other enterprise's, foreign = the other park's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .models import EquityRound, Fund, Listing, Loan, LoanProduct, Project

YI = Decimal(100_000_000)
DAY = dt.date(2023, 6, 8)


def _project(park: Any, name: str) -> Project:
    return Project.objects.create(
        park=park, name=name, investor="上海某生物科技有限公司", origin="other_province", origin_province="上海市",
        planned_investment=2 * YI, stage="talks", stage_since=DAY,
    )  # fmt: skip


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    products = {p: LoanProduct.objects.create(park=p, name="科创贷") for p in (world.park, world.other_park)}
    owners = {"own": world.enterprise, "other": world.other_enterprise, "foreign": world.foreign_enterprise}
    loans = {
        k: Loan.objects.create(enterprise=e, product=products[e.park], bank="青海银行", amount=YI, granted_on=DAY,
                               term_months=12)
        for k, e in owners.items()
    }  # fmt: skip
    listings = {
        k: Listing.objects.create(
            enterprise=e, exchange="青海股权交易中心", board="科技创新专板", listed_on=DAY
        )
        for k, e in owners.items()
    }
    rounds = {
        k: EquityRound.objects.create(
            enterprise=e, round_name="A轮", amount=YI, investors="某资本", closed_on=DAY
        )
        for k, e in owners.items()
    }
    funds = {
        "own": Fund.objects.create(
            park=world.park, name="产业基金", manager="某资本", size=YI, set_up_on=DAY
        ),
        "foreign": Fund.objects.create(
            park=world.other_park, name="产业基金", manager="某资本", size=YI, set_up_on=DAY
        ),
    }
    return {
        "investment.project": {"own": _project(world.park, "生物医药产业园"), "foreign": _project(world.other_park, "南川项目")},
        "investment.fund": funds,
        "investment.loan": loans,
        "investment.listing": listings,
        "investment.equityround": rounds,
    }  # fmt: skip


#: The pipeline and the funds are refused to enterprise users by the pages' own rule (``PipelineMixin``):
#: their grant opens the investment domain for their financing records only.
PIPELINE_ROUTES = (
    "investment:project_list",
    "investment:dashboard",
    "investment:board",
    "investment:project_add",
    "investment:fund_list",
)
ROUTE_STATUS: dict[tuple[str, str, str | None], tuple[int, str]] = {
    (name, method, "enterprise_user"): (403, "projects and funds are confidential to the park's staff")
    for name in PIPELINE_ROUTES
    for method in ("GET", "POST")
}
ROUTE_STATUS.update(
    {
        (f"investment:{kind}_{step}", method, "enterprise_user"): (403, "only the department confirms")
        for kind in ("loan", "listing", "round")
        for step, methods in (("confirm", ("POST",)), ("reject", ("GET", "POST")))
        for method in methods
    }
)
#: POST routes checked only to refuse an empty form (valid data not declared yet).
WITHOUT_VALID_DATA: dict[str, int] = {
    "investment:project_add": 400,
    "investment:project_edit": 400,
    "investment:project_step": 404,
    "investment:funds_add": 400,
    "investment:loan_add": 400,
    "investment:listing_add": 400,
    "investment:round_add": 400,
    "investment:loan_reject": 400,
    "investment:listing_reject": 400,
    "investment:round_reject": 400,
}
