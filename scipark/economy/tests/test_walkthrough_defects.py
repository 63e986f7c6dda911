"""Defects found when the returns were walked through as their users would (issue 10, item 8): a reopened
draft in exponent form, the reviewer's page without labels or comparisons, growth-target gauges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.testing import World
from scipark.economy import dashboard, kpi, services
from scipark.economy.forms import to_wan


def test_plain_numbers_never_take_exponent_form() -> None:
    assert str(kpi.plain(Decimal("600.00"))) == "600"
    assert str(kpi.plain(Decimal("6000000") / 10000)) == "600"
    assert str(kpi.plain(Decimal("12.3400"))) == "12.34"
    assert str(kpi.plain(Decimal("0.0500"))) == "0.05"
    assert str(to_wan(6_000_000)) == "600"


def test_a_reopened_draft_shows_its_numbers_as_typed(world: World, client_for: Any) -> None:
    client = client_for("enterprise_user")
    draft = {
        "save": "draft",
        "industrial_output": "1200",
        "revenue": "600",
        "value_added": "300",
        "employees": "50",
        "energy_electricity": "1000",
    }
    assert client.post("/economy/portal/2023-12/", draft).status_code == 302
    page = client.get("/economy/portal/2023-12/").content.decode()
    assert 'name="revenue" value="600"' in page
    assert 'name="energy_electricity" value="1000"' in page
    assert "E+" not in page


def test_the_reviewer_sees_labels_and_the_comparisons_the_enterprise_saw(
    world: World, client_for: Any, record: Any
) -> None:
    record(world.enterprise, 2023, 11, revenue=1_000_000, profit=100_000)
    record(world.enterprise, 2022, 12, revenue=800_000, profit=50_000)
    submitted = services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=dt.date(2023, 12, 1),
        data={"revenue": 2_000_000, "profit": 300_000, "employees": 40},
        reasons={"revenue": "新订单集中交付", "profit": "新订单集中交付"},
    )
    response = client_for("economy_staff").get(f"/economy/returns/{submitted.pk}/")
    page = response.content.decode()
    rows = {row.label: row for row in response.context["amounts"]}
    assert (rows["营业收入"].current, rows["营业收入"].previous, rows["营业收入"].last_year) == (
        "200",
        "100",
        "80",
    )
    assert (rows["利润总额"].current, rows["利润总额"].previous, rows["利润总额"].last_year) == (
        "30",
        "10",
        "5",
    )
    assert rows["利润总额"].reason == "新订单集中交付"
    assert "上月(2023-11)" in page and "上年同月(2022-12)" in page
    assert "<code>profit</code>" not in page and ">profit<" not in page


def test_a_growth_target_beaten_reads_above_its_target() -> None:
    assert (
        kpi.growth_gap_phrase(actual_percent=Decimal("12.34"), target_percent=Decimal("10"))
        == "高于目标2.3个百分点"
    )
    assert (
        kpi.growth_gap_phrase(actual_percent=Decimal("8.5"), target_percent=Decimal("10"))
        == "低于目标1.5个百分点"
    )
    assert kpi.growth_gap_phrase(actual_percent=Decimal("10.0"), target_percent=Decimal("10")) == "达到目标"
    assert kpi.growth_gap_phrase(actual_percent=None, target_percent=Decimal("10")) == "无可比数据"
    # 12.34 % against 10 %: the scale runs 0 to max(15, 12.34, 10) → 20, and the dial shows 12.3, not 0.
    assert dashboard.growth_gauge_chart(Decimal("12.34"), Decimal("10")) == {
        "kind": "growth",
        "value": 12.3,
        "target": 10.0,
        "min": 0.0,
        "max": 20.0,
    }
    # A fall of 13 % against +8 %: the scale starts at −20 so the pointer is on it.
    chart = dashboard.growth_gauge_chart(Decimal("-13"), Decimal("8"))
    assert (chart["min"], chart["max"], chart["value"]) == (-20.0, 20.0, -13.0)
