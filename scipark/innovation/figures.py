"""T1–T7 of FIGURES.md: the innovation department's year, computed from its records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext, gettext_noop

from scipark.core.figures import Figure, Source, figure, figure_for_parks

from . import selectors
from .libraries import LIBRARIES
from .models import (
    Agreement,
    Incubator,
    IntellectualProperty,
    RdInstitution,
    TechArchive,
    Tier,
    TierCertificate,
)

#: How many of a source's record ids a figure lists (its ``count`` is the full number).
SOURCE_IDS = 50
NO_SOURCES: tuple[int, tuple[int, ...]] = (0, ())


def _ids(qs: Any) -> tuple[int, ...]:
    return tuple(qs.values_list("pk", flat=True)[:SOURCE_IDS])


@figure(
    "T1",
    title=gettext_noop("孵化载体在孵企业数"),
    module="innovation",
    description=gettext_noop("2023年报道:孵化载体在孵企业数达537家"),
)
def incubating(park: Any, year: int) -> Figure:
    """Incubatees whose stay covers 31 December of ``year``."""
    return incubating_of_parks([park], year)[park.pk]


@figure_for_parks("T1")
def incubating_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """T1 of each park (by ``pk``), read once for all the parks (four statements, one without incubators)."""
    end = dt.date(year, 12, 31)
    with_incubators = selectors.parks_with(Incubator, parks)
    found = {park.pk: Figure(None, "家", "", note=gettext("没有孵化载体记录。")) for park in parks}
    counted = [park for park in parks if park.pk in with_incubators]
    if not counted:
        return found
    stays = selectors.in_incubation_of_parks(counted, end)
    by_incubator: dict[Any, dict[str, int]] = defaultdict(dict)
    for park_id, name, n in (
        stays.values("park_id", "incubator__name")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by("park_id", "incubator__name")
        .values_list("park_id", "incubator__name", "n")
    ):
        by_incubator[park_id][name] = n
    enterprises = dict(
        stays.values("park_id")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by()
        .values_list("park_id", "n")
    )
    sources = selectors.counted_ids_of_parks(stays, "-entered_on", "id", limit=SOURCE_IDS)
    for park in counted:
        count, ids = sources.get(park.pk, NO_SOURCES)
        found[park.pk] = Figure(
            value=enterprises.get(park.pk, 0), unit="家", basis=gettext("在孵时段覆盖%(year)s年12月31日的企业(入孵日期≤当日,且未离孵或离孵日期≥当日)") % {"year": year},
            sources=(Source("innovation.Incubation", gettext("%(year)s-12-31 在孵") % {"year": year}, count, ids),),
            details={"by_incubator": by_incubator.get(park.pk, {})},
        )  # fmt: skip
    return found


@figure(
    "T2",
    title=gettext_noop("新增认定的梯次培育企业"),
    module="innovation",
    description=gettext_noop("2023年报道:培育新增高新技术企业11家、科技型企业19家、专精特新企业5家"),
)
def new_certifications(park: Any, year: int) -> Figure:
    """Enterprises whose first certificate of a tier was granted in ``year`` (renewals are not new)."""
    return new_certifications_of_parks([park], year)[park.pk]


@figure_for_parks("T2")
def new_certifications_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """T2 of each park (by ``pk``), read once for all the parks (two statements)."""
    firsts = selectors.first_certifications_of_parks(parks)
    note = gettext("没有%(year)s年及以前的梯次认定记录。") % {"year": year}
    found = {park.pk: Figure(None, "家", "", note=note) for park in parks}
    # A park's earliest first grant is its earliest certificate: none by ``year``, no figure.
    counted = [park for park in parks if any(first.year <= year for _tier, first in firsts[park.pk])]
    if not counted:
        return found
    granted = TierCertificate.objects.filter(park__in=[park.pk for park in counted], granted_on__year=year)
    # The pk breaks the model's order's ties: every database lists the same ids.
    sources = selectors.counted_ids_of_parks(granted, "-granted_on", "tier", "pk", limit=SOURCE_IDS)
    for park in counted:
        counts = selectors.count_new_certifications(firsts[park.pk], [year - 1, year])
        now, before = counts[year], counts[year - 1]
        count, ids = sources.get(park.pk, NO_SOURCES)
        found[park.pk] = Figure(
            value=sum(now.values()), unit="家",
            basis=gettext("%(year)s年首次获得该梯次认定的企业(同一企业的复审、年度重新入库不计为新增)") % {"year": year},
            sources=(Source("innovation.TierCertificate", gettext("%(year)s年认定(含复审)") % {"year": year}, count, ids),),
            details={"by_tier": now, "previous_year": before, "labels": {t: str(label) for t, label in Tier.choices}},
        )  # fmt: skip
    return found


@figure(
    "T3",
    title=gettext_noop("与高校签订合作协议"),
    module="innovation",
    description=gettext_noop("2023年报道:与省内7所高校签订合作协议"),
)
def university_agreements(park: Any, year: int) -> Figure:
    """Universities of the park's province with an agreement signed in ``year``."""
    province = _province(park)
    agreements = Agreement.objects.filter(park=park, signed_on__year=year, institution__kind="university")
    local = agreements.filter(institution__province=province) if province else agreements
    if not Agreement.objects.filter(park=park).exists():
        return Figure(None, "所", "", note=gettext("没有合作协议记录。"))
    names = sorted(set(local.values_list("institution__name", flat=True)))
    return Figure(
        value=len(names), unit="所", basis=_agreements_basis(year, province),
        sources=(Source("innovation.Agreement", gettext("%(year)s年与高校签订") % {"year": year}, local.count(), _ids(local)),),
        details={"universities": names, "agreements": local.count(), "all_universities": agreements.count()},
    )  # fmt: skip


