"""Energy: physical quantities to tonnes of standard coal, intensity per 万元 of value added, its reduction.

Pure functions (DOMAIN.md §2); the factors themselves are data (``EnergyCarrier``, GB/T 2589).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .kpi import ZERO, growth

WAN = Decimal(10000)
TCE_PLACES = Decimal("0.0001")


def to_tce(quantity: Decimal, factor_kgce: Decimal) -> Decimal:
    """A physical quantity × its kgce factor, in tonnes of standard coal (tce)."""
    return (quantity * factor_kgce / Decimal(1000)).quantize(TCE_PLACES)


def comprehensive_tce(uses: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """综合能源消费量: the sum of ``(quantity, factor)`` converted to tce."""
    return sum((to_tce(quantity, factor) for quantity, factor in uses), ZERO)


def intensity(tce: Decimal | None, value_added_yuan: Decimal | None) -> Decimal | None:
    """单位工业增加值能耗 (tce/万元): energy / value added in 万元; ``None`` without a positive base."""
    if tce is None or value_added_yuan is None or value_added_yuan <= ZERO:
        return None
    return tce / (value_added_yuan / WAN)


def intensity_reduction(energy_growth: Decimal | None, value_added_growth: Decimal | None) -> Decimal | None:
    """降低率 = 1 − (1 + g_energy) / (1 + g_value_added) (DOMAIN.md §2); positive means a reduction."""
    if energy_growth is None or value_added_growth is None or value_added_growth <= Decimal(-1):
        return None
    return 1 - (1 + energy_growth) / (1 + value_added_growth)


def intensity_reduction_from_levels(
    *, tce_now: Decimal, value_added_now: Decimal, tce_then: Decimal, value_added_then: Decimal
) -> Decimal | None:
    """The same reduction from the two years' totals (same enterprises): 1 − I_now / I_then."""
    return intensity_reduction(growth(tce_now, tce_then), growth(value_added_now, value_added_then))
