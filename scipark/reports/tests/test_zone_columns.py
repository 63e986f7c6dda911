"""The zone cockpit reads all parks' columns at once (``economy.selectors.by_park``): each column is what the
park's own reads give — the same cards, values, suppression for a zone viewer (SECURITY.md row 10),
ranks and totals — and the statements do not grow with the number of parks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scipark.core.figures import compute_figures, registered
from scipark.core.roles import DepartmentKind
from scipark.core.testing import World, make_enterprise
from scipark.economy import selectors as economy
from scipark.economy import services
from scipark.economy.models import Measure, ScaleSet
from scipark.economy.tests.conftest import economy_staff_of
from scipark.reports import cockpit
from scipark.reports.cockpit import (
    SUPPRESSED,
    ZONE_ROWS,
    Card,
    ParkColumn,
    ZoneCockpit,
    _sum_card,
    economy_cards,
    figure_card,
    zone_cockpit,
)

D = Decimal
#: (park name, [(industrial output 2022-12, 2023-06, 2023-12) per enterprise], [(investment 2022, 2023) of a
#: project of the park's first, second … enterprise]).
PARKS: tuple[tuple[str, list[tuple[int, int, int]], list[tuple[int, int]]], ...] = (
    (
        "对比甲园区",
        [(1000, 600, 1300), (900, 500, 1000), (1100, 700, 1210)],
        [(7_000_000, 9_000_000), (6_000_000, 8_000_000), (7_000_000, 9_000_000)],
    ),
    ("对比乙园区", [(2000, 400, 1500), (2100, 400, 1500), (1900, 400, 1500)], []),
    ("对比丙园区", [(500, 300, 650), (480, 250, 500), (520, 260, 560)], [(30_000_000, 15_000_000)]),
)


def _park(world: World, name: str, code: str) -> Any:
    park = apps.get_model("parks", "Park").objects.create(zone=world.zone, name=name, code=code)
    for kind in DepartmentKind:
        apps.get_model("parks", "Department").objects.create(park=park, kind=kind, name=str(kind.label))
    return park


def _returns(staff: Any, enterprise: Any, outputs: tuple[int, int, int]) -> None:
    services.scale_decision_record(
        user=staff,
        enterprise=enterprise,
        scale_set=ScaleSet.ABOVE_SCALE_INDUSTRY,
        direction="enter",
        effective_period=dt.date(2022, 1, 1),
        decided_on=dt.date(2022, 1, 10),
    )
    for period, output in zip(
        (dt.date(2022, 12, 1), dt.date(2023, 6, 1), dt.date(2023, 12, 1)), outputs, strict=True
    ):
        services.return_record(
            user=staff,
            enterprise=enterprise,
            period=period,
            data={
                "industrial_output": D(output * 10_000),
                "revenue": D(output * 10_000),
                "value_added": D(output * 3_000),
                "employees": 40,
            },
        )


def _investment(staff: Any, park: Any, enterprise: Any, amounts: tuple[int, int]) -> None:
    project = services.project_create(
        user=staff,
        park=park,
        data={"name": f"{enterprise.name}技改项目", "enterprise": enterprise, "planned_total": D(80_000_000), "start_date": dt.date(2022, 1, 1)},
    )  # fmt: skip
    for year, amount in zip((2022, 2023), amounts, strict=True):
        services.project_investment_set(
            user=staff, project=project, period=dt.date(year, 6, 1), amount=D(amount)
        )


@pytest.fixture(scope="module")
def zone_world(module_world: World) -> World:
    """Five parks of one zone: three with three enterprises each (shown; 丙's one project hidden),
    world.park with one enterprise (every cell of one contributor: suppressed for the zone viewer, its
    investment too), and
    world.other_park without returns."""
    number = 100
    for index, (name, enterprises, investment) in enumerate(PARKS):
        park = _park(module_world, name, f"test-zone-{index}")
        staff = economy_staff_of(park, f"zone_economy_{index}")
        made = []
        for outputs in enterprises:
            number += 1
            made.append(make_enterprise(park, number, f"{name}企业{number}有限公司"))
            _returns(staff, made[-1], outputs)
        for enterprise, amounts in zip(made, investment, strict=False):
            _investment(staff, park, enterprise, amounts)
    staff = module_world.user("economy_staff")
    _returns(staff, module_world.enterprise, (1000, 500, 1200))
    _investment(staff, module_world.park, module_world.enterprise, (10_000_000, 12_000_000))
    return module_world


def _parks(world: World) -> list[Any]:
    return list(apps.get_model("parks", "Park").objects.filter(zone=world.zone).order_by("pk"))


def per_park(user: Any, parks: Sequence[Any]) -> ZoneCockpit:
    """The zone cockpit as it was computed before the grouped reads: each park's column from its own reach
    (``economy_cards`` per park, ``kpi_value`` again for the ranking, ``compute_figures`` per park)."""
    zone_reach = economy.panel_reach(user, None)
    period, final = cockpit.cockpit_opening(zone_reach)
    known = {spec.row_id for spec in registered()}

    def figures(park: Any) -> list[Card]:
        found = compute_figures(park, period.year, [r for r in ZONE_ROWS if r in known], viewer=user)
        return [figure_card(r, found.get(r)) for r in ZONE_ROWS]

    def column(name: str, reach: economy.Reach, figure_cards: list[Card]) -> ParkColumn:
        value = economy.kpi_value(
            reach=reach,
            period=period,
            scale_set=ScaleSet.ABOVE_SCALE_INDUSTRY,
            measure=Measure.INDUSTRIAL_OUTPUT,
        )
        growth = None if value.suppressed else value.cumulative_growth.comparable
        return ParkColumn(name, economy_cards(reach, period) + figure_cards, growth)

    by_park = {p.pk: figures(p) for p in parks}
    columns = [column(p.name, economy.panel_reach(user, p), by_park[p.pk]) for p in parks]
    ranked = sorted((c for c in columns if c.growth is not None), key=lambda c: c.growth or 0, reverse=True)
    for position, c in enumerate(ranked, start=1):
        c.rank = position
    totals = [_sum_card(r, [cards[i] for cards in by_park.values()]) for i, r in enumerate(ZONE_ROWS)]
    return ZoneCockpit(period, column("全区合计", zone_reach, totals), columns, final=final)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["zone_viewer", "park_leader"])
def test_the_zone_columns_are_each_parks_own_reads(zone_world: World, persona: str) -> None:
    user = zone_world.user(persona)
    parks = _parks(zone_world)
    assert len(parks) == 5
    grouped, reference = zone_cockpit(user, parks), per_park(user, parks)
    assert grouped == reference
    if persona != "zone_viewer":
        return
    # The world gives the comparison something to compare: values shown, ranked, and a suppressed park.
    assert grouped.period == dt.date(2023, 12, 1)
    columns = {c.name: c for c in grouped.parks}
    small = columns[zone_world.park.name]
    output, _sales, investment, energy = small.cards[:4]
    assert output.suppressed and output.value == SUPPRESSED and small.growth is None and small.rank is None
    assert investment.value == "—" and investment.missing  # one contributor: hidden, as "no data"
    assert energy.suppressed
    # 累计 from January: 甲 (600+1300+500+1000+700+1210)/(1000+900+1100) − 1 = 77.0 %;
    # 乙 (3×400 + 3×1500)/6000 − 1 = −5.0 %; 丙 (300+650+250+500+260+560)/1500 − 1 = 68.0 %
    assert [(c.name, c.growth, c.rank) for c in grouped.parks if c.rank is not None] == [
        ("对比甲园区", D("0.77"), 1),
        ("对比乙园区", D("-0.05"), 3),
        ("对比丙园区", D("0.68"), 2),
    ]
    first = columns["对比甲园区"].cards
    assert first[0].value == "0.53亿元" and "增长77.0%" in first[0].sub and first[0].spark
    assert columns["对比乙园区"].cards[0].level == "warning"
    assert first[2].value == "0.26亿元" and "增长30.0%" in first[2].sub
    assert columns["对比乙园区"].cards[2].value == "—"  # no project
    assert columns["对比丙园区"].cards[2].value == "—"  # one project: one contributor, hidden
    assert columns[zone_world.other_park.name].cards[0].missing
    assert not grouped.total.cards[0].suppressed and grouped.total.growth is not None


@pytest.mark.django_db
def test_the_zone_cockpit_reads_the_same_number_of_statements_for_two_parks_or_five(
    zone_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Economy's columns are grouped reads; the registry's rows are each module's figure functions, run per
    park (``compute_figures_for_parks``), so they are left out here to pin economy's reads."""
    monkeypatch.setattr(cockpit, "registered", list)  # no registry rows: every figure card "尚未计算"
    user = zone_world.user("zone_viewer")
    parks = _parks(zone_world)
    zone_cockpit(user, parks)  # the user's scope is read once per request: not what is counted
    counts = []
    for some in (parks[2:4], parks):  # 甲 and 乙 show their trends, as all five
        with CaptureQueriesContext(connection) as queries:
            found = zone_cockpit(user, some)
        assert len(found.parks) == len(some)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["zone_viewer", "park_leader"])
