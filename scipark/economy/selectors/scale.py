"""Enterprises entering and leaving the above-scale sets: the year's changes (from the status history)
and the candidates approaching a threshold (the above-scale pipeline)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from scipark.core import access
from scipark.enterprises.models import Enterprise, EnterpriseStatus

from .. import kpi, pipeline
from ..aggregates import division_of
from ..models import MonthlyReturn, ScaleDecision, ScaleSet
from .reach import Reach, as_date, as_period, current_memberships

# --- entering and leaving the above-scale sets -------------------------------------------------------


@dataclass(frozen=True)
class ScaleChange:
    enterprise_id: int
    enterprise_name: str
    scale_set: str
    scale_set_label: str
    direction: str  # "enter" / "leave"
    period: dt.date
    reason: str  # the decision's reason label, when a decision was recorded


@dataclass(frozen=True)
class ScaleChanges:
    year: int
    entered: list[ScaleChange]
    left: list[ScaleChange]

    def count(self, direction: str, sets: Iterable[str]) -> int:
        wanted = set(sets)
        rows = self.entered if direction == "enter" else self.left
        return len({r.enterprise_id for r in rows if r.scale_set in wanted})


def scale_changes(*, user: Any, reach: Reach, year: int) -> ScaleChanges:
    """Enterprises whose above-scale status began (entered) or ended (left) in ``year``, from the status
    history (which the recorded decisions write). ``user=None`` is the system (figures, reports);
    otherwise names are given only where the user sees individual enterprises."""
    if user is not None and reach.individual:
        visible = EnterpriseStatus.objects.restrict(user, access.Action.VIEW)
    else:
        visible = EnterpriseStatus.objects.all()
    statuses = visible.filter(  # a status's park is its enterprise's (core.tenancy)
        park_id__in=reach.park_ids, kind__in=[s for s in ScaleSet.values if s != ScaleSet.ALL]
    )
    reasons = {
        (d.enterprise_id, d.scale_set, d.direction): d.get_reason_display()
        for d in ScaleDecision.objects.filter(
            park_id__in=reach.park_ids, effective_period__year__in=[year, year + 1]
        )
    }
    entered: list[ScaleChange] = []
    left: list[ScaleChange] = []
    # A leave counts in the year it takes effect: the status ends the day before (a firm leaving from
    # January 2023 has ``valid_to`` 2022-12-31, and the bureau's decision is a 2023 exit).
    last_day_before = dt.date(year - 1, 12, 31)
    in_year = Q(valid_from__year=year) | Q(valid_to__gte=last_day_before, valid_to__lt=dt.date(year, 12, 31))
    # Plain values, the name only where it is shown: a zone's year holds thousands of changes, which the
    # dashboard of a viewer without individual access only counts.
    named = reach.individual or user is None
    rows = statuses.filter(in_year).values_list(
        "enterprise_id", "kind", "valid_from", "valid_to", *(["enterprise__name"] if named else [])
    )
    labels = {value: str(label) for value, label in ScaleSet.choices}
    for enterprise_id, kind, valid_from, valid_to, *name_if_shown in rows:
        name = name_if_shown[0] if named else ""
        leaves = valid_to + dt.timedelta(days=1) if valid_to is not None else None
        for direction, day, into in (("enter", valid_from, entered), ("leave", leaves, left)):
            if day is not None and day.year == year:
                reason = reasons.get((enterprise_id, kind, direction), "")
                into.append(
                    ScaleChange(
                        enterprise_id,
                        name,
                        kind,
                        labels[kind],
                        direction,
                        day.replace(day=1),
                        str(reason),
                    )
                )
    entered.sort(key=lambda c: (c.period, c.enterprise_name))
    left.sort(key=lambda c: (c.period, c.enterprise_name))
    return ScaleChanges(year, entered, left)


# --- above-scale pipeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An enterprise approaching (or past) the threshold of a set it is not yet in."""

    enterprise_id: int
    enterprise_name: str
    scale_set: str
    scale_set_label: str
    measure: str
    projection: pipeline.Projection
    crossing: dt.date | None = field(default=None)


def pipeline_candidates(
    *, user: Any, park: Any, period: dt.date, share: Decimal = pipeline.APPROACH_SHARE
) -> list[Candidate]:
    """Enterprises whose trailing-12-month revenue or sales reaches ``share`` of their set's threshold.

    Left out: enterprises not operating (停产, 迁出, 注销), and those that left the set within the
    trailing 12 months — their sum still holds months in the set, and the bureau has just ruled on them.
    """
    enterprises = {
        e.pk: e
        for e in Enterprise.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, status=Enterprise.Status.OPERATING)
        .select_related("industry")
    }
    window_start = as_date(kpi.shift(as_period(period), -11))
    recently_left = set(
        ScaleDecision.objects.filter(
            enterprise_id__in=list(enterprises),
            direction=ScaleDecision.Direction.LEAVE,
            effective_period__gte=window_start,
            effective_period__lte=period,
        ).values_list("enterprise_id", "scale_set")
    )
    start = as_date(kpi.shift(as_period(period), -17))
    series: dict[int, dict[str, dict[kpi.Period, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    rows = MonthlyReturn.objects.filter(
        enterprise_id__in=list(enterprises), is_current=True, period__gte=start, period__lte=period
    ).values_list("enterprise_id", "period", "months", "revenue", "sales")
    for pk, p, months, revenue, sales in rows:
        for name, amount in (("revenue", revenue), ("sales", sales)):
            if amount is None:
                continue
            if months == 2:  # a combined January–February return: split evenly for the trailing sums
                half = Decimal(amount) / 2
                series[pk][name][(p.year, 1)] = half
                series[pk][name][(p.year, 2)] = half
            else:
                series[pk][name][(p.year, p.month)] = Decimal(amount)
    in_set = {(pk, kind) for pk, kind in current_memberships(list(enterprises), period)}
    result = []
    for pk, enterprise in enterprises.items():
        rule = pipeline.threshold_for(enterprise.activity_type, division_of(enterprise.industry_id))
        if rule is None or (pk, rule.scale_set) in in_set or (pk, rule.scale_set) in recently_left:
            continue
        projection = pipeline.project_crossing(series[pk][rule.measure], as_period(period), rule.amount)
        if projection is None or projection.share < share:
            continue
        result.append(
            Candidate(
                pk,
                enterprise.name,
                rule.scale_set,
                str(ScaleSet(rule.scale_set).label),
                rule.measure,
                projection,
                as_date(projection.crossing) if projection.crossing else None,
            )
        )
    result.sort(key=lambda c: c.projection.share, reverse=True)
    return result
