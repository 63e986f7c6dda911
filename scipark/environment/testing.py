"""Sample rows for the route matrix: own = about the world enterprise, other = about the other enterprise of
the same park, foreign = in the other park."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from scipark.core.testing import as_shown, csv_upload, park_of
from scipark.enterprises.models import Enterprise

from . import models as env
from .api.serializers import BoilerSerializer, CertificationSerializer, WasteRecordSerializer


def _finding(park: Any, enterprise: Any, number: str) -> env.Finding:
    return env.Finding.objects.create(
        park=park, number=number, source="central", round_no=3, kind="petition", title="异味投诉",
        enterprise=enterprise, received_on=dt.date(2023, 11, 20), deadline=dt.date(2023, 12, 31), state="rectifying",
    )  # fmt: skip


def _boiler(enterprise: Any) -> env.Boiler:
    return env.Boiler.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, name="1#", capacity_tph=Decimal(10), operating_hours=4000,
        load_factor=Decimal("0.8"), nox_before=Decimal(180), o2_before=Decimal("3.5"),
    )  # fmt: skip


def _campaign(park: Any, enterprise: Any) -> env.Campaign:
    campaign = env.Campaign.objects.create(
        park=park, kind="water_monitoring", year=2023, title="涉水企业监测"
    )
    env.CampaignTarget.objects.create(
        park=park, campaign=campaign, enterprise=enterprise, joined_on=dt.date(2023, 1, 1)
    )
    return campaign


def _segment(park: Any, code: str) -> env.PipeSegment:
    coords = [[101.74, 36.67], [101.75, 36.67]]
    return env.PipeSegment.objects.create(
        park=park, network="rain", code=code, geometry={"type": "LineString", "coordinates": coords},
        geometry_lite=coords, length_m=Decimal("894.02"), min_lng=101.74, min_lat=36.67, max_lng=101.75, max_lat=36.67,
    )  # fmt: skip


def _point(park: Any, code: str) -> env.NetworkPoint:
    return env.NetworkPoint.objects.create(
        park=park, kind="outfall", code=code, longitude=101.745, latitude=36.671
    )


def _certification(enterprise: Any) -> env.Certification:
    return env.Certification.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, kind="green_factory", level="provincial",
        issuer="青海省工业和信息化厅", granted_on=dt.date(2022, 12, 1),
    )  # fmt: skip


def _waste(enterprise: Any) -> env.WasteRecord:
    producer = env.WasteProducer.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, registered_on=dt.date(2020, 1, 1)
    )
    return env.WasteRecord.objects.create(
        park_id=enterprise.park_id, producer=producer, year=2023, category="HW02", generated_t=Decimal("8.5"),
        treated_t=Decimal("8.5"), stored_t=Decimal(0), route="licensed",
    )  # fmt: skip


def _result(campaign: env.Campaign) -> env.CampaignResult:
    """The campaign's first round, and what it found at its one target."""
    first = env.CampaignRound.objects.create(
        park_id=campaign.park_id, campaign=campaign, number=1, starts_on=dt.date(2023, 4, 1),
        ends_on=dt.date(2023, 6, 30),
    )  # fmt: skip
    env.CampaignRound.objects.create(
        park_id=campaign.park_id, campaign=campaign, number=2, starts_on=dt.date(2023, 7, 1),
        ends_on=dt.date(2023, 9, 30),
    )  # fmt: skip
    result = env.CampaignResult(
        park_id=campaign.park_id, target=campaign.targets.get(), round=first, done_on=dt.date(2023, 5, 10),
        outcome="compliant", evidence_name="监测报告.txt", evidence_type="text/plain",
    )  # fmt: skip
    result.evidence.save("report.txt", ContentFile("监测报告".encode()), save=False)
    result.save()
    return result


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    campaigns = {
        "own": _campaign(world.park, world.enterprise),
        "other": _campaign(world.park, world.other_enterprise),
        "foreign": _campaign(world.other_park, world.foreign_enterprise),
    }
    findings = {
        "own": _finding(world.park, world.enterprise, "T-1"),
        "other": _finding(world.park, world.other_enterprise, "T-2"),
        "foreign": _finding(world.other_park, world.foreign_enterprise, "T-3"),
    }
    evidence = {}
    for variant, f in findings.items():
        item = env.FindingEvidence(
            park_id=f.park_id, finding=f, name="记录.txt", content_type="text/plain", size=6
        )
        item.file.save("sample.txt", ContentFile("现场记录".encode()), save=False)
        item.save()
        evidence[variant] = item
    return {
        "environment.finding": findings,
        "environment.findingevidence": evidence,
        "environment.boiler": {
            "own": _boiler(world.enterprise),
            "other": _boiler(world.other_enterprise),
            "foreign": _boiler(world.foreign_enterprise),
        },
        "environment.campaign": campaigns,
        "environment.campaignresult": {variant: _result(c) for variant, c in campaigns.items()},
        "environment.certification": {
            "own": _certification(world.enterprise),
            "other": _certification(world.other_enterprise),
            "foreign": _certification(world.foreign_enterprise),
        },
        "environment.wasterecord": {
            "own": _waste(world.enterprise),
            "other": _waste(world.other_enterprise),
            "foreign": _waste(world.foreign_enterprise),
        },
        "environment.pipesegment": {
            "own": _segment(world.park, "A1"),
            "foreign": _segment(world.other_park, "B1"),
        },
        "environment.networkpoint": {
            "own": _point(world.park, "P1"),
            "foreign": _point(world.other_park, "Q1"),
        },
    }


