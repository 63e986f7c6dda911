"""G1–G7 of FIGURES.md: the environment department's year, computed from its records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext, gettext_noop

from scipark.core.figures import Figure, Source, figure, figure_for_parks

from . import selectors
from .coverage import treatment_rate
from .models import (
    Campaign,
    CampaignResult,
    CampaignTarget,
    Certification,
    Finding,
    NetworkPoint,
    PipeSegment,
    WasteRecord,
)
from .models.network import Network

TWO = Decimal("0.01")


def _ids(qs: Any) -> tuple[int, ...]:
    return tuple(qs.values_list("pk", flat=True)[:50])


@figure(
    "G1",
    title=gettext_noop("中央生态环境保护督察前两轮反馈问题和信访件整改"),
    module="environment",
    description=gettext_noop("2023年报道:两轮中央生态环保督察5项反馈问题和22件信访举报件已全部完成整改"),
)
def central_findings_rectified(park: Any, year: int) -> Figure:
    """Problems and petitions of the first two central rounds rectified by the end of ``year``."""
    end = dt.date(year, 12, 31)
    items = Finding.objects.filter(
        park=park, source=Finding.Source.CENTRAL, round_no__in=(1, 2), received_on__lte=end
    )
    if not items.exists():
        note = gettext("没有%(year)s年底前交办的第一、二轮中央督察事项记录。") % {"year": year}
        return Figure(None, "件", "", note=note)
    done = items.filter(rectified_on__lte=end)
    by_kind = {
        kind: {"total": items.filter(kind=kind).count(), "rectified": done.filter(kind=kind).count()}
        for kind in Finding.Kind.values
    }
    total, rectified = items.count(), done.count()
    return Figure(
        value=rectified,
        unit="件",
        basis=gettext("第一、二轮中央生态环境保护督察交办事项中,%(year)s年底前复核通过(整改完成)的件数")
        % {"year": year},
        sources=(Source("environment.Finding", gettext("第一、二轮中央督察交办事项"), total, _ids(items)),),
        details={
            "problems": by_kind[Finding.Kind.PROBLEM],
            "petitions": by_kind[Finding.Kind.PETITION],
            "total": total,
            "outstanding": total - rectified,
            "all_rectified": rectified == total,
        },
    )


@figure(
    "G2",
    title=gettext_noop("第三轮中央生态环境保护督察转办信访件办结"),
    module="environment",
    description=gettext_noop("2023年报道:第三轮督察6件转办信访举报件率先办结"),
)
def third_round_petitions_closed(park: Any, year: int) -> Figure:
    """Petitions of the third central round closed (销号) in ``year``."""
    items = Finding.objects.filter(
        park=park,
        source=Finding.Source.CENTRAL,
        round_no=3,
        kind=Finding.Kind.PETITION,
        received_on__year__lte=year,
    )
    if not items.exists():
        note = gettext("没有%(year)s年及以前交办的第三轮中央督察信访件记录。") % {"year": year}
        return Figure(None, "件", "", note=note)
    closed = items.filter(closed_on__year=year)
    return Figure(
        value=closed.count(),
        unit="件",
        basis=gettext("第三轮中央生态环境保护督察转办信访件中%(year)s年内销号的件数") % {"year": year},
        sources=(
            Source("environment.Finding", gettext("第三轮中央督察转办信访件"), items.count(), _ids(items)),
        ),
        details={
            "received": items.count(),
            "closed": closed.count(),
            "open": items.exclude(closed_on__isnull=False).count(),
        },
    )


@figure(
    "G3",
    title=gettext_noop("锅炉低氮改造规模与氮氧化物削减量"),
    module="environment",
    description=gettext_noop("2023年报道:4家企业49.5蒸吨锅炉低氮改造,削减氮氧化物约30.99吨"),
)
def boiler_retrofits(park: Any, year: int) -> Figure:
    """The NOx cut of the boilers retrofitted in ``year`` (tonnes a year), with capacity and enterprises."""
    result = selectors.retrofits(park, year)
    if not result.boilers:
        return Figure(None, "吨", "", note=gettext("没有%(year)s年完成低氮改造的锅炉记录。") % {"year": year})
    capacity = sum((b.capacity_tph for b in result.boilers), Decimal(0))
    enterprises = len({b.enterprise_id for b in result.boilers})
    details: dict[str, Any] = {
        "enterprises": enterprises,
        "capacity_tph": capacity,
        "boilers": len(result.boilers),
    }
    sources = (
        Source(
            "environment.Boiler",
            gettext("%(year)s年完成改造的锅炉") % {"year": year},
            len(result.boilers),
            tuple(b.pk for b in result.boilers),
        ),
    )
    if result.method is None or result.total_t is None:
        note = gettext("没有适用的氮氧化物核算参数。")
        return Figure(None, "吨", "", sources=sources, details=details, note=note)
    m = result.method
    details["method"] = {
        "gas_per_steam_tonne": m.gas_per_steam_tonne,
        "flue_gas_per_m3": m.flue_gas_per_m3,
        "reference_o2": m.reference_o2,
        "source": m.source,
        "valid_from": m.valid_from.isoformat(),
    }
    details["per_boiler"] = [
        {
            "boiler": r.label,
            "capacity_tph": r.capacity_tph,
            "before_corrected": r.before_corrected.quantize(TWO),
            "after_corrected": r.after_corrected.quantize(TWO),
            "full_load_hours": r.full_load_hours.quantize(TWO),
            "reduction_t": r.reduction_t.quantize(TWO),
        }
        for r in result.results
    ]
    return Figure(
        value=result.total_t.quantize(TWO),
        unit="吨",
        basis=gettext(
            "ΔNOx = Σ 蒸吨 × 每蒸吨耗气量 × 每立方米干烟气量 × (改造前 − 改造后,折算至基准氧含量) × 年运行小时 × 负荷率"
        ),
        sources=sources,
        details=details,
    )


def _campaign_figure(park: Any, year: int, kind: str) -> tuple[list[Campaign], dict[str, Any]]:
    campaigns = selectors.campaigns_of(park, year, kind)
    return campaigns, _campaign_details(campaigns)


def _campaign_details(campaigns: list[Campaign]) -> dict[str, Any]:
    """The coverage of a park's campaigns of one kind and year (read ``with_coverage``)."""
    planned = done = 0
    enterprises: set[int] = set()
    rounds = 0
    for c in campaigns:
        cov = selectors.campaign_coverage(c)
        planned += cov.planned
        done += cov.done
        enterprises |= {t.enterprise_id for t in c.targets.all()}
        rounds = max(rounds, len(c.rounds.all()))
    rate = Decimal(done) / Decimal(planned) if planned else None
    return {
        "enterprises": len(enterprises),
        "rounds": rounds,
        "planned": planned,
        "done": done,
        "coverage": rate,
        "campaigns": [c.title for c in campaigns],
    }


