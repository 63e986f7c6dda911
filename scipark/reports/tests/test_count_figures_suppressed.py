"""Every reports surface shows a zone viewer the count of I3–I5 and hides their sums (SECURITY.md row 10).

The park's one landed project (one investor, 345,678,901 元 = 3.46亿, 约3.5亿) fails the rule for a viewer
without the park's individual investment data: the count (1个) is no one's amount and is shown, with the
note saying the amounts are kept back; the total, the project and its amount are not. The investment
officer sees both. By hand: the cockpit card reads 1个 in both cases, the zone total adds the parks' counts
(1 + 0 + …), the figures page and its workbook give 1, and the summary's wording drops only its 总投资 clause.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from scipark.core.figures import compute_figures
from scipark.core.testing import World
from scipark.investment.models import Project, Stage, StageChange
from scipark.investment.tests.conftest import Inv, staff_of
from scipark.investment.tests.test_figures_suppressed import SECRET_AMOUNT, SECRETS, assert_no_secret
from scipark.reports.catalogue import BY_ID
from scipark.reports.cockpit import registry_cards
from scipark.reports.wording import printed_rows

pytestmark = pytest.mark.django_db

YEAR = 2023
NAME = "独家落地项目"
#: The sum in the summary's spelling, beside the registry's (``SECRETS``).
SECRET_TEXTS = (*SECRETS, "3.5亿元", NAME)
LABEL = BY_ID["I3"].label


def one_landed_project(world: World, year: int = YEAR) -> Project:
    inv = Inv(world, staff_of(world.park, "inv_staff"), staff_of(world.other_park, "inv_other"))
    on = dt.date(year, 1, 1)
    project = inv.project(
        Stage.LANDED, name=NAME, investor="上海独家投资有限公司", planned=SECRET_AMOUNT, since=on
    )
    StageChange.objects.create(
        project=project, action="land", from_stage=Stage.SIGNED, to_stage=Stage.LANDED, happened_on=on
    )
    return project


def assert_hidden(text: str, where: str) -> None:
    assert_no_secret(text, where)
    for secret in SECRET_TEXTS:
        assert secret not in text, f"{secret} printed on {where}"


def test_the_cockpit_card_shows_the_count_with_the_note_and_no_sum(world: World) -> None:
    one_landed_project(world)
    [card] = registry_cards(world.park, YEAR, ["I3"], viewer=world.user("zone_viewer"))
    assert (card.value, card.number, card.suppressed) == ("1个", 1, False)
    assert "数据保密" in card.sub
    assert_hidden(f"{card}", "the zone viewer's I3 card")
    [card] = registry_cards(world.park, YEAR, ["I3"], viewer=world.user("investment_officer"))
    assert (card.value, card.sub, card.suppressed) == ("1个", "", False)


def test_the_zone_cockpit_shows_each_parks_count_and_adds_them_up(world: World, client_for: Any) -> None:
    # Without returns the zone cockpit opens on last month, and reads the registry for that month's year.
    year = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).year
    one_landed_project(world, year)
    response = client_for("zone_viewer").get("/reports/zone/")
    assert response.status_code == 200
    cockpit = response.context["cockpit"]
    assert cockpit.period.year == year
    column = next(c for c in cockpit.parks if c.name == world.park.name)
    cell = next(c for c in column.cards if c.label == LABEL)
    assert (cell.value, cell.suppressed) == ("1个", False) and "数据保密" in cell.sub
    total = next(c for c in cockpit.total.cards if c.label == LABEL)
    assert (total.value, total.suppressed) == ("1个", False)
    assert_hidden(response.content.decode(), "the zone cockpit")


def test_the_figures_page_and_its_workbook_give_the_count_and_not_the_sum(
    world: World, client_for: Any
) -> None:
    one_landed_project(world)
    query = {"park": world.park.code, "year": YEAR, "only": "I3"}
    page = client_for("zone_viewer").get("/reports/figures/", query)
    assert page.status_code == 200
    [row] = page.context["rows"]
    assert (row.status, row.value, row.unit) == ("computed", "1", "个") and "数据保密" in row.note
    html = page.content.decode()
    assert "数量照常显示" in html
    assert_hidden(html, "the zone viewer's figures page")

    workbook = client_for("zone_viewer").get("/reports/figures/", {**query, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    i3 = next(r for r in rows if r[0] == "I3")
    assert i3[2] == 1 and "数据保密" in str(i3[6])
    assert_hidden(str(rows), "the zone viewer's workbook")

    staff = client_for("investment_officer").get("/reports/figures/", query)
    [row] = staff.context["rows"]
    assert (row.value, row.note) == ("1", "")


def test_the_summary_words_the_count_without_the_total_for_a_viewer_who_may_not_see_it(
    world: World, client_for: Any
) -> None:
    """The summary is computed as the server (its readers are the park's members, ADR 0016); worded from
    what a zone viewer may see it keeps the count and drops the 总投资 clause. The zone viewer itself gets
    no summary of a park."""
    one_landed_project(world)
    seen = printed_rows(compute_figures(world.park, YEAR, ["I3"], viewer=world.user("zone_viewer")))["I3"]
    assert (seen.text, seen.missing) == ("落地5000万元投资以上工业项目1个", False)
    full = printed_rows(compute_figures(world.park, YEAR, ["I3"]))["I3"]
    assert full.text == "落地5000万元投资以上工业项目1个,总投资约3.5亿元"

    page = client_for("zone_viewer").get("/reports/summary/", {"park": world.park.code, "year": YEAR})
    assert page.status_code == 200 and "sections" not in page.context
    assert_hidden(page.content.decode(), "the zone viewer's summary page")
