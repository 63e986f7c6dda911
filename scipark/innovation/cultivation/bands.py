"""Small exact arithmetic for the tier rules: shares, bands (lower edge included), and gaps.

Shares are percentages as ``Decimal``. A band list is ``[[threshold, points], …]`` from the highest
threshold down; a value reaches a band when it is at least the threshold (DOMAIN.md: 以上 includes the
number), unless the band is written ``[threshold, min, max, "gt"]`` (超过/“> 0”: strictly above).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from scipark.core.money import WAN, in_wan

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def share(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """``part / whole`` in percent; ``None`` when either is missing or the whole is zero."""
    if part is None or whole is None or Decimal(whole) == 0:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


@lru_cache(maxsize=4096, typed=True)
def number(value: Any) -> Decimal:
    """A rule parameter (JSON: int, float or string) as ``Decimal(str(value))``, converted once per value:
    a park's evaluation reads the same few band edges millions of times. ``typed``: 1 and 1.0 stay apart
    (they print differently in a gap's message)."""
    return Decimal(str(value))


def _reaches(value: Decimal, band: Sequence[Any]) -> bool:
    threshold = number(band[0])
    strict = len(band) > 3 and band[3] == "gt"
    return value > threshold if strict else value >= threshold


def points(value: Decimal | None, bands: Sequence[Sequence[Any]]) -> Decimal:
    """The points of the first band ``value`` reaches; 0 below every band or without a value."""
    if value is None:
        return Decimal(0)
    for band in bands:
        if _reaches(value, band):
            return number(band[1])
    return Decimal(0)


def point_range(value: Decimal | None, bands: Sequence[Sequence[Any]]) -> tuple[Decimal, Decimal]:
    """The (min, max) points of the first band reached, for bands that experts score within a range."""
    if value is None:
        return Decimal(0), Decimal(0)
    for band in bands:
        if _reaches(value, band):
            return number(band[1]), number(band[2])
    return Decimal(0), Decimal(0)


def next_band(value: Decimal | None, bands: Sequence[Sequence[Any]]) -> Sequence[Any] | None:
    """The lowest band above the one ``value`` reaches (``None`` at the top)."""
    reached = next(
        (i for i, band in enumerate(bands) if value is not None and _reaches(value, band)), len(bands)
    )
    return bands[reached - 1] if reached > 0 else None


def money_to_rate(rate: Decimal, base: Decimal, have: Decimal) -> Decimal:
    """Yuan to add to ``have`` so that ``have / base`` reaches ``rate`` % with the base unchanged (R&D/sales)."""
    need = rate * base / HUNDRED - have
    return max(Decimal(0), need.quantize(CENT, rounding=ROUND_CEILING))


def money_to_share(rate: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    """Yuan to add to both ``part`` and ``whole`` so that ``part / whole`` reaches ``rate`` %.

    (P + x) / (W + x) ≥ r  ⇔  x ≥ (r·W − P) / (1 − r): R&D spent in China also adds to total R&D.
    """
    r = rate / HUNDRED
    if r >= 1:
        return Decimal(0) if part >= whole else Decimal("Infinity")
    need = (r * whole - part) / (1 - r)
    return max(Decimal(0), need.quantize(CENT, rounding=ROUND_CEILING))


def people_to_share(rate: Decimal, staff: int, employees: int) -> int:
    """People to hire into ``staff`` (employees grow with them) so that staff / employees reaches ``rate`` %."""
    r = rate / HUNDRED
    need = (r * employees - staff) / (1 - r)
    return max(0, math.ceil(need))


def pct(value: Decimal | None) -> str:
    """3.2%: one decimal place, half up."""
    if value is None:
        return "—"
    return f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def wan_phrase(amount: Decimal) -> str:
    """47万元 / 3.25万元: yuan written in 万元 inside a rule's sentence, rounded up to the hundredth so that
    a gap is enough, without separators (``wording`` reads the number back)."""
    value = in_wan(amount, 2, rounding=ROUND_CEILING)
    return f"{(value or Decimal(0)).normalize():f}万元"


def yuan_band(amount: Decimal) -> str:
    """The money edges of DOMAIN.md in its own words: 5000万, 2亿."""
    if amount >= Decimal(100_000_000) and amount % Decimal(100_000_000) == 0:
        return f"{amount / Decimal(100_000_000):f}亿"
    return f"{(amount / WAN).normalize():f}万"
