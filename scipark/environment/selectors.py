"""Reads of the environment module for its pages, its figures and other modules."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import FloatField, QuerySet, Sum, TextField, prefetch_related_objects
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.economy import selectors as economy_selectors
from scipark.economy.models import ScaleSet
from scipark.parks.models import Park

from . import benchmarks
from .coverage import Coverage, Membership, Round, coverage
from .models import (
    Boiler,
    Campaign,
    EnergyBenchmark,
    Finding,
    FindingState,
    NoxAssumption,
    PipeSegment,
)
from .models.network import WIDE_DEG
from .nox import BoilerMeasurement, NoxMethod, NoxReduction, total_reduction
from .targeting import RuleError, TargetRule

DONE_STATES = (FindingState.RECTIFIED, FindingState.CLOSED)


def keeps_records(user: Any) -> bool:
    """Whether ``user`` keeps environment records somewhere (the department): the pages offer the forms."""
    return Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT).exists()


def finding_list(*, user: Any) -> QuerySet[Finding]:
    return Finding.objects.restrict(user, access.Action.VIEW).select_related("park", "enterprise")


def ledger_counts(findings: QuerySet[Finding]) -> list[dict[str, Any]]:
    """Counts per round (source and number) and state, for the ledger's summary (G1, G2 at a glance)."""
    counts = Counter(findings.values_list("source", "round_no", "state"))
    rows: dict[tuple[str, int | None], dict[str, Any]] = {}
    for (source, round_no, state), n in counts.items():
        probe = Finding(source=source, round_no=round_no)
        row = rows.setdefault((source, round_no), {"label": probe.round_label, "total": 0, "states": {}})
        row["states"][state] = n
        row["total"] += n
    return [rows[k] for k in sorted(rows, key=lambda k: (k[0], k[1] or 0))]


def due_soon(findings: QuerySet[Finding], today: dt.date, days: int = 14) -> QuerySet[Finding]:
    """Open items whose deadline falls within ``days`` (reminders)."""
    return findings.exclude(state__in=DONE_STATES).filter(
        deadline__gte=today, deadline__lte=today + dt.timedelta(days=days)
    )


def overdue(findings: QuerySet[Finding], today: dt.date) -> QuerySet[Finding]:
    """Open items past their deadline (warnings)."""
    return findings.exclude(state__in=DONE_STATES).filter(deadline__lt=today)


def nox_method(park: Any, on: dt.date) -> NoxAssumption | None:
    """The NOx factors in force on ``on`` in ``park``."""
    return NoxAssumption.objects.filter(park=park, valid_from__lte=on).order_by("-valid_from").first()


def as_method(row: NoxAssumption) -> NoxMethod:
    return NoxMethod(row.gas_per_steam_tonne, row.flue_gas_per_m3, row.reference_o2, row.source)


def measurement(boiler: Boiler) -> BoilerMeasurement:
    return BoilerMeasurement(
        label=f"{boiler.enterprise.name} {boiler.name}",
        capacity_tph=boiler.capacity_tph,
        operating_hours=boiler.operating_hours,
        load_factor=boiler.load_factor,
        nox_before=boiler.nox_before,
        o2_before=boiler.o2_before,
        nox_after=boiler.nox_after if boiler.nox_after is not None else boiler.nox_before,
        o2_after=boiler.o2_after if boiler.o2_after is not None else boiler.o2_before,
        after_note=boiler.after_note,
    )


@dataclass(frozen=True)
class RetrofitYear:
    boilers: list[Boiler]
    method: NoxAssumption | None
    total_t: Decimal | None
    results: list[NoxReduction]


def retrofits(park: Any, year: int) -> RetrofitYear:
    """Boilers whose retrofit was completed in ``year`` and their NOx cut under the factors then in force."""
    boilers = list(
        Boiler.objects.filter(park=park, retrofit_completed_on__year=year, nox_after__isnull=False)
        .select_related("enterprise")
        .order_by("retrofit_completed_on", "id")
    )
    method = nox_method(park, dt.date(year, 12, 31))
    if method is None or not boilers:
        return RetrofitYear(boilers, method, None, [])
    total, results = total_reduction([measurement(b) for b in boilers], as_method(method))
    return RetrofitYear(boilers, method, total, results)


#: What a campaign's coverage is computed from, fetched for a whole page of campaigns at once: its rounds,
#: its targets and each target's results (three queries, however many campaigns).
COVERAGE_PREFETCH = ("rounds", "targets", "targets__results")