@figure(
    "G4",
    title=gettext_noop("涉水企业监督性监测覆盖"),
    module="environment",
    description=gettext_noop("2023年报道:34家涉水企业两轮次全覆盖监督性监测"),
)
def water_monitoring_coverage(park: Any, year: int) -> Figure:
    """Water-related enterprises in ``year``'s monitoring campaign, rounds, and coverage done / planned."""
    return water_monitoring_coverage_of_parks([park], year)[park.pk]


@figure_for_parks("G4")
def water_monitoring_coverage_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """G4 of each park (by ``pk``): the campaigns and their targets, rounds and results read once for all
    the parks (four statements, one without campaigns)."""
    campaigns = selectors.campaigns_of_parks(parks, year, Campaign.Kind.WATER_MONITORING)
    return {park.pk: _water_figure(year, campaigns[park.pk]) for park in parks}


def _water_figure(year: int, campaigns: list[Campaign]) -> Figure:
    if not campaigns:
        return Figure(
            None, "家", "", note=gettext("没有%(year)s年的涉水企业监督性监测行动记录。") % {"year": year}
        )
    details = _campaign_details(campaigns)
    return Figure(
        value=details["enterprises"],
        unit="家",
        basis=gettext("%(year)s年涉水企业监督性监测行动的对象企业;覆盖率 = 已完成(企业×轮次)/ 应完成")
        % {"year": year},
        sources=(Source("environment.CampaignResult", gettext("各轮次监测结果"), details["done"], ()),),
        details=details,
    )


@figure(
    "G5",
    title=gettext_noop("新建和改造雨污水主管网长度"),
    module="environment",
    description=gettext_noop("2023年报道:新建和改造雨污水主管网1.73km,改造混接错接5处;地下管网“一张图”"),
)
def pipe_works(park: Any, year: int) -> Figure:
    """Main rain and sewage segments built or rebuilt in ``year`` (km, geodesic) and misconnections fixed."""
    segments = PipeSegment.objects.filter(
        park=park,
        is_main=True,
        network__in=(Network.RAIN, Network.SEWAGE),
        work__in=(PipeSegment.Work.NEW, PipeSegment.Work.REBUILT),
        completed_on__year=year,
    )
    fixed = NetworkPoint.objects.filter(park=park, kind=NetworkPoint.Kind.MISCONNECTION, fixed_on__year=year)
    if not segments.exists() and not fixed.exists():
        note = gettext("没有%(year)s年新建、改造管段或整改混接点的记录。") % {"year": year}
        return Figure(None, "km", "", note=note)
    totals = segments.aggregate(m=Sum("length_m"), new=Sum("length_m", filter=Q(work=PipeSegment.Work.NEW)))
    metres = totals["m"] or Decimal(0)
    return Figure(
        value=(metres / 1000).quantize(TWO),
        unit="km",
        basis=gettext("%(year)s年建成的新建、改造雨水和污水主管段,按 WGS-84 椭球测地线长度合计")
        % {"year": year},
        sources=(
            Source(
                "environment.PipeSegment",
                gettext("%(year)s年新建、改造的雨污水主管段") % {"year": year},
                segments.count(),
                _ids(segments),
            ),
            Source(
                "environment.NetworkPoint",
                gettext("%(year)s年整改完成的混接错接点") % {"year": year},
                fixed.count(),
                _ids(fixed),
            ),
        ),
        details={
            "metres": metres,
            "new_metres": totals["new"] or Decimal(0),
            "misconnections_fixed": fixed.count(),
            "segments": segments.count(),
        },
    )