def test_each_by_park_read_is_the_single_park_selector(zone_world: World, persona: str) -> None:
    user = zone_world.user(persona)
    parks = _parks(zone_world)
    ids = [p.pk for p in parks]
    reach = economy.panel_reach(user, None)
    period = dt.date(2023, 12, 1)
    headlines = [
        (ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.INDUSTRIAL_OUTPUT),
        (ScaleSet.ABOVE_QUOTA_WHOLESALE, Measure.SALES),
    ]
    values = economy.kpi_values_by_park(reach=reach, park_ids=ids, period=period, headlines=headlines)
    trends = economy.kpi_trends_by_park(
        reach=reach, park_ids=ids, year=2023, last_month=12, headlines=headlines
    )
    investment = economy.investment_by_park(reach=reach, park_ids=ids, period=period)
    energy = economy.energy_by_park(reach=reach, park_ids=ids, period=period)
    for park in parks:
        one = economy.panel_reach(user, park)
        for scale_set, measure in headlines:
            key = (scale_set, measure)
            assert values[key][park.pk] == economy.kpi_value(
                reach=one, period=period, scale_set=scale_set, measure=measure
            )
            assert trends[key][park.pk] == economy.kpi_trend(
                reach=one, year=2023, scale_set=scale_set, measure=measure
            )
        assert investment[park.pk] == economy.fixed_asset_investment(reach=one, period=period)
        assert energy[park.pk] == economy.energy_intensity(reach=one, period=period)
    # Something shown, something hidden: the comparison is not of empty values only.
    output = values[headlines[0]]
    assert output[zone_world.park.pk].suppressed == (persona == "zone_viewer")
    assert output[zone_world.park.pk].has_data
    if persona == "zone_viewer":  # the leader's reach is their own park: 甲 has no data for them
        assert output[ids[2]].cumulative == D("53100000.00")
        assert trends[headlines[0]][ids[2]][5].cumulative == D("18000000.00")  # June: 600 + 500 + 700 万元
    else:
        assert output[zone_world.park.pk].cumulative == D("17000000.00")  # 500 + 1200 万元