def with_coverage(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """``campaigns`` with what ``campaign_coverage`` reads prefetched (a list in a fixed number of queries)."""
    return campaigns.prefetch_related(*COVERAGE_PREFETCH)


def campaign_coverage(campaign: Campaign) -> Coverage:
    """Coverage of one campaign from its targets, rounds and results (``coverage.coverage``'s rule).

    Reads the prefetched rows when the campaign came from ``with_coverage`` (fetches them otherwise), and
    keeps the answer on the campaign: a page asks for planned, done and rate without counting twice."""
    cached: Coverage | None = getattr(campaign, "_coverage", None)
    if cached is not None:
        return cached
    prefetch_related_objects([campaign], *COVERAGE_PREFETCH)
    targets = list(campaign.targets.all())
    members = [Membership(t.enterprise_id, t.joined_on, t.left_on) for t in targets]
    numbers = {r.pk: r.number for r in campaign.rounds.all()}
    rounds = [Round(r.number, r.starts_on, r.ends_on) for r in campaign.rounds.all()]
    visits = [
        (t.enterprise_id, numbers[r.round_id], r.done_on)
        for t in targets
        for r in t.results.all()
        if r.round_id in numbers
    ]
    found = coverage(members, rounds, visits)
    campaign._coverage = found  # type: ignore[attr-defined]
    return found


def rule_text(campaign: Campaign) -> str:
    """The campaign's target rule in words; empty when its set is a typed list (or the rule is unreadable)."""
    try:
        rule = TargetRule.from_data(campaign.target_rule)
    except RuleError:
        return _("规则无法读取,请重新填写")
    return rule.describe() if rule is not None else ""


def campaigns_of(park: Any, year: int, kind: str) -> list[Campaign]:
    return campaigns_of_parks([park], year, kind)[access.park_pk(park)]


def campaigns_of_parks(parks: Iterable[Any], year: int, kind: str) -> dict[Any, list[Campaign]]:
    """``campaigns_of`` each of ``parks`` (by ``pk``), with their coverage's rows, in one query and the
    prefetches (``with_coverage``) for all the parks."""
    pks = [access.park_pk(park) for park in parks]
    found: dict[Any, list[Campaign]] = {pk: [] for pk in pks}
    for campaign in with_coverage(Campaign.objects.filter(park__in=pks, year=year, kind=kind)).order_by("id"):
        found[campaign.park_id].append(campaign)
    return found


#: Below this zoom a map gets each line's simplified copy; at and above it the surveyed line.
FULL_GEOMETRY_ZOOM = 16
#: Below this zoom a line whose box is under ``TINY_PX`` pixels each way is sent as its two ends: at that
#: scale its bends are inside one or two pixels.
ENDS_ONLY_ZOOM = 14
TINY_PX = 4
#: The most features one layer request returns (the answer says when it was cut).
MAX_FEATURES = 5000
Box = tuple[float, float, float, float]


def in_box(segments: QuerySet[PipeSegment], box: Box) -> list[QuerySet[PipeSegment]]:
    """The segments whose bounding box meets ``box`` (west, south, east, north), as two index range
    queries: the narrow ones start at most ``WIDE_DEG`` west of the box (their ``min_lng`` range is
    bounded on both sides), the few wide ones are looked up apart."""
    west, south, east, north = box
    meets = segments.filter(min_lng__lte=east, max_lng__gte=west, min_lat__lte=north, max_lat__gte=south)
    # ``wide__in``: Django writes ``wide=True`` as a bare column, which SQLite cannot look up in an index.
    return [meets.filter(wide__in=[False], min_lng__gte=west - WIDE_DEG), meets.filter(wide__in=[True])]


#: One segment for the map: id, code, network, length (m), work, and its coordinates as JSON text.
SegmentRow = tuple[int, str, str, float, str, str]


def segment_rows(
    segments: QuerySet[PipeSegment], box: Box | None, zoom: int, *, limit: int = MAX_FEATURES
) -> list[SegmentRow]:
    """The segments whose indexed bounding box meets ``box`` (filtered in the database), simplified by
    zoom: the surveyed line at ``FULL_GEOMETRY_ZOOM`` and above, the simplified copy below it, and below
    ``ENDS_ONLY_ZOOM`` a line smaller than ``TINY_PX`` pixels as its two ends. The coordinates stay JSON
    text as stored (nothing is decoded and encoded again but the ends of tiny lines)."""
    field = "geometry" if zoom >= FULL_GEOMETRY_ZOOM else "geometry_lite"
    tiny = TINY_PX * 360 / (256 * 2 ** max(zoom, 0)) if zoom < ENDS_ONLY_ZOOM else 0.0
    rows: list[SegmentRow] = []
    for part in in_box(segments, box) if box is not None else [segments]:
        found = (
            part.order_by()
            .annotate(_geom=Cast(field, TextField()), _length=Cast("length_m", FloatField()))
            .values_list("pk", "code", "network", "_length", "work", "_geom", "min_lng", "min_lat", "max_lng", "max_lat")
        )  # fmt: skip
        for pk, code, network, length, work, geom, x0, y0, x1, y1 in found[: limit - len(rows)]:
            if field == "geometry" or (tiny and x1 - x0 < tiny and y1 - y0 < tiny):
                coords = json.loads(geom)
                coords = coords["coordinates"] if isinstance(coords, dict) else coords
                if field != "geometry":
                    coords = [coords[0], coords[-1]]
                geom = json.dumps(coords)
            rows.append((pk, code, network, length, work, geom))
        if len(rows) >= limit:
            break
    return rows


def segment_features(
    segments: QuerySet[PipeSegment], box: Box | None, zoom: int, *, limit: int = MAX_FEATURES
) -> list[dict[str, Any]]:
    """``segment_rows`` as GeoJSON features (the API's answer)."""
    url = reverse("environment:segment_detail", args=[0])[:-2]
    return [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "LineString", "coordinates": json.loads(geom)},
            "properties": {"code": code, "network": network, "length_m": length, "work": work, "url": f"{url}{pk}/"},
        }
        for pk, code, network, length, work, geom in segment_rows(segments, box, zoom, limit=limit)
    ]  # fmt: skip


