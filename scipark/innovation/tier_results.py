"""Reads of the 梯度培育测评 page: a park's current evaluations with how many conditions each misses, whether
the tier is held, and the per-tier summary (held, qualifying but not held, one condition short)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from scipark.core import access

from .models import Evaluation, Tier, TierCertificate


def in_force(on: dt.date) -> Q:
    """Certificates in force on ``on``."""
    return Q(granted_on__lte=on) & (Q(expires_on__isnull=True) | Q(expires_on__gte=on))


def held_annotation(on: dt.date) -> Exists:
    """``held`` for every row of a query (an export): whether the evaluation's enterprise holds its tier on
    ``on``, asked row by row — so not for a page's sorted list, where the database would ask it for every
    evaluation of the park before sorting (:func:`with_held` asks for the page's rows)."""
    return Exists(
        TierCertificate.objects.filter(
            in_force(on), enterprise_id=OuterRef("enterprise_id"), tier=OuterRef("tier")
        )
    )


def current_results(*, user: Any, park: Any) -> QuerySet[Evaluation]:
    """The park's current evaluations in the user's reach (a page's rows get ``held`` from :func:`with_held`,
    an export's from :func:`held_annotation`)."""
    return (
        Evaluation.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, is_current=True)
        .select_related("enterprise")
    )


def with_held(rows: Sequence[Evaluation], *, on: dt.date) -> Sequence[Evaluation]:
    """Sets ``held`` on a page's rows: whether the enterprise holds the row's tier on ``on`` (one query)."""
    pairs = set(
        TierCertificate.objects.filter(
            in_force(on),
            enterprise_id__in={row.enterprise_id for row in rows},
            tier__in={row.tier for row in rows},
        ).values_list("enterprise_id", "tier")
        if rows
        else ()
    )
    for row in rows:
        row.held = (row.enterprise_id, row.tier) in pairs
    return rows


@dataclass(frozen=True)
class TierSummary:
    tier: str
    label: str
    evaluated: int
    holding: int
    qualifying: int
    near_miss: int
    #: Not held, and an expert-scored part decides (待专家评分): the dashboard's ladder shows it.
    open: int


def tier_summary(*, user: Any, park: Any, on: dt.date) -> list[TierSummary]:
    """Per tier, in ladder order: how many were evaluated, hold it (a certificate in force), qualify without
    holding it, miss exactly one condition without holding it, and wait on experts without holding it (the
    梯度培育测评 page's summary and the dashboard's ladder). Three queries, none of them row by row
    over the park: the evaluations are summed from their index, the held ones reached from the certificates
    in force (a park holds a few certificates per hundred evaluations) and taken off."""
    current = Evaluation.objects.restrict(user, access.Action.VIEW).filter(park=park, is_current=True)
    certificates = TierCertificate.objects.restrict(user, access.Action.VIEW).filter(in_force(on), park=park)
    holding = dict(
        certificates.values("tier").annotate(n=Count("enterprise", distinct=True)).values_list("tier", "n")
    )
    sums = {
        "evaluated": Count("pk"),
        "qualifying": Count("pk", filter=Q(qualifies=True)),
        "near_miss": Count("pk", filter=Q(gap_count=1, qualifies=False)),
        "open": Count("pk", filter=Q(qualifies__isnull=True)),
    }
    counts: dict[str, Mapping[str, Any]] = {
        row["tier"]: row for row in current.values("tier").annotate(**sums).order_by()
    }
    held: dict[str, Mapping[str, Any]] = {}
    if holding:
        # Each tier's evaluations whose enterprise holds that tier: one semi-join per tier, OR-ed.
        reached = Q()
        for tier in holding:
            reached |= Q(tier=tier, enterprise_id__in=certificates.filter(tier=tier).values("enterprise_id"))
        held = {
            row["tier"]: row for row in current.filter(reached).values("tier").annotate(**sums).order_by()
        }

    def count(tier: str, name: str) -> int:
        return int(counts.get(tier, {}).get(name, 0))

    def held_count(tier: str, name: str) -> int:
        return int(held.get(tier, {}).get(name, 0))

    return [
        TierSummary(
            tier,
            str(label),
            count(tier, "evaluated"),
            holding.get(tier, 0),
            count(tier, "qualifying") - held_count(tier, "qualifying"),
            count(tier, "near_miss") - held_count(tier, "near_miss"),
            count(tier, "open") - held_count(tier, "open"),
        )
        for tier, label in Tier.choices
    ]
