"""Reads of the parks app: parks with enterprise counts, and one park's enterprise aggregates.

Aggregates only: a zone viewer may compare parks by these counts without seeing any enterprise.
The enterprise rows are reached through the park's reverse relations, so that this app does not
import the enterprises app (dependencies point one way: parks ← enterprises).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from .models import Park


@dataclass(frozen=True)
class CountRow:
    """One labelled count of a park's enterprises."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ParkSummary:
    """A park's enterprise aggregates on a day."""

    on: date
    total: int
    by_activity_type: list[CountRow]
    by_status_kind: list[CountRow]


def parks_with_enterprise_counts(parks: QuerySet[Park]) -> QuerySet[Park]:
    """``parks`` annotated with ``enterprise_count`` (every enterprise registered in the park)."""
    return parks.annotate(enterprise_count=Count("enterprises", distinct=True))


def _choices(model: Any, field_name: str) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in model._meta.get_field(field_name).choices]


def park_summary(park: Park, *, on: date) -> ParkSummary:
    """Counts of the park's enterprises by activity type, and by statuses (规上/限上/在孵) valid ``on``."""
    enterprise_model: Any = Park._meta.get_field("enterprises").related_model
    status_model: Any = enterprise_model._meta.get_field("statuses").related_model
    enterprises = enterprise_model._default_manager.filter(park=park)
    by_type = dict(enterprises.values_list("activity_type").annotate(n=Count("pk")).order_by())
    valid = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    statuses = status_model._default_manager.filter(valid, enterprise__park=park)
    by_kind = dict(statuses.values_list("kind").annotate(n=Count("enterprise", distinct=True)).order_by())
    return ParkSummary(
        on=on,
        total=sum(by_type.values()),
        by_activity_type=[
            CountRow(key, label, by_type.get(key, 0))
            for key, label in _choices(enterprise_model, "activity_type")
            if by_type.get(key)
        ],
        by_status_kind=[
            CountRow(key, label, by_kind.get(key, 0)) for key, label in _choices(status_model, "kind")
        ],
    )