#: Values for the URL arguments that are not objects.
ROUTE_LITERALS = {"action": "progress", "layer": "rain"}


def _kept(world: Any, user: Any, **values: Any) -> dict[str, Any]:
    """A new department record in the user's park, about the first enterprise of that park."""
    park = park_of(user, world)
    enterprise = Enterprise.objects.filter(park=park).order_by("pk").first()
    return {"park": park.pk, "enterprise": getattr(enterprise, "pk", ""), **values}


_BOILER = {
    "name": "2#", "registration_no": "锅青A0123", "capacity_tph": "6", "fuel": "natural_gas", "installed_year": 2018,
    "operating_hours": 3000, "load_factor": "0.7", "nox_before": "150", "o2_before": "3.5",
}  # fmt: skip
_CERTIFICATION = {
    "kind": "water_saving",
    "level": "provincial",
    "issuer": "青海省水利厅",
    "granted_on": "2023-06-01",
}
_WASTE = {
    "year": 2023,
    "category": "HW49",
    "generated_t": "12.5",
    "treated_t": "12.5",
    "stored_t": "0",
    "route": "licensed",
}


def _as_read(serializer: Any, obj: Any, user: Any, **changes: Any) -> dict[str, Any]:
    """The record as the API reads it to ``user``, sent back whole (a PUT) with ``changes``."""
    reader = serializer(obj, context={"request": SimpleNamespace(user=user)})
    fields = reader.fields
    writable = {k: v for k, v in reader.data.items() if v is not None and not fields[k].read_only}
    return {**writable, **changes}


def _answers_for_itself(user: Any) -> bool:
    return bool(user.memberships.filter(enterprise__isnull=False).exists())


def _new_result(world: Any, campaign: Any, user: Any) -> dict[str, Any]:
    """The campaign's second round at its target (the first one is recorded in the samples)."""
    target = campaign.targets.order_by("pk").first()
    second = campaign.rounds.filter(number=2).first()
    return {
        "target": getattr(target, "pk", ""),
        "round": getattr(second, "pk", ""),
        "done_on": "2023-08-15",
        "outcome": "compliant",
        "notes": "第二轮监测达标。",
    }


def _findings_file(world: Any, obj: Any, user: Any) -> dict[str, Any]:
    rows = [
        ["编号", "来源", "类别", "问题", "责任单位", "交办日期", "整改期限"],
        [f"IMP-{user.pk}", "园区自查", "反馈问题", "雨水管网混接", "园区环保局", "2023-11-20", "2023-12-31"],
    ]
    return {"park": park_of(user, world).pk, "file": csv_upload("findings.csv", rows)}


def _boilers_file(world: Any, obj: Any, user: Any) -> dict[str, Any]:
    park = park_of(user, world)
    enterprise = Enterprise.objects.filter(park=park).order_by("pk").first()
    rows = [
        ["使用登记证编号", "企业", "锅炉编号", "额定蒸发量(蒸吨/小时)", "年运行小时", "平均负荷率", "改造前实测NOx(mg/m³)", "改造前实测氧含量(%)"],
        [f"锅青B{user.pk:04d}", getattr(enterprise, "credit_code", ""), "3#", "4", "2500", "0.6", "160", "3.5"],
    ]  # fmt: skip
    return {"park": park.pk, "file": csv_upload("boilers.csv", rows)}


