"""The tier rules as tables of hand-worked cases (DOMAIN.md §3): every band edge, the direct routes, the
5000万/2亿 R&D bands, the ranges where experts score, and the wording of the gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from scipark.innovation.cultivation import Profile, YearFigures, evaluate
from scipark.innovation.cultivation.bands import (
    money_to_share,
    people_to_share,
    point_range,
    points,
    wan_phrase,
)
from scipark.innovation.cultivation.defaults import DEFAULT_RULES
from scipark.innovation.cultivation.tiers import growth_rate, high_tech_rd_rate

D = Decimal
RULES = {r.tier: r.params for r in DEFAULT_RULES}
WAN = D(10000)

#: A small tech firm that passes every 科技型 condition with 20 + 50 + 30 = 100.
SME = Profile(
    year=2023, registered_on=dt.date(2018, 3, 1), employees=100, tech_staff=30, sales=D(10_000_000),
    total_assets=D(20_000_000), total_liabilities=D(5_000_000), total_cost=D(8_000_000), rd_expense=D(600_000),
    rd_expense_domestic=D(600_000), high_tech_income=D(7_000_000), class_i=1, class_i_own=1,
)  # fmt: skip


@pytest.mark.parametrize(
    ("tech_staff", "points"),
    [(30, 20), (29, 16), (25, 16), (24, 12), (20, 12), (15, 8), (14, 4), (10, 4), (9, 0)],
)
def test_tech_sme_tech_staff_bands_include_the_lower_edge(tech_staff: int, points: int) -> None:
    result = evaluate("tech_sme", replace(SME, tech_staff=tech_staff), RULES["tech_sme"])
    assert result.score_min == 50 + 30 + points


@pytest.mark.parametrize(
    ("rd", "cost", "points"),
    [
        (600_000, 8_000_000, 50),  # 6% of sales
        (599_999, 8_000_000, 40),  # 5.99999%
        (500_000, 8_000_000, 40),
        (400_000, 8_000_000, 30),
        (300_000, 8_000_000, 20),
        (200_000, 8_000_000, 10),
        (199_999, 8_000_000, 0),
        (199_999, 1_000_000, 20),  # the better of: 19.9999% of total cost → 15–20 band
        (300_000, 1_000_000, 50),  # 30% of total cost
    ],
)
def test_tech_sme_rd_is_the_better_of_sales_and_cost(rd: int, cost: int, points: int) -> None:
    result = evaluate("tech_sme", replace(SME, rd_expense=D(rd), total_cost=D(cost)), RULES["tech_sme"])
    assert result.score_min == 20 + points + 30


@pytest.mark.parametrize(
    ("class_i", "class_ii", "points"),
    [(1, 0, 30), (0, 5, 24), (0, 4, 24), (0, 3, 18), (0, 2, 12), (0, 1, 6), (0, 0, 0)],
)
def test_tech_sme_ip(class_i: int, class_ii: int, points: int) -> None:
    result = evaluate("tech_sme", replace(SME, class_i=class_i, class_ii=class_ii), RULES["tech_sme"])
    assert result.score_min == 20 + 50 + points


def test_tech_sme_pass_mark_and_the_tech_staff_score_must_not_be_zero() -> None:
    assert evaluate("tech_sme", SME, RULES["tech_sme"]).qualifies is True
    # 60 exactly passes (以上 includes the number): 12 + 30 + 18
    edge = replace(SME, tech_staff=20, rd_expense=D(400_000), class_i=0, class_ii=3)
    assert evaluate("tech_sme", edge, RULES["tech_sme"]).qualifies is True
    # 100 points, but tech staff 8%: fails, and the gap is in people (employees grow with the hires)
    low = evaluate("tech_sme", replace(SME, tech_staff=8), RULES["tech_sme"])
    assert low.qualifies is False
    assert [g.message for g in low.gaps] == ["科技人员占比 8.0% < 10%(该项不得为0分):还需 +3人"]


def test_tech_sme_score_gap_names_the_rd_money() -> None:
    # 12 (20%) + 10 (2%) + 6 (1 class II) = 28: R&D alone to 6% gives +40 → 68: 600000 − 200000 = +40万元
    weak = replace(SME, tech_staff=20, rd_expense=D(200_000), total_cost=D(8_000_000), class_i=0, class_ii=1)
    result = evaluate("tech_sme", weak, RULES["tech_sme"])
    assert result.qualifies is False
    assert result.gaps[-1].message == "评价得分 28 < 60:研发费用占销售收入 2.0% → 6% 可得 50 分,还需 +40万元"
    assert result.gaps[-1].amount == D(400_000)


@pytest.mark.parametrize(
    ("change", "qualifies"),
    [
        ({"employees": 500, "tech_staff": 150}, True),  # ≤ 500 included
        ({"employees": 501, "tech_staff": 151}, False),
        ({"sales": D(200_000_000), "rd_expense": D(12_000_000)}, True),
        ({"sales": D(200_000_001), "rd_expense": D(12_000_000)}, False),
        ({"total_assets": D(200_000_001)}, False),
    ],
)
def test_tech_sme_size_limits(change: dict, qualifies: bool) -> None:
    assert evaluate("tech_sme", replace(SME, **change), RULES["tech_sme"]).qualifies is qualifies


@pytest.mark.parametrize(
    ("change", "route"),
    [
        ({"held": frozenset({"high_tech"})}, "有效期内的高新技术企业"),
        ({"award_level": "national"}, "近5年获国家级科技奖励(前三名完成单位)"),
        ({"institution_level": "provincial"}, "拥有省部级以上研发机构"),
        ({"led_standard": True}, "近五年主导制定国际、国家或行业标准"),
        ({"institution_level": "municipal"}, ""),
    ],
)
def test_tech_sme_direct_routes(change: dict, route: str) -> None:
    weak = replace(SME, tech_staff=5, rd_expense=D(0), class_i=0, **change)
    result = evaluate("tech_sme", weak, RULES["tech_sme"])
    assert result.route == route
    assert result.qualifies is bool(route)


def test_a_direct_route_still_needs_the_size_conditions() -> None:
    big = replace(SME, employees=600, tech_staff=100, held=frozenset({"high_tech"}))
    assert evaluate("tech_sme", big, RULES["tech_sme"]).qualifies is False


# --- 高新技术企业 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sales", "rate", "band"),
    [
        (D(10_000_000), 5, "5000万以下档"),
        (D(50_000_000), 5, "5000万以下档"),  # ≤ 5000万 (含)
        (D(50_000_001), 4, "5000万–2亿档"),
        (D(200_000_000), 4, "5000万–2亿档"),  # 2亿 (含)
        (D(200_000_001), 3, "2亿以上档"),
    ],
)
def test_high_tech_rd_bands(sales: Decimal, rate: int, band: str) -> None:
    assert high_tech_rd_rate(sales, RULES["high_tech"]["rd_bands"]) == (D(rate), band)


HT = replace(
    SME, employees=200, tech_staff=40, sales=D(58_750_000), main_revenue=D(58_750_000), rd_expense=D(1_880_000),
    rd_expense_domestic=D(1_880_000), high_tech_income=D(40_000_000), total_assets=D(80_000_000),
    total_liabilities=D(30_000_000), key_field=True, class_i=1, class_i_own=1, conversions_3y=6,
)  # fmt: skip


def test_high_tech_gap_wording_in_money() -> None:
    # 188万 / 5875万 = 3.2% < 4% (5000万–2亿): 4% × 5875万 = 235万 → +47万元
    result = evaluate("high_tech", HT, RULES["high_tech"])
    rd = [g for g in result.gaps if g.condition == "研发费用"]
    assert [g.message for g in rd] == ["近1年研发费用占比 3.2% < 4%(5000万–2亿档):还需 +47万元"]
    assert rd[0].amount == D(470_000)


def test_high_tech_three_year_share_uses_the_years_together() -> None:
    history = (
        YearFigures(2021, sales=D(40_000_000), rd_expense=D(2_000_000)),
        YearFigures(2022, sales=D(50_000_000), rd_expense=D(2_500_000)),
    )
    # (200 + 250 + 188)万 / (4000 + 5000 + 5875)万 = 4.289% ≥ 4%: no R&D gap
    result = evaluate("high_tech", replace(HT, history=history), RULES["high_tech"])
    assert not [g for g in result.gaps if g.condition == "研发费用"]


def test_high_tech_domestic_and_income_shares_add_to_both_sides() -> None:
    result = evaluate(
        "high_tech",
        replace(HT, rd_expense_domestic=D(1_000_000), high_tech_income=D(30_000_000)),
        RULES["high_tech"],
    )
    messages = {g.condition: g.message for g in result.gaps}
    # (100 + x) / (188 + x) ≥ 60% → x ≥ (112.8 − 100) / 0.4 = 32万
    assert messages["境内研发费用"] == "境内研发费用占比 53.2% < 60%:境内还需 +32万元"
    # (3000 + x) / (5875 + x) ≥ 60% → x ≥ (3525 − 3000) / 0.4 = 1312.5万
    assert messages["高新技术产品收入"] == "高新技术产品(服务)收入占比 51.1% < 60%:还需 +1312.5万元"


def test_high_tech_score_is_a_range_where_experts_score() -> None:
    history = (
        YearFigures(2021, sales=D(40_000_000), rd_expense=D(2_000_000), net_assets=D(50_000_000)),
        YearFigures(2022, sales=D(48_000_000), rd_expense=D(2_400_000), net_assets=D(50_000_000)),
    )
    ok = replace(
        HT,
        sales=D(57_600_000),
        rd_expense=D(2_880_000),
        rd_expense_domestic=D(2_880_000),
        high_tech_income=D(40_000_000),
        net_assets=D(50_000_000),
        history=history,
    )
    # sales 4000 → 4800 → 5760: g = ½(1.2 + 1.2) − 1 = 20% → 5–6; net assets 5000, 5000, 5000: 0 → 0
    assert growth_rate([D(40), D(48), D("57.6")]) == D(20)
    result = evaluate("high_tech", ok, RULES["high_tech"])
    assert not result.gaps
    # IP 7–8 + experts 2–16 + own 6 = 15–30; conversions 6 in 3 years (2 a year) 7–12; management 0–20; growth 5–6
    assert (result.score_min, result.score_max) == (D(27), D(68))
    assert result.qualifies is False  # even the best expert scores stay under 71
    better = replace(ok, conversions_3y=15, rd_management_score=18)
    result = evaluate("high_tech", better, RULES["high_tech"])
    assert (result.score_min, result.score_max) == (D(15 + 25 + 18 + 5), D(30 + 30 + 18 + 6))
    assert result.qualifies is None and "取决于专家评分" in result.notes[-1]


def test_high_tech_needs_ip_field_and_a_year() -> None:
    young = replace(HT, registered_on=dt.date(2023, 6, 1), class_i=0, class_i_own=0, key_field=False)
    conditions = [g.condition for g in evaluate("high_tech", young, RULES["high_tech"]).gaps]
    assert conditions[:3] == ["基本条件", "知识产权", "技术领域"]


# --- 创新型 / 专精特新 / 小巨人 ------------------------------------------------------------------------------

INNO = replace(
    SME, main_revenue=D(11_500_000), sales=D(11_500_000), rd_expense=D(575_000), total_assets=D(20_000_000),
    total_liabilities=D(11_000_000), strategic_emerging=True, class_i_high_value=1,
    history=(YearFigures(2022, sales=D(10_000_000), main_revenue=D(10_000_000)),),
)  # fmt: skip


@pytest.mark.parametrize(
    ("liabilities", "points"), [(11_000_000, 10), (11_000_200, 5), (15_000_000, 5), (15_000_200, 0)]
)
def test_innovative_sme_debt_ratio_edges(liabilities: int, points: int) -> None:
    # 5.5%/ R&D → 20, IP 20, growth 15% → 20, strategic 10, main share 100% → 20
    result = evaluate(
        "innovative_sme", replace(INNO, total_liabilities=D(liabilities)), RULES["innovative_sme"]
    )
    assert result.score_min == 20 + 20 + 20 + points + 10 + 20


def test_innovative_sme_parts_have_minimums() -> None:
    weak = replace(INNO, class_i=0, class_i_own=0, class_i_high_value=0, class_ii=0, rd_expense=D(100_000))
    result = evaluate("innovative_sme", weak, RULES["innovative_sme"])
    # innovation 0 (IP) + 0 (0.87%) < 20; score 0 + 30 + 30 = 60 passes the total but not the part
    assert result.qualifies is False
    assert result.gaps[0].message == "创新能力得分 0 < 20"


def test_innovative_sme_direct_route_by_equity() -> None:
    weak = replace(INNO, class_i_high_value=0, class_i=0, rd_expense=D(0), new_equity=D(5_000_000))
    result = evaluate("innovative_sme", weak, RULES["innovative_sme"])
    assert (result.qualifies, result.route) == (True, "近三年新增股权融资 ≥ 500万")


def test_specialised_conditions_and_the_provincial_score() -> None:
    firm = replace(
        INNO, niche_years=2, rd_expense=D(1_000_000), main_revenue=D(20_000_000), sales=D(20_000_000)
    )
    result = evaluate("specialised", firm, RULES["specialised"])
    assert not result.gaps and result.qualifies is None  # the score is the province's
    short = evaluate("specialised", replace(firm, rd_expense=D(550_000), niche_years=1), RULES["specialised"])
    assert [g.message for g in short.gaps] == [
        "从事特定细分市场 1年 < 2年:还需 1年",
        "上年研发费用 55万元 < 100万:还需 +45万元",
        "研发费用占营业收入 2.8% < 3%:还需 +5万元",
    ]


def test_little_giant_rd_share_bands_by_revenue() -> None:
    history = (YearFigures(2022, sales=D(90_000_000), main_revenue=D(90_000_000), rd_expense=D(5_400_000)),
               YearFigures(2021, sales=D(80_000_000), main_revenue=D(80_000_000), rd_expense=D(4_000_000)))  # fmt: skip
    firm = replace(
        INNO, held=frozenset({"specialised"}), niche_years=3, sales=D(100_000_000), main_revenue=D(100_000_000),
        rd_expense=D(3_000_000), total_assets=D(100_000_000), total_liabilities=D(70_000_000),
        institution_level="municipal", class_i_in_use=2, history=history[::-1],
    )  # fmt: skip
    result = evaluate("little_giant", firm, RULES["little_giant"])
    # 2022: 9000万 is in 5000万–1亿 → 6% (5.4/90 = 6% ok); 2023: 1亿 → 3% (3%: ok); growth ½(12.5% + 11.1%) ≥ 5%
    assert result.qualifies is True, result.gaps
    worse = evaluate(
        "little_giant", replace(firm, rd_expense=D(2_990_000), class_i_in_use=1), RULES["little_giant"]
    )
    assert [g.message for g in worse.gaps] == [
        "2023年研发费用占营业收入 3.0% < 3%:还需 +1万元",
        "用于主导产品的Ⅰ类知识产权 1件 < 2件:还需 +1件",
    ]


def test_the_park_tier_reads_its_configured_thresholds() -> None:
    params = {
        "requires": ["high_tech"],
        "thresholds": [{"field": "sales", "min": 50_000_000, "label": "销售收入", "unit": "元"}],
    }
    result = evaluate("tech_giant", replace(SME, held=frozenset({"high_tech"})), params)
    assert [g.message for g in result.gaps] == ["销售收入 1000万元 < 5000万元:还需 +4000万元"]
    assert evaluate(
        "tech_giant", replace(SME, sales=D(50_000_000), held=frozenset({"high_tech"})), params
    ).qualifies


def test_gap_arithmetic() -> None:
    assert people_to_share(D(10), 8, 100) == 3
    assert people_to_share(D(10), 10, 100) == 0
    assert money_to_share(D(60), D(100), D(188)) == D("32")
    assert wan_phrase(D(470_000)) == "47万元" and wan_phrase(D(1)) == "0.01万元"


def test_an_evaluation_is_reproducible_from_its_stored_inputs() -> None:
    profile = replace(
        HT, history=(YearFigures(2022, sales=D(1), net_assets=D(2)),), held=frozenset({"tech_sme"})
    )
    again = Profile.from_json(profile.as_json())
    assert again == profile
    assert evaluate("high_tech", again, RULES["high_tech"]) == evaluate(
        "high_tech", profile, RULES["high_tech"]
    )


def test_band_numbers_are_read_as_written_and_cached_by_type() -> None:
    from scipark.innovation.cultivation.bands import number

    bands: list[list[Any]] = [[4.5, 1.0], [2, 1], ["1.25", "0.5", "0.75"]]
    assert str(points(D(5), bands)) == "1.0" and str(points(D(4.5), bands)) == "1.0"
    assert str(points(D(3), bands)) == "1"  # the int edge's points, not the float's cached before
    assert point_range(D("1.25"), bands) == (D("0.5"), D("0.75")) and points(D("1.2"), bands) == 0
    assert (str(number(1)), str(number(1.0)), str(number(1)), str(number("1.00"))) == (
        "1",
        "1.0",
        "1",
        "1.00",
    )