def _agreements_basis(year: int, province: str) -> str:
    """T3's basis: the universities of the park's province (its name in the reader's language), if known."""
    if not province:
        return gettext("%(year)s年签订合作协议的高校(同一高校多份协议计一所)") % {"year": year}
    return gettext("%(year)s年签订合作协议的%(province)s高校(同一高校多份协议计一所)") % {
        "year": year,
        "province": gettext(province),
    }


#: Provinces by the first two digits of a region code (GB/T 2260), as the institutions' records name them.
PROVINCES = {"63": gettext_noop("青海省")}


def _province(park: Any) -> str:
    """The park's province by its zone's region code (GB/T 2260: the first two digits), as recorded."""
    code = (park.zone.region_code or "")[:2]
    return PROVINCES.get(code, "")


@figure(
    "T4",
    title=gettext_noop("新认定的科技创新平台"),
    module="innovation",
    description=gettext_noop(
        "2023年报道:青海食品保健专业化科技企业孵化器被评为省级科技企业孵化器;青海藏软信息研发中心与青海华实青稞食品研发中心获批市级企业研发中心"
    ),
)
def platforms(park: Any, year: int) -> Figure:
    """Incubators and R&D institutions recognised in ``year``, with their level."""
    incubators = Incubator.objects.filter(park=park, recognised_on__year=year)
    centres = RdInstitution.objects.filter(park=park, approved_on__year=year)
    if (
        not Incubator.objects.filter(park=park).exists()
        and not RdInstitution.objects.filter(park=park).exists()
    ):
        return Figure(None, "个", "", note=gettext("没有孵化载体或研发平台记录。"))
    rows = [
        {
            "name": i.name,
            "kind": gettext("孵化器"),  # as the centres' kinds below, in the reader's language
            "level": i.get_level_display(),
            "date": i.recognised_on.isoformat(),
        }
        for i in incubators
        if i.recognised_on
    ]
    rows += [
        {
            "name": c.name,
            "kind": c.get_kind_display(),
            "level": c.get_level_display(),
            "date": c.approved_on.isoformat(),
        }
        for c in centres
    ]
    by_level = dict(centres.values("level").annotate(n=Count("pk")).values_list("level", "n"))
    return Figure(
        value=len(rows), unit="个", basis=gettext("%(year)s年获认定(评定)的孵化器和研发平台") % {"year": year},
        sources=(
            Source("innovation.Incubator", gettext("%(year)s年认定") % {"year": year}, incubators.count(), _ids(incubators)),
            Source("innovation.RdInstitution", gettext("%(year)s年认定") % {"year": year}, centres.count(), _ids(centres)),
        ),
        details={"platforms": rows, "rd_by_level": by_level},
    )  # fmt: skip


