"""The above-scale pipeline: thresholds (DOMAIN.md §1, as data) and the projected month of crossing.

An enterprise is a candidate when its trailing-12-month revenue (industry, accommodation, catering,
services) or sales (wholesale, retail) comes near the threshold of its set; the crossing month is
projected from the recent trend of that trailing sum. Pure functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .kpi import ZERO, Period, shift

WAN = Decimal(10000)


@dataclass(frozen=True)
class Threshold:
    """The annual amount from which an enterprise belongs to an above-scale set (以上: inclusive)."""

    scale_set: str
    measure: str  # the MonthlyReturn field the rule reads: "revenue" or "sales"
    amount: Decimal  # 元
    divisions: frozenset[str] = frozenset()  # GB/T 4754 divisions the rule covers (empty: all)


_SERVICES_2000 = frozenset({*(f"{d}" for d in range(53, 61)), "63", "64", "65", "76", "77", "78", "79", "84"})
_SERVICES_1000 = frozenset({"70", "71", "72", "73", "74", "75", "83"})
_SERVICES_500 = frozenset({"80", "81", "82", "85", "86", "87", "88", "89", "90"})

THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("above_scale_industry", "revenue", 2000 * WAN),
    Threshold("above_quota_wholesale", "sales", 2000 * WAN),
    Threshold("above_quota_retail", "sales", 500 * WAN),
    Threshold("above_quota_accommodation", "revenue", 200 * WAN),
    Threshold("above_quota_catering", "revenue", 200 * WAN),
    Threshold("above_scale_services", "revenue", 2000 * WAN, _SERVICES_2000),
    Threshold("above_scale_services", "revenue", 1000 * WAN, _SERVICES_1000),
    Threshold("above_scale_services", "revenue", 500 * WAN, _SERVICES_500),
)

#: Enterprises whose trailing-12-month amount is at least this share of the threshold are candidates.
APPROACH_SHARE = Decimal("0.7")
#: How many months of the trailing sum's change the trend is taken over.
TREND_MONTHS = 6
#: Projections further out than this are not shown (too uncertain to act on).
HORIZON_MONTHS = 24

#: The statistical activity type (enterprises.ActivityType) → the set it can enter.
ACTIVITY_SETS: dict[str, str] = {
    "industry": "above_scale_industry",
    "wholesale": "above_quota_wholesale",
    "retail": "above_quota_retail",
    "accommodation": "above_quota_accommodation",
    "catering": "above_quota_catering",
    "services": "above_scale_services",
}


def threshold_for(activity_type: str, division: str) -> Threshold | None:
    """The rule for an enterprise of this activity type and GB/T 4754 division (``None``: no rule)."""
    scale_set = ACTIVITY_SETS.get(activity_type)
    for rule in THRESHOLDS:
        if rule.scale_set == scale_set and (not rule.divisions or division in rule.divisions):
            return rule
    return None


def trailing_sum(values: Mapping[Period, Decimal], end: Period, months: int = 12) -> Decimal | None:
    """Σ of the ``months`` months ending at ``end``; ``None`` unless every one of them has data."""
    total = ZERO
    for back in range(months):
        period = shift(end, -back)
        if period not in values:
            return None
        total += values[period]
    return total


@dataclass(frozen=True)
class Projection:
    """Where an enterprise stands against a threshold and when it is projected to cross it."""

    trailing: Decimal  # trailing-12-month amount at the last period
    threshold: Decimal
    share: Decimal  # trailing / threshold
    monthly_trend: Decimal | None  # average monthly change of the trailing sum
    crossed: bool
    crossing: Period | None  # projected first period at or above the threshold


def project_crossing(
    values: Mapping[Period, Decimal], end: Period, threshold: Decimal, trend_months: int = TREND_MONTHS
) -> Projection | None:
    """Project the month the trailing-12-month sum reaches ``threshold``.

    The trend is the average monthly change of the trailing sum over the last ``trend_months`` months,
    i.e. (T(end) − T(end − n)) / n; the crossing is ``end + ceil((threshold − T) / trend)``.
    ``None`` when the last 12 months are not all reported.
    """
    trailing = trailing_sum(values, end)
    if trailing is None or threshold <= ZERO:
        return None
    share = trailing / threshold
    earlier = trailing_sum(values, shift(end, -trend_months))
    trend = (trailing - earlier) / trend_months if earlier is not None else None
    if trailing >= threshold:
        return Projection(trailing, threshold, share, trend, True, end)
    crossing: Period | None = None
    if trend is not None and trend > ZERO:
        months = math.ceil((threshold - trailing) / trend)
        if months <= HORIZON_MONTHS:
            crossing = shift(end, months)
    return Projection(trailing, threshold, share, trend, False, crossing)
