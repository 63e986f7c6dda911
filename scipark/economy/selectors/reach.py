"""Whose figures a panel shows, and which enterprises are in an above-scale set in a month.

Two kinds of reach (DESIGN.md rule 1, SECURITY.md row 10): *individual* data (an enterprise's returns,
contributions, the pipeline) goes through ``Model.objects.restrict(user, action)``; *aggregates* (sums
over a park's or the zone's enterprises, from ``MonthlyAggregate``) are shown in the parks the user may
read economy data or reports of (:func:`reachable_parks`), suppressed where the user may not see the
park's individual economy data (``core.suppression.individual_parks``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q

from scipark.core import access, suppression
from scipark.core.roles import Role
from scipark.enterprises.models import EnterpriseStatus

from .. import kpi
from ..aggregates import month_end
from ..models import ClosedPeriod, MonthlyAggregate, ScaleSet

# --- reach ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """The parks a panel covers, and in which of them the viewer may see individual enterprises."""

    park_ids: tuple[int, ...]
    individual_park_ids: frozenset[int]

    @property
    def individual(self) -> bool:
        """Whether every park of the panel shows individual data (no suppression needed)."""
        return bool(self.park_ids) and set(self.park_ids) <= self.individual_park_ids


def reachable_parks(user: Any) -> Reach:
    """Every park whose economy aggregates the user may read (staff and leaders: their park; zone
    viewers: the zone's parks, aggregates only)."""
    scope = access.scope_for(user)
    individual = suppression.individual_parks(user, access.Domain.ECONOMY)
    parks = set(individual) | scope.park_ids(access.Domain.REPORTS, access.Action.VIEW)
    zones = {g.zone_id for g in scope.grants if g.role == Role.ZONE_VIEWER and g.zone_id is not None}
    if zones:
        park_model = apps.get_model("parks", "Park")
        parks |= set(park_model.objects.filter(zone_id__in=zones).values_list("pk", flat=True))
    return Reach(tuple(sorted(parks)), frozenset(individual))


def panel_reach(user: Any, park: Any | None = None) -> Reach:
    """The reach for one park (``None``: every reachable park, i.e. the zone); a park out of reach is empty."""
    reach = reachable_parks(user)
    if park is None:
        return reach
    pk = access.park_pk(park)
    return Reach((pk,) if pk in reach.park_ids else (), reach.individual_park_ids)


# --- periods ----------------------------------------------------------------------------------------


def as_period(value: dt.date) -> kpi.Period:
    return (value.year, value.month)


def as_date(period: kpi.Period) -> dt.date:
    return dt.date(period[0], period[1], 1)


def latest_period(reach: Reach) -> dt.date | None:
    """The latest month with any counting return in the reach (the panel's default)."""
    found = (
        MonthlyAggregate.objects.filter(park_id__in=reach.park_ids, scale_set=ScaleSet.ALL, reporting__gt=0)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    return found


def latest_closed_period(park_ids: Sequence[int]) -> dt.date | None:
    """The latest month every one of these parks has closed (关账)."""
    wanted = set(park_ids)
    if not wanted:
        return None
    by_period: dict[dt.date, set[int]] = {}
    for park_id, period in ClosedPeriod.objects.filter(park_id__in=wanted).values_list("park_id", "period"):
        by_period.setdefault(period, set()).add(park_id)
    complete = [period for period, parks in by_period.items() if parks == wanted]
    return max(complete) if complete else None


def opening(reach: Reach) -> tuple[dt.date | None, bool]:
    """The month a page of figures opens on — the economy dashboard, the pipeline, both cockpits, the
    workbench — and whether its figures are final: the latest month every park of the reach has closed
    (final), else the latest with returns (not final). One rule, so a leader's cockpit and the economy
    staff's dashboard open on the same month; a month still being reported (two returns of 780 in) is opened
    only by choosing it, and then says so."""
    closed = latest_closed_period(sorted(reach.park_ids))
    if closed is not None:
        return closed, True
    return latest_period(reach), False


def opening_period(reach: Reach) -> dt.date | None:
    """The month of :func:`opening`."""
    return opening(reach)[0]


# --- set membership ----------------------------------------------------------------------------------


def members(park_ids: Sequence[int], period: dt.date, scale_set: str) -> list[int]:
    """The enterprises in an above-scale set at ``period`` (status covering the month's last day)."""
    end = month_end(period)
    return list(
        EnterpriseStatus.objects.filter(  # a status's park is its enterprise's (core.tenancy)
            park_id__in=list(park_ids), kind=scale_set, valid_from__lte=end
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .values_list("enterprise_id", flat=True)
    )


def current_memberships(enterprise_ids: list[int], period: dt.date) -> list[tuple[int, str]]:
    """(enterprise, status kind) for every status of these enterprises covering ``period``'s last day."""
    end = month_end(period)
    return list(
        EnterpriseStatus.objects.filter(enterprise_id__in=enterprise_ids, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .values_list("enterprise_id", "kind")
    )
