"""Sample investment rows for the route matrix: own = the world park's (the world enterprise's financing),
other = the other enterprise's, foreign = the other park's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from scipark.core.money import wan_text
from scipark.core.testing import as_shown, csv_upload, enterprise_for, park_of

from .models import Contract, EquityRound, Fund, Listing, Loan, LoanProduct, Project

YI = Decimal(100_000_000)
DAY = dt.date(2023, 6, 8)
#: "Today" for the investment tests: taken once, when the tests are collected, and held by the conftest's
#: ``today_held`` (``timezone.localdate()`` answers it) so that a run crossing midnight in Asia/Shanghai
#: (16:00 UTC) does not compare dates made before midnight with the code's after it.
TODAY = timezone.localdate()


def _project(park: Any, name: str, stage: str = "talks") -> Project:
    project = Project.objects.create(
        park=park, name=name, investor="上海某生物科技有限公司", origin="other_province", origin_province="上海市",
        planned_investment=2 * YI, stage=stage, stage_since=DAY,
    )  # fmt: skip
    if stage == "signed":
        Contract.objects.create(
            project=project, revision=1, signed_on=DAY, amount=2 * YI, signing_party=project.investor
        )
    return project


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
        "other": Fund.objects.create(
            park=world.park, name="科技成长基金", manager="某资本", size=YI, set_up_on=DAY
        ),
        "foreign": Fund.objects.create(
            park=world.other_park, name="产业基金", manager="某资本", size=YI, set_up_on=DAY
        ),
    }
    return {
        "investment.project": {
            "own": _project(world.park, "生物医药产业园"),
            "other": _project(world.park, "医疗器械产业园", stage="signed"),
            "foreign": _project(world.other_park, "南川项目"),
        },
        "investment.fund": funds,
        "investment.loanproduct": {"own": products[world.park], "foreign": products[world.other_park]},
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
    "investment:fund_add",
    "investment:settings",
    "investment:approval_level_set",
    "investment:stage_limit_set",
    "investment:reserve_band_set",
    "investment:target_set",
    "investment:loan_product_add",
)
ROUTE_STATUS: dict[tuple[str, str, str | None], Any] = {
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
ROUTE_STATUS.update(
    {
        (f"financing-{kind}-{step}", "POST", "enterprise_user"): (403, "only the department confirms")
        for kind in ("loan", "listing", "round")
        for step in ("confirm", "reject")
    }
)
#: The park's staff who read the pipeline but keep none of it: a step is refused to them.
_READERS = (
    "park_leader",
    "economy_staff",
    "service_staff",
    "environment_staff",
    "innovation_staff",
    "other_park_staff",
)
ROUTE_STATUS.update(
    {
        (name, "POST", persona): (403, "only the investment department ends a lead")
        for name in ("investment:project_step", "attraction-project-steps")
        for persona in _READERS
    }
)
_PREVIEW = (200, "an upload answers with its preview; a second POST confirms it")
ROUTE_STATUS[("investment:project_import", "POST", None)] = _PREVIEW
ROUTE_STATUS[("investment:loan_import", "POST", None)] = _PREVIEW
_IN_TALKS = (400, "funds arrive after signing: the own sample project is still in talks")
ROUTE_STATUS[("investment:funds_add", "POST", "investment_officer")] = {"own": _IN_TALKS}

#: The pipeline's API refuses enterprise users before it looks anything up.
ROUTE_REFUSED = {
    (name, "enterprise_user"): "projects and funds are confidential to the park's staff"
    for name in (
        "attraction-project-list",
        "attraction-project-detail",
        "attraction-project-steps",
        "attraction-contract-list",
        "attraction-funds-in-place-list",
        "attraction-target-list",
        "attraction-fund-list",
        "attraction-fund-detail",
        "attraction-fund-investments",
        "attraction-fund-partners",
    )
}


def _in_park(world: Any, user: Any, **values: Any) -> dict[str, Any]:
    """A new row of the park the user keeps the pipeline in (the world's park for everyone else)."""
    return {"park": park_of(user, world).pk, **values}


_FUND = {
    "kind": "park_growth",
    "manager": "某资本管理有限公司",
    "size": "200000000",
    "set_up_on": "2023-09-01",
}


def _reported(**values: Any) -> Callable[[Any, Any, Any], dict[str, Any]]:
    """A financing record as its enterprise reports it (the department: for the first of its park)."""

    def data(world: Any, obj: Any, user: Any) -> dict[str, Any]:
        enterprise = enterprise_for(user, "add", "investment")
        found = {"enterprise": getattr(enterprise, "pk", "")}
        if "bank" in values:  # a loan names a loan product of the enterprise's park
            product = LoanProduct.objects.filter(park__enterprises=enterprise).order_by("pk").first()
            found["product"] = getattr(product, "pk", "")
        return {**found, **values}

    return data


_loan = _reported(bank="青海银行", amount="5000000", rate="3.85", granted_on="2023-08-01", term_months=12)
_listing = _reported(exchange="上海证券交易所", board="科创板", listed_on="2023-08-01", code="688123")
_round = _reported(round_name="B轮", amount="30000000", investors="某资本", closed_on="2023-08-01")


def _lead(world: Any, user: Any) -> dict[str, Any]:
    """A new lead in the user's park, as the API takes it (money in 元; a page's form: ``_page``)."""
    return {
        "park": park_of(user, world).pk,
        "name": "年产 2000 吨生物基材料项目",
        "investor": "江苏某新材料有限公司",
        "origin": "other_province",
        "origin_province": "江苏省",
        "industry": "2710",
        "planned_investment": "300000000",
        "channel": "other",
    }


#: What an enterprise reports of each kind of financing record (the API's fields besides the enterprise).
_REPORTED = {
    Loan: ("product_id", "bank", "amount", "rate", "granted_on", "term_months"),
    Listing: ("exchange", "board", "listed_on", "code"),
    EquityRound: ("round_name", "amount", "investors", "closed_on"),
}


def _as_reported(world: Any, obj: Any, user: Any) -> dict[str, Any]:
    """The record as stored, sent back whole (a PUT) with the version it was read at."""
    values = {name.removesuffix("_id"): getattr(obj, name) for name in _REPORTED[type(obj)]}
    shown = {k: str(v) for k, v in values.items() if v is not None}
    return {"version": obj.version, "enterprise": obj.enterprise_id, **shown}


#: Ending a lead in talks: the one step the investment department may take on any open project.
_TERMINATE = {"happened_on": "2023-07-01", "reason": "投资方战略调整,暂缓投资。"}
_FUNDS = {
    "arrived_on": "2023-07-01",
    "amount": "50000000",
    "source_class": "other_province",
    "kind": "fixed_assets",
}

#: The amounts of the records below: in 元 as the API takes them; the pages' forms take them in 万元.
_AMOUNTS = frozenset({"amount", "size", "commitment", "planned_investment"})


def _typed_in_wan(values: dict[str, Any]) -> dict[str, Any]:
    """The same record as a page's form takes it: its amounts in 万元 (50000000 → "5000")."""
    return {
        k: wan_text(Decimal(v)) if k in _AMOUNTS and v not in ("", None) else v for k, v in values.items()
    }


def _page(data: Callable[[Any, Any, Any], dict[str, Any]]) -> Callable[[Any, Any, Any], dict[str, Any]]:
    """Route data for a page's form from the API's: amounts in 万元."""
    return lambda world, obj, user: _typed_in_wan(data(world, obj, user))


#: Valid data per POST route (laid over the page's own form; the whole body for the API).
ROUTE_POSTS: dict[str, Any] = {
    "investment:project_add": _page(lambda world, obj, user: _lead(world, user)),
    "investment:project_edit": as_shown,
    "investment:project_step": lambda world, obj, user: {
        "step": "terminate",
        "version": obj.version,
        **_TERMINATE,
    },
    "investment:funds_add": _page(lambda world, obj, user: dict(_FUNDS)),
    "investment:loan_add": _page(_loan),
    "investment:listing_add": _listing,
    "investment:round_add": _page(_round),
    **{
        f"investment:{kind}_confirm": lambda world, obj, user: {"version": obj.version}
        for kind in ("loan", "listing", "round")
    },
    **{
        f"investment:{kind}_reject": lambda world, obj, user: {"reason": "合同金额与放款凭证不一致,请核对。"}
        for kind in ("loan", "listing", "round")
    },
    "investment:approval_level_set": lambda world, obj, user: _in_park(
        world, user, order=1, title="招商引资项目评审会", approver="staff"
    ),
    "investment:stage_limit_set": lambda world, obj, user: _in_park(world, user, stage="talks", days=90),
    "investment:reserve_band_set": lambda world, obj, user: _in_park(
        world, user, label="50亿元以上", lower="50"
    ),
    "investment:target_set": lambda world, obj, user: _in_park(
        world, user, year=2024, indicator="signed_amount", value="50"
    ),
    "investment:loan_product_add": lambda world, obj, user: _in_park(
        world, user, name="人才贷", is_active="on"
    ),
    "investment:loan_product_edit": as_shown,
    "investment:fund_add": _page(
        lambda world, obj, user: _in_park(
            world, user, name="园区科技成长股权投资基金二期", status="operating", **_FUND
        )
    ),
    "investment:fund_edit": as_shown,
    "investment:fund_partner_add": lambda world, obj, user: {
        "name": "青海省政府引导基金",
        "commitment": "2000",
        "share": "20",
        "is_guidance_fund": "on",
    },
    "investment:fund_investment_add": lambda world, obj, user: {
        "project": getattr(Project.objects.filter(park_id=obj.park_id).order_by("pk").first(), "pk", ""),
        "amount": "1000",
        "invested_on": "2023-10-01",
    },
    "investment:project_import": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "file": csv_upload(
            "projects.csv",
            [
                ["项目名称", "投资方", "投资方来源", "计划总投资"],
                ["高原药材提取物基地", "成都某药业有限公司", "省外境内", "30000"],
            ],
        ),
    },
    "investment:loan_import": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "file": csv_upload(
            "loans.csv",
            [
                ["借款合同编号", "企业", "贷款产品", "贷款银行", "贷款金额", "放款日期", "期限(月)"],
                [
                    "QHB-2023-0415",
                    world.enterprise.credit_code,
                    "科创贷",
                    "青海银行",
                    "500",
                    "2023-04-15",
                    "12",
                ],
            ],
        ),
    },
    "attraction-project-list": lambda world, obj, user: _lead(world, user),
    "attraction-project-detail": lambda world, obj, user: {
        "version": obj.version,
        "name": obj.name,
        "investor": obj.investor,
        "origin": obj.origin,
        "origin_province": obj.origin_province,
        "planned_investment": str(obj.planned_investment),
        "description": "投资方已完成尽职调查。",
    },
    "attraction-project-steps": lambda world, obj, user: {
        "action": "terminate",
        "version": obj.version,
        **_TERMINATE,
    },
    "attraction-funds-in-place-list": lambda world, obj, user: {
        "project": getattr(
            Project.objects.filter(park=park_of(user, world), stage="signed").first(), "pk", ""
        ),
        **_FUNDS,
    },
    "attraction-target-list": lambda world, obj, user: _in_park(
        world, user, year=2024, indicator="signed_amount", value="5000000000"
    ),
    "attraction-fund-list": lambda world, obj, user: _in_park(
        world, user, name="园区科技成长股权投资基金", **_FUND
    ),
    "attraction-fund-detail": lambda world, obj, user: {
        "park": obj.park_id,
        "name": obj.name,
        "manager": obj.manager,
        "size": str(obj.size),
        "set_up_on": str(obj.set_up_on),
        "description": "规模经复核。",
        "version": obj.version,
    },
    "attraction-fund-partners": lambda world, obj, user: {
        "name": "青海省政府引导基金",
        "commitment": "20000000",
        "share": "20",
        "is_guidance_fund": True,
    },
    "attraction-fund-investments": lambda world, obj, user: {
        "project": getattr(Project.objects.filter(park_id=obj.park_id).order_by("pk").first(), "pk", ""),
        "amount": "10000000",
        "invested_on": "2023-10-01",
    },
    "financing-loan-list": _loan,
    "financing-listing-list": _listing,
    "financing-round-list": _round,
    **{f"financing-{kind}-detail": _as_reported for kind in ("loan", "listing", "round")},
    **{
        f"financing-{kind}-confirm": lambda world, obj, user: {"version": obj.version}
        for kind in ("loan", "listing", "round")
    },
    **{
        f"financing-{kind}-reject": lambda world, obj, user: {
            "version": obj.version,
            "reason": "放款凭证缺失。",
        }
        for kind in ("loan", "listing", "round")
    },
}
