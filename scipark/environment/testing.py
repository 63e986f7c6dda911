"""Sample rows for the route matrix: own = about the world enterprise, other = about the other enterprise of
the same park, foreign = in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

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
    evidence = {
        variant: FindingEvidence.objects.create(
            park_id=f.park_id,
            finding=f,
            file="environment/evidence/sample.txt",
            name="记录.txt",
            content_type="text/plain",
            size=4,
        )
        for variant, f in findings.items()
    }
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
