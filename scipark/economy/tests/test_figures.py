"""E1–E6 from a small hand-worked park; a year without records gives no value, never 0 %."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from scipark.core.figures import compute_figures
from scipark.core.testing import World
from scipark.economy import services

from .conftest import month


def test_without_records_the_figures_say_so(world: World) -> None:
    figures = compute_figures(world.park, 2023, ["E1", "E2", "E3", "E6"])
    for row in ("E1", "E2", "E3", "E6"):
        assert figures[row]["value"] is None and figures[row]["note"]


def test_e1_on_both_bases_and_e4_from_the_status_history(world: World, record: Any) -> None:
    staff = world.user("economy_staff")
    # The enterprise was above scale both years: 100 -> 110; the other entered in 2023 (its own 2022: 50 -> 60).
    for enterprise, since in ((world.enterprise, month(2020, 1)), (world.other_enterprise, month(2023, 1))):
        services.scale_decision_record(
            user=staff,
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="enter",
            effective_period=since,
            decided_on=dt.date(2023, 2, 1),
        )
    record(world.enterprise, 2022, 12, industrial_output=100)
    record(world.enterprise, 2023, 12, industrial_output=110)
    record(world.other_enterprise, 2022, 12, industrial_output=50)
    record(world.other_enterprise, 2023, 12, industrial_output=60)
    figures = compute_figures(world.park, 2023, ["E1", "E4"])
    # comparable: 170 / 150 - 1 = 13.33 %; plain: 170 / 100 - 1 = 70 %
    assert figures["E1"]["value"] == 13.33
    assert figures["E1"]["details"]["growth_plain_percent"] == 70.0
    assert figures["E4"]["value"] == 1
    assert figures["E4"]["details"]["enterprises"][0]["name"] == world.other_enterprise.name


def test_e2_counts_only_projects_from_five_million(world: World) -> None:
    staff = world.user("economy_staff")
    big = services.project_create(
        user=staff,
        park=world.park,
        data={"name": "大项目", "planned_total": D(8000000), "start_date": dt.date(2022, 1, 1)},
    )
    small = services.project_create(
        user=staff,
        park=world.park,
        data={"name": "小项目", "planned_total": D(1000000), "start_date": dt.date(2022, 1, 1)},
    )
    services.project_investment_set(user=staff, project=big, period=month(2022, 6), amount=D(100000000))
    services.project_investment_set(user=staff, project=big, period=month(2023, 6), amount=D(114900000))
    services.project_investment_set(user=staff, project=small, period=month(2023, 6), amount=D(900000))
    figure = compute_figures(world.park, 2023, ["E2"])["E2"]
    assert figure["value"] == 1.15  # 1.149亿 → 1.15 亿元
    assert figure["details"]["growth_percent"] == 14.9
