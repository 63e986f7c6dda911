"""The seed article's facts as data: the zone, its parks, the enterprises it names, the counts it reports.

Only facts the article states (or that a park's records plainly need, such as legal names and
industries) live here; the figures of FIGURES.md are never stored as results, only as the
populations the records must produce (537 incubatees, 2 new above-scale firms …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from scipark.core.roles import DepartmentKind

#: The reference year of the article, and the day its stock figures are counted on.
REFERENCE_YEAR = 2023
YEAR_END = date(2023, 12, 31)

#: Fixed seed: the demo park is the same on every run.
RANDOM_SEED = 20231231


@dataclass(frozen=True)
class ZoneSeed:
    """A development zone (开发区)."""

    name: str
    short_name: str
    region_code: str


@dataclass(frozen=True)
class ParkSeed:
    """A park of the zone, with the population the demo gives it."""

    code: str
    name: str
    short_name: str
    district: str  # 西宁市 district name for addresses
    region_code: str  # GB/T 2260 code of that district
    roads: tuple[str, ...]
    area_km2: Decimal
    latitude: Decimal
    longitude: Decimal
    enterprise_count: int  # named + generated
    incubating_at_year_end: int
    graduated_incubatees: int
    above_scale_industry: int  # above-scale industrial firms at the year end (including new ones)
    above_quota_wholesale: int
    above_quota_retail: int
    above_quota_catering: int


ZONE = ZoneSeed(name="西宁经济技术开发区", short_name="西宁经开区", region_code="630100")

PARKS: tuple[ParkSeed, ...] = (
    ParkSeed(
        code="bio",
        name="生物科技产业园区",
        short_name="生物园区",
        district="城北区",
        region_code="630105",
        roads=("经二路", "经四路", "纬二路", "纬三路", "生物园区创业路", "海湖大道北段", "宁张路"),
        area_km2=Decimal("9.92"),
        latitude=Decimal("36.673200"),
        longitude=Decimal("101.742900"),
        enterprise_count=780,
        incubating_at_year_end=537,
        graduated_incubatees=41,
        above_scale_industry=38,
        above_quota_wholesale=27,
        above_quota_retail=9,
        above_quota_catering=2,
    ),
    ParkSeed(
        code="nanchuan",
        name="南川工业园区",
        short_name="南川园区",
        district="城中区",
        region_code="630103",
        roads=("南川西路", "园区一路", "园区二路", "光华路", "总寨路"),
        area_km2=Decimal("35.20"),
        latitude=Decimal("36.552100"),
        longitude=Decimal("101.758300"),
        enterprise_count=140,
        incubating_at_year_end=24,
        graduated_incubatees=6,
        above_scale_industry=21,
        above_quota_wholesale=8,
        above_quota_retail=3,
        above_quota_catering=0,
    ),
    ParkSeed(
        code="ganhe",
        name="甘河工业园区",
        short_name="甘河园区",
        district="湟中区",
        region_code="630106",
        roads=("甘河滩镇园区大道", "甘河东路", "甘河西路", "冶金路"),
        area_km2=Decimal("31.60"),
        latitude=Decimal("36.497600"),
        longitude=Decimal("101.552400"),
        enterprise_count=90,
        incubating_at_year_end=0,
        graduated_incubatees=0,
        above_scale_industry=26,
        above_quota_wholesale=4,
        above_quota_retail=0,
        above_quota_catering=0,
    ),
)

REFERENCE_PARK = "bio"

#: Department names of a park administration, by kind.
DEPARTMENT_NAMES: dict[str, str] = {
    DepartmentKind.ECONOMY: "经济发展局",
    DepartmentKind.INVESTMENT: "招商局",
    DepartmentKind.INNOVATION: "科技创新局",
    DepartmentKind.ENVIRONMENT: "生态环境保护局",
    DepartmentKind.SERVICE: "企业服务中心",
    DepartmentKind.OFFICE: "综合办公室",
}

#: The tags every park keeps, in order.
TAGS: tuple[tuple[str, str], ...] = (
    ("重点企业", "red"),
    ("医药产业链", "green"),
    ("高新技术企业", "blue"),
    ("科技型中小企业", "purple"),
    ("专精特新", "orange"),
    ("绿色工厂", "teal"),
)


@dataclass(frozen=True)
class NamedEnterprise:
    """An enterprise the article names, with the legal name and industry the demo gives it."""

    key: str  # how the article (and later demo steps) refer to it
    name: str
    industry: str  # GB/T 4754-2017 小类
    registered: date
    capital_wan: int  # registered capital in 万元
    tags: tuple[str, ...] = ()
    above_scale_since: date | None = None  # 规上/限上 (kind follows the activity type)
    incubating_since: date | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)


#: Every enterprise the seed article names (by short name), in the bio park.
NAMED_ENTERPRISES: tuple[NamedEnterprise, ...] = (
    NamedEnterprise(
        "宏远胶原蛋白肠衣",
        "青海宏远胶原蛋白肠衣有限公司",
        "1499",
        date(2021, 4, 16),
        8000,
        ("医药产业链", "重点企业"),
        above_scale_since=date(2023, 7, 1),
        description="胶原蛋白肠衣生产,2023年投产当年纳入规模以上工业企业。",
    ),
    NamedEnterprise(
        "金河藏药",
        "金河藏药股份有限公司",
        "2740",
        date(2000, 9, 28),
        12000,
        ("医药产业链", "重点企业", "高新技术企业"),
        above_scale_since=date(2008, 1, 1),
        description="国家知识产权优势企业,青海省首家新型研发机构。",
    ),
    NamedEnterprise(
        "明诺胶囊",
        "青海明诺胶囊有限公司",
        "2780",
        date(2004, 3, 11),
        6000,
        ("医药产业链", "重点企业", "绿色工厂"),
        above_scale_since=date(2010, 1, 1),
        description="空心胶囊生产,国家级绿色工厂。",
    ),
    NamedEnterprise(
        "伊纳维康",
        "青海伊纳维康生物科技有限公司",
        "1492",
        date(2009, 6, 2),
        5000,
        ("医药产业链", "重点企业", "高新技术企业", "绿色工厂"),
        above_scale_since=date(2014, 1, 1),
        description="高原特色保健食品,国家级绿色工厂、节水型企业。",
    ),
    NamedEnterprise(
        "西旺高新",
        "西旺高新材料有限公司",
        "2662",
        date(2016, 8, 19),
        10000,
        ("重点企业", "高新技术企业"),
        above_scale_since=date(2019, 1, 1),
        description="全省首个零碳工厂,产品被认定为零碳产品。",
    ),
    NamedEnterprise(
        "三江源药业",
        "青海三江源药业有限公司",
        "2740",
        date(2002, 11, 5),
        5500,
        ("医药产业链", "重点企业"),
        above_scale_since=date(2009, 1, 1),
    ),
    NamedEnterprise(
        "青海生物药品厂",
        "青海生物药品厂有限公司",
        "2750",
        date(1998, 12, 30),
        9800,
        ("医药产业链", "重点企业", "高新技术企业"),
        above_scale_since=date(2005, 1, 1),
        description="兽用生物制品生产,节水型企业。",
    ),
    NamedEnterprise(
        "中油云翰",
        "青海中油云翰科技有限公司",
        "6513",
        date(2019, 5, 21),
        1000,
        ("科技型中小企业",),
        incubating_since=date(2020, 3, 1),
    ),
    NamedEnterprise(
        "西北骄",
        "青海西北骄天然生物科技有限公司",
        "1491",
        date(2012, 7, 9),
        3000,
        ("医药产业链", "高新技术企业"),
        above_scale_since=date(2017, 1, 1),
    ),
    NamedEnterprise(
        "百岁", "青海百岁药业有限公司", "2740", date(2014, 10, 13), 2000, ("医药产业链", "专精特新")
    ),
    NamedEnterprise(
        "瑞湖", "青海瑞湖生物资源开发有限公司", "1495", date(2011, 2, 24), 2600, ("高新技术企业", "专精特新")
    ),
    NamedEnterprise(
        "央宗", "青海央宗药业有限公司", "2740", date(2015, 6, 30), 1500, ("医药产业链", "专精特新")
    ),
    NamedEnterprise(
        "一家亲农产品",
        "青海一家亲农产品有限公司",
        "5123",
        date(2017, 3, 8),
        500,
        ("重点企业",),
        above_scale_since=date(2023, 1, 1),
    ),
    NamedEnterprise(
        "嘉珂商贸",
        "青海嘉珂商贸有限公司",
        "5131",
        date(2018, 9, 17),
        300,
        (),
        above_scale_since=date(2023, 1, 1),
    ),
    NamedEnterprise(
        "佰抗生物",
        "青海佰抗生物科技有限公司",
        "3581",
        date(2022, 8, 26),
        3000,
        ("医药产业链",),
        incubating_since=date(2022, 10, 1),
        description="体外诊断设备生产线,基金招商项目。",
    ),
    NamedEnterprise(
        "藏软信息",
        "青海藏软信息技术有限公司",
        "6513",
        date(2013, 4, 2),
        800,
        ("科技型中小企业", "高新技术企业"),
        description="设有青海藏软信息研发中心(市级企业研发中心)。",
    ),
    NamedEnterprise(
        "华实青稞食品",
        "青海华实青稞食品有限公司",
        "1431",
        date(2010, 5, 18),
        2200,
        ("高新技术企业",),
        above_scale_since=date(2016, 1, 1),
        description="设有青海华实青稞食品研发中心(市级企业研发中心)。",
    ),
    NamedEnterprise(
        "黄河嘉酿",
        "青海黄河嘉酿啤酒有限公司",
        "1513",
        date(2003, 1, 20),
        6600,
        ("重点企业",),
        above_scale_since=date(2006, 1, 1),
    ),
    NamedEnterprise(
        "食品保健孵化器",
        "青海食品保健科技企业孵化器有限公司",
        "7540",
        date(2015, 11, 3),
        1000,
        (),
        description="青海食品保健专业化科技企业孵化器的运营单位(省级科技企业孵化器)。",
    ),
)

#: How many firms entered above-scale/above-quota in the reference year (E4, E5): the named ones
#: above plus generated ones make up these counts.
NEW_ABOVE_SCALE_INDUSTRY = 2
NEW_ABOVE_QUOTA_TRADE = 7


def named(key: str) -> NamedEnterprise:
    """The seed record of an enterprise the article names, by the article's short name."""
    for seed in NAMED_ENTERPRISES:
        if seed.key == key:
            return seed
    raise KeyError(key)
