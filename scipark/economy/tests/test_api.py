"""The economy API: submit, review, read within reach, and the KPI panel."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World, in_chinese
from scipark.economy.models import Indicator, MonthlyReturn


def test_an_enterprise_submits_through_the_api_and_staff_accept(world: World, client_for: Any) -> None:
    enterprise_client = client_for("enterprise_user")
    response = enterprise_client.post(
        "/api/v1/monthly-returns/",
        {
            "enterprise": world.enterprise.pk,
            "period": "2023-05-01",
            "revenue": "1000",
            "energy": {"electricity": "10000"},
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["energy_tce"] == "1.2290"
    # The enterprise may not accept its own return; staff may.
    denied = enterprise_client.post(
        f"/api/v1/monthly-returns/{body['id']}/accept/",
        {"version": body["version"]},
        content_type="application/json",
    )
    assert denied.status_code == 403
    staff = client_for("economy_staff")
    accepted = staff.post(
        f"/api/v1/monthly-returns/{body['id']}/accept/",
        {"version": body["version"]},
        content_type="application/json",
    )
    assert accepted.status_code == 200 and accepted.json()["is_current"] is True
    again = staff.post(
        f"/api/v1/monthly-returns/{body['id']}/reject/",
        {"version": accepted.json()["version"], "note": "x"},
        content_type="application/json",
    )
    assert again.status_code == 400  # only a submitted return is sent back


@pytest.mark.parametrize("button", ["accept", "reject"])
def test_a_stale_version_answers_409(world: World, client_for: Any, button: str) -> None:
    created = client_for("enterprise_user").post(
        "/api/v1/monthly-returns/",
        {"enterprise": world.enterprise.pk, "period": "2023-05-01", "revenue": "1000"},
        content_type="application/json",
    )
    body = created.json()
    response = client_for("economy_staff").post(
        f"/api/v1/monthly-returns/{body['id']}/{button}/",
        {"version": body["version"] - 1, "note": "核对"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "已被他人修改" in response.json()["detail"]
    assert MonthlyReturn.objects.get(pk=body["id"]).status == "submitted"


def test_an_enterprise_cannot_submit_for_another(world: World, client_for: Any) -> None:
    response = client_for("enterprise_user").post(
        "/api/v1/monthly-returns/",
        {"enterprise": world.other_enterprise.pk, "period": "2023-05-01", "revenue": "1"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    assert not MonthlyReturn.objects.exists()


def test_lists_hold_only_rows_within_reach(world: World, client_for: Any, record: Any) -> None:
    record(world.enterprise, 2023, 5, revenue=1)
    record(world.other_enterprise, 2023, 5, revenue=2)
    record(world.foreign_enterprise, 2023, 5, revenue=3)
    own = client_for("enterprise_user").get("/api/v1/monthly-returns/").json()["results"]
    assert {r["enterprise"] for r in own} == {world.enterprise.pk}
    staff = client_for("economy_staff").get("/api/v1/monthly-returns/").json()["results"]
    assert {r["enterprise"] for r in staff} == {world.enterprise.pk, world.other_enterprise.pk}
    foreign = client_for("other_park_staff").get("/api/v1/monthly-returns/").json()["results"]
    assert {r["enterprise"] for r in foreign} == {world.foreign_enterprise.pk}


def test_the_kpi_panel_answers_with_both_bases(world: World, client_for: Any, record: Any) -> None:
    for enterprise, before, now in ((world.enterprise, 100, 110), (world.other_enterprise, 50, 60)):
        record(enterprise, 2022, 3, industrial_output=before)
        record(enterprise, 2023, 3, industrial_output=now)
    response = client_for("park_leader").get(
        f"/api/v1/economy-kpi/?park={world.park.code}&period=2023-03&scale_set=all&measure=industrial_output"
    )
    assert response.status_code == 200, response.content
    value = response.json()["value"]
    # (110 + 60) / (100 + 50) - 1 = 0.1333…
    assert value["cumulative"] == "170.00"
    assert value["cumulative_growth"]["comparable"].startswith("0.1333")
    assert client_for("enterprise_user").get("/api/v1/economy-kpi/").status_code == 403
    assert (
        client_for("other_park_staff").get(f"/api/v1/economy-kpi/?park={world.park.code}").status_code == 404
    )


def test_the_zone_viewer_sees_small_cells_suppressed(world: World, client_for: Any, record: Any) -> None:
    record(world.enterprise, 2023, 3, industrial_output=100)
    record(world.other_enterprise, 2023, 3, industrial_output=50)
    value = client_for("zone_viewer").get("/api/v1/economy-kpi/?period=2023-03&scale_set=all").json()["value"]
    assert value["suppressed"] is True and value["cumulative"] is None
    staff_value = (
        client_for("economy_staff").get("/api/v1/economy-kpi/?period=2023-03&scale_set=all").json()["value"]
    )
    assert staff_value["suppressed"] is False and staff_value["cumulative"] == "150.00"


def test_the_indicator_catalogue_is_listed(client_for: Any) -> None:
    rows = client_for("service_staff").get("/api/v1/economy-indicators/").json()["results"]
    assert {"above_scale_output", "fixed_asset_investment"} <= {r["code"] for r in rows}


def test_projects_are_never_deleted_and_targets_are_only_set(world: World, client_for: Any) -> None:
    staff = client_for("economy_staff")
    project = staff.post(
        "/api/v1/investment-projects/",
        {"park": world.park.pk, "name": "标准厂房", "planned_total": "6000000", "start_date": "2023-02-01"},
        content_type="application/json",
    )
    assert project.status_code == 201, project.content
    url = f"/api/v1/investment-projects/{project.json()['id']}/"
    changed = staff.patch(
        url, {"name": "标准厂房一期", "version": project.json()["version"]}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["name"] == "标准厂房一期"
    assert staff.delete(url).status_code == 405
    target = staff.post(
        "/api/v1/economy-targets/",
        {
            "park": world.park.pk,
            "indicator": Indicator.objects.get(code="above_scale_output").pk,
            "year": 2024,
            "value": "1",
        },
        content_type="application/json",
    )
    assert target.status_code == 201, target.content
    target_url = f"/api/v1/economy-targets/{target.json()['id']}/"
    for method in ("put", "patch", "delete"):
        assert getattr(staff, method)(target_url, {}, content_type="application/json").status_code == 405


def test_the_kpi_headline_follows_the_clients_language(world: World, client_for: Any, record: Any) -> None:
    """The headline mixed the languages in English (“… 同比up 13.3%(同口径)”)."""
    for enterprise, before, now in ((world.enterprise, 100, 110), (world.other_enterprise, 50, 60)):
        record(enterprise, 2022, 3, industrial_output=before)
        record(enterprise, 2023, 3, industrial_output=now)
    url = (
        f"/api/v1/economy-kpi/?park={world.park.code}&period=2023-03&scale_set=all&measure=industrial_output"
    )
    client = client_for("park_leader")
    chinese = client.get(url).json()["value"]["headline"]
    client.cookies["django_language"] = "en"
    english = client.get(url).json()["value"]["headline"]
    assert chinese.endswith("同比增长13.3%(同口径)")
    assert english.endswith(": up 13.3% year on year (comparable)")
    assert not in_chinese([english])
