"""Defects found when the returns were walked through as their users would (issue 10, item 8): a reopened
draft in exponent form, the reviewer's page without labels or comparisons, growth-target gauges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.money import wan_text
from scipark.core.testing import World, make_enterprise
from scipark.economy import dashboard, kpi, services


def test_plain_numbers_never_take_exponent_form() -> None:
    assert str(kpi.plain(Decimal("600.00"))) == "600"
    assert str(kpi.plain(Decimal("6000000") / 10000)) == "600"
    assert str(kpi.plain(Decimal("12.3400"))) == "12.34"
    assert str(kpi.plain(Decimal("0.0500"))) == "0.05"
    assert wan_text(6_000_000) == "600"  # the form's box, in 万元


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
    assert (
        response.context["previous_label"] == "2023-11" and response.context["last_year_label"] == "2022-12"
    )
    assert "上年同月" in page
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


def test_the_pipeline_counts_exits_in_the_year_they_take_effect_and_does_not_list_them(
    world: World, client_for: Any, record: Any
) -> None:
    staff = world.user("economy_staff")
    # Both were above-scale from 2022 and leave from January 2023 (their status ends 2022-12-31).
    for enterprise in (world.enterprise, world.other_enterprise):
        services.scale_decision_record(
            user=staff,
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="enter",
            effective_period=dt.date(2022, 1, 1),
            decided_on=dt.date(2022, 1, 20),
        )
        services.scale_decision_record(
            user=staff,
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="leave",
            reason="below",
            effective_period=dt.date(2023, 1, 1),
            decided_on=dt.date(2023, 1, 20),
        )
    newcomer = make_enterprise(world.park, 31, "青海临近规上有限公司")
    # 1,500,000 元 a month: 1,800万 over 12 months, 90 % of the 2,000万 threshold — near it.
    for enterprise in (world.enterprise, newcomer):
        for m in range(1, 13):
            record(enterprise, 2023, m, revenue=1_500_000)
    response = client_for("economy_staff").get(
        "/economy/pipeline/", {"park": world.park.pk, "period": "2023-12"}
    )
    context = response.context
    assert context["period"] == dt.date(2023, 12, 1)
    left = sorted((c.enterprise_name, c.period) for c in context["left"])
    assert left == sorted((e.name, dt.date(2023, 1, 1)) for e in (world.enterprise, world.other_enterprise))
    listed = [candidate.enterprise_name for candidate, _row in context["candidates"]]
    assert listed == [newcomer.name]
    earlier = client_for("economy_staff").get(
        "/economy/pipeline/", {"park": world.park.pk, "period": "2023-06"}
    )
    assert earlier.context["period"] == dt.date(2023, 6, 1)
    assert earlier.context["candidates"] == []  # six months of data are not twelve
    bad = client_for("economy_staff").get("/economy/pipeline/", {"park": world.park.pk, "period": "2023-13"})
    assert "无法识别" in bad.content.decode()


def test_returns_exports_carry_the_month_in_a_chinese_file_name_and_numbers_as_numbers(
    world: World, client_for: Any, record: Any
) -> None:
    from io import BytesIO
    from urllib.parse import quote

    from openpyxl import load_workbook

    record(world.enterprise, 2023, 12, revenue=1_234_500)
    client = client_for("economy_staff")
    listing = client.get("/economy/returns/", {"period": "2023-12", "export": "xlsx"})
    assert quote("月报-2023-12-") in listing["Content-Disposition"]
    rows = list(load_workbook(BytesIO(listing.content), read_only=True).active.iter_rows(values_only=True))
    revenue = rows[0].index("营业收入(万元)")
    assert rows[1][revenue] == 123.45  # a number in 万元, not text
    missing = client.get("/economy/returns/missing/", {"period": "2023-12", "export": "xlsx"})
    assert quote("未报送企业-2023-12-") in missing["Content-Disposition"]
    pipeline = client.get(
        "/economy/pipeline/", {"park": world.park.pk, "period": "2023-12", "export": "xlsx"}
    )
    assert quote("规上培育-2023-12-") in pipeline["Content-Disposition"]
