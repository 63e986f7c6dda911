"""Pure computations of the investment module (DOMAIN.md §7): plain values in, plain values out.

Amounts are ``Decimal`` 元. A value that cannot be computed (no fund money, no target) is ``None``
with the reason left to the caller, never 0. Completion against a target is the economy module's own
rule (``economy.kpi.target_progress``: completion = actual ÷ target, time progress = months ÷ 12),
read, not copied, so both modules show a target the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from scipark.core.money import WAN as WAN  # 万元 in 元
from scipark.core.money import YI as YI  # 亿元 in 元
from scipark.core.money import in_yi as in_yi  # 亿元 for the pages, tables and figures
from scipark.economy.kpi import TargetProgress, target_progress

ZERO = Decimal(0)
#: "5000万元以上工业项目": the usual count of landed projects (以上 includes the number).
LANDED_INDUSTRIAL_MIN = 5000 * WAN
#: 亿元项目: planned investment of at least 1亿.
HUNDRED_MILLION = YI


@dataclass(frozen=True)
class Band:
    """A planned-investment band: ``lower`` inclusive, ``upper`` exclusive (``None``: no upper edge)."""

    label: str
    lower: Decimal
    upper: Decimal | None

    def holds(self, amount: Decimal) -> bool:
        return amount >= self.lower and (self.upper is None or amount < self.upper)


#: The default reserve bands (DOMAIN.md §7): "10亿元以上" is ≥ 10亿, so exactly 10亿 is in 10–30亿.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band("百亿元以上", 100 * YI, None),
    Band("50亿–100亿元", 50 * YI, 100 * YI),
    Band("30亿–50亿元", 30 * YI, 50 * YI),
    Band("10亿–30亿元", 10 * YI, 30 * YI),
    Band("1亿–10亿元", 1 * YI, 10 * YI),
)


@dataclass(frozen=True)
class BandCount:
    band: Band
    count: int
    total: Decimal


def band_of(amount: Decimal, bands: Sequence[Band] = DEFAULT_BANDS) -> Band | None:
    """The band that holds ``amount``; ``None`` below the lowest band (not counted in the reserve)."""
    return next((band for band in bands if band.holds(amount)), None)


def bucket(amounts: Iterable[Decimal], bands: Sequence[Band] = DEFAULT_BANDS) -> list[BandCount]:
    """Count and sum ``amounts`` per band, every band listed (zero rows included), in the bands' order."""
    counts: dict[str, list[Decimal]] = {band.label: [] for band in bands}
    for amount in amounts:
        band = band_of(amount, bands)
        if band is not None:
            counts[band.label].append(amount)
    return [BandCount(band, len(counts[band.label]), sum(counts[band.label], ZERO)) for band in bands]


def overlapping(bands: Sequence[Band]) -> tuple[Band, Band] | None:
    """Two bands that share amounts, if any (a park's bands must not: an amount would count twice)."""
    ordered = sorted(bands, key=lambda b: b.lower)
    for low, high in pairwise(ordered):
        if low.upper is None or low.upper > high.lower:
            return low, high
    return None


def months_elapsed(year: int, today: dt.date) -> int:
    """Months of ``year`` elapsed on ``today`` for an annual target: 12 for a past year, 0 for a future one."""
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return today.month


def progress(actual: Decimal | None, target: Decimal, *, year: int, today: dt.date) -> TargetProgress:
    """Completion of an annual target against time progress, as the economy module computes it."""
    return target_progress(actual=actual, target=target, month=months_elapsed(year, today))


def counting_amount(revisions: Iterable[tuple[int, Decimal]]) -> Decimal | None:
    """Of a contract's ``(revision, amount)``, the amount that counts: the latest revision's."""
    latest = max(revisions, default=None, key=lambda item: item[0])
    return None if latest is None else latest[1]


def leverage(project_investment: Decimal, fund_money: Decimal) -> Decimal | None:
    """How many yuan of project investment each yuan of the fund brought (None without fund money)."""
    if fund_money <= ZERO:
        return None
    return project_investment / fund_money


def funds_exceed_contract(signed: Decimal | None, arrived_before: Decimal, new_amount: Decimal) -> bool:
    """Whether funds in place would pass the signed amount (then a note must say why, DOMAIN.md §7)."""
    return signed is not None and arrived_before + new_amount > signed


def reached_at_least(counts: Sequence[int]) -> list[int]:
    """From the projects standing in each stage (pipeline order), those that reached each stage or a
    later one: the funnel's widths, never growing down the pipeline (``[3, 1, 2] → [6, 3, 2]``)."""
    reached: list[int] = []
    running = 0
    for count in reversed(counts):
        running += count
        reached.append(running)
    return reached[::-1]


def overdue_days(since: dt.date, limit_days: int | None, today: dt.date) -> int | None:
    """Days a project has sat in its stage beyond the limit (``None``: no limit or within it)."""
    if limit_days is None:
        return None
    over = (today - since).days - limit_days
    return over if over > 0 else None
