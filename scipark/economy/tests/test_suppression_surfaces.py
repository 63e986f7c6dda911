"""SECURITY.md row 10 on every surface a zone viewer can open (issue 9 §1).

A park with one above-quota wholesaler is a one-enterprise cell: its sales, their growth and the
investment of its one project are that enterprise's own figures. The zone viewer must find them
suppressed on the KPI API, the dashboard and each of its exports, the figures page and its workbook and in
``compute_figures`` for them, and may not open the drill-down; the park's economy staff see them all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.apps import apps
from openpyxl import load_workbook

from scipark.core.figures import compute_figures
from scipark.core.testing import World, make_enterprise
from scipark.economy import dashboard, services
from scipark.economy.models import Measure, ScaleSet

from .conftest import enter_set

#: 2023 sales 987,654,321 元 against 800,000,000 in 2022 (+23.46 %); a project of 76,543,210 元 in 2023
#: against 50,000,000 in 2022 (+53.09 %). None of these may reach a zone viewer, in any spelling.
SECRETS = (
    "98765.43",  # 万元, as charts and exports write it
    "9.88",  # 亿元, as cards and figures write it
    "23.5",
    "23.46",
    "7654.32",
    "7,654.32",
    "0.77",  # 亿元 of the project
    "53.1",
    "53.09",
)
DASHBOARD = "/economy/"
FIGURES = "/reports/figures/"


def wholesale_industry() -> Any:
    """GB/T 4754 5151 (食品批发), under section F, whether or not the reference table is loaded."""
    industry = apps.get_model("enterprises", "Industry")
    section = industry.objects.get_or_create(
        code="F", defaults={"name": "批发和零售业", "level": 1, "section": "F"}
    )[0]
    division = industry.objects.get_or_create(
        code="51", defaults={"name": "批发业", "level": 2, "parent": section, "section": "F"}
    )[0]
    group = industry.objects.get_or_create(
        code="515",
        defaults={"name": "食品、饮料及烟草制品批发", "level": 3, "parent": division, "section": "F"},
    )[0]
    return industry.objects.get_or_create(
        code="5151", defaults={"name": "米、面制品及食用油批发", "level": 4, "parent": group, "section": "F"}
    )[0]


@pytest.fixture
def lone_wholesaler(world: World, record: Any) -> Any:
    """The park's only above-quota wholesaler, with its sales in 2022 and 2023 and one in-scope project."""
    staff = world.user("economy_staff")
    wholesaler = make_enterprise(
        world.park, 31, "青海独家批发有限公司", industry=wholesale_industry(), activity_type="wholesale"
    )
    enter_set(staff, wholesaler, ScaleSet.ABOVE_QUOTA_WHOLESALE, dt.date(2022, 1, 1))
    record(wholesaler, 2022, 12, sales=800_000_000)
    record(wholesaler, 2023, 12, sales=987_654_321)
    project = services.project_create(
        user=staff,
        park=world.park,
        data={
            "name": "独家冷链仓储",
            "enterprise": wholesaler,
            "planned_total": Decimal(90_000_000),
            "start_date": dt.date(2022, 1, 1),
        },
    )
    services.project_investment_set(
        user=staff, project=project, period=dt.date(2022, 6, 1), amount=Decimal(50_000_000)
    )
    services.project_investment_set(
        user=staff, project=project, period=dt.date(2023, 6, 1), amount=Decimal(76_543_210)
    )
    return wholesaler


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret} printed on {where}"


def workbook_text(content: bytes) -> str:
    sheet = load_workbook(BytesIO(content)).active
    return "\n".join(
        " ".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)
    )


