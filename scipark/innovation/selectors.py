"""Reads for pages, figures and services: an enterprise's profile for the tier rules, this
year's candidates, expiring certificates, incubation counts and the graduates' follow-up.

Revenue and employees of graduates come from the economy module's monthly returns, read through
``scipark.economy.selectors`` (a read-only dependency, ADR 0014).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from scipark.core import access
from scipark.economy import selectors as economy
from scipark.enterprises.selectors import mask_email, mask_name, mask_phone

from . import incubation
from .cultivation import EVALUATORS, Profile, YearFigures
from .models import (
    LADDER,
    Achievement,
    Award,
    Evaluation,
    Incubation,
    Incubator,
    IntellectualProperty,
    LedStandard,
    RdInstitution,
    RuleVersion,
    TechArchive,
    Tier,
    TierCertificate,
)

LEVELS = ("national", "provincial", "municipal", "park")
#: Certificates expiring within this many days are reminded (高企 3 years, 科技型 yearly).
REMIND_DAYS = 90


def _best(levels: list[str]) -> str | None:
    return min(levels, key=LEVELS.index) if levels else None


def held_tiers(enterprise_id: int, on: dt.date) -> frozenset[str]:
    """The tiers whose certificate is valid on ``on``."""
    return frozenset(
        TierCertificate.objects.filter(enterprise_id=enterprise_id, granted_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values_list("tier", flat=True)
    )


def build_profile(enterprise: Any, year: int) -> Profile | None:
    """The inputs of the tier rules for ``enterprise`` at the end of ``year`` (``None``: no archive)."""
    archives = {
        a.year: a
        for a in TechArchive.objects.filter(enterprise=enterprise, year__gte=year - 2, year__lte=year)
    }
    archive = archives.get(year)
    if archive is None:
        return None
    end = dt.date(year, 12, 31)
    ip = IntellectualProperty.objects.filter(
        enterprise=enterprise, status=IntellectualProperty.Status.GRANTED, granted_on__lte=end
    )
    class_i = list(
        ip.filter(kind__in=IntellectualProperty.CLASS_I).values_list("high_value", "self_developed", "in_use")
    )
    five_years_ago = dt.date(year - 4, 1, 1)
    awards = Award.objects.filter(enterprise=enterprise, granted_on__gte=five_years_ago, granted_on__lte=end)
    award_levels = [a.level for a in awards if a.rank is None or a.rank <= 3]
    history = tuple(
        YearFigures(y, a.sales, a.main_revenue, a.rd_expense, a.net_assets)
        for y, a in sorted(archives.items())
        if y < year
    )
    return Profile(
        year=year, registered_on=enterprise.registration_date, employees=archive.employees,
        tech_staff=archive.tech_staff, sales=archive.sales, main_revenue=archive.main_revenue,
        total_assets=archive.total_assets, total_liabilities=archive.total_liabilities, total_cost=archive.total_cost,
        net_assets=archive.net_assets, rd_expense=archive.rd_expense, rd_expense_domestic=archive.rd_expense_domestic,
        high_tech_income=archive.high_tech_income, new_equity=archive.new_equity, niche_years=archive.niche_years,
        key_field=archive.key_field, strategic_emerging=archive.strategic_emerging, major_incident=archive.major_incident,
        rd_management_score=archive.rd_management_score, class_i=len(class_i),
        class_ii=ip.exclude(kind__in=IntellectualProperty.CLASS_I).count(),
        class_i_high_value=sum(1 for hv, _own, _use in class_i if hv),
        class_i_own=sum(1 for _hv, own, _use in class_i if own),
        class_i_in_use=sum(1 for _hv, _own, use in class_i if use),
        conversions_3y=Achievement.objects.filter(enterprise=enterprise, converted_on__gte=dt.date(year - 2, 1, 1), converted_on__lte=end).count(),
        award_level=_best(award_levels),
        institution_level=_best(list(RdInstitution.objects.filter(enterprise=enterprise, approved_on__lte=end).values_list("level", flat=True))),
        led_standard=LedStandard.objects.filter(
            enterprise=enterprise, published_on__gte=five_years_ago, published_on__lte=end,
            level__in=[LedStandard.Level.INTERNATIONAL, LedStandard.Level.NATIONAL, LedStandard.Level.INDUSTRY],
        ).exists(),
        held=held_tiers(enterprise.pk, end), history=history,
    )  # fmt: skip


#: Enterprises read and evaluated together: a park's evaluation reads seven queries per chunk and holds
#: one chunk's rows at a time, so its memory stays flat whatever the park's size.
CHUNK = 2000
#: The archive fields a profile takes as they are (same names on both).
PROFILE_FIELDS = (
    "employees", "tech_staff", "sales", "main_revenue", "total_assets", "total_liabilities", "total_cost",
    "net_assets", "rd_expense", "rd_expense_domestic", "high_tech_income", "new_equity", "niche_years",
    "key_field", "strategic_emerging", "major_incident", "rd_management_score",
)  # fmt: skip
LED_LEVELS = (LedStandard.Level.INTERNATIONAL, LedStandard.Level.NATIONAL, LedStandard.Level.INDUSTRY)


@dataclass(frozen=True)
class Evaluee:
    """An enterprise to evaluate: its key, the park whose rules apply (its own) and its founding date."""

    pk: int
    park_id: int
    registered_on: dt.date | None


def park_evaluees(*, park: Any, year: int, chunk: int = CHUNK) -> Iterator[list[Evaluee]]:
    """The enterprises with an archive of ``year`` in ``park``, ``chunk`` at a time in key order (keyset
    pages: the next chunk is read when the previous one is done, never the whole park at once)."""
    last = 0
    while True:
        rows = list(_evaluee_rows(park.pk, year).filter(enterprise_id__gt=last)[:chunk])
        if not rows:
            return
        yield [Evaluee(*row) for row in rows]
        last = rows[-1][0]


def park_evaluee_ranges(*, park: Any, year: int, chunk: int = CHUNK) -> list[tuple[int, int]]:
    """:func:`park_evaluees`' chunks as key ranges ``(after, last)`` (``after`` < key ≤ ``last``), read as keys
    only (a few hundred kilobytes for 100,000 enterprises): a chunk can then be read by another process
    (:func:`evaluees_between`) without the chunk before it."""
    keys = list(
        TechArchive.objects.filter(park=park, year=year)
        .order_by("enterprise_id")
        .values_list("enterprise_id", flat=True)
    )
    ranges, after = [], 0
    for start in range(0, len(keys), chunk):
        last = keys[min(start + chunk, len(keys)) - 1]
        ranges.append((after, last))
        after = last
    return ranges


def evaluees_between(*, park_id: int, year: int, after: int, last: int) -> list[Evaluee]:
    """The enterprises of one chunk of :func:`park_evaluee_ranges` (``after`` < key ≤ ``last``)."""
    rows = _evaluee_rows(park_id, year).filter(enterprise_id__gt=after, enterprise_id__lte=last)
    return [Evaluee(*row) for row in rows]


def _evaluee_rows(park_id: int, year: int) -> QuerySet[Any, tuple[int, int, dt.date | None]]:
    return (
        TechArchive.objects.filter(park_id=park_id, year=year)
        .order_by("enterprise_id")
        .values_list("enterprise_id", "enterprise__park_id", "enterprise__registration_date")
    )


def build_profiles(evaluees: Sequence[Evaluee], year: int) -> dict[int, Profile]:
    """:func:`build_profile` for many enterprises at once: the same inputs in seven queries for the lot
    (their keys go in one ``IN`` list: pass a chunk, not a park), keyed by enterprise; none without an archive
    of ``year``. ``tests/test_cultivation_batch.py`` holds the two equal."""
    ids = [e.pk for e in evaluees]
    end = dt.date(year, 12, 31)
    five_years_ago = dt.date(year - 4, 1, 1)
    archives: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in (
        TechArchive.objects.filter(enterprise_id__in=ids, year__gte=year - 2, year__lte=year)
        .order_by()
        .values("enterprise_id", "year", *PROFILE_FIELDS)
    ):
        archives[row["enterprise_id"]][row["year"]] = row
    class_i = Q(kind__in=IntellectualProperty.CLASS_I)
    ip = {
        row["enterprise_id"]: row
        for row in IntellectualProperty.objects.filter(
            enterprise_id__in=ids, status=IntellectualProperty.Status.GRANTED, granted_on__lte=end
        )
        .order_by()
        .values("enterprise_id")
        .annotate(
            class_i=Count("pk", filter=class_i), class_ii=Count("pk", filter=~class_i),
            high_value=Count("pk", filter=class_i & Q(high_value=True)),
            own=Count("pk", filter=class_i & Q(self_developed=True)),
            in_use=Count("pk", filter=class_i & Q(in_use=True)),
        )
    }  # fmt: skip
    conversions = dict(
        Achievement.objects.filter(
            enterprise_id__in=ids, converted_on__gte=dt.date(year - 2, 1, 1), converted_on__lte=end
        )
        .order_by()
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
    )
    awards: dict[int, list[str]] = defaultdict(list)
    for enterprise_id, level, rank in (
        Award.objects.filter(enterprise_id__in=ids, granted_on__gte=five_years_ago, granted_on__lte=end)
        .order_by()
        .values_list("enterprise_id", "level", "rank")
    ):
        if rank is None or rank <= 3:
            awards[enterprise_id].append(level)
    institutions: dict[int, list[str]] = defaultdict(list)
    for enterprise_id, level in (
        RdInstitution.objects.filter(enterprise_id__in=ids, approved_on__lte=end)
        .order_by()
        .values_list("enterprise_id", "level")
    ):
        institutions[enterprise_id].append(level)
    led = set(
        LedStandard.objects.filter(
            enterprise_id__in=ids,
            published_on__gte=five_years_ago,
            published_on__lte=end,
            level__in=LED_LEVELS,
        )
        .order_by()
        .values_list("enterprise_id", flat=True)
    )
    held: dict[int, set[str]] = defaultdict(set)
    for enterprise_id, tier in (
        TierCertificate.objects.filter(enterprise_id__in=ids, granted_on__lte=end)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=end))
        .order_by()
        .values_list("enterprise_id", "tier")
    ):
        held[enterprise_id].add(tier)
    profiles = {}
    none: dict[str, int] = {}
    for evaluee in evaluees:
        years = archives.get(evaluee.pk, {})
        archive = years.get(year)
        if archive is None:
            continue
        counts = ip.get(evaluee.pk, none)
        profiles[evaluee.pk] = Profile(
            year=year, registered_on=evaluee.registered_on, **{f: archive[f] for f in PROFILE_FIELDS},
            class_i=counts.get("class_i", 0), class_ii=counts.get("class_ii", 0),
            class_i_high_value=counts.get("high_value", 0), class_i_own=counts.get("own", 0),
            class_i_in_use=counts.get("in_use", 0), conversions_3y=conversions.get(evaluee.pk, 0),
            award_level=_best(awards.get(evaluee.pk, [])),
            institution_level=_best(institutions.get(evaluee.pk, [])), led_standard=evaluee.pk in led,
            held=frozenset(held.get(evaluee.pk, ())),
            history=tuple(
                YearFigures(y, a["sales"], a["main_revenue"], a["rd_expense"], a["net_assets"])
                for y, a in sorted(years.items())
                if y < year
            ),
        )  # fmt: skip
    return profiles


def rules_in_force(park_id: int, on: dt.date) -> dict[str, RuleVersion]:
    """The park's rule version of each tier in force on ``on``, in ladder order (tiers without one left out)."""
    found = {tier: rule_for(park_id, tier, on) for tier in EVALUATORS}
    return {tier: rule for tier, rule in found.items() if rule is not None}


