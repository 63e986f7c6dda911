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
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.apps import apps
from django.utils import timezone

from scipark.demo import seed
from scipark.demo.builder import DemoContext

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
QINGHAI_FAIR = "青洽会"
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


@dataclass
class Plan:
    """One project's story: what it is, the dates it reached each stage, its contract and its money."""

    name: str
    investor: str
    origin: str  # in_province / other_province / abroad
    province: str
    industry: str
    chain: str
    planned_yi: Decimal
    dates: dict[str, dt.date]  # stage → the day it was reached (terminated included)
    channel: str = "fair"
    event: str = ""
    industrial: bool = True
    contract_yi: Decimal | None = None  # defaults to the planned investment
    amendments: tuple[tuple[dt.date, Decimal, str], ...] = ()
    funds: tuple[tuple[dt.date, Decimal, str], ...] = ()  # (date, 亿元, source class)
    fund: str = ""  # key of the fund that brought it
    enterprise: str = ""  # seed key of the enterprise it became
    site: str = "生物园区经二路地块"
    reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def y(value: str) -> Decimal:
    return Decimal(value) * YI


#: 2023 at 青洽会: 8 + 6 (amended from 5) + 4.5 + 2.5 = 21亿 against a 20亿 target (105 %).
#: 2023 landed industrial ≥ 5000万: 8 + 6.2 + 5.5 + 4.56 + 4 + 0.5 (the edge) = 28.76亿, six projects.
#: 2023 from other provinces: 3.5 + 2.8 + 2.4 + 2.2 + 1.63 + 1.05 + 0.95 + 0.5 = 15.03亿 against 15亿 (100.2 %).
HISTORY: tuple[Plan, ...] = (
    Plan(
        "高原特色生物医药产业园",
        "北京某医药集团有限公司",
        "other_province",
        "北京市",
        "2740",
        "新型医药",
        y("8"),
        {
            "lead": D(2022, 11, 3),
            "talks": D(2023, 1, 10),
            "signed": D(2023, 6, 8),
            "landed": D(2023, 7, 20),
            "started": D(2023, 9, 1),
        },
        event=QINGHAI_FAIR,
        site="经二路以东 120 亩",
        funds=(
            (D(2023, 8, 15), Decimal("3.5"), "other_province"),
            (D(2023, 11, 30), Decimal("1.2"), "in_province"),
        ),
    ),
    Plan(
        "冬虫夏草精深加工及研发中心",
        "上海某生物科技股份有限公司",
        "other_province",
        "上海市",
        "2740",
        "传统医药",
        y("5"),
        {
            "lead": D(2023, 2, 14),
            "talks": D(2023, 3, 1),
            "signed": D(2023, 6, 8),
            "landed": D(2023, 8, 10),
            "started": D(2023, 10, 9),
        },
        event=QINGHAI_FAIR,
        contract_yi=y("5"),
        site="纬一路 60 亩",
        amendments=((D(2023, 9, 12), y("6"), "追加冻干粉生产线"),),
        funds=((D(2023, 9, 20), Decimal("2.8"), "other_province"),),
        extra={"planned_investment": y("6.2")},
    ),
    Plan(
        "藏药现代化生产基地扩能",
        "金河藏药股份有限公司",
        "in_province",
        "",
        "2740",
        "传统医药",
        y("4.5"),
        {"lead": D(2023, 1, 5), "talks": D(2023, 2, 2), "signed": D(2023, 6, 8)},
        event=QINGHAI_FAIR,
        channel="by_business",
        funds=((D(2023, 10, 10), Decimal("0.9"), "in_province"),),
    ),
    Plan(
        "沙棘黄酮提取及功能食品",
        "陕西某天然产物有限公司",
        "other_province",
        "陕西省",
        "1491",
        "康养医疗",
        y("2.5"),
        {"lead": D(2023, 3, 2), "talks": D(2023, 4, 11), "signed": D(2023, 6, 8)},
        event=QINGHAI_FAIR,
        funds=((D(2023, 12, 5), Decimal("0.95"), "other_province"),),
    ),
    Plan(
        "医用敷料及卫生材料生产线",
        "江苏某医疗用品有限公司",
        "other_province",
        "江苏省",
        "2770",
        "新型医药",
        y("5.5"),
        {
            "lead": D(2022, 9, 1),
            "talks": D(2022, 10, 12),
            "signed": D(2022, 12, 20),
            "landed": D(2023, 3, 15),
            "started": D(2023, 5, 8),
        },
        event="",
        channel="resident",
        funds=(
            (D(2022, 12, 28), Decimal("1.0"), "other_province"),
            (D(2023, 4, 18), Decimal("2.4"), "other_province"),
        ),
    ),
    Plan(
        "超声电池检测设备组装基地",
        "深圳某新能源科技有限公司",
        "other_province",
        "广东省",
        "3841",
        "新能源",
        y("4.56"),
        {
            "lead": D(2022, 12, 1),
            "talks": D(2023, 1, 16),
            "signed": D(2023, 3, 22),
            "landed": D(2023, 5, 30),
            "started": D(2023, 7, 3),
        },
        channel="fund",
        fund="zhongjin",
        funds=((D(2023, 6, 26), Decimal("2.2"), "other_province"),),
    ),
    Plan(
        "佰抗生物体外诊断设备生产线",
        "青海佰抗生物科技有限公司",
        "in_province",
        "",
        "3581",
        "新型医药",
        y("4"),
        {
            "lead": D(2022, 10, 8),
            "talks": D(2022, 12, 2),
            "signed": D(2023, 2, 20),
            "landed": D(2023, 4, 12),
            "started": D(2023, 6, 1),
            "producing": D(2023, 12, 18),
        },
        channel="fund",
        fund="jidi",
        enterprise="佰抗生物",
        funds=(
            (D(2023, 5, 10), Decimal("1.63"), "other_province"),
            (D(2023, 9, 10), Decimal("1.1"), "in_province"),
        ),
    ),
    Plan(
        "建筑垃圾回收利用3D打印",
        "浙江某智造科技有限公司",
        "other_province",
        "浙江省",
        "4220",
        "循环经济",
        y("0.5"),
        {"lead": D(2023, 1, 9), "talks": D(2023, 2, 6), "signed": D(2023, 4, 3), "landed": D(2023, 6, 19)},
        channel="fund",
        fund="zhongcai",
        funds=((D(2023, 7, 14), Decimal("0.5"), "other_province"),),
    ),
    Plan(
        "胶原蛋白肠衣二期",
        "青海宏远胶原蛋白肠衣有限公司",
        "other_province",
        "山东省",
        "1399",
        "康养医疗",
        y("1.8"),
        {
            "lead": D(2021, 12, 1),
            "talks": D(2022, 1, 10),
            "signed": D(2022, 3, 18),
            "landed": D(2022, 5, 6),
            "started": D(2022, 6, 1),
            "producing": D(2023, 3, 30),
        },
        enterprise="宏远胶原蛋白肠衣",
        channel="by_business",
        funds=(
            (D(2022, 7, 1), Decimal("0.6"), "other_province"),
            (D(2023, 2, 10), Decimal("1.05"), "other_province"),
        ),
    ),
    Plan(
        "中药饮片智能仓储物流中心",
        "青海某商贸集团有限公司",
        "in_province",
        "",
        "5941",
        "传统医药",
        y("1.2"),
        {"lead": D(2023, 1, 3), "talks": D(2023, 2, 8), "signed": D(2023, 5, 5), "landed": D(2023, 9, 8)},
        industrial=False,
        event="生物医药招商推介会",
    ),
    Plan(
        "小型医疗器械配件加工",
        "青海某精密制造有限公司",
        "in_province",
        "",
        "3589",
        "新型医药",
        y("0.4"),
        {"lead": D(2023, 2, 1), "talks": D(2023, 3, 1), "signed": D(2023, 4, 20), "landed": D(2023, 8, 1)},
        channel="online",
    ),
    Plan(
        "青稞β-葡聚糖提取",
        "西藏某高原食品有限公司",
        "other_province",
        "西藏自治区",
        "1491",
        "康养医疗",
        y("3"),
        {"lead": D(2022, 3, 1), "talks": D(2022, 4, 2), "signed": D(2022, 7, 25), "landed": D(2022, 10, 10)},
        event=QINGHAI_FAIR,
        funds=((D(2022, 11, 11), Decimal("1.6"), "other_province"),),
    ),
    Plan(
        "动物疫苗研发生产基地",
        "成都某生物制品有限公司",
        "other_province",
        "四川省",
        "2750",
        "新型医药",
        y("1.5"),
        {"lead": D(2023, 4, 1), "talks": D(2023, 5, 9), "terminated": D(2023, 10, 20)},
        reason="投资方调整战略,转投他省",
    ),
    # The reserve at the end of 2023 (线索/接洽): 120 + 100 (the edge) / 55 / 32 / 10 (the edge) + 15 + 26.
    Plan(
        "盐湖锂资源综合利用产业园",
        "中国某矿业集团有限公司",
        "other_province",
        "北京市",
        "3841",
        "新能源",
        y("120"),
        {"lead": D(2023, 5, 10), "talks": D(2023, 8, 2)},
        channel="resident",
    ),
    Plan(
        "生物医药产业创新城",
        "广州某投资控股有限公司",
        "other_province",
        "广东省",
        "2740",
        "新型医药",
        y("100"),
        {"lead": D(2023, 7, 1), "talks": D(2023, 9, 15), "signed": D(2024, 6, 6)},
        event=QINGHAI_FAIR,
    ),
    Plan(
        "高原康养文旅综合体",
        "青海某文旅集团有限公司",
        "in_province",
        "",
        "8515",
        "康养医疗",
        y("55"),
        {"lead": D(2023, 6, 20), "talks": D(2023, 11, 2)},
        industrial=False,
        channel="by_business",
    ),
    Plan(
        "光伏组件及储能电站",
        "上海某电力新能源有限公司",
        "other_province",
        "上海市",
        "3825",
        "新能源",
        y("32"),
        {"lead": D(2023, 9, 18)},
        channel="online",
    ),
    Plan(
        "现代中药配方颗粒产业园",
        "天津某制药集团有限公司",
        "other_province",
        "天津市",
        "2740",
        "传统医药",
        y("10"),
        {"lead": D(2023, 4, 8), "talks": D(2023, 6, 12)},
        event=QINGHAI_FAIR,
    ),
    Plan(
        "牦牛骨胶原肽生产线",
        "香港某生物科技有限公司",
        "abroad",
        "中国香港",
        "1491",
        "康养医疗",
        y("15"),
        {"lead": D(2023, 8, 8), "talks": D(2023, 10, 30)},
        channel="fair",
    ),
    Plan(
        "医疗大数据中心",
        "北京某数据科技有限公司",
        "other_province",
        "北京市",
        "6450",
        "数字经济",
        y("26"),
        {"lead": D(2023, 10, 12)},
        industrial=False,
        channel="online",
    ),
    Plan(
        "枸杞多糖提取",
        "宁夏某枸杞有限公司",
        "other_province",
        "宁夏回族自治区",
        "1491",
        "康养医疗",
        y("0.6"),
        {"lead": D(2023, 11, 1)},
        channel="online",
    ),
)

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
        for level in ApprovalLevel.objects.filter(park=self.park).order_by("order")[:upto]:
            by = self.leader if level.approver == "leader" else self.staff
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