def segment_collection_json(rows: list[SegmentRow], *, truncated: bool) -> str:
    """``rows`` as a GeoJSON FeatureCollection, written as text around the stored coordinates (the map's
    layer endpoint: the same document ``segment_features`` gives, without decoding every line)."""
    url = reverse("environment:segment_detail", args=[0])[:-2]
    dumps = json.dumps
    features = ",".join(
        f'{{"type":"Feature","id":{pk},"geometry":{{"type":"LineString","coordinates":{geom}}},'
        f'"properties":{{"code":{dumps(code)},"network":{dumps(network)},"length_m":{dumps(length)},'
        f'"work":{dumps(work)},"url":{dumps(f"{url}{pk}/")}}}}}'
        for pk, code, network, length, work, geom in rows
    )
    return f'{{"type":"FeatureCollection","features":[{features}],"truncated":{dumps(truncated)}}}'


@dataclass(frozen=True)
class EnergyBenchmarking:
    """The enterprises' energy intensity against their industries' benchmarks, and the park's E6."""

    period: dt.date | None  # the last month counted (January to it), None without returns that year
    rows: list[benchmarks.BenchmarkRow]
    park_figure: economy_selectors.EnergyFigure | None


def current_benchmarks(park: Any, on: dt.date) -> dict[str, benchmarks.Benchmark]:
    """Each category's benchmark in force on ``on`` in ``park``, by its GB/T 4754 code."""
    found: dict[str, benchmarks.Benchmark] = {}
    rows = EnergyBenchmark.objects.filter(park=park, valid_from__lte=on).order_by(
        "industry_id", "-valid_from"
    )
    for row in rows:
        found.setdefault(
            row.industry_id, benchmarks.Benchmark(row.industry_id, row.intensity, row.source, row.confirmed)
        )
    return found


def energy_benchmarking(*, user: Any, park: Any, year: int) -> EnergyBenchmarking:
    """Energy use and value added of ``year`` (January to the last month reported, at most December) per
    enterprise, read from the economy module's counting returns within the user's reach (read-only)."""
    reach = economy_selectors.panel_reach(user, park)
    latest = economy_selectors.latest_period(reach)
    if latest is None or latest.year < year:
        return EnergyBenchmarking(None, [], None)
    period = min(latest, dt.date(year, 12, 1))
    returns = economy_selectors.returns_behind(user=user, reach=reach, period=period, scale_set=ScaleSet.ALL)
    sums = (
        returns.order_by()
        .values(
            "enterprise_id", "enterprise__name", "enterprise__industry_id", "enterprise__industry__section"
        )
        .annotate(tce=Sum("energy_tce"), va=Sum("value_added"))
    )
    enterprises = [
        benchmarks.EnterpriseEnergy(
            enterprise_id=r["enterprise_id"],
            name=r["enterprise__name"],
            industry_code=r["enterprise__industry_id"] or "",
            section=r["enterprise__industry__section"] or "",
            tce=r["tce"],
            value_added=r["va"],
        )
        for r in sums
    ]
    rows = benchmarks.compare(enterprises, current_benchmarks(park, dt.date(year, 12, 31)))
    return EnergyBenchmarking(period, rows, economy_selectors.energy_intensity(reach=reach, period=period))
