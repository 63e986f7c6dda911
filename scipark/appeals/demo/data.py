"""The demo's appeal data: the bio park's categories with sample problems, the counts of 2023, the demo
users, and the plan of one demo appeal (what state it reaches and how)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scipark.core.roles import DepartmentKind as K

from ..calendar import WorkCalendar
from ..models import AppealCategory

TZ = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2026, 11, 26)

#: (code, name, group, department kind, working days, keywords, sample problems)
CATEGORIES: tuple[tuple[str, str, str, str, int, str, tuple[str, ...]], ...] = (
    (
        "utilities",
        "水电气暖",
        "基础设施",
        K.SERVICE,
        5,
        "停电 供水 供暖 燃气",
        (
            "厂区计划外停电频繁,影响生产线连续运行,请协调供电公司。",
            "冬季供暖温度不达标,车间温度偏低。",
            "园区路段供水管网压力不足,高峰期用水困难。",
        ),
    ),
    (
        "telecom",
        "通信网络",
        "基础设施",
        K.SERVICE,
        5,
        "信号 宽带 网络 基站",
        (
            "企业周边手机信号差,影响业务联系。",
            "园区宽带带宽不足,申请光纤扩容。",
        ),
    ),
    (
        "land",
        "土地与厂房",
        "要素保障",
        K.INVESTMENT,
        15,
        "用地 厂房 租赁 规划",
        (
            "扩产需要新增标准化厂房约2000平方米,咨询租赁条件。",
            "项目用地红线与规划道路存在冲突,请协调。",
        ),
    ),
    (
        "permits",
        "审批与证照",
        "政务服务",
        K.OFFICE,
        10,
        "审批 许可 证照 备案",
        (
            "药品生产许可证变更办理进度咨询。",
            "新建仓库消防验收办理流程咨询。",
        ),
    ),
    (
        "finance",
        "融资与金融",
        "要素保障",
        K.ECONOMY,
        10,
        "贷款 融资 担保 上市",
        (
            "申请流动资金贷款贴息,需了解办理条件。",
            "希望对接园区担保机构解决设备采购资金缺口。",
        ),
    ),
    (
        "hiring",
        "用工招聘",
        "人才服务",
        K.SERVICE,
        10,
        "招聘 用工 人才 培训",
        (
            "急需招聘质量检验岗位人员10名。",
            "希望参加园区组织的招聘会并发布岗位。",
        ),
    ),
    (
        "policy",
        "政策咨询与兑现",
        "政策服务",
        K.ECONOMY,
        10,
        "政策 补贴 奖励 申报",
        (
            "规上企业奖励资金兑现进度咨询。",
            "咨询高新技术企业认定补助申报材料。",
        ),
    ),
    (
        "environment",
        "环保与安全",
        "生态环保",
        K.ENVIRONMENT,
        10,
        "环评 排污 安全 危废",
        (
            "环评批复变更手续咨询。",
            "危废暂存间建设标准咨询,请上门指导。",
        ),
    ),
    (
        "innovation",
        "科技项目",
        "科技创新",
        K.INNOVATION,
        10,
        "科技 研发 专利 项目",
        (
            "省级科技项目申报指导需求。",
            "企业研发中心认定材料辅导。",
        ),
    ),
)


TELECOM_TEXT = "企业周边电信信号弱,望相关单位能落实一下……"
RESOLVED_2023 = 54
UNRESOLVED_2023 = 3
DEMO_USERS = (
    "bio-service",
    "bio-leader",
    "bio-economy",
    "bio-investment",
    "bio-environment",
    "mingnuo",
    "jinhe",
)


@dataclass
class Plan:
    """One demo appeal and the steps that brought it to its state."""

    category: AppealCategory
    enterprise: Any
    channel: str
    title: str
    description: str
    received: dt.datetime
    state: str
    lead: Any = None
    co: Any = None
    closed: dt.datetime | None = None
    resolved: bool = False
    reply: str = ""
    score: int | None = None
    sent_back: bool = False
    reopened: bool = False
    escalated: dt.datetime | None = None


@dataclass
class Pool:
    """What the plans draw from: the park's categories with their sample problems, enterprises,
    departments by kind, and the working-day calendar."""

    categories: list[AppealCategory]
    samples: dict[str, tuple[str, ...]]
    enterprises: list[Any]
    departments: dict[str, Any]
    calendar: WorkCalendar


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