def current_pipeline() -> tuple[Plan, ...]:
    """This year's living pipeline, dated back from today: every stage, some sitting too long."""
    today = timezone.localdate()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    return (
        Plan("蕨麻深加工及植物蛋白饮品", "甘肃某食品有限公司", "other_province", "甘肃省", "1529", "康养医疗", y("1.2"),
             {"lead": ago(12)}, channel="online"),
        Plan("高原红景天提取物生产", "四川某植物药业有限公司", "other_province", "四川省", "2740", "传统医药", y("3.5"),
             {"lead": ago(95)}, channel="fair", event=QINGHAI_FAIR),  # past the 60-day limit
        Plan("细胞治疗GMP平台", "苏州某细胞科技有限公司", "other_province", "江苏省", "2760", "新型医药", y("6"),
             {"lead": ago(40), "talks": ago(20)}, channel="by_business"),
        Plan("智慧药房连锁配送中心", "青海某医药连锁有限公司", "in_province", "", "5251", "传统医药", y("0.8"),
             {"lead": ago(200), "talks": ago(130)}, industrial=False),  # past the 90-day limit
        Plan("藏医药大健康产业园", "北京某健康产业集团有限公司", "other_province", "北京市", "2740", "传统医药", y("35"),
             {"lead": ago(160), "talks": ago(70)}, event=QINGHAI_FAIR),  # 招商部 approved: the leaders next
        Plan("生物降解材料生产线", "山东某新材料股份有限公司", "other_province", "山东省", "2929", "循环经济", y("4.2"),
             {"lead": ago(210), "talks": ago(170), "signed": ago(60)}, event=QINGHAI_FAIR,
             funds=((ago(30), Decimal("0.8"), "other_province"),)),
        Plan("医疗器械CDMO基地", "深圳某医疗科技有限公司", "other_province", "广东省", "3589", "新型医药", y("2.6"),
             {"lead": ago(330), "talks": ago(300), "signed": ago(200)}, channel="resident"),  # past 120 days
        Plan("牦牛乳制品精深加工", "青海某乳业有限公司", "in_province", "", "1441", "康养医疗", y("1.6"),
             {"lead": ago(320), "talks": ago(280), "signed": ago(220), "landed": ago(90)},
             funds=((ago(80), Decimal("0.6"), "in_province"),)),
        Plan("核酸检测试剂生产线", "武汉某生物技术有限公司", "other_province", "湖北省", "2770", "新型医药", y("2"),
             {"lead": ago(330), "talks": ago(310), "signed": ago(280), "landed": ago(230), "started": ago(150)},
             funds=((ago(200), Decimal("1.2"), "other_province"),)),
        Plan("中藏药材标准化种植加工", "青海某中藏药材有限公司", "in_province", "", "2730", "传统医药", y("0.9"),
             {"lead": ago(334), "talks": ago(320), "signed": ago(300), "landed": ago(260), "started": ago(200),
              "producing": ago(25)}, enterprise="华实青稞食品"),
        Plan("锂电池回收利用", "江西某循环科技有限公司", "other_province", "江西省", "4210", "循环经济", y("5"),
             {"lead": ago(180), "talks": ago(150), "terminated": ago(45)}, reason="环评条件不符,投资方放弃"),
    )  # fmt: skip