def rule_for(park_id: int, tier: str, on: dt.date) -> RuleVersion | None:
    """The park's rule version of ``tier`` in force on ``on``."""
    return (
        RuleVersion.objects.filter(park_id=park_id, tier=tier, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def current_evaluations(enterprise: Any) -> list[Evaluation]:
    """The enterprise's current evaluation per tier, in ladder order."""
    rows = Evaluation.objects.filter(enterprise=enterprise, is_current=True).select_related("rule")
    return sorted(rows, key=lambda e: LADDER.index(e.tier))


def candidates(*, user: Any, park: Any, tier: str | None = None) -> Any:
    """This year's candidates: current evaluations that qualify (or may) for a tier not yet held."""
    rows = (
        Evaluation.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, is_current=True)
        .filter(Q(qualifies=True) | Q(qualifies__isnull=True, score_max__isnull=False))
        .select_related("enterprise", "rule")
    )
    if tier:
        rows = rows.filter(tier=tier)
    today = dt.date.today()
    held = set(
        TierCertificate.objects.filter(park=park)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .values_list("enterprise_id", "tier")
    )
    found = [e for e in rows if (e.enterprise_id, e.tier) not in held]
    return sorted(found, key=lambda e: (LADDER.index(e.tier), e.enterprise.name))


def expiring(*, user: Any, park: Any, today: dt.date, days: int = REMIND_DAYS) -> Any:
    """Certificates that expire within ``days`` (or have just expired without a renewal)."""
    return (
        TierCertificate.objects.restrict(user, access.Action.VIEW)
        .filter(
            park=park,
            expires_on__gte=today - dt.timedelta(days=30),
            expires_on__lte=today + dt.timedelta(days=days),
        )
        .select_related("enterprise")
        .order_by("expires_on")
    )


def new_certifications(park: Any, years: list[int]) -> dict[int, dict[str, int]]:
    """Per year and tier: enterprises whose first certificate of that tier was granted that year (T2).

    A renewal (高企 every 3 years, 科技型 every year) is not new: only an enterprise's earliest grant counts.
    """
    return count_new_certifications(first_certifications_of_parks([park])[access.park_pk(park)], years)


def first_certifications_of_parks(parks: Iterable[Any]) -> dict[Any, list[tuple[str, dt.date]]]:
    """Each park's (by ``pk``) first grants: for every enterprise and tier, the tier and its earliest
    certificate's date (one query for all the parks; a park without certificates has an empty list)."""
    pks = [access.park_pk(park) for park in parks]
    found: dict[Any, list[tuple[str, dt.date]]] = {pk: [] for pk in pks}
    for park_id, tier, first in (
        TierCertificate.objects.filter(park__in=pks)
        .values("park_id", "enterprise_id", "tier")
        .annotate(first=Min("granted_on"))
        .order_by("park_id", "enterprise_id", "tier")
        .values_list("park_id", "tier", "first")
    ):
        found[park_id].append((tier, first))
    return found


def count_new_certifications(
    firsts: Iterable[tuple[str, dt.date]], years: list[int]
) -> dict[int, dict[str, int]]:
    """``new_certifications`` from a park's first grants (``first_certifications_of_parks``)."""
    counts: dict[int, dict[str, int]] = {y: dict.fromkeys(Tier.values, 0) for y in years}
    for tier, granted in firsts:
        if granted.year in counts:
            counts[granted.year][tier] += 1
    return counts


def in_incubation(park: Any, day: dt.date) -> Any:
    """Stays that cover ``day`` (T1)."""
    return in_incubation_of_parks([park], day)


def in_incubation_of_parks(parks: Iterable[Any], day: dt.date) -> QuerySet[Incubation]:
    """Stays in any of ``parks`` that cover ``day`` (T1 of many parks)."""
    return Incubation.objects.filter(
        park__in=[access.park_pk(park) for park in parks], entered_on__lte=day
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=day))


