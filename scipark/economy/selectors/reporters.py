"""Who must report a month, and who has not (the collection of returns)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scipark.core import access
from scipark.enterprises.models import Enterprise

from ..models import MonthlyReturn, ScaleSet
from .reach import members

# --- missing returns -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingReturn:
    """An enterprise expected to report for the period that has not submitted by the deadline."""

    enterprise_id: int
    enterprise_name: str
    status: str  # "" (nothing) or the open revision's status (draft / rejected)
    last_period: dt.date | None


def expected_reporters(park_ids: Sequence[int], period: dt.date) -> set[int]:
    """Who must report: every enterprise in an above-scale set at ``period``, and everyone who reported
    the month before."""
    expected: set[int] = set()
    for scale_set in ScaleSet.values:
        if scale_set != ScaleSet.ALL:
            expected |= set(members(park_ids, period, scale_set))
    previous = (period - dt.timedelta(days=1)).replace(day=1)
    expected |= set(
        MonthlyReturn.objects.filter(
            park_id__in=list(park_ids), period=previous, is_current=True
        ).values_list("enterprise_id", flat=True)
    )
    return expected


def missing_returns(*, user: Any, park: Any, period: dt.date) -> list[MissingReturn]:
    """Enterprises of the park that have not submitted (or had accepted) a return for ``period``."""
    enterprises = Enterprise.objects.restrict(user, access.Action.VIEW).filter(park=park)
    expected = expected_reporters([park.pk], period) & set(enterprises.values_list("pk", flat=True))
    filed = dict(
        MonthlyReturn.objects.filter(enterprise_id__in=expected, period=period)
        .order_by("enterprise_id", "revision")
        .values_list("enterprise_id", "status")
    )
    done = {MonthlyReturn.Status.SUBMITTED, MonthlyReturn.Status.ACCEPTED, MonthlyReturn.Status.SUPERSEDED}
    missing = [pk for pk in expected if filed.get(pk) not in done]
    last_periods: dict[int, dt.date] = {}
    for pk, p in (
        MonthlyReturn.objects.filter(enterprise_id__in=missing, is_current=True, period__lt=period)
        .order_by("enterprise_id", "period")
        .values_list("enterprise_id", "period")
    ):
        last_periods[pk] = p
    names = dict(Enterprise.objects.filter(pk__in=missing).values_list("pk", "name"))
    result = [MissingReturn(pk, names[pk], filed.get(pk, ""), last_periods.get(pk)) for pk in missing]
    result.sort(key=lambda r: r.enterprise_name)
    return result