#: Valid data per POST route (the matrix lays it over the page's own form values; the API's whole body).
ROUTE_POSTS = {
    "environment:finding_step": lambda world, obj, user: {"notes": "已完成整改设备安装。"},
    "environment:finding_add": lambda world, obj, user: {
        "park": world.park.pk,
        "number": f"ZC-{user.pk}",
        "source": "park_check",
        "kind": "problem",
        "title": "雨水口有油污",
        "enterprise": world.enterprise.pk,
        "received_on": "2026-11-02",
        "deadline": "2026-12-02",
    },
    "environment:network_import": lambda world, obj, user: {
        "park": world.park.pk,
        "datum": "wgs84",
        "file": _geojson_upload(user.pk),
    },
    "environment:finding_import": _findings_file,
    "environment:boiler_import": _boilers_file,
    "environment:boiler_add": lambda world, obj, user: _kept(world, user, **_BOILER),
    "environment:boiler_edit": as_shown,
    "environment:certification_add": lambda world, obj, user: _kept(world, user, **_CERTIFICATION),
    "environment:certification_edit": as_shown,
    "environment:waste_add": lambda world, obj, user: _kept(world, user, **_WASTE),
    "environment:waste_edit": as_shown,
    "environment:result_add": _new_result,
    "environment:campaign_add": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "kind": "soil_monitoring",
        "year": 2023,
        "title": f"土壤监测{user.pk}",
        "round1_starts_on": "2023-04-01",
        "round1_ends_on": "2023-06-30",
    },
    "environment:campaign_rule": lambda world, obj, user: {"all": "on", "on": "2023-06-01"},
    "environment:result_edit": as_shown,
    "environment:benchmark_add": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "industry_code": "2710",
        "intensity": "0.35",
        "valid_from": "2024-01-01",
        "source": "青海省重点行业能效标杆水平(2023年版)",
        "confirmed": "on",
    },
    "environment-finding-list": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "number": f"API-{user.pk}",
        "source": "park_check",
        "kind": "problem",
        "title": "厂界异味",
        "responsible_unit": "园区环保局",
        "received_on": "2026-11-02",
        "deadline": "2026-12-02",
    },
    "environment-finding-step": lambda world, obj, user: {
        "action": "progress",
        "version": obj.version,
        "notes": "已完成整改设备安装。",
    },
    "environment-boiler-list": lambda world, obj, user: _kept(world, user, **_BOILER),
    "environment-certification-list": lambda world, obj, user: _kept(world, user, **_CERTIFICATION),
    "environment-waste-record-list": lambda world, obj, user: _kept(world, user, **_WASTE),
    "environment-result-list": lambda world, obj, user: _new_result(
        world, env.Campaign.objects.filter(park=park_of(user, world)).order_by("pk").first(), user
    ),
    "environment-boiler-detail": lambda world, obj, user: _as_read(
        BoilerSerializer, obj, user, operating_hours=3200
    ),
    "environment-certification-detail": lambda world, obj, user: _as_read(
        CertificationSerializer, obj, user, document_no="青工信〔2022〕9号"
    ),
    "environment-waste-record-detail": lambda world, obj, user: _as_read(
        WasteRecordSerializer, obj, user, stored_t="0.5"
    ),
    # the department corrects its notes; an enterprise answers on its own result
    "environment-result-detail": lambda world, obj, user: {
        "version": obj.version,
        **({"response": "已按要求完成整改。"} if _answers_for_itself(user) else {"notes": "复测达标。"}),
    },
}
_PREVIEW = (200, "an upload answers with its preview; a second POST confirms it")
ROUTE_STATUS: dict[tuple[str, str, str | None], Any] = {
    ("environment:finding_import", "POST", None): _PREVIEW,
    ("environment:boiler_import", "POST", None): _PREVIEW,
}


def _geojson_upload(n: int) -> Any:
    feature = {
        "type": "Feature",
        "properties": {"code": f"M{n}", "network": "sewage"},
        "geometry": {"type": "LineString", "coordinates": [[101.741, 36.671], [101.742, 36.671]]},
    }
    body = json.dumps({"type": "FeatureCollection", "features": [feature]})
    return SimpleUploadedFile("network.geojson", body.encode(), content_type="application/geo+json")