def parks_with(model: type[Any], parks: Iterable[Any]) -> set[Any]:
    """The pks of those of ``parks`` that hold at least one record of ``model`` (one query)."""
    return set(
        model.objects.filter(park__in=[access.park_pk(park) for park in parks])
        .order_by()
        .values_list("park_id", flat=True)
        .distinct()
    )


def counted_ids_of_parks(
    records: QuerySet[Any], *order: str, limit: int = 50
) -> dict[Any, tuple[int, tuple[int, ...]]]:
    """For each park (by ``pk``) with some of ``records``: how many, and the pks of its first ``limit`` of
    them in ``order`` (a figure's source), in one query for all the parks. Parks without any are absent."""
    ranked = (
        records.order_by()
        .annotate(
            park_rank=Window(RowNumber(), partition_by=F("park_id"), order_by=list(order)),
            park_records=Window(Count("pk"), partition_by=F("park_id")),
        )
        .filter(park_rank__lte=limit)
        .values_list("park_id", "park_records", "park_rank", "pk")
    )
    rows: dict[Any, list[tuple[int, int]]] = defaultdict(list)
    counts: dict[Any, int] = {}
    for park_id, count, position, pk in ranked:
        counts[park_id] = count
        rows[park_id].append((position, pk))
    return {
        park_id: (counts[park_id], tuple(pk for _position, pk in sorted(rows[park_id]))) for park_id in rows
    }