@figure(
    "T5",
    title=gettext_noop("授权专利"),
    module="innovation",
    description=gettext_noop("2023年报道:授权各类专利达281件"),
)
def patents_granted(park: Any, year: int) -> Figure:
    """Patents (invention, utility model, design) with a grant date in ``year``, by type."""
    return patents_granted_of_parks([park], year)[park.pk]


@figure_for_parks("T5")
def patents_granted_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """T5 of each park (by ``pk``), read once for all the parks (two statements, one without patents)."""
    patents = IntellectualProperty.objects.filter(
        park__in=[park.pk for park in parks], kind__in=IntellectualProperty.PATENT_KINDS
    )
    held: dict[Any, int] = defaultdict(int)
    before: dict[Any, int] = defaultdict(int)
    by_kind: dict[Any, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(IntellectualProperty.PATENT_KINDS, 0)
    )
    for row in (
        patents.values("park_id", "kind")
        .annotate(
            n=Count("pk"),
            granted=Count("pk", filter=Q(granted_on__year=year)),
            previous=Count("pk", filter=Q(granted_on__year=year - 1)),
        )
        .order_by()
    ):
        held[row["park_id"]] += row["n"]
        before[row["park_id"]] += row["previous"]
        if row["granted"]:
            by_kind[row["park_id"]][row["kind"]] = row["granted"]
    found = {park.pk: Figure(None, "件", "", note=gettext("专利库没有记录。")) for park in parks}
    if not held:
        return found
    granted = patents.filter(park__in=list(held), granted_on__year=year)
    sources = selectors.counted_ids_of_parks(granted, "-granted_on", "-applied_on", "id", limit=SOURCE_IDS)
    for pk in held:
        count, ids = sources.get(pk, NO_SOURCES)
        found[pk] = Figure(
            value=count, unit="件", basis=gettext("授权日期在%(year)s年的发明、实用新型和外观设计专利") % {"year": year},
            sources=(Source("innovation.IntellectualProperty", gettext("%(year)s年授权的专利") % {"year": year}, count, ids),),
            details={"by_kind": by_kind[pk], "previous_year": before[pk]},
        )  # fmt: skip
    return found


@figure(
    "T6",
    title=gettext_noop("建立科技档案的企业"),
    module="innovation",
    description=gettext_noop("2023年报道:为169家科技企业建立科技档案"),
)
def archives(park: Any, year: int) -> Figure:
    """Enterprises with a tech archive of ``year`` or earlier."""
    rows = TechArchive.objects.filter(park=park, year__lte=year)
    if not rows.exists():
        return Figure(None, "家", "", note=gettext("没有%(year)s年及以前的科技档案。") % {"year": year})
    count = rows.values("enterprise").distinct().count()
    return Figure(
        value=count, unit="家", basis=gettext("建有%(year)s年或以前年度科技档案的企业") % {"year": year},
        sources=(Source("innovation.TechArchive", gettext("%(year)s年及以前年度档案") % {"year": year}, rows.count(), _ids(rows)),),
        details={"this_year": rows.filter(year=year).count(), "accepted": rows.filter(year=year, state="accepted").count()},
    )  # fmt: skip


@figure(
    "T7",
    title=gettext_noop("科技服务能力提升库"),
    module="innovation",
    description=gettext_noop("2023年报道:建立专利库、成果库等十大科技服务能力提升库"),
)
def libraries(park: Any, year: int) -> Figure:
    """The libraries and how many records each holds now (the libraries are a stock, kept current)."""
    counts = {lib.label: lib.model.objects.filter(park=park).count() for lib in LIBRARIES}
    filled = sum(1 for n in counts.values() if n)
    return Figure(
        value=filled, unit="个", basis=gettext("有记录的科技服务能力提升库(共%(libraries)s个库),记录数为当前库存") % {"libraries": len(LIBRARIES)},
        details={"records": counts, "total": sum(counts.values())},
    )  # fmt: skip