def kpi_api(client: Any, **params: str) -> dict[str, Any]:
    response = client.get(
        "/api/v1/economy-kpi/",
        {"period": "2023-12", "scale_set": "above_quota_wholesale", "measure": "sales", **params},
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_the_kpi_api_suppresses_the_cell_for_the_zone_viewer_only(
    world: World, client_for: Any, lone_wholesaler: Any
) -> None:
    zone = client_for("zone_viewer")
    for params in ({"park": world.park.code}, {}):
        answer = kpi_api(zone, **params)
        assert answer["value"]["suppressed"] is True
        assert answer["value"]["cumulative"] is None and answer["value"]["cumulative_growth"]["plain"] is None
        assert all(row["suppressed"] for row in answer["by_section"])
        assert_no_secret(str(answer), "the KPI API")
    staff = kpi_api(client_for("economy_staff"), park=world.park.code)["value"]
    assert staff["suppressed"] is False and staff["cumulative"] == "987654321.00"


def test_the_dashboard_and_every_export_suppress_sales_and_investment_for_the_zone_viewer(
    world: World, client_for: Any, lone_wholesaler: Any
) -> None:
    zone = client_for("zone_viewer")
    wholesale_chart = {"kpi": 1}  # CHART_KPIS[1]: 限额以上批发业销售额
    for park in (world.park.pk, "zone"):
        query = {"park": park, "year": 2023, "month": 12, **wholesale_chart}
        response = zone.get(DASHBOARD, query)
        assert response.status_code == 200
        cards = {c.title: c for c in response.context["cards"]}
        assert cards["限额以上批发业销售额"].value == dashboard.SUPPRESSED
        assert cards["限额以上批发业销售额"].plain == dashboard.SUPPRESSED
        assert cards["固定资产投资"].value == dashboard.SUPPRESSED
        assert cards["固定资产投资"].plain == dashboard.SUPPRESSED
        assert all(line.suppressed for line in response.context["breakdown"])
        assert_no_secret(response.content.decode(), f"the dashboard of {park}")
        assert lone_wholesaler.name not in response.content.decode()
        for table in ("headlines", "trend", "breakdown", "targets", "changes"):
            export = zone.get(DASHBOARD, {**query, "export": "xlsx", "table": table})
            assert export.status_code == 200, table
            assert_no_secret(workbook_text(export.content), f"the {table} export of {park}")
        assert zone.get(DASHBOARD, {**query, "export": "xlsx", "table": "contributors"}).status_code == 403
    staff = client_for("economy_staff").get(DASHBOARD, {"park": world.park.pk, "year": 2023, "month": 12})
    cards = {c.title: c for c in staff.context["cards"]}
    assert cards["限额以上批发业销售额"].value == "9.88亿元"
    assert cards["限额以上批发业销售额"].plain == "23.5%"
    assert cards["固定资产投资"].value == "7,654.32万元"


def test_the_drill_down_is_refused_to_the_zone_viewer_and_open_to_the_parks_staff(
    world: World, client_for: Any, lone_wholesaler: Any
) -> None:
    query = {
        "park": world.park.pk,
        "year": 2023,
        "month": 12,
        "scale_set": ScaleSet.ABOVE_QUOTA_WHOLESALE,
        "measure": Measure.SALES,
    }
    zone = client_for("zone_viewer")
    assert zone.get("/economy/drill/", query).status_code == 403
    assert zone.get("/economy/drill/", {**query, "export": "xlsx"}).status_code == 403
    staff = client_for("economy_staff").get("/economy/drill/", query)
    assert staff.status_code == 200
    assert [row.name for row in staff.context["rows"]] == [lone_wholesaler.name]


def test_the_figures_page_its_workbook_and_the_registry_suppress_e2_and_e3_for_the_zone_viewer(
    world: World, client_for: Any, lone_wholesaler: Any
) -> None:
    zone = client_for("zone_viewer")
    page = zone.get(FIGURES, {"park": world.park.code, "year": 2023})
    assert page.status_code == 200
    assert_no_secret(page.content.decode(), "the figures page")
    workbook = zone.get(FIGURES, {"park": world.park.code, "year": 2023, "export": "xlsx"})
    assert workbook.status_code == 200
    assert_no_secret(workbook_text(workbook.content), "the figures workbook")

    zone_viewer = world.user("zone_viewer")
    seen = compute_figures(world.park, 2023, ["E2", "E3"], viewer=zone_viewer)
    for row in ("E2", "E3"):
        assert seen[row]["suppressed"] is True and seen[row]["value"] is None, row
        assert all(source["ids"] == [] for source in seen[row]["sources"])
        assert "confidential" not in seen[row]
        assert_no_secret(str(seen[row]), f"{row} for the zone viewer")
    assert seen["E3"]["details"]["cumulative"] is None
    assert seen["E3"]["details"]["growth_plain_percent"] is None

    staff = compute_figures(world.park, 2023, ["E2", "E3"], viewer=world.user("economy_staff"))
    assert staff["E3"]["suppressed"] is False and staff["E3"]["value"] == 9.88
    assert staff["E3"]["details"]["growth_plain_percent"] == 23.46
    assert staff["E2"]["value"] == 0.77 and staff["E2"]["details"]["growth_percent"] == 53.09
    staff_page = client_for("economy_staff").get(FIGURES, {"park": world.park.code, "year": 2023})
    assert "9.88" in staff_page.content.decode()


def test_the_cockpits_and_the_summary_print_none_of_it_for_the_zone_viewer(
    world: World, client_for: Any, lone_wholesaler: Any
) -> None:
    zone = client_for("zone_viewer")
    for url in ("/reports/zone/", "/reports/cockpit/", "/reports/cockpit/wall/", "/reports/summary/"):
        response = zone.get(url, {"park": world.park.code, "year": 2023})
        assert response.status_code == 200, url
        assert_no_secret(response.content.decode(), url)
    assert "数据保密" in zone.get("/reports/zone/").content.decode()


def test_a_growth_rate_against_a_one_enterprise_year_is_suppressed_too(
    world: World, client_for: Any, record: Any, lone_wholesaler: Any
) -> None:
    # Two more wholesalers in 2023 only: 2023 has three, but last year's total (the 总量 base, and
    # through the growth rate) is still the lone wholesaler's own.
    staff = world.user("economy_staff")
    for number in (32, 33):
        newcomer = make_enterprise(
            world.park,
            number,
            f"青海新批发{number}有限公司",
            industry=wholesale_industry(),
            activity_type="wholesale",
        )
        enter_set(staff, newcomer, ScaleSet.ABOVE_QUOTA_WHOLESALE, dt.date(2023, 1, 1))
        record(newcomer, 2023, 12, sales=400_000_000)
    value = kpi_api(client_for("zone_viewer"), park=world.park.code)["value"]
    assert value["suppressed"] is True and value["cumulative_growth"]["plain"] is None
    shown = kpi_api(client_for("economy_staff"), park=world.park.code)["value"]
    assert shown["cumulative"] == "1787654321.00" and shown["cumulative_growth"]["plain"] is not None
