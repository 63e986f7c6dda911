"""The published rule versions (DOMAIN.md §3) as data: what a park starts with, and what staff revise.

Money in 元, shares in percent. Band lists run from the highest threshold down (see ``bands``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DefaultRule:
    tier: str
    name: str
    source: str
    valid_from: dt.date
    params: dict[str, Any]
    confirmed: bool = True


TECH_SME = DefaultRule(
    "tech_sme",
    "2022年版评价办法",
    "《科技型中小企业评价办法》(国科发政〔2017〕115号)及2022年评价工作指引",
    dt.date(2022, 1, 1),
    {
        "max_employees": 500,
        "max_sales": 200_000_000,
        "max_assets": 200_000_000,
        "pass_score": 60,
        "tech_staff": [[30, 20], [25, 16], [20, 12], [15, 8], [10, 4]],
        "rd_sales": [[6, 50], [5, 40], [4, 30], [3, 20], [2, 10]],
        "rd_cost": [[30, 50], [25, 40], [20, 30], [15, 20], [10, 10]],
        "ip_class_i": 30,
        "ip_class_ii": [[4, 24], [3, 18], [2, 12], [1, 6]],
        "direct_award_years": 5,
        "direct_institution_levels": ["national", "provincial"],
    },
)

HIGH_TECH = DefaultRule(
    "high_tech",
    "2016年版认定办法",
    "《高新技术企业认定管理办法》(国科发火〔2016〕32号)及工作指引(国科发火〔2016〕195号)",
    dt.date(2016, 1, 1),
    {
        "min_registered_days": 365,
        "tech_staff_share": 10,
        # Last year's sales up to the edge (included) → the three-year R&D share required.
        "rd_bands": [[50_000_000, 5], [200_000_000, 4], [None, 3]],
        "domestic_share": 60,
        "high_tech_income_share": 60,
        "pass_score": 71,
        "valid_years": 3,
        "ip_quantity": [
            [["class_i", 1], 7, 8],
            [["class_ii", 5], 5, 6],
            [["class_ii", 3], 3, 4],
            [["class_ii", 1], 1, 2],
        ],
        "ip_expert_max": 16,
        "ip_acquisition_own": [6, 6],
        "ip_acquisition_other": [1, 3],
        "ip_standard_bonus": [1, 2],
        "ip_max": 30,
        "conversion": [[5, 25, 30], [4, 19, 24], [3, 13, 18], [2, 7, 12], [1, 1, 6]],
        "growth": [[35, 9, 10], [25, 7, 8], [15, 5, 6], [5, 3, 4], [0, 1, 2, "gt"]],
        "rd_management_max": 20,
    },
)

INNOVATIVE_SME = DefaultRule(
    "innovative_sme",
    "2022年版评价标准",
    "《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号)附件1",
    dt.date(2022, 8, 1),
    {
        "pass_score": 60,
        "min_innovation": 20,
        "min_growth": 15,
        "min_specialisation": 15,
        "ip": {"high_value": 20, "own_class_i": 15, "class_i": 10, "class_ii": 5},
        "rd_revenue": [[5, 20], [3, 15], [2, 10], [1, 5]],
        "revenue_growth": [[15, 20], [10, 15], [5, 10], [0, 5]],
        # Debt ratio: at most the edge (included) → points.
        "debt_ratio": [[55, 10], [75, 5]],
        "field": {"strategic": 10, "other": 5},
        "main_share": [[70, 20], [60, 15], [55, 10], [50, 5]],
        "direct_award_levels": ["national", "provincial"],
        "direct_institution_levels": ["national", "provincial"],
        "direct_equity": 5_000_000,
    },
)

SPECIALISED = DefaultRule(
    "specialised",
    "2022年版认定标准",
    "《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号)附件2",
    dt.date(2022, 8, 1),
    {
        "min_niche_years": 2,
        "min_rd": 1_000_000,
        "min_rd_share": 3,
        "min_revenue": 10_000_000,
        "alt_equity": 20_000_000,
        "pass_score": 60,
        "direct_award_levels": ["national", "provincial"],
        "direct_rd_average": 10_000_000,
    },
    confirmed=False,
)

LITTLE_GIANT = DefaultRule(
    "little_giant",
    "2022年版认定标准",
    "《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号)附件3",
    dt.date(2022, 8, 1),
    {
        "min_niche_years": 3,
        "main_share": 70,
        "main_growth": 5,
        "max_debt_ratio": 70,
        # Revenue from the edge (included) → R&D share required in each of the last two years.
        "rd_bands": [[100_000_000, 3], [50_000_000, 6]],
        "min_class_i_in_use": 2,
    },
)

TECH_GIANT = DefaultRule(
    "tech_giant",
    "园区暂定标准",
    "园区科技创新部门暂定(省级“科技小巨人”认定条件未公开,由园区配置)",
    dt.date(2022, 1, 1),
    {
        "requires": ["high_tech"],
        "thresholds": [
            {"field": "sales", "min": 50_000_000, "label": "销售收入", "unit": "元"},
            {"field": "rd_share", "min": 4, "label": "研发费用占销售收入比例", "unit": "%"},
            {"field": "class_i", "min": 3, "label": "Ⅰ类知识产权", "unit": "件"},
        ],
    },
    confirmed=False,
)

DEFAULT_RULES: tuple[DefaultRule, ...] = (
    TECH_SME,
    INNOVATIVE_SME,
    SPECIALISED,
    HIGH_TECH,
    LITTLE_GIANT,
    TECH_GIANT,
)
