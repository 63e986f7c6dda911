"""Reads of the 梯度培育测评 page: a park's current evaluations with how many conditions each misses, whether
the tier is held, and the per-tier summary (held, qualifying but not held, one condition short)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL

from scipark.core import access

from .models import CurrentEvaluationCount, Evaluation, Outcome, Tier, TierCertificate
from .models.counts import outcome_of


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


def reaches_whole_park(user: Any, park: Any) -> bool:
    """Whether ``user``'s reach over evaluations holds every evaluation of ``park`` (the park's staff and
    leaders): then the park's kept counts (:class:`CurrentEvaluationCount`) are what a count of the rows in
    reach would give. The reach is read from the very filter ``restrict`` applies (``access.restriction``,
    by ``access.parks_of``); any shape but whole parks (or every row), such as one enterprise's rows,
    answers False."""
    restriction = access.restriction(Evaluation, user, access.Action.VIEW)
    if restriction is None:
        return False
    parks = access.parks_of(Evaluation, restriction)
    return parks == access.EVERY_PARK or (isinstance(parks, tuple) and access.park_pk(park) in parks)


def kept_count(*, park: Any, tier: str | None = None, qualifies: Any = ..., gaps: int | None = None) -> int:
    """The park's current evaluations from the kept counts (one small query): of ``tier``, with
    ``qualifies`` (True, False or None; left out: any), with ``gaps`` unmet conditions (3: three or more), as
    the 梯度培育测评 page's filters narrow them. Only for a user whose reach is the whole park
    (:func:`reaches_whole_park`)."""
    counts = CurrentEvaluationCount.objects.filter(park=park)
    if tier is not None:
        counts = counts.filter(tier=tier)
    if qualifies is not ...:
        counts = counts.filter(outcome=outcome_of(qualifies))
    if gaps is not None:
        counts = counts.filter(gap_count__gte=3) if gaps >= 3 else counts.filter(gap_count=gaps)
    return int(counts.aggregate(n=Sum("evaluations"))["n"] or 0)


#: What the summary sums per tier, over evaluations (:func:`tier_summary`) and over the kept counts.
SUMS = {
    "evaluated": Count("pk"),
    "qualifying": Count("pk", filter=Q(qualifies=True)),
    "near_miss": Count("pk", filter=Q(gap_count=1, qualifies=False)),
    "open": Count("pk", filter=Q(qualifies__isnull=True)),
}
KEPT_SUMS = {
    "evaluated": Sum("evaluations"),
    "qualifying": Sum("evaluations", filter=Q(outcome=Outcome.ELIGIBLE)),
    "near_miss": Sum("evaluations", filter=Q(outcome=Outcome.NOT_ELIGIBLE, gap_count=1)),
    "open": Sum("evaluations", filter=Q(outcome=Outcome.OPEN)),
}


def holding_their_tier(evaluations: QuerySet[Evaluation], certificates: QuerySet[TierCertificate]) -> RawSQL:
    """The evaluations whose enterprise holds a certificate of the evaluation's tier among ``certificates``:
    one semi-join on (enterprise, tier), which the database runs from the certificates (a park holds a few
    per hundred evaluations) through the index of current evaluations by park, enterprise and tier."""
    connection = connections[evaluations.db]
    pairs = certificates.order_by().values("enterprise_id", "tier")
    sql, params = pairs.query.get_compiler(connection=connection).as_sql()
    table = connection.ops.quote_name(Evaluation._meta.db_table)
    condition = f"({table}.enterprise_id, {table}.tier) IN ({sql})"
    return RawSQL(condition, params, output_field=models.BooleanField())  # noqa: S611 - values bound


def tier_summary(*, user: Any, park: Any, on: dt.date) -> list[TierSummary]:
    """Per tier, in ladder order: how many were evaluated, hold it (a certificate in force), qualify without
    holding it, miss exactly one condition without holding it, and wait on experts without holding it (the
    梯度培育测评 page's summary and the dashboard's ladder). Three queries, none of them over the park's
    evaluations: the park's staff and leaders read the sums from the kept counts
    (:class:`CurrentEvaluationCount`; a narrower reach sums its evaluations), and the held ones are reached
    from the certificates in force (a park holds a few certificates per hundred evaluations) and taken off.
    Holding is not kept: a certificate lapses on its date, without a write."""
    current = Evaluation.objects.restrict(user, access.Action.VIEW).filter(park=park, is_current=True)
    certificates = TierCertificate.objects.restrict(user, access.Action.VIEW).filter(in_force(on), park=park)
    holding = dict(
        certificates.values("tier").annotate(n=Count("enterprise", distinct=True)).values_list("tier", "n")
    )
    rows: QuerySet[Any, Any] = (
        CurrentEvaluationCount.objects.filter(park=park).values("tier").annotate(**KEPT_SUMS)
        if reaches_whole_park(user, park)
        else current.values("tier").annotate(**SUMS)
    )
    counts: dict[str, Mapping[str, Any]] = {row["tier"]: row for row in rows.order_by()}
    held: dict[str, Mapping[str, Any]] = {}
    if holding:
        reached = current.filter(holding_their_tier(current, certificates))
        held = {row["tier"]: row for row in reached.values("tier").annotate(**SUMS).order_by()}

    def count(tier: str, name: str) -> int:
        return int(counts.get(tier, {}).get(name) or 0)

    def held_count(tier: str, name: str) -> int:
        return int(held.get(tier, {}).get(name) or 0)

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
