"""The environment API: same reach as the pages, writes through the services, 409 on a stale version."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from scipark.core.testing import World
from scipark.environment.models import (
    Boiler,
    CampaignResult,
    Finding,
    FindingState,
    WasteRecord,
)
from scipark.environment.testing import route_samples

from .helpers import campaign_with_round

API = "/api/v1/"


@pytest.fixture
def samples(world: World) -> dict[str, dict[str, Any]]:
    return route_samples(world)


@pytest.fixture
def api(world: World) -> Any:
    def make(persona: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(world.user(persona))
        return client

    return make


def test_findings_are_listed_within_reach(api: Any, samples: Any) -> None:
    numbers = {
        r["number"] for r in api("enterprise_user").get(f"{API}environment-findings/").json()["results"]
    }
    assert numbers == {"T-1"}
    staff = {
        r["number"] for r in api("environment_staff").get(f"{API}environment-findings/").json()["results"]
    }
    assert staff == {"T-1", "T-2"}
    other = samples["environment.finding"]["other"]
    assert api("enterprise_user").get(f"{API}environment-findings/{other.pk}/").status_code == 404


def test_a_step_goes_through_the_workflow_and_a_stale_one_is_409(api: Any, samples: Any) -> None:
    own = samples["environment.finding"]["own"]
    url = f"{API}environment-findings/{own.pk}/step/"
    client = api("enterprise_user")
    moved = client.post(url, {"action": "submit", "version": own.version, "notes": "已整改"}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["state"] == FindingState.REVIEW
    stale = client.post(url, {"action": "progress", "version": own.version, "notes": "x"}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    refused = client.post(url, {"action": "approve", "version": own.version + 1}, format="json")
    assert refused.status_code == 403  # the department approves, not the enterprise
    assert Finding.objects.get(pk=own.pk).state == FindingState.REVIEW
    timeline = client.get(f"{API}environment-findings/{own.pk}/steps/").json()
    assert [s["action"] for s in timeline] == ["submit"]
    assert (
        api("economy_staff").post(url, {"action": "progress", "version": 9}, format="json").status_code == 403
    )


def test_register_a_finding(api: Any, world: World) -> None:
    payload = {
        "park": world.park.pk, "number": "API-1", "source": "park_check", "kind": "problem", "title": "雨污混接",
        "enterprise": world.enterprise.pk, "received_on": "2026-10-01", "deadline": "2026-11-01",
    }  # fmt: skip
    created = api("environment_staff").post(f"{API}environment-findings/", payload, format="json")
    assert created.status_code == 201, created.content
    foreign = {**payload, "number": "API-2", "enterprise": world.foreign_enterprise.pk}
    refused = api("environment_staff").post(f"{API}environment-findings/", foreign, format="json")
    assert refused.status_code == 400 and "enterprise" in refused.json()


def test_boilers_create_change_and_conflict(api: Any, world: World, samples: Any) -> None:
    staff = api("environment_staff")
    payload = {
        "park": world.park.pk, "enterprise": world.enterprise.pk, "name": "3#", "capacity_tph": "4.5",
        "fuel": "natural_gas", "operating_hours": 3000, "load_factor": "0.7", "nox_before": "150", "o2_before": "3.5",
    }  # fmt: skip
    created = staff.post(f"{API}environment-boilers/", payload, format="json")
    assert created.status_code == 201, created.content
    pk, version = created.json()["id"], created.json()["version"]
    url = f"{API}environment-boilers/{pk}/"
    changed = staff.patch(url, {"operating_hours": 3500, "version": version}, format="json")
    assert changed.status_code == 200 and changed.json()["operating_hours"] == 3500
    assert staff.patch(url, {"operating_hours": 3600, "version": version}, format="json").status_code == 409
    assert staff.patch(url, {"operating_hours": 3600}, format="json").status_code == 400
    bad = staff.patch(url, {"o2_before": "21", "version": version + 1}, format="json")
    assert bad.status_code == 400 and "o2_before" in bad.json()
    assert Boiler.objects.get(pk=pk).operating_hours == 3500
    own = samples["environment.boiler"]["own"]
    enterprise = api("enterprise_user")
    assert enterprise.get(f"{API}environment-boilers/{own.pk}/").status_code == 200
    patch = enterprise.patch(f"{API}environment-boilers/{own.pk}/", {"version": own.version}, format="json")
    assert patch.status_code == 404  # its own boiler is the department's record


def test_waste_records_and_results(api: Any, world: World, samples: Any) -> None:
    staff = api("environment_staff")
    payload = {
        "park": world.park.pk, "enterprise": world.enterprise.pk, "is_key": True, "year": 2023, "category": "HW08",
        "generated_t": "3.2", "treated_t": "3.0", "stored_t": "0.2", "route": "licensed",
    }  # fmt: skip
    created = staff.post(f"{API}environment-waste-records/", payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["is_key"] is True and WasteRecord.objects.filter(category="HW08").count() == 1
    campaign, target, rnd = campaign_with_round(world.park, world.enterprise)
    result = staff.post(
        f"{API}environment-results/",
        {"target": target.pk, "round": rnd.pk, "done_on": "2023-05-05", "outcome": "compliant"},
        format="json",
    )
    assert result.status_code == 201, result.content
    listed = staff.get(f"{API}environment-campaigns/{campaign.pk}/").json()
    assert listed["coverage"] == {"planned": 1, "done": 1, "rate": "1.0000"}
    pk, version = result.json()["id"], result.json()["version"]
    enterprise = api("enterprise_user")
    answered = enterprise.patch(
        f"{API}environment-results/{pk}/", {"response": "已知悉", "version": version}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["response"] == "已知悉"
    refused = enterprise.patch(
        f"{API}environment-results/{pk}/", {"outcome": "non_compliant", "version": version + 1}, format="json"
    )
    assert refused.status_code == 403
    assert CampaignResult.objects.get(pk=pk).outcome == "compliant"


def test_pipe_segments_as_geojson(api: Any, samples: Any) -> None:
    client = api("environment_staff")
    inside = client.get(
        f"{API}environment-pipe-segments/", {"bbox": "101.7,36.6,101.8,36.7", "network": "rain"}
    ).json()
    assert inside["type"] == "FeatureCollection"
    assert [f["properties"]["code"] for f in inside["features"]] == ["A1"]
    assert inside["features"][0]["geometry"]["type"] == "LineString"
    assert client.get(f"{API}environment-pipe-segments/", {"bbox": "90,30,91,31"}).json()["features"] == []
    assert client.get(f"{API}environment-pipe-segments/", {"bbox": "nonsense"}).status_code == 400
    foreign = samples["environment.pipesegment"]["foreign"]
    assert client.get(f"{API}environment-pipe-segments/{foreign.pk}/").status_code == 404
    own = samples["environment.pipesegment"]["own"]
    one = client.get(f"{API}environment-pipe-segments/{own.pk}/").json()
    assert one["id"] == own.pk and one["properties"]["length_m"] == 894.02