@figure(
    "G6",
    title=gettext_noop("危险废物产废单位检查覆盖与无害化处理率"),
    module="environment",
    description=gettext_noop(
        "2023年报道:4家重点产废单位和46家非重点产废单位全覆盖检查,危险废物无害化处理达100%"
    ),
)
def hazardous_waste(park: Any, year: int) -> Figure:
    """Treated / (generated + opening stock) in ``year``, with the producers inspected by class."""
    records = WasteRecord.objects.filter(park=park, year=year)
    campaigns, coverage = _campaign_figure(park, year, Campaign.Kind.WASTE_INSPECTION)
    inspected = (
        CampaignResult.objects.filter(target__campaign__in=campaigns)
        .values("target__category")
        .annotate(n=Count("target__enterprise", distinct=True))
    )
    by_class = {row["target__category"]: row["n"] for row in inspected}
    targets = CampaignTarget.objects.filter(campaign__in=campaigns)
    sums = records.aggregate(g=Sum("generated_t"), t=Sum("treated_t"))
    opening = WasteRecord.objects.filter(park=park, year=year - 1).aggregate(s=Sum("stored_t"))[
        "s"
    ] or Decimal(0)
    rate = (
        treatment_rate(sums["g"] or Decimal(0), opening, sums["t"] or Decimal(0))
        if records.exists()
        else None
    )
    details = {
        "key_inspected": by_class.get(CampaignTarget.Category.KEY, 0),
        "key_targets": targets.filter(category=CampaignTarget.Category.KEY).count(),
        "non_key_inspected": by_class.get(CampaignTarget.Category.NON_KEY, 0),
        "non_key_targets": targets.filter(category=CampaignTarget.Category.NON_KEY).count(),
        "inspection_coverage": coverage["coverage"],
        "generated_t": sums["g"] or Decimal(0),
        "opening_stock_t": opening,
        "treated_t": sums["t"] or Decimal(0),
    }
    if rate is None:
        note = gettext("没有%(year)s年的危险废物产生和处置记录。") % {"year": year}
        return Figure(None, "%", "", details=details, note=note)
    return Figure(
        value=(rate * 100).quantize(Decimal("0.1")),
        unit="%",
        basis=gettext("无害化处理率 = 年内处置利用量 /(年内产生量 + 上年末贮存量)"),
        sources=(
            Source(
                "environment.WasteRecord",
                gettext("%(year)s年危险废物年度台账") % {"year": year},
                records.count(),
                _ids(records),
            ),
            Source(
                "environment.CampaignResult",
                gettext("%(year)s年产废单位检查结果") % {"year": year},
                sum(by_class.values()),
                (),
            ),
        ),
        details=details,
    )


@figure(
    "G7",
    title=gettext_noop("绿色认证(节水型企业、绿色工厂、零碳工厂)"),
    module="environment",
    description=gettext_noop("2023年报道:5家企业成功创建节水型企业;2家省级绿色工厂;全省首个零碳工厂"),
)
def certifications(park: Any, year: int) -> Figure:
    """Certifications granted in ``year``, by kind and level."""
    granted = Certification.objects.filter(park=park, granted_on__year=year).select_related("enterprise")
    if not granted.exists():
        return Figure(None, "项", "", note=gettext("没有%(year)s年获得的绿色认证记录。") % {"year": year})
    by_kind: dict[str, dict[str, int]] = {}
    for kind, level in granted.values_list("kind", "level"):
        by_kind.setdefault(kind, {}).setdefault(level, 0)
        by_kind[kind][level] += 1
    return Figure(
        value=granted.count(),
        unit="项",
        basis=gettext("%(year)s年内认定的节水型企业、绿色工厂、零碳工厂等认证") % {"year": year},
        sources=(
            Source(
                "environment.Certification",
                gettext("%(year)s年认定的认证") % {"year": year},
                granted.count(),
                _ids(granted),
            ),
        ),
        details={
            "by_kind": by_kind,
            "water_saving": sum(by_kind.get(Certification.Kind.WATER_SAVING, {}).values()),
            "green_factory_provincial": by_kind.get(Certification.Kind.GREEN_FACTORY, {}).get(
                Certification.Level.PROVINCIAL, 0
            ),
            "zero_carbon": sum(by_kind.get(Certification.Kind.ZERO_CARBON, {}).values()),
            "distinctions": [f"{c.enterprise.name}:{c.distinction}" for c in granted if c.distinction],
        },
    )
