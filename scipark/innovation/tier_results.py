"""Reads of the 梯度培育测评 page: a park's current evaluations with how many conditions each misses, whether
the tier is held, and the per-tier summary (held, qualifying but not held, one condition short)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet
from django.db.models.lookups import Exact

from scipark.core import access

from .models import Evaluation, Tier, TierCertificate

#: The condition a stored note carries (``services.evaluation._gaps``): notes are no unmet condition.
NOTE = "说明"


class GapCount(Func):
    """How many of an evaluation's stored gaps are unmet conditions (its notes, ``说明``, are not), counted
    by the database in the JSON column, so that a list can filter and sort by it."""

    output_field = IntegerField()

    def __init__(self) -> None:
        super().__init__(F("gaps"))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            # the column as compiled and a bound parameter: nothing of a user's in the text
            f"(SELECT COUNT(*) FROM json_each({sql}) WHERE json_extract(value, '$.condition') <> %s)",  # noqa: S608
            (*params, NOTE),
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(SELECT COUNT(*) FROM jsonb_array_elements({sql}) AS gap WHERE gap ->> 'condition' <> %s)",  # noqa: S608
            (*params, NOTE),
        )


def in_force(on: dt.date) -> Q:
    """Certificates in force on ``on``."""
    return Q(granted_on__lte=on) & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))


def _held(on: dt.date) -> Exists:
    """Whether the evaluation's enterprise holds the evaluation's tier on ``on``."""
    return Exists(
        TierCertificate.objects.filter(
            in_force(on), enterprise_id=OuterRef("enterprise_id"), tier=OuterRef("tier")
        )
    )


def current_results(*, user: Any, park: Any, on: dt.date) -> QuerySet[Evaluation]:
    """The park's current evaluations in the user's reach, each with ``gap_count`` and ``held``."""
    return (
        Evaluation.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, is_current=True)
        .select_related("enterprise")
        .annotate(gap_count=GapCount(), held=_held(on))
    )


@dataclass(frozen=True)
class TierSummary:
    tier: str
    label: str
    evaluated: int
    holding: int
    qualifying: int
    near_miss: int


def tier_summary(*, user: Any, park: Any, on: dt.date) -> list[TierSummary]:
    """Per tier, in ladder order: how many were evaluated, hold it (a certificate in force), qualify without
    holding it, and miss exactly one condition without holding it. Two queries."""
    certificates = TierCertificate.objects.restrict(user, access.Action.VIEW).filter(in_force(on), park=park)
    holding = dict(
        certificates.values("tier").annotate(n=Count("enterprise", distinct=True)).values_list("tier", "n")
    )
    not_held = ~_held(on)
    counts: dict[str, Mapping[str, Any]] = {
        row["tier"]: row
        for row in Evaluation.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, is_current=True)
        .values("tier")
        .annotate(
            evaluated=Count("pk"),
            qualifying=Count("pk", filter=Q(not_held, qualifies=True)),
            near_miss=Count("pk", filter=Q(not_held, Exact(GapCount(), 1), qualifies=False)),
        )
        .order_by()
    }
    return [
        TierSummary(
            tier,
            str(label),
            counts.get(tier, {}).get("evaluated", 0),
            holding.get(tier, 0),
            counts.get(tier, {}).get("qualifying", 0),
            counts.get(tier, {}).get("near_miss", 0),
        )
        for tier, label in Tier.choices
    ]
