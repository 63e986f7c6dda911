"""I3–I5 are counts (SECURITY.md row 10): how many projects landed, how many are in the reserve, how many
funds were set up is no enterprise's own amount. A zone viewer whose cell fails the rule keeps the count
and loses only the sums (and the per-project or per-band details that give an amount away); the park's
investment officer sees both. Every case is worked out by hand: one investor's projects (one contributor,
so every cell of theirs is suppressed), amounts chosen so that no other number on the figure spells them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.figures import compute_figures
from scipark.core.testing import World
from scipark.investment.models import Fund, FundsInPlace, Project, ReserveBand, Stage, StageChange

from .conftest import YI, Inv

YEAR = 2023
INVESTOR = "上海独家投资有限公司"


def landed(inv: Inv, name: str, planned: Decimal, on: dt.date, *, park: Any = None) -> Project:
    project = inv.project(Stage.LANDED, name=name, investor=INVESTOR, planned=planned, since=on, park=park)
    StageChange.objects.create(
        project=project, action="land", from_stage=Stage.SIGNED, to_stage=Stage.LANDED, happened_on=on
    )
    return project


def in_reserve(inv: Inv, name: str, planned: Decimal, **extra: Any) -> Project:
    on = dt.date(YEAR, 4, 1)
    project = inv.project(Stage.LEAD, name=name, investor=INVESTOR, planned=planned, since=on, **extra)
    StageChange.objects.create(project=project, action="create", to_stage=Stage.LEAD, happened_on=on)
    return project


def as_zone_viewer(world: World, row: str) -> dict[str, Any]:
    return compute_figures(world.park, YEAR, [row], viewer=world.user("zone_viewer"))[row]


def as_officer(world: World, row: str) -> dict[str, Any]:
    return compute_figures(world.park, YEAR, [row], viewer=world.user("investment_officer"))[row]


def assert_absent(figure: dict[str, Any], *secrets: str) -> None:
    text = str(figure)
    for secret in secrets:
        assert secret not in text, f"{secret} shown to the zone viewer"


def test_i3_shows_the_zone_viewer_how_many_landed_but_not_their_total(world: World, inv: Inv) -> None:
    """Two landed projects of one investor: 2.34亿 + 1.23亿 = 3.57亿 (约3.6亿), a count of 2."""
    landed(inv, "独家一期", Decimal("2.34") * YI, dt.date(YEAR, 3, 1))
    landed(inv, "独家二期", Decimal("1.23") * YI, dt.date(YEAR, 9, 1))

    seen = as_zone_viewer(world, "I3")
    assert (seen["value"], seen["unit"], seen["suppressed"]) == (2, "个", True)
    assert seen["details"] == {
        "total_investment_yi": None,
        "total_investment_yi_rounded": None,
        "projects": None,
    }
    assert "数据保密" in seen["note"]
    assert seen["sources"][0]["count"] == 2 and seen["sources"][0]["ids"] == []
    assert_absent(seen, "3.57", "3.6", "2.34", "1.23", "独家", "上海")

    staff = as_officer(world, "I3")
    assert (staff["value"], staff["suppressed"], staff["note"]) == (2, False, "")
    assert staff["details"]["total_investment_yi"] == 3.57
    assert staff["details"]["total_investment_yi_rounded"] == 3.6
    assert sorted(p["planned_yi"] for p in staff["details"]["projects"]) == [1.23, 2.34]


def test_i4_shows_the_zone_viewer_the_reserve_count_but_no_band(world: World, inv: Inv) -> None:
    """The default bands (the top one open): 35.79亿 in 30–50亿, 12.34亿 in 10–30亿, one investor. The count
    (2) says only that each is at least 1亿, the lowest edge; a band's count would pin its project to the
    band (30–50亿), so the bands stay hidden with their totals."""
    in_reserve(inv, "储备甲", Decimal("35.79") * YI)
    in_reserve(inv, "储备乙", Decimal("12.34") * YI)

    seen = as_zone_viewer(world, "I4")
    assert (seen["value"], seen["unit"], seen["suppressed"]) == (2, "个", True)
    assert seen["details"] == {"bands": None}
    assert "数据保密" in seen["note"]
    assert_absent(seen, "35.79", "12.34", "47.13", "30亿–50亿元", "10亿–30亿元", "储备甲")

    staff = as_officer(world, "I4")
    assert (staff["value"], staff["suppressed"]) == (2, False)
    assert [(b["count"], b["total_yi"]) for b in staff["details"]["bands"]] == [
        (0, 0),
        (0, 0),
        (1, 35.79),
        (1, 12.34),
        (0, 0),
    ]


def test_i4_with_a_closed_top_band_hides_its_count_too(world: World, inv: Inv) -> None:
    """A park whose bands end at 50亿: a count of the reserve then pins every project to 10–50亿, as a band
    would, and stays hidden with the bands (the figure is judged as a sum would be)."""
    ReserveBand.objects.create(park=world.park, label="30亿–50亿元", lower=30 * YI, upper=50 * YI)
    ReserveBand.objects.create(park=world.park, label="10亿–30亿元", lower=10 * YI, upper=30 * YI)
    in_reserve(inv, "储备甲", Decimal("35.79") * YI)
    in_reserve(inv, "储备乙", Decimal("12.34") * YI)

    seen = as_zone_viewer(world, "I4")
    assert (seen["value"], seen["suppressed"], seen["details"]) == (None, True, {"bands": None})
    assert as_officer(world, "I4")["value"] == 2


def test_i5_shows_the_zone_viewer_how_many_funds_but_not_their_projects(world: World, inv: Inv) -> None:
    """One industrial fund that brought one investor's project of 2.46亿: a count of 1 fund."""
    fund = Fund.objects.create(
        park=world.park, name="青海独家产业基金", manager="某资本", size=5 * YI, set_up_on=dt.date(YEAR, 2, 1)
    )
    in_reserve(inv, "独家引进项目", Decimal("2.46") * YI, fund=fund)

    seen = as_zone_viewer(world, "I5")
    assert (seen["value"], seen["unit"], seen["suppressed"]) == (1, "支", True)
    assert seen["details"] == {"funds": None}
    assert "数据保密" in seen["note"]
    assert_absent(seen, "2.46", "独家引进项目", "青海独家产业基金")

    staff = as_officer(world, "I5")
    assert (staff["value"], staff["suppressed"]) == (1, False)
    [row] = staff["details"]["funds"]
    assert (row["projects"], row["project_investment_yi"]) == (["独家引进项目"], 2.46)


def test_a_sum_figure_still_hides_its_value(world: World, inv: Inv) -> None:
    """The count is the exception a figure declares: I2 (one investor's funds in place) keeps hiding."""
    project = landed(inv, "独家一期", Decimal("2.34") * YI, dt.date(YEAR, 3, 1))
    FundsInPlace.objects.create(
        project=project,
        arrived_on=dt.date(YEAR, 8, 1),
        amount=Decimal("2.34") * YI,
        source_class="other_province",
    )
    seen = as_zone_viewer(world, "I2")
    assert (seen["value"], seen["suppressed"]) == (None, True)
