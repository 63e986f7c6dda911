"""新增年度目标 for a park, indicator and year that already has one used to overwrite it unseen (the page
said 已保存年度目标 and the old value and note were gone); the add form now refuses and names the target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from scipark.core.testing import World
from scipark.economy.models import AnnualTarget, Indicator


def test_adding_a_target_already_set_is_refused_and_keeps_the_old_one(world: World, client_for: Any) -> None:
    indicator = Indicator.objects.get(code="above_scale_output")
    AnnualTarget.objects.create(
        park=world.park, indicator=indicator, year=2024, value=Decimal("182000000.00"), note="年初下达"
    )
    data = {
        "park": world.park.pk,
        "indicator": indicator.pk,
        "year": 2024,
        "value": "20000",
        "note": "年中调整",
    }
    response = client_for("economy_staff").post("/economy/targets/add/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"2024年的“{indicator.name}”目标已设定为 18200" in html and "年中调整" in html
    target = AnnualTarget.objects.get(park=world.park, indicator=indicator, year=2024)
    assert (target.value, target.note) == (Decimal("182000000.00"), "年初下达")
