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
