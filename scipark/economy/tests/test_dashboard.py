"""The dashboard: its numbers are the selectors' (and hand-worked), worded as the park reports them;
zone viewers get suppressed aggregates and no drill-down; a period without data says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO
from typing import Any

import lxml.html
import pytest
from openpyxl import load_workbook

from scipark.core.money import in_wan
from scipark.core.testing import World, in_chinese, make_enterprise
from scipark.economy import dashboard, kpi, selectors, services
from scipark.economy.models import Indicator
from scipark.enterprises.models import Industry

URL = "/economy/"


@pytest.fixture
def park_data(world: World, record: Any) -> dict[str, Any]:
    """Three above-scale industrial enterprises, Jan–Mar of 2022 and 2023 (元 per month).

    Output: A 1,000,000 → 1,100,000; B 500,000 → 600,000; C 400,000 → 300,000. So Jan–Mar 2023 is
    6,000,000 (600万元) against 5,700,000: +5.263 % (同口径 = 总量, the set did not change).
    Value added: A 900,000, B and C 50,000 each: A holds 90 % (> 85 %), so the cell is confidential.
    """
    third = make_enterprise(world.park, 21, "青海第三家生物有限公司")
    staff = world.user("economy_staff")
    output = {
        world.enterprise: (1_000_000, 1_100_000),
        world.other_enterprise: (500_000, 600_000),
        third: (400_000, 300_000),
    }
    added = {world.enterprise: 900_000, world.other_enterprise: 50_000, third: 50_000}
    for enterprise in output:
        services.scale_decision_record(
            user=staff,
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="enter",
            effective_period=dt.date(2022, 1, 1),
            decided_on=dt.date(2022, 1, 20),
        )
    for enterprise, (before, after) in output.items():
        for year, amount in ((2022, before), (2023, after)):
            for m in (1, 2, 3):
                record(
                    enterprise,
                    year,
                    m,
                    industrial_output=amount,
                    revenue=amount,
                    value_added=added[enterprise],
                )
    return {"third": third}


def query(world: World, **extra: Any) -> dict[str, Any]:
    return {"park": world.park.pk, "year": 2023, "month": 3, **extra}


def test_the_headline_is_worded_as_the_park_reports_it(world: World, client_for: Any, park_data: Any) -> None:
    response = client_for("park_leader").get(URL, query(world))
    card = response.context["cards"][0]
    assert card.sentence == "规模以上工业产值同比增长5.3%"
    assert card.value == "600.00万元"
    assert card.comparable == "5.3%"
    assert card.plain == "5.3%"
    assert card.period_label == "2023年1–3月"
    assert "同口径" in response.content.decode()


def test_every_card_equals_the_selectors(world: World, client_for: Any, park_data: Any) -> None:
    response = client_for("economy_staff").get(URL, query(world))
    reach = selectors.panel_reach(world.user("economy_staff"), world.park)
    period = dt.date(2023, 3, 1)
    for card, (scale_set, measure, _phrase) in zip(
        response.context["cards"], dashboard.HEADLINES, strict=False
    ):
        value = selectors.kpi_value(reach=reach, period=period, scale_set=scale_set, measure=measure)
        assert card.value == dashboard.money_text(value.cumulative)
        if value.has_data:
            assert card.comparable == kpi.percent(value.cumulative_growth.comparable)
            assert card.plain == kpi.percent(value.cumulative_growth.plain)
        else:
            assert card.comparable == dashboard.NO_DATA


def test_the_trend_and_breakdown_exports_carry_the_selectors_numbers(
    world: World, client_for: Any, park_data: Any
) -> None:
    client = client_for("economy_staff")
    trend = load_workbook(BytesIO(client.get(URL, query(world, export="xlsx", table="trend")).content)).active
    rows = list(trend.iter_rows(values_only=True))
    assert rows[0] == dashboard.TREND_HEADERS
    reach = selectors.panel_reach(world.user("economy_staff"), world.park)
    points = selectors.kpi_trend(
        reach=reach, year=2023, scale_set="above_scale_industry", measure="industrial_output", last_month=3
    )
    assert [r[2] for r in rows[1:]] == [in_wan(p.cumulative) for p in points]
    assert [r[2] for r in rows[1:]] == [200, 400, 600]  # 万元, hand-worked
    breakdown = load_workbook(
        BytesIO(client.get(URL, query(world, export="xlsx", table="breakdown")).content)
    ).active
    lines = list(breakdown.iter_rows(values_only=True))
    assert lines[1][:3] == ("C", "制造业", "600.00万元")


def test_staff_drill_down_to_the_enterprises_behind_a_number(
    world: World, client_for: Any, park_data: Any
) -> None:
    client = client_for("economy_staff")
    card = client.get(URL, query(world)).context["cards"][0]
    assert card.drill_url
    response = client.get(card.drill_url)
    assert response.status_code == 200
    names = [row.name for row in response.context["rows"]]
    assert names == [world.enterprise.name, world.other_enterprise.name, park_data["third"].name]
    # Each name opens the enterprise's profile (issue 10 item 3: "from every list, drill-down and chart").
    assert f'href="/enterprises/{world.enterprise.pk}/profile/"' in response.content.decode()
    points = {row.name: row.points for row in response.context["rows"]}
    # 拉动: ΔX_i / ΣX_t−1 × 100 = 300,000 / 5,700,000 × 100 for A; they add up to the growth.
    assert points[world.enterprise.name].quantize(Decimal("0.01")) == Decimal("5.26")
    assert sum(points.values()).quantize(Decimal("0.001")) == Decimal("5.263")


def test_zone_viewers_get_suppressed_aggregates_and_no_drill_down(
    world: World, client_for: Any, park_data: Any
) -> None:
    client = client_for("zone_viewer")
    response = client.get(URL, {"park": "zone", "year": 2023, "month": 3})
    assert response.status_code == 200
    cards = response.context["cards"]
    assert cards[0].value == "600.00万元"  # three enterprises, none over 85 %
    assert cards[1].value == dashboard.SUPPRESSED  # value added: one enterprise holds 90 %
    assert cards[1].comparable == dashboard.SUPPRESSED
    assert all(not c.drill_url for c in cards)
    assert not response.context["contributions"].available
    text = response.content.decode()
    for enterprise in (world.enterprise, world.other_enterprise, park_data["third"]):
        assert enterprise.name not in text
    assert client.get("/economy/drill/", {"park": "zone", "year": 2023, "month": 3}).status_code == 403
    assert client.get(URL, {"park": "zone", "export": "xlsx", "table": "contributors"}).status_code == 403


def test_fewer_than_three_enterprises_are_suppressed_for_zone_viewers(
    world: World, client_for: Any, record: Any
) -> None:
    for enterprise in (world.enterprise, world.other_enterprise):
        services.scale_decision_record(
            user=world.user("economy_staff"),
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="enter",
            effective_period=dt.date(2023, 1, 1),
            decided_on=dt.date(2023, 1, 20),
        )
        record(enterprise, 2023, 1, industrial_output=1_000_000)
    zone = client_for("zone_viewer").get(URL, {"park": "zone", "year": 2023, "month": 1})
    assert zone.context["cards"][0].sentence == "规模以上工业产值—(数据保密)"
    leader = client_for("park_leader").get(URL, {"park": world.park.pk, "year": 2023, "month": 1})
    assert leader.context["cards"][0].value == "200.00万元"


def test_a_period_without_data_says_so_and_never_shows_zero_percent(world: World, client_for: Any) -> None:
    response = client_for("park_leader").get(URL, {"park": world.park.pk, "year": 2021, "month": 6})
    cards = response.context["cards"]
    assert all(not c.has_data for c in cards)
    assert "本期无数据" in cards[0].sentence
    assert all("0.0%" not in f"{c.comparable}{c.plain}{c.sentence}" for c in cards)


def test_target_gauges_warn_when_completion_lags_time_progress(
    world: World, client_for: Any, park_data: Any
) -> None:
    services.target_set(
        user=world.user("economy_staff"),
        park=world.park,
        indicator=Indicator.objects.get(code="above_scale_output"),
        year=2023,
        value=Decimal("30000000"),
    )
    gauges = client_for("park_leader").get(URL, query(world)).context["gauges"]
    assert len(gauges) == 1
    # 600万 of 3000万 = 20 % done after 3 of 12 months (25 %): behind, a warning.
    assert (gauges[0].completion, gauges[0].time_progress, gauges[0].alert) == ("20.0%", "25.0%", "warning")


def test_a_growth_target_beaten_shows_the_rate_not_zero(
    world: World, client_for: Any, park_data: Any
) -> None:
    services.target_set(
        user=world.user("economy_staff"),
        park=world.park,
        indicator=Indicator.objects.get(code="above_scale_output_growth"),
        year=2023,
        value=Decimal("3"),
    )
    gauges = client_for("park_leader").get(URL, query(world)).context["gauges"]
    # 600万 against 570万: +5.263 %, 2.3 points above the +3 % target.
    (gauge,) = gauges
    assert (gauge.kind, gauge.actual, gauge.completion, gauge.alert) == (
        "growth",
        "5.3%",
        "高于目标2.3个百分点",
        "on_track",
    )
    assert gauge.chart["value"] == 5.3 and gauge.chart["target"] == 3.0
    assert gauge.alert_label == "增速达到目标"


def test_the_monthly_chart_reads_1_2_month_and_names_both_years(
    world: World, client_for: Any, park_data: Any
) -> None:
    chart = client_for("park_leader").get(URL, query(world)).context["charts"]["trend_month"]
    assert chart["labels"] == ["1–2月", "3月"]
    assert chart["legend"] is True
    assert [s["name"] for s in chart["series"]] == ["2023年当月", "2022年当月"]
    # 1–2月: three firms' Jan + Feb output, 2 × 200万 = 400万 (2023) and 2 × 190万 = 380万 (2022).
    assert [s["data"] for s in chart["series"]] == [[400.0, 200.0], [380.0, 190.0]]


def test_the_month_axis_starts_with_january_and_february_together() -> None:
    assert kpi.month_axis(1) == [(1, "1月")]
    assert kpi.month_axis(2) == [(2, "1–2月")]
    assert kpi.month_axis(4) == [(2, "1–2月"), (3, "3月"), (4, "4月")]


def test_enterprise_users_do_not_reach_the_dashboard(client_for: Any) -> None:
    assert client_for("enterprise_user").get(URL).status_code == 403


def test_the_drill_down_names_its_industry_and_shows_no_base_as_a_dash(
    world: World, client_for: Any, park_data: Any, record: Any
) -> None:
    """A newcomer with no return a year before has no 上年同期: "—" (as its growth says), not "0.0"; the
    heading names the division, not only its code (walk of the registry moves at 390 px)."""
    newcomer = make_enterprise(world.park, 22, "青海新来生物有限公司")
    services.scale_decision_record(
        user=world.user("economy_staff"),
        enterprise=newcomer,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=dt.date(2023, 1, 1),
        decided_on=dt.date(2023, 1, 20),
    )
    for m in (1, 2, 3):
        record(newcomer, 2023, m, industrial_output=200_000, revenue=200_000, value_added=10_000)
    division = newcomer.industry_id[:2]
    name = Industry.objects.get(code=division).name
    response = client_for("economy_staff").get("/economy/drill/", {**query(world), "division": division})
    assert response.status_code == 200
    assert f"行业 {division} {name}" in response.context["where"]
    lines = {drilled.name: row for drilled, row in response.context["lines"]}
    assert lines[newcomer.name][3] is None and lines[newcomer.name][4] == "无可比数据"
    assert lines[world.enterprise.name][3] == "300.00"  # Jan–Mar 2022: 3 × 1,000,000 元, as the page shows
    row = next(r for r in response.content.decode().split("<tr>") if newcomer.name in r)
    assert '<td class="sp-num">—</td>' in row and '<td class="sp-num">0.0</td>' not in row


def _chinese_words(html: str, *paths: str) -> list[str]:
    """The texts at ``paths`` (XPath) that hold a Chinese character."""
    page = lxml.html.fromstring(html)
    return sorted(set(in_chinese(" ".join(e.itertext()).strip() for path in paths for e in page.xpath(path))))


def test_the_dashboard_reads_in_english(world: World, client_for: Any, park_data: Any) -> None:
    """An English reader saw the dashboard's headers, sentences, targets' states and gaps in Chinese (they
    were plain strings, or marked but never translated)."""
    for code, value in (("above_scale_output", "30000000"), ("above_scale_output_growth", "3")):
        services.target_set(
            user=world.user("economy_staff"),
            park=world.park,
            indicator=Indicator.objects.get(code=code),
            year=2023,
            value=Decimal(value),
        )
    client = client_for("economy_staff")
    client.cookies["django_language"] = "en"
    response = client.get(URL, query(world))
    html = response.content.decode()
    card = response.context["cards"][0]
    assert card.sentence == "Above-scale industrial output up 5.3% year on year"
    assert card.value == "600.00 × 10,000 yuan"
    assert [g.alert_label for g in response.context["gauges"]] == [
        "Warning: completion behind the time elapsed",
        "Growth at target",
    ]
    assert "2.3 percentage points above target" in html
    headers = "//thead//th | //div[contains(@class, 'card-header')] | //div[contains(@class, 'fw-semibold')]"
    assert _chinese_words(html, headers, "//main//div[contains(@class, 'small')]") == []
    services.scale_decision_record(
        user=world.user("economy_staff"),
        enterprise=park_data["third"],
        scale_set="above_scale_industry",
        direction="leave",
        effective_period=dt.date(2023, 2, 1),
        decided_on=dt.date(2023, 2, 20),
    )
    changes = client.get(URL, query(world)).context["change_lines"]
    # 退出 (left the above-scale set) is not the sign-out button's “Log out”
    assert [cell for _header, cell in changes[0]][2] == "Left"
    # and so is the entering/leaving table's header (the merged catalogue's 退出 is the sign-out button's)
    page = lxml.html.fromstring(client.get(URL, query(world)).content)
    counts = page.xpath("//table[@data-testid='change-counts']//thead//th")
    assert [th.text_content().strip() for th in counts][1:] == ["Entered", "Left"]
    drill = client.get(
        "/economy/drill/", query(world, scale_set="above_scale_industry", measure="industrial_output")
    )
    assert _chinese_words(drill.content.decode(), "//thead//th") == []
    # the same page in Chinese keeps its words
    client.cookies["django_language"] = "zh-hans"
    assert "规模以上工业产值同比增长" in client.get(URL, query(world)).content.decode()


def test_a_zone_viewer_reads_the_confidential_cells_in_english(
    world: World, client_for: Any, park_data: Any
) -> None:
    client = client_for("zone_viewer")
    client.cookies["django_language"] = "en"
    cards = client.get(URL, {"park": "zone", "year": 2023, "month": 3}).context["cards"]
    assert cards[1].value == cards[1].comparable == "— (confidential)"
    assert cards[1].sentence == "Above-scale industrial value added — (confidential)"
