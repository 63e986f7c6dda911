"""The KPI engine: pure functions over plain values (DOMAIN.md §2), tested with hand-worked numbers.

Rates are fractions (``Decimal("0.1")`` = 10 %); a rate that cannot be computed (no data, a zero or
negative base) is ``None`` and is shown as "无可比数据", never as 0 %. Periods are ``(year, month)``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from django.utils.translation import gettext

from scipark.core.terms import month_label, month_span_label

K = TypeVar("K", bound=Hashable)

ZERO = Decimal(0)
HUNDRED = Decimal(100)

Period = tuple[int, int]


class Basis(StrEnum):
    """Which enterprises a growth rate compares (DOMAIN.md §2)."""

    COMPARABLE = "comparable"  # 同口径: the enterprises in scope now, against their own prior figures
    PLAIN = "plain"  # 总量: everyone in scope now against everyone in scope then

    @property
    def label(self) -> str:
        return "同口径" if self is Basis.COMPARABLE else "总量口径"


def shift(period: Period, months: int) -> Period:
    """The period ``months`` later (negative: earlier)."""
    year, month = period
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def growth(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """``current / previous − 1``; ``None`` when either is missing or the base is not positive."""
    if current is None or previous is None or previous <= ZERO:
        return None
    return current / previous - 1


def cumulative(values: Mapping[Period, Decimal], period: Period) -> Decimal | None:
    """Σ January..month of the period's year (累计); ``None`` when no month of that span has data."""
    year, month = period
    found = [values[(year, m)] for m in range(1, month + 1) if (year, m) in values]
    return sum(found, ZERO) if found else None


def month_value(values: Mapping[Period, Decimal], period: Period) -> Decimal | None:
    """The month's own value (当月) as published: January alone is not published, February is 1–2月.

    The statistics bureau collects and publishes January and February together, so the 当月 value of
    February is the January–February total and January has none of its own.
    """
    month = period[1]
    if month == 1:
        return None
    if month == 2:
        return cumulative(values, period)
    return values.get(period)


def _year_and(year: int, months: str) -> str:
    return gettext("%(year)s年%(month)s") % {"year": year, "month": months}


def period_label(period: Period) -> str:
    """``"2023年1–2月"`` for February, ``"2023年5月"`` otherwise (the 当月 heading; Jan–Feb 2023, May 2023
    in the English UI)."""
    year, month = period
    return _year_and(year, month_span_label(1, 2) if month == 2 else month_label(month))


def month_axis(last_month: int) -> list[tuple[int, str]]:
    """The months a 当月 chart shows up to ``last_month``, with their axis labels: January has no 当月 of
    its own (it is published with February as 1–2月), so the axis reads 1–2月, 3月 … (January alone
    when the year has only January)."""
    if last_month == 1:
        return [(1, month_label(1))]
    return [(2, month_span_label(1, 2)), *((m, month_label(m)) for m in range(3, last_month + 1))]


def cumulative_label(period: Period) -> str:
    """``"2023年1–12月"``: the 累计 heading."""
    year, month = period
    return _year_and(year, month_span_label(1, month))


def comparable_growth(
    current: Mapping[K, Decimal], previous: Mapping[K, Decimal], in_scope: Iterable[K]
) -> Decimal | None:
    """同口径 growth: Σ over the enterprises in scope now of their own values, now against a year before.

    An enterprise without a prior figure (a plant new this year) counts 0 in the base.
    """
    members = list(in_scope)
    if not members:
        return None
    now = sum((current.get(k, ZERO) for k in members), ZERO)
    then = sum((previous.get(k, ZERO) for k in members), ZERO)
    return growth(now, then)


def plain_growth(
    current: Mapping[K, Decimal],
    previous: Mapping[K, Decimal],
    in_scope_now: Iterable[K],
    in_scope_then: Iterable[K],
) -> Decimal | None:
    """Plain-total growth: everyone in scope now against everyone in scope a year before."""
    now_members, then_members = list(in_scope_now), list(in_scope_then)
    if not now_members or not then_members:
        return None
    now = sum((current.get(k, ZERO) for k in now_members), ZERO)
    then = sum((previous.get(k, ZERO) for k in then_members), ZERO)
    return growth(now, then)


def contributions(current: Mapping[K, Decimal], previous: Mapping[K, Decimal]) -> dict[K, Decimal]:
    """拉动 (percentage points) per key: ΔX_i / Σ X_t−1 × 100; they add up to the growth in points.

    Keys are the enterprises in scope now; an empty or non-positive base gives no contributions.
    """
    base = sum((previous.get(k, ZERO) for k in current), ZERO)
    if base <= ZERO:
        return {}
    return {k: (value - previous.get(k, ZERO)) / base * HUNDRED for k, value in current.items()}


