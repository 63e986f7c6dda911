"""Sample rows for the route matrix: own = about the world enterprise, other = about the other enterprise of
the same park, foreign = in the other park."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from .models import Boiler, Campaign, CampaignTarget, Finding, FindingEvidence, NetworkPoint, PipeSegment


def _finding(park: Any, enterprise: Any, number: str) -> Finding:
    return Finding.objects.create(
        park=park, number=number, source="central", round_no=3, kind="petition", title="异味投诉",
        enterprise=enterprise, received_on=dt.date(2023, 11, 20), deadline=dt.date(2023, 12, 31), state="rectifying",
    )  # fmt: skip


def _boiler(enterprise: Any) -> Boiler:
    return Boiler.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, name="1#", capacity_tph=Decimal(10), operating_hours=4000,
        load_factor=Decimal("0.8"), nox_before=Decimal(180), o2_before=Decimal("3.5"),
    )  # fmt: skip


def _campaign(park: Any, enterprise: Any) -> Campaign:
    campaign = Campaign.objects.create(park=park, kind="water_monitoring", year=2023, title="涉水企业监测")
    CampaignTarget.objects.create(
        park=park, campaign=campaign, enterprise=enterprise, joined_on=dt.date(2023, 1, 1)
    )
    return campaign


def _segment(park: Any, code: str) -> PipeSegment:
    coords = [[101.74, 36.67], [101.75, 36.67]]
    return PipeSegment.objects.create(
        park=park, network="rain", code=code, geometry={"type": "LineString", "coordinates": coords},
        geometry_lite=coords, length_m=Decimal("894.02"), min_lng=101.74, min_lat=36.67, max_lng=101.75, max_lat=36.67,
    )  # fmt: skip


def _point(park: Any, code: str) -> NetworkPoint:
    return NetworkPoint.objects.create(
        park=park, kind="outfall", code=code, longitude=101.745, latitude=36.671
    )


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    findings = {
        "own": _finding(world.park, world.enterprise, "T-1"),
        "other": _finding(world.park, world.other_enterprise, "T-2"),
        "foreign": _finding(world.other_park, world.foreign_enterprise, "T-3"),
    }
    evidence = {}
    for variant, f in findings.items():
        item = FindingEvidence(
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
        "environment.campaign": {
            "own": _campaign(world.park, world.enterprise),
            "other": _campaign(world.park, world.other_enterprise),
            "foreign": _campaign(world.other_park, world.foreign_enterprise),
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

#: Valid data per POST route (the matrix lays it over the page's own form values).
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
}


def _geojson_upload(n: int) -> Any:
    feature = {
        "type": "Feature",
        "properties": {"code": f"M{n}", "network": "sewage"},
        "geometry": {"type": "LineString", "coordinates": [[101.741, 36.671], [101.742, 36.671]]},
    }
    body = json.dumps({"type": "FeatureCollection", "features": [feature]})
    return SimpleUploadedFile("network.geojson", body.encode(), content_type="application/geo+json")
