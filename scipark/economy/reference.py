"""Reference data loaded by the data migration: GB/T 2589 standard-coal factors and the indicator catalogue.

Rules change between editions, so each row carries its version and source (DOMAIN.md preamble; the source a
reader sees names the standard or the statistical system, never our repository's files); a new
edition is added as new rows with ``is_current`` moved to them, never by editing the old rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop

FACTOR_VERSION = "GB/T 2589-2020"
#: What the indicators are defined by, as the targets page shows it (依据).
INDICATOR_SOURCE = "国家统计局统计报表制度;增速按同口径(本期在统企业与其上年同期)计算"
FACTOR_SOURCE = "GB/T 2589-2020《综合能耗计算通则》附录A"

#: (code, name, unit, kgce per unit, basis); the names are marked for the economy's catalogue, pages show
#: them as ``EnergyCarrier.label``.
ENERGY_CARRIERS: tuple[tuple[str, str, str, Decimal, str], ...] = (
    ("electricity", gettext_noop("电力"), "kWh", Decimal("0.1229"), "当量值"),
    ("natural_gas", gettext_noop("天然气"), "m³", Decimal("1.2143"), ""),
    ("raw_coal", gettext_noop("原煤"), "kg", Decimal("0.7143"), ""),
    ("washed_coal", gettext_noop("洗精煤"), "kg", Decimal("0.9000"), ""),
    ("coke", gettext_noop("焦炭"), "kg", Decimal("0.9714"), ""),
    ("crude_oil", gettext_noop("原油"), "kg", Decimal("1.4286"), ""),
    ("fuel_oil", gettext_noop("燃料油"), "kg", Decimal("1.4286"), ""),
    ("gasoline", gettext_noop("汽油"), "kg", Decimal("1.4714"), ""),
    ("kerosene", gettext_noop("煤油"), "kg", Decimal("1.4714"), ""),
    ("diesel", gettext_noop("柴油"), "kg", Decimal("1.4571"), ""),
    ("lpg", gettext_noop("液化石油气"), "kg", Decimal("1.7143"), ""),
    ("heat", gettext_noop("热力"), "MJ", Decimal("0.03412"), ""),
    ("steam", gettext_noop("蒸汽(低压)"), "kg", Decimal("0.1286"), "宜按实测焓值"),
    ("water", gettext_noop("新水"), "t", Decimal("0.0857"), "耗能工质"),
)

#: Carriers counted in comprehensive energy use (综合能源消费量); water is an energy-consuming medium
#: (耗能工质) reported for information and left out of the total, as GB/T 2589 allows.
ENERGY_TOTAL_EXCLUDES: frozenset[str] = frozenset({"water"})

#: (code, name, definition, unit, measure, scale set, target kind, frequency, order); the names are marked for
#: the economy's catalogue (``gettext_noop`` leaves them as they are), pages show them with ``core.terms.data_term``.
INDICATORS: tuple[tuple[str, str, str, str, str, str, str, str, int], ...] = (
    (
        "above_scale_output",
        gettext_noop("规模以上工业总产值"),
        "规模以上工业企业当年价格工业总产值,1月至报告期累计;增速按同口径(本期在规企业与其上年同期)计算。",
        "元",
        "industrial_output",
        "above_scale_industry",
        "amount",
        "monthly",
        10,
    ),
    (
        "above_scale_output_growth",
        gettext_noop("规模以上工业产值增速"),
        "规模以上工业总产值累计同比增速(同口径)。",
        "%",
        "industrial_output",
        "above_scale_industry",
        "growth",
        "monthly",
        11,
    ),
    (
        "above_scale_value_added_growth",
        gettext_noop("规模以上工业增加值增速"),
        "规模以上工业增加值(可比价)累计同比增速(同口径)。",
        "%",
        "value_added",
        "above_scale_industry",
        "growth",
        "monthly",
        12,
    ),
    (
        "fixed_asset_investment",
        gettext_noop("固定资产投资"),
        "计划总投资500万元及以上项目的月度完成投资,1月至报告期累计。",
        "元",
        "fixed_asset_investment",
        "all",
        "amount",
        "monthly",
        20,
    ),
    (
        "above_quota_wholesale_sales",
        gettext_noop("限额以上批发业销售额"),
        "限额以上批发业企业商品销售额,1月至报告期累计;增速按同口径计算。",
        "元",
        "sales",
        "above_quota_wholesale",
        "amount",
        "monthly",
        30,
    ),
    (
        "above_quota_retail_sales",
        gettext_noop("限额以上零售业销售额"),
        "限额以上零售业企业商品销售额,1月至报告期累计。",
        "元",
        "sales",
        "above_quota_retail",
        "amount",
        "monthly",
        31,
    ),
    (
        "energy_intensity_reduction",
        gettext_noop("规模以上工业单位增加值能耗降低率"),
        "1 −(1+综合能耗增速)/(1+工业增加值(可比价)增速),规模以上工业,1月至报告期累计。",
        "%",
        "energy_tce",
        "above_scale_industry",
        "growth",
        "monthly",
        40,
    ),
)
