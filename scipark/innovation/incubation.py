"""Incubator criteria (DOMAIN.md §4, Qinghai provincial) and incubation counts, as pure functions.

A stay is a date range [entered_on, left_on]: it covers a day when it began on or before that day and had
not ended before it (a firm leaving on 31 December is still counted on that day).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from decimal import Decimal

from .cultivation.bands import pct, share, wan_phrase

D = Decimal


@dataclass(frozen=True)
class Criteria:
    """The numbers of one incubator type (data, so a revised notice is a new value, not new code)."""

    min_operating_years: int
    min_area_m2: Decimal
    incubatee_area_share: Decimal  # percent
    min_incubatees: int
    min_graduates: int
    graduates_after_years: int
    professional_share: Decimal  # percent
    incubatees_per_professional: int
    min_seed_fund: Decimal
    ip_share: Decimal  # percent of incubatees with IP …
    certified_share: Decimal  # … or percent certified as tech firms


SPECIALISED = Criteria(
    min_operating_years=1, min_area_m2=D(2000), incubatee_area_share=D(200) / D(3), min_incubatees=20,
    min_graduates=10, graduates_after_years=3, professional_share=D(50), incubatees_per_professional=10,
    min_seed_fund=D(3_000_000), ip_share=D(20), certified_share=D(10),
)  # fmt: skip
COMPREHENSIVE = replace(SPECIALISED, min_area_m2=D(6000), min_incubatees=40, min_graduates=20)
#: How long graduates are followed (DOMAIN.md §4).
FOLLOW_YEARS = 5


@dataclass(frozen=True)
class IncubatorFacts:
    """What the criteria read of one incubator on one day."""

    opened_on: dt.date
    area_m2: Decimal
    incubatee_area_m2: Decimal
    staff: int
    professional_staff: int
    seed_fund: Decimal
    incubatees: int
    graduates: int
    incubatees_with_ip: int
    incubatees_certified: int


@dataclass(frozen=True)
class Check:
    label: str
    met: bool
    detail: str


def covers(entered_on: dt.date, left_on: dt.date | None, day: dt.date) -> bool:
    """Whether a stay covers ``day`` (both ends included)."""
    return entered_on <= day and (left_on is None or left_on >= day)


def years_between(start: dt.date, end: dt.date) -> int:
    """Whole years from ``start`` to ``end`` (an anniversary counts on its day)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def check(facts: IncubatorFacts, on: dt.date, criteria: Criteria = SPECIALISED) -> list[Check]:
    """Every criterion with whether it is met and, when not, the exact gap."""
    checks: list[Check] = []
    age = years_between(facts.opened_on, on)
    checks.append(
        Check(
            "运营时间",
            age >= criteria.min_operating_years,
            f"已运营{age}年,要求≥{criteria.min_operating_years}年",
        )
    )
    area_gap = criteria.min_area_m2 - facts.area_m2
    checks.append(Check(
        "孵化场地面积", area_gap <= 0,
        f"{facts.area_m2}m²" + ("" if area_gap <= 0 else f" < {criteria.min_area_m2}m²:还需 +{area_gap}m²"),
    ))  # fmt: skip
    area_share = share(facts.incubatee_area_m2, facts.area_m2)
    need_area = (facts.area_m2 * criteria.incubatee_area_share / 100 - facts.incubatee_area_m2).quantize(
        D("0.01")
    )
    checks.append(Check(
        "在孵企业使用面积占比", area_share is not None and area_share >= criteria.incubatee_area_share,
        f"{pct(area_share)}" + ("" if need_area <= 0 else f" < 2/3:还需 +{need_area}m²"),
    ))  # fmt: skip
    gap = criteria.min_incubatees - facts.incubatees
    checks.append(
        Check("在孵企业数", gap <= 0, f"{facts.incubatees}家" + ("" if gap <= 0 else f":还需 +{gap}家"))
    )
    if age >= criteria.graduates_after_years:
        gap = criteria.min_graduates - facts.graduates
        checks.append(
            Check(
                "累计毕业企业数", gap <= 0, f"{facts.graduates}家" + ("" if gap <= 0 else f":还需 +{gap}家")
            )
        )
    prof_share = share(facts.professional_staff, facts.staff)
    by_share = max(0, math.ceil(criteria.professional_share / 100 * facts.staff) - facts.professional_staff)
    by_count = max(
        0, math.ceil(D(facts.incubatees) / criteria.incubatees_per_professional) - facts.professional_staff
    )
    need = max(by_share, by_count)
    checks.append(Check(
        "专业孵化服务人员", need == 0,
        f"{facts.professional_staff}人,占{pct(prof_share)}" + ("" if need == 0 else f":还需 +{need}人(占比≥50%且每10家在孵企业≥1人)"),
    ))  # fmt: skip
    fund_gap = criteria.min_seed_fund - facts.seed_fund
    checks.append(
        Check(
            "种子资金",
            fund_gap <= 0,
            wan_phrase(facts.seed_fund) + ("" if fund_gap <= 0 else f":还需 +{wan_phrase(fund_gap)}"),
        )
    )
    ip = share(facts.incubatees_with_ip, facts.incubatees)
    certified = share(facts.incubatees_certified, facts.incubatees)
    met = (ip is not None and ip >= criteria.ip_share) or (
        certified is not None and certified >= criteria.certified_share
    )
    ip_need = max(0, math.ceil(criteria.ip_share / 100 * facts.incubatees) - facts.incubatees_with_ip)
    checks.append(Check(
        "在孵企业创新能力", met,
        f"拥有知识产权的占{pct(ip)},认定科技型企业的占{pct(certified)}"
        + ("" if met else f":再有 {ip_need} 家取得知识产权可达20%"),
    ))  # fmt: skip
    return checks
