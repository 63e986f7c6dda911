"""Demo step: the bio park's investment work. 2022–2023 records from which I1–I5 and F1–F3 come out as
the seed article prints them (21亿 at 青洽会 against 20亿; 15.03亿 from other provinces against 15亿; six
industrial projects ≥ 5000万 landed for 28.76亿; a reserve of 2 / 1 / 1 / 3 by band; four industrial
funds and the 2亿 tech-growth fund; seven listings; 1697万 of loans), and a living pipeline this year:
projects in every stage, some sitting too long, approvals waiting, financing awaiting confirmation.

Every project gets its whole timeline (one ``StageChange`` per stage reached), so the figures read the
same history the pages show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.apps import apps
from django.utils import timezone

from scipark.demo import seed
from scipark.demo.builder import DemoContext

from .demo_plans import HISTORY, QINGHAI_FAIR, Plan, current_pipeline, y
from .models import (
    Approval,
    ApprovalLevel,
    Confirmation,
    Contract,
    Fund,
    FundInvestment,
    FundPartner,
    FundsInPlace,
    Listing,
    Loan,
    LoanProduct,
    Project,
    Stage,
    StageChange,
    StageLimit,
    Target,
)
from .workflow import StepAction

YI = Decimal(100_000_000)
WAN = Decimal(10_000)
D = dt.date
ORDER = (Stage.LEAD, Stage.TALKS, Stage.SIGNED, Stage.LANDED, Stage.STARTED, Stage.PRODUCING)
ACTION = {
    Stage.LEAD: StepAction.CREATE,
    Stage.TALKS: StepAction.ENGAGE,
    Stage.SIGNED: StepAction.SIGN,
    Stage.LANDED: StepAction.LAND,
    Stage.STARTED: StepAction.START,
    Stage.PRODUCING: StepAction.PRODUCE,
    Stage.TERMINATED: StepAction.TERMINATE,
}


#: key, name, manager, size (亿), set-up date, status, kind, partners (name, 亿, share %, guidance)
FUNDS: tuple[tuple[str, str, str, str, dt.date, str, str, tuple[tuple[str, str, str, bool], ...]], ...] = (
    ("zhongjin", "中金青海高新技术产业股权投资基金", "中金资本运营有限公司", "10", D(2022, 8, 16), "operating", "industrial",
     (("中金资本运营有限公司", "1", "10", False), ("青海省政府投资基金", "3", "30", True), ("西宁经济技术开发区投资控股集团", "2", "20", True))),
    ("jidi", "省股交中心青海极地股权投资基金(有限合伙)", "青海股权交易中心投资管理有限公司", "3", D(2023, 2, 28), "operating", "industrial",
     (("青海股权交易中心有限公司", "0.6", "20", False), ("西宁经济技术开发区投资控股集团", "0.9", "30", True))),
    ("zhongcai", "中财融商青海高新技术产业高质量发展基金", "中财融商资产管理有限公司", "5", D(2023, 5, 18), "operating", "industrial",
     (("中财融商资产管理有限公司", "0.5", "10", False), ("青海省政府投资基金", "1.5", "30", True))),
    ("bio", "西宁经开区生物医药产业投资基金", "西宁经济技术开发区投资控股集团", "5", D(2023, 11, 28), "preparing", "industrial",
     (("西宁经济技术开发区投资控股集团", "2", "40", True),)),
    ("growth", "生物园区科技成长股权投资基金", "西宁经济技术开发区投资控股集团", "2", D(2023, 4, 26), "operating", "park_growth",
     (("西宁经济技术开发区投资控股集团", "1", "50", True), ("青海省科技成果转化引导基金", "1", "50", True))),
)  # fmt: skip

#: fund key, project name or enterprise seed key, 亿, date
FUND_INVESTMENTS = (
    ("zhongjin", "超声电池检测设备组装基地", "0.8", D(2023, 4, 20)),
    ("jidi", "佰抗生物体外诊断设备生产线", "0.5", D(2023, 3, 30)),
    ("zhongcai", "建筑垃圾回收利用3D打印", "0.1", D(2023, 6, 1)),
    ("growth", "中油云翰", "0.15", D(2023, 9, 6)),
    ("growth", "西北骄", "0.2", D(2023, 11, 2)),
)

#: The seven 2023 listings on 青海股权交易中心 (confirmed), three named by the article.
LISTED_2023 = ("中油云翰", "西旺高新", "西北骄", "藏软信息", "华实青稞食品", "佰抗生物", "伊纳维康")
#: 2023 loans: 500 + 600 + 300 + 297 = 1697万 (confirmed), by product.
LOANS_2023 = (
    ("百岁", "科创贷", "青海银行", 500, D(2023, 4, 18)),
    ("瑞湖", "专精特新贷", "中国建设银行", 600, D(2023, 6, 29)),
    ("央宗", "科创贷", "青海农商银行", 300, D(2023, 8, 15)),
    ("西北骄", "专精特新贷", "中国银行", 297, D(2023, 11, 20)),
)
PRODUCTS = (
    ("科创贷", "省级科技创新贷款,风险补偿资金池分担"),
    ("专精特新贷", "面向专精特新中小企业的信用贷款"),
    ("知识产权质押贷", "以专利、商标质押的贷款"),
    ("人才贷", "面向高层次人才创办企业的信用贷款"),
)


class InvestmentStep:
    """Projects with their timelines, contracts and money; targets; funds; financing records."""

    name: ClassVar[str] = "investment"
    order: ClassVar[int] = 95  # after the accounts (90): trackers and approvers are demo users

    def build(self, ctx: DemoContext) -> None:
        if seed.REFERENCE_PARK not in ctx.parks:
            return
        park = ctx.parks[seed.REFERENCE_PARK]
        users = apps.get_model("accounts", "User").objects
        self.staff = users.filter(username="bio-investment").first()
        self.leader = users.filter(username="bio-leader").first()
        self.director = users.filter(username="bio-director").first()
        self.ctx, self.park = ctx, park
        self._settings()
        self.funds = self._funds()
        self.projects = {plan.name: self._project(plan) for plan in (*HISTORY, *current_pipeline())}
        self._fund_investments()
        # Today's work: a signing the 招商部 has approved, waiting for the leaders' levels.
        self._approvals(
            self.projects["藏医药大健康产业园"], timezone.localdate() - dt.timedelta(days=10), upto=1
        )
        self._targets()
        self._financing()

    def wipe(self, ctx: DemoContext) -> None:
        parks = [p.code for p in seed.PARKS]
        for model in (Loan, Listing, LoanProduct, FundInvestment, FundPartner, FundsInPlace, Contract,
                      Approval, StageChange):  # fmt: skip
            model.objects.filter(**{f"{_park_path(model)}__code__in": parks}).delete()
        Project.objects.filter(park__code__in=parks).delete()
        for owned in (Fund, Target, ApprovalLevel, StageLimit):
            owned.objects.filter(park__code__in=parks).delete()

    # --- settings and targets ----------------------------------------------------------------------

    def _settings(self) -> None:
        for order, title, approver in (
            (1, "招商部初审", "staff"),
            (2, "分管领导", "leader"),
            (3, "管委会主任", "leader"),
        ):
            ApprovalLevel.objects.create(park=self.park, order=order, title=title, approver=approver)
        for stage, days in (("lead", 60), ("talks", 90), ("signed", 120), ("landed", 180), ("started", 365)):
            StageLimit.objects.create(park=self.park, stage=stage, days=days)

    def _targets(self) -> None:
        this_year = timezone.localdate().year
        rows = [
            (2022, Target.Indicator.EVENT_SIGNED_AMOUNT, QINGHAI_FAIR, y("3")),
            (2022, Target.Indicator.FUNDS_OTHER_PROVINCE, "", y("3")),
            (2023, Target.Indicator.EVENT_SIGNED_AMOUNT, QINGHAI_FAIR, y("20")),
            (2023, Target.Indicator.FUNDS_OTHER_PROVINCE, "", y("15")),
            (2023, Target.Indicator.LANDED_INDUSTRIAL, "", Decimal(6)),
            (this_year, Target.Indicator.EVENT_SIGNED_AMOUNT, QINGHAI_FAIR, y("22")),
            (this_year, Target.Indicator.FUNDS_OTHER_PROVINCE, "", y("16")),
            (this_year, Target.Indicator.LANDED_INDUSTRIAL, "", Decimal(6)),
        ]
        Target.objects.bulk_create(
            [Target(park=self.park, year=yr, indicator=ind, event=ev, value=v) for yr, ind, ev, v in rows]
        )

    # --- projects ----------------------------------------------------------------------------------

    def _project(self, plan: Plan) -> Project:
        reached = [s for s in (*ORDER, Stage.TERMINATED) if s in plan.dates]
        last = reached[-1]
        industry = apps.get_model("enterprises", "Industry").objects.filter(code=plan.industry).first()
        values: dict[str, Any] = {"planned_investment": plan.planned_yi, **plan.extra}
        project = Project.objects.create(
            park=self.park, name=plan.name, investor=plan.investor, origin=plan.origin,
            origin_province=plan.province, industry=industry, chain=plan.chain, is_industrial=plan.industrial,
            channel=plan.channel, source_event=plan.event if plan.channel == "fair" or plan.event else "",
            fund=self.funds.get(plan.fund), tracker=self.staff, introducer="招商一科",
            stage=last, stage_since=plan.dates[last],
            site=plan.site if Stage.LANDED in plan.dates else "",
            enterprise=self.ctx.named.get(plan.enterprise) if Stage.PRODUCING in plan.dates else None,
            termination_reason=plan.reason, expected_output=values["planned_investment"] * Decimal("1.2"),
            expected_tax=values["planned_investment"] * Decimal("0.06"),
            land_need=Decimal(60) if plan.industrial else None, **values,
        )  # fmt: skip
        previous = ""
        for stage in reached:
            if stage == Stage.SIGNED:
                self._approvals(project, plan.dates[stage])
            StageChange.objects.create(
                project=project, action=ACTION[stage], from_stage=previous, to_stage=stage,
                happened_on=plan.dates[stage], by=self.staff, note=plan.reason if stage == Stage.TERMINATED else "",
            )  # fmt: skip
            previous = stage
        if Stage.SIGNED in plan.dates:
            signed_on = plan.dates[Stage.SIGNED]
            Contract.objects.create(
                project=project, revision=1, signed_on=signed_on, amount=plan.contract_yi or plan.planned_yi,
                signing_party=plan.investor, event=plan.event, recorded_by=self.staff,
            )  # fmt: skip
            for number, (day, amount, why) in enumerate(plan.amendments, start=2):
                Contract.objects.create(
                    project=project, revision=number, signed_on=day, amount=amount, signing_party=plan.investor,
                    event=plan.event, note=why, recorded_by=self.staff,
                )  # fmt: skip
                StageChange.objects.create(
                    project=project, action=StepAction.AMEND, from_stage=project.stage, to_stage=project.stage,
                    happened_on=day, by=self.staff, note=f"第{number}版:{why}",
                )  # fmt: skip
        FundsInPlace.objects.bulk_create(
            [
                FundsInPlace(project=project, arrived_on=day, amount=Decimal(yi) * YI, source_class=source,
                             kind="fixed_assets", recorded_by=self.staff)
                for day, yi, source in plan.funds
            ]
        )  # fmt: skip
        return project

    def _approvals(self, project: Project, signed_on: dt.date, upto: int | None = None) -> None:
        # One person signs one level of a project (ADR 0013 §3): the leaders' levels go to the 分管领导
        # (bio-leader), then the 管委会主任 (bio-director), in turn.
        leaders = iter((self.leader, self.director))
        for level in ApprovalLevel.objects.filter(park=self.park).order_by("order")[:upto]:
            by = next(leaders) if level.approver == "leader" else self.staff
            Approval.objects.create(project=project, level=level, decided_on=signed_on, by=by)

    # --- funds -------------------------------------------------------------------------------------

    def _funds(self) -> dict[str, Fund]:
        funds = {}
        for key, name, manager, size, day, status, kind, partners in FUNDS:
            fund = Fund.objects.create(
                park=self.park, name=name, manager=manager, size=y(size), set_up_on=day, status=status, kind=kind,
                guidance_share=sum((Decimal(s) for _n, _a, s, g in partners if g), Decimal(0)),
            )  # fmt: skip
            FundPartner.objects.bulk_create(
                [FundPartner(fund=fund, name=n, commitment=y(a), share=Decimal(s), is_guidance_fund=g)
                 for n, a, s, g in partners]
            )  # fmt: skip
            funds[key] = fund
        return funds

    def _fund_investments(self) -> None:
        for key, target, yi, day in FUND_INVESTMENTS:
            project = self.projects.get(target)
            FundInvestment.objects.create(
                fund=self.funds[key], project=project,
                enterprise=None if project else self.ctx.named[target], amount=y(yi), invested_on=day,
            )  # fmt: skip

    # --- financing ---------------------------------------------------------------------------------

    def _financing(self) -> None:
        products = {
            name: LoanProduct.objects.create(park=self.park, name=name, description=text)
            for name, text in PRODUCTS
        }
        named = self.ctx.named
        confirmed = {"status": Confirmation.CONFIRMED, "confirmed_by": self.staff, "reported_by": self.staff}
        loans = [
            Loan(enterprise=named[key], product=products[product], bank=bank, amount=wan * WAN, rate=Decimal("3.45"),
                 granted_on=day, term_months=12, confirmed_on=day + dt.timedelta(days=10), **confirmed)
            for key, product, bank, wan, day in LOANS_2023
        ]  # fmt: skip
        loans.append(
            Loan(enterprise=named["明诺胶囊"], product=products["知识产权质押贷"], bank="青海银行", amount=800 * WAN,
                 rate=Decimal("3.6"), granted_on=D(2022, 9, 9), term_months=24, confirmed_on=D(2022, 9, 20), **confirmed)
        )  # fmt: skip
        # Reported by enterprises and not yet confirmed: they do not count until the department does.
        today = timezone.localdate()
        loans += [
            Loan(enterprise=named["明诺胶囊"], product=products["科创贷"], bank="中国工商银行", amount=400 * WAN,
                 rate=Decimal("3.3"), granted_on=today - dt.timedelta(days=12), term_months=12,
                 status=Confirmation.REPORTED),
            Loan(enterprise=named["百岁"], product=products["人才贷"], bank="青海银行", amount=150 * WAN,
                 granted_on=today - dt.timedelta(days=30), term_months=36, status=Confirmation.REPORTED),
        ]  # fmt: skip
        Loan.objects.bulk_create(loans)
        listings = [
            Listing(enterprise=named[key], exchange="青海股权交易中心", board="科技创新专板",
                    listed_on=D(2023, 3 + i, 10 + i), confirmed_on=D(2023, 3 + i, 20), **confirmed)
            for i, key in enumerate(LISTED_2023)
        ]  # fmt: skip
        listings.append(
            Listing(enterprise=named["金河藏药"], exchange="青海股权交易中心", board="专精特新专板",
                    listed_on=today - dt.timedelta(days=20), status=Confirmation.REPORTED)
        )  # fmt: skip
        Listing.objects.bulk_create(listings)


def _park_path(model: type[Any]) -> str:
    return str(model.scope_park_field) if model is not LoanProduct else "park"
