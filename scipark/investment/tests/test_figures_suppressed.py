"""SECURITY.md row 10 for the investment figures (issue 11 item 7): zone viewers get aggregates only.

A park whose fair signing is one project's contract discloses that investor's own amount. The zone viewer
must find I1 suppressed in ``compute_figures`` and on the figures page, with no detail that gives the sum
away; the park's investment officer sees it all. Three comparable investors make a cell the zone viewer
may see; one investor's two projects stay one contributor.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.figures import compute_figures
from scipark.core.testing import World
from scipark.investment.models import (
    Confirmation,
    Contract,
    FundsInPlace,
    Loan,
    LoanProduct,
    Project,
    Stage,
    StageChange,
    Target,
)

from .conftest import Inv

YEAR = 2023
EVENT = "青洽会"
FIGURES = "/reports/figures/"
#: One contract of 345,678,901 元 against a target of 300,000,000 元 (115.2 %). None of these may reach a
#: zone viewer, in any spelling.
SECRET_AMOUNT = Decimal(345_678_901)
SECRETS = ("3.46", "345678901", "34567.89", "34,567.89", "115.2", "独家签约项目")


def signed_at_fair(inv: Inv, amount: Decimal, *, name: str, investor: str) -> Project:
    project = inv.project(
        Stage.SIGNED, name=name, investor=investor, planned=amount, since=dt.date(YEAR, 6, 18)
    )
    Contract.objects.filter(project=project).update(event=EVENT)
    return project


def fair_target(world: World) -> None:
    Target.objects.create(
        park=world.park,
        year=YEAR,
        indicator=Target.Indicator.EVENT_SIGNED_AMOUNT,
        event=EVENT,
        value=Decimal(300_000_000),
    )


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret} printed on {where}"


def test_a_one_project_fair_is_suppressed_for_the_zone_viewer_and_shown_to_the_parks_staff(
    world: World, inv: Inv
) -> None:
    fair_target(world)
    signed_at_fair(inv, SECRET_AMOUNT, name="独家签约项目", investor="上海独家投资有限公司")

    seen = compute_figures(world.park, YEAR, ["I1"], viewer=world.user("zone_viewer"))["I1"]
    assert seen["suppressed"] is True and seen["value"] is None
    details = seen["details"]
    assert details["amount_yuan"] is None and details["completion_percent"] is None
    assert details["projects"] is None and details["alert"] is None
    assert details["target_yi"] == 3  # the park's own target is no enterprise's figure
    assert all(source["ids"] == [] for source in seen["sources"])
    assert "confidential" not in seen
    assert_no_secret(str(seen), "I1 for the zone viewer")

    staff = compute_figures(world.park, YEAR, ["I1"], viewer=world.user("investment_officer"))["I1"]
    assert staff["suppressed"] is False and staff["value"] == 3.46
    assert staff["details"]["completion_percent"] == 115.2
    assert [p["name"] for p in staff["details"]["projects"]] == ["独家签约项目"]


def test_the_figures_page_hides_the_one_project_fair_from_the_zone_viewer_only(
    world: World, inv: Inv, client_for: Any
) -> None:
    fair_target(world)
    signed_at_fair(inv, SECRET_AMOUNT, name="独家签约项目", investor="上海独家投资有限公司")
    query = {"park": world.park.code, "year": YEAR}

    page = client_for("zone_viewer").get(FIGURES, query)
    assert page.status_code == 200
    assert_no_secret(page.content.decode(), "the figures page")
    assert "数据保密" in page.content.decode()
    workbook = client_for("zone_viewer").get(FIGURES, {**query, "export": "xlsx"})
    assert workbook.status_code == 200

    staff = client_for("investment_officer").get(FIGURES, query)
    assert staff.status_code == 200
    assert "3.46" in staff.content.decode()


def test_three_comparable_investors_are_shown_to_the_zone_viewer(
    world: World, inv: Inv, client_for: Any
) -> None:
    fair_target(world)
    for n, amount in enumerate((100_000_000, 120_000_000, 140_000_000)):
        signed_at_fair(inv, Decimal(amount), name=f"签约项目{n}", investor=f"投资方{n}有限公司")

    seen = compute_figures(world.park, YEAR, ["I1"], viewer=world.user("zone_viewer"))["I1"]
    assert seen["suppressed"] is False
    assert seen["value"] == 3.6 and seen["details"]["completion_percent"] == 120

    page = client_for("zone_viewer").get(FIGURES, {"park": world.park.code, "year": YEAR})
    assert page.status_code == 200
    assert "签约项目1" not in page.content.decode()  # the value, never the projects behind it
    assert "3.6" in page.content.decode()


def test_one_investors_two_projects_are_one_contributor(world: World, inv: Inv) -> None:
    """Three projects but two investors: the cell has two contributors and stays hidden."""
    fair_target(world)
    signed_at_fair(inv, Decimal(100_000_000), name="一期", investor="同一投资有限公司")
    signed_at_fair(inv, Decimal(110_000_000), name="二期", investor="同一投资  有限公司")
    signed_at_fair(inv, Decimal(120_000_000), name="另一项目", investor="另一投资有限公司")

    seen = compute_figures(world.park, YEAR, ["I1"], viewer=world.user("zone_viewer"))["I1"]
    assert seen["suppressed"] is True and seen["value"] is None


def test_one_dominant_investor_is_suppressed_despite_three_contributors(world: World, inv: Inv) -> None:
    fair_target(world)
    for n, amount in enumerate((1_000_000_000, 50_000_000, 50_000_000)):
        signed_at_fair(inv, Decimal(amount), name=f"签约项目{n}", investor=f"投资方{n}有限公司")

    seen = compute_figures(world.park, YEAR, ["I1"], viewer=world.user("zone_viewer"))["I1"]
    assert seen["suppressed"] is True and seen["value"] is None


def test_funds_in_place_a_landed_project_and_a_loan_of_one_party_each_are_suppressed_too(
    world: World, inv: Inv
) -> None:
    """I2 (one investor's funds), I3 (one landed project's planned total) and F3 (one enterprise's loan):
    the zone viewer gets none of their sums; the park's investment officer gets them all."""
    project = inv.project(
        Stage.LANDED, name="独家落地项目", investor="上海独家投资有限公司", planned=SECRET_AMOUNT
    )
    StageChange.objects.create(
        project=project,
        action="land",
        from_stage=Stage.SIGNED,
        to_stage=Stage.LANDED,
        happened_on=dt.date(YEAR, 7, 1),
    )
    FundsInPlace.objects.create(
        project=project, arrived_on=dt.date(YEAR, 8, 1), amount=SECRET_AMOUNT, source_class="other_province"
    )
    Loan.objects.create(
        enterprise=world.enterprise, product=LoanProduct.objects.create(park=world.park, name="科创贷"),
        bank="青海银行", amount=SECRET_AMOUNT, granted_on=dt.date(YEAR, 9, 1), term_months=12,
        status=Confirmation.CONFIRMED,
    )  # fmt: skip
    rows = ["I2", "I3", "I4", "I5", "F3"]

    seen = compute_figures(world.park, YEAR, rows, viewer=world.user("zone_viewer"))
    for row in ("I2", "I3", "F3"):
        assert seen[row]["suppressed"] is True, row
        assert_no_secret(str(seen[row]), f"{row} for the zone viewer")
    assert seen["I2"]["value"] is None and seen["F3"]["value"] is None
    assert seen["I2"]["details"]["by_source_yi"] is None
    assert seen["I3"]["value"] == 1  # how many landed is a count, not the investor's amount
    assert (
        seen["I3"]["details"]["total_investment_yi_rounded"] is None
        and seen["I3"]["details"]["projects"] is None
    )
    assert seen["F3"]["details"]["by_product_wan"] is None
    assert seen["I4"]["suppressed"] is False and seen["I5"]["suppressed"] is False  # nothing in them here

    staff = compute_figures(world.park, YEAR, rows, viewer=world.user("investment_officer"))
    assert staff["I2"]["suppressed"] is False and staff["I2"]["value"] == 3.46
    assert staff["I3"]["value"] == 1 and staff["I3"]["details"]["total_investment_yi"] == 3.46
    assert staff["F3"]["value"] == 34567.89