def incubator_facts(incubator: Incubator, on: dt.date) -> incubation.IncubatorFacts:
    """What the provincial criteria read of one incubator on ``on``."""
    stays = incubator.stays.all()
    current = stays.filter(entered_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gte=on))
    ids = list(current.values_list("enterprise_id", flat=True))
    with_ip = (
        IntellectualProperty.objects.filter(enterprise_id__in=ids, status=IntellectualProperty.Status.GRANTED)
        .values("enterprise_id").distinct().count()
    )  # fmt: skip
    certified = (
        TierCertificate.objects.filter(enterprise_id__in=ids, tier=Tier.TECH_SME, granted_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values("enterprise_id").distinct().count()
    )  # fmt: skip
    return incubation.IncubatorFacts(
        opened_on=incubator.opened_on, area_m2=incubator.area_m2, incubatee_area_m2=incubator.incubatee_area_m2,
        staff=incubator.staff, professional_staff=incubator.professional_staff, seed_fund=incubator.seed_fund,
        incubatees=len(ids), graduates=stays.filter(outcome=Incubation.Outcome.GRADUATED, left_on__lte=on).count(),
        incubatees_with_ip=with_ip, incubatees_certified=certified,
    )  # fmt: skip


@dataclass(frozen=True)
class GraduateYear:
    year: int
    revenue: Decimal | None
    employees: int | None


@dataclass(frozen=True)
class Graduate:
    stay: Incubation
    in_park: bool
    years: tuple[GraduateYear, ...]


def graduates(*, user: Any, incubator: Incubator, today: dt.date) -> list[Graduate]:
    """Graduates of the last five years with revenue and employees per year since graduating, from the
    economy module's monthly returns (within the viewer's reach), and whether they are still in the park."""
    since = dt.date(today.year - incubation.FOLLOW_YEARS, 1, 1)
    stays = list(
        incubator.stays.filter(outcome=Incubation.Outcome.GRADUATED, left_on__gte=since)
        .select_related("enterprise")
        .order_by("-left_on")
    )
    if not stays:
        return []
    reach = economy.panel_reach(user, incubator.park_id)
    wanted = {s.enterprise_id for s in stays}
    per: dict[tuple[int, int], dict[str, Any]] = defaultdict(
        lambda: {"revenue": Decimal(0), "employees": None, "period": None}
    )
    for year in range(min(s.left_on.year for s in stays if s.left_on), today.year + 1):
        rows = economy.returns_behind(user=user, reach=reach, period=dt.date(year, 12, 1), scale_set="all")
        for r in rows.filter(enterprise_id__in=wanted).values(
            "enterprise_id", "period", "revenue", "employees"
        ):
            cell = per[(r["enterprise_id"], year)]
            cell["revenue"] += r["revenue"] or 0
            if r["employees"] is not None and (cell["period"] is None or r["period"] > cell["period"]):
                cell["employees"], cell["period"] = r["employees"], r["period"]
    result = []
    for stay in stays:
        years = tuple(
            GraduateYear(y, per[(stay.enterprise_id, y)]["revenue"] if (stay.enterprise_id, y) in per else None,
                         per[(stay.enterprise_id, y)]["employees"] if (stay.enterprise_id, y) in per else None)
            for y in range(stay.left_on.year, min(stay.left_on.year + incubation.FOLLOW_YEARS, today.year) + 1)  # type: ignore[union-attr]
        )  # fmt: skip
        in_park = stay.enterprise.status == "operating" and stay.enterprise.park_id == incubator.park_id
        result.append(Graduate(stay, in_park, years))
    return result


# --- people in the libraries (experts, talents) --------------------------------------------------------


def sees_person(user: Any, row: Any) -> bool:
    """Whether ``user`` sees the name and contacts of an expert or talent unmasked: the innovation
    department of its park (who contact them, PERSONAL_FIELDS), and for a talent its own enterprise."""
    scope = access.scope_for(user)
    if row.park_id in scope.park_ids(access.Domain.INNOVATION, access.Action.CHANGE):
        return True
    enterprise_id = getattr(row, "enterprise_id", None)
    return enterprise_id is not None and enterprise_id in scope.enterprise_ids()


def person_view(row: Any, *, unmasked: bool) -> dict[str, str]:
    """The personal fields of an expert or talent as shown (masked as enterprises' contacts are)."""
    if unmasked:
        return {"name": row.name, "phone": row.phone, "email": row.email}
    return {"name": mask_name(row.name), "phone": mask_phone(row.phone), "email": mask_email(row.email)}
