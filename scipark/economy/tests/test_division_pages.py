"""No 500s from the breakdown by GB/T 4754 division (issue 9 §6): the zone viewer's dashboard at
``level=division`` and its export, and the drill-down into a division, with records behind them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.testing import World, ensure_industry, make_enterprise
from scipark.economy import dashboard

from .conftest import enter_set

DASHBOARD = "/economy/"
DRILL = "/economy/drill/"


@pytest.fixture
def three_plants(world: World, record: Any) -> list[Any]:
    """Three above-scale plants of division 27 (医药制造业), none over 85 % of its output."""
    plants = [
        world.enterprise,
        world.other_enterprise,
        make_enterprise(world.park, 41, "青海第三制药有限公司"),
    ]
    for plant, output in zip(plants, (400_000, 300_000, 300_000), strict=True):
        enter_set(world.user("economy_staff"), plant, "above_scale_industry", dt.date(2022, 1, 1))
        record(plant, 2022, 3, industrial_output=output)
        record(plant, 2023, 3, industrial_output=output + 100_000)
    return plants


def test_the_zone_viewers_division_breakdown_and_its_export_answer(
    world: World, client_for: Any, three_plants: list[Any]
) -> None:
    zone = client_for("zone_viewer")
    for park in ("zone", world.park.pk):
        query = {"park": park, "year": 2023, "month": 3, "level": "division"}
        response = zone.get(DASHBOARD, query)
        assert response.status_code == 200
        lines = response.context["breakdown"]
        assert [(line.code, line.value) for line in lines] == [("27", "130.00万元")]  # three plants: shown
        export = zone.get(DASHBOARD, {**query, "export": "xlsx", "table": "breakdown"})
        assert export.status_code == 200


def test_a_one_plant_division_is_suppressed_for_the_zone_viewer(
    world: World, client_for: Any, record: Any, three_plants: list[Any]
) -> None:
    lone = make_enterprise(
        world.park, 42, "青海独家化纤有限公司", industry=ensure_industry("2821", "化学纤维制造")
    )
    enter_set(world.user("economy_staff"), lone, "above_scale_industry", dt.date(2023, 1, 1))
    record(lone, 2023, 3, industrial_output=50_000)
    query = {"park": world.park.pk, "year": 2023, "month": 3, "level": "division"}
    lines = {line.code: line for line in client_for("zone_viewer").get(DASHBOARD, query).context["breakdown"]}
    assert lines["28"].value == dashboard.SUPPRESSED and lines["27"].value == "130.00万元"
    staff = {
        line.code: line for line in client_for("economy_staff").get(DASHBOARD, query).context["breakdown"]
    }
    assert staff["28"].value == "5.00万元"


@pytest.mark.parametrize("persona", ["park_leader", "economy_staff"])
def test_every_division_drill_down_answers(
    world: World, client_for: Any, three_plants: list[Any], persona: str
) -> None:
    client = client_for(persona)
    query = {"park": world.park.pk, "year": 2023, "month": 3}
    shown = client.get(DASHBOARD, {**query, "level": "division"})
    for line in shown.context["breakdown"]:
        response = client.get(line.drill_url)
        assert response.status_code == 200
        assert {row.name for row in response.context["rows"]} == {p.name for p in three_plants}
        assert client.get(line.drill_url + "&export=xlsx").status_code == 200
    for division in ("C27", "%", "", "99"):
        response = client.get(DRILL, {**query, "division": division})
        assert response.status_code == 200, division
    odd = client.get(DRILL, {**query, "division": "C27"})
    assert "无法识别" in " ".join(odd.context["problems"])
