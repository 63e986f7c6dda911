"""The demo's project stories: the 2022–2023 history behind I1–I4 and this year's pipeline (see ``demo``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

YI = Decimal(100_000_000)
D = dt.date
QINGHAI_FAIR = "青洽会"


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