def top_and_bottom(
    points: Mapping[K, Decimal], n: int = 5
) -> tuple[list[tuple[K, Decimal]], list[tuple[K, Decimal]]]:
    """The ``n`` largest positive and the ``n`` most negative contributions, each sorted outward."""
    ordered = sorted(points.items(), key=lambda item: item[1], reverse=True)
    top = [item for item in ordered if item[1] > ZERO][:n]
    bottom = [item for item in reversed(ordered) if item[1] < ZERO][:n]
    return top, bottom


class Alert(StrEnum):
    """How a target's completion stands against time progress."""

    ON_TRACK = "on_track"
    WARNING = "warning"
    ALARM = "alarm"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class TargetProgress:
    """Completion of an annual target against the share of the year elapsed."""

    actual: Decimal | None
    target: Decimal
    completion: Decimal | None  # actual / target (fraction)
    time_progress: Decimal  # months elapsed / 12
    gap_points: Decimal | None  # (completion − time progress) in percentage points
    alert: Alert


def time_progress(month: int) -> Decimal:
    """时间进度: months elapsed / 12."""
    return Decimal(month) / Decimal(12)


def target_progress(
    *,
    actual: Decimal | None,
    target: Decimal,
    month: int,
    warning_gap: Decimal = ZERO,
    alarm_gap: Decimal = Decimal(10),
) -> TargetProgress:
    """完成进度 vs 时间进度: warn when completion falls behind time progress by more than ``warning_gap``
    points, alarm beyond ``alarm_gap`` points (DOMAIN.md §2: warn when completion < time progress)."""
    elapsed = time_progress(month)
    if actual is None or target <= ZERO:
        return TargetProgress(actual, target, None, elapsed, None, Alert.NO_DATA)
    completion = actual / target
    gap = (completion - elapsed) * HUNDRED
    if gap < -alarm_gap:
        alert = Alert.ALARM
    elif gap < -warning_gap or (warning_gap == ZERO and gap < ZERO):
        alert = Alert.WARNING
    else:
        alert = Alert.ON_TRACK
    return TargetProgress(actual, target, completion, elapsed, gap, alert)


def growth_target_alert(
    *, actual: Decimal | None, target_percent: Decimal, warning_gap: Decimal = ZERO
) -> Alert:
    """For a growth target (e.g. +10 %): warn when the actual rate falls short of it."""
    if actual is None:
        return Alert.NO_DATA
    shortfall = target_percent - actual * HUNDRED
    return Alert.WARNING if shortfall > warning_gap else Alert.ON_TRACK


def plain(value: Decimal) -> Decimal:
    """The value with the least places that keep it, never in exponent form (``600.00`` → ``600``,
    where ``normalize()`` alone gives ``6E+2``, which a number input shows and refuses)."""
    reduced = value.normalize()
    exponent = reduced.as_tuple().exponent
    return reduced.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else reduced


def growth_gap_phrase(*, actual_percent: Decimal | None, target_percent: Decimal) -> str:
    """A growth rate against its target, in percentage points: ``"高于目标2.0个百分点"`` /
    ``"低于目标1.5个百分点"`` / ``"达到目标"``; without a comparable rate, ``"无可比数据"``."""
    if actual_percent is None:
        return gettext("无可比数据")
    points = (actual_percent - target_percent).quantize(Decimal("0.1"))
    if points > ZERO:
        return gettext("高于目标%(points)s个百分点") % {"points": points}
    if points < ZERO:
        return gettext("低于目标%(points)s个百分点") % {"points": -points}
    return gettext("达到目标")


def reporting_rate(received: int, expected: int) -> Decimal | None:
    """报送率 = returns received (submitted or accepted) / returns expected; ``None`` when none is expected."""
    if expected <= 0:
        return None
    return Decimal(received) / Decimal(expected)


def percent(rate: Decimal | None, places: int = 1) -> str:
    """``Decimal("0.1049")`` → ``"10.5%"``; ``None`` → ``"无可比数据"``."""
    if rate is None:
        return gettext("无可比数据")
    return f"{(rate * HUNDRED).quantize(Decimal(1).scaleb(-places))}%"


def growth_phrase(rate: Decimal | None, places: int = 1) -> str:
    """How the park words a rate: ``"增长10.0%"`` / ``"下降3.2%"`` / ``"持平"``."""
    if rate is None:
        return gettext("无可比数据")
    points = (rate * HUNDRED).quantize(Decimal(1).scaleb(-places))
    if points > ZERO:
        return gettext("增长%(points)s%%") % {"points": points}
    if points < ZERO:
        return gettext("下降%(points)s%%") % {"points": -points}
    return gettext("持平")


def basis_label(basis: Basis) -> str:
    """The label every growth rate carries: 同口径 or 总量口径."""
    return basis.label


def counting_revision(revisions: Iterable[tuple[int, str, Decimal]]) -> tuple[int, Decimal] | None:
    """Of ``(revision, status, value)``, the one that counts: the latest accepted revision."""
    accepted = [(number, value) for number, status, value in revisions if status == "accepted"]
    return max(accepted, key=lambda item: item[0]) if accepted else None
