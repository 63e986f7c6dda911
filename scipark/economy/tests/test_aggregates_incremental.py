"""The maintained tables moved by difference (a new month, a revision lowering a cell's largest enterprise, an
enterprise moved to another park or division, a set entered and left, a return taken away) equal a rebuild,
with hand-worked figures for the cells moved, and each enterprise's year to date (``EnterpriseYearToDate``)
equals its recomputation from the returns (issue 15 item 5: a month costs its rows, not the year)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from scipark.core.testing import World, ensure_industry
from scipark.economy import aggregates, bulk, services
from scipark.economy.models import EnterpriseYearToDate, MonthlyAggregate, MonthlyCellStats, MonthlyReturn
from scipark.enterprises.models import Enterprise

from .conftest import enter_set, equal_to_a_rebuild, month

SET = "above_scale_industry"


def stats(
    park: Any, period: dt.date, scale_set: str = "all", division: str = "27"
) -> tuple[tuple[Any, ...], ...]:
    """(contributors, sum of sizes, largest) of 当月, 累计, the bases 当月 and 累计, for industrial output."""
    row = MonthlyCellStats.objects.get(
        park=park, scale_set=scale_set, period=period, division=division, measure="industrial_output"
    )
    return tuple(
        (getattr(row, f"count_{s}"), getattr(row, f"size_{s}"), getattr(row, f"largest_{s}"))
        for s in ("cur", "cum", "cmp", "cmpcum")
    )


def sums(park: Any, period: dt.date, scale_set: str = "all", division: str = "27") -> tuple[Any, ...]:
    row = MonthlyAggregate.objects.get(park=park, scale_set=scale_set, period=period, division=division)
    return (
        row.cur_industrial_output,
        row.cum_industrial_output,
        row.cmp_industrial_output,
        row.cmpcum_industrial_output,
        row.reporting,
    )


def change(enterprise: Any, period: dt.date, old: Any, new: Any) -> aggregates.ReturnChange:
    return aggregates.ReturnChange(
        enterprise.pk,
        enterprise.park_id,
        aggregates.division_of(enterprise.industry_id),
        enterprise.industry.section,
        period,
        aggregates.values_of(old) if old is not None else None,
        aggregates.values_of(new) if new is not None else None,
    )


def test_a_new_month_moves_the_cells_reading_only_its_own_rows(world: World, record: Any) -> None:
    a, b = world.enterprise, world.other_enterprise
    for m in range(1, 12):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=40)
    # December for both as an import stores it, then the aggregates moved once for the batch.
    rows = [
        {"park_id": e.park_id, "enterprise_id": e.pk, "period": month(2023, 12), "industrial_output": D(v)}
        for e, v in ((a, 130), (b, 50))
    ]
    bulk.insert_returns(rows)
    read = aggregates.apply_return_changes(
        [change(e, month(2023, 12), None, row) for e, row in zip((a, b), rows, strict=True)]
    )
    # Two enterprise-months read (their Decembers), not the 24 of their year.
    assert read == 2
    # 累计: A 11 × 100 + 130 = 1230, B 11 × 40 + 50 = 490.
    assert stats(world.park, month(2023, 12)) == (
        (2, D(180), D(130)),
        (2, D(1720), D(1230)),
        (0, D(0), D(0)),
        (0, D(0), D(0)),
    )
    assert sums(world.park, month(2023, 12)) == (D(180), D(1720), D(0), D(0), 2)
    # A year later, the same enterprises' December is the comparable base.
    assert sums(world.park, month(2024, 12)) == (D(0), D(0), D(180), D(1720), 0)
    assert stats(world.park, month(2024, 12))[2:] == ((2, D(180), D(130)), (2, D(1720), D(1230)))
    equal_to_a_rebuild()


def test_a_revision_that_lowers_the_largest_enterprise_recomputes_its_cells(
    world: World, record: Any
) -> None:
    a, b = world.enterprise, world.other_enterprise
    for m in (1, 2, 3):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=60)
    assert stats(world.park, month(2023, 2))[:2] == ((2, D(160), D(100)), (2, D(320), D(200)))
    # A's February revised down to 10: February's largest is B (60); 累计 A 110, B 120 to February, and
    # A 210, B 180 to March.
    record(a, 2023, 2, industrial_output=10)
    assert stats(world.park, month(2023, 2))[:2] == ((2, D(70), D(60)), (2, D(230), D(120)))
    assert stats(world.park, month(2023, 3))[:2] == ((2, D(160), D(100)), (2, D(390), D(210)))
    # A year later the bases follow.
    assert stats(world.park, month(2024, 2))[2:] == ((2, D(70), D(60)), (2, D(230), D(120)))
    # A loss weighs as its size: B's March revised to −300 makes B the largest of March's cells.
    record(b, 2023, 3, industrial_output=-300)
    assert stats(world.park, month(2023, 3))[:2] == ((2, D(400), D(300)), (2, D(390), D(210)))
    assert sums(world.park, month(2023, 3))[:2] == (D(-200), D(30))
    equal_to_a_rebuild()


def test_an_enterprise_moved_to_another_division_or_park_takes_its_year_with_it(
    world: World, record: Any
) -> None:
    a, b = world.enterprise, world.other_enterprise
    for m in (1, 2, 3):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=60)
    record(a, 2022, 12, industrial_output=70)
    # The registry puts A in division 35 (no economy hook there): its next return moves its whole history.
    Enterprise.objects.filter(pk=a.pk).update(industry=ensure_industry("3511", "发电设备"))
    a.refresh_from_db()
    record(a, 2023, 4, industrial_output=100)
    assert stats(world.park, month(2023, 2))[:2] == ((1, D(60), D(60)), (1, D(120), D(120)))
    assert stats(world.park, month(2023, 4), division="35")[:2] == ((1, D(100), D(100)), (1, D(400), D(400)))
    assert sums(world.park, month(2023, 12), division="35")[2:] == (D(70), D(70), 0)
    equal_to_a_rebuild()

    # Then to the other park, the economy told directly: every year it reported follows.
    Enterprise.objects.filter(pk=a.pk).update(park=world.other_park)
    assert aggregates.apply_enterprise_moves([a.pk]) > 0
    assert not MonthlyAggregate.objects.filter(park=world.park, division="35").exclude(
        cum_industrial_output=0
    )
    assert sums(world.other_park, month(2023, 4), division="35")[:2] == (D(100), D(400))
    equal_to_a_rebuild()

    # A new code in the same division and park changes no cell it counts in: nothing is recomputed.
    Enterprise.objects.filter(pk=a.pk).update(industry=ensure_industry("3512", "水力发电设备"))
    assert aggregates.apply_enterprise_moves([a.pk]) == 0
    # Both back in the first park at once (one pass for the two): each one's history follows.
    Enterprise.objects.filter(pk=a.pk).update(park=world.park)
    Enterprise.objects.filter(pk=b.pk).update(industry=ensure_industry("3511", "发电设备"))
    assert aggregates.apply_enterprise_moves([a.pk, b.pk]) > 0
    assert sums(world.park, month(2023, 3), division="35")[:2] == (D(160), D(480))
    assert not MonthlyAggregate.objects.filter(park=world.park, division="27").exclude(
        cum_industrial_output=0
    )
    equal_to_a_rebuild()


def test_entering_and_leaving_the_set_between_new_months(world: World, record: Any) -> None:
    staff = world.user("economy_staff")
    a, b = world.enterprise, world.other_enterprise
    for m in (1, 2):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=50)
    enter_set(staff, a, SET, month(2023, 3))
    record(a, 2023, 3, industrial_output=100)
    record(b, 2023, 3, industrial_output=50)
    # In the set at March's end: A with its year to date.
    assert sums(world.park, month(2023, 3), SET) == (D(100), D(300), D(0), D(0), 1)
    services.scale_decision_record(
        user=staff,
        enterprise=a,
        scale_set=SET,
        direction="leave",
        effective_period=month(2023, 4),
        decided_on=dt.date(2023, 5, 10),
    )
    enter_set(staff, b, SET, month(2023, 4))
    record(a, 2023, 4, industrial_output=100)
    record(b, 2023, 4, industrial_output=50)
    # April: only B, with its January–April.
    assert stats(world.park, month(2023, 4), SET)[:2] == ((1, D(50), D(50)), (1, D(200), D(200)))
    assert sums(world.park, month(2023, 3), SET)[:2] == (D(100), D(300))
    equal_to_a_rebuild()


def test_a_return_taken_away_leaves_its_cells_and_the_year_to_date(world: World, record: Any) -> None:
    a, b, c = world.enterprise, world.other_enterprise, world.foreign_enterprise
    for m in (1, 2, 3):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=60)
    record(c, 2022, 11, industrial_output=30)
    removed = [(a, month(2023, 2)), (c, month(2022, 11))]
    olds = [MonthlyReturn.objects.get(enterprise=e, period=p, is_current=True) for e, p in removed]
    MonthlyReturn.objects.filter(pk__in=[r.pk for r in olds]).update(is_current=False)
    aggregates.apply_return_changes(
        change(e, p, old, None) for (e, p), old in zip(removed, olds, strict=True)
    )
    # February: B alone in 当月; 累计 A 100, B 120 (B the largest now).
    assert stats(world.park, month(2023, 2))[:2] == ((1, D(60), D(60)), (2, D(220), D(120)))
    assert sums(world.park, month(2023, 2)) == (D(60), D(220), D(0), D(0), 1)
    assert stats(world.park, month(2023, 3))[:2] == ((2, D(160), D(100)), (2, D(380), D(200)))
    # C had nothing else: its year-to-date rows and its cells are gone.
    assert not EnterpriseYearToDate.objects.filter(enterprise=c)
    assert not MonthlyCellStats.objects.filter(park=world.other_park).exclude(count_cum=0, count_cmpcum=0)
    equal_to_a_rebuild()


def test_an_enterprise_the_registry_moves_to_another_industry_takes_its_figures_at_once(
    world: World, record: Any
) -> None:
    """The registry's update announces the change (``enterprise_classified``): the aggregates move then,
    not at the enterprise's next return; a change of anything else moves nothing."""
    from scipark.enterprises import services as registry

    a, b = world.enterprise, world.other_enterprise
    for m in (1, 2, 3):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=60)
    keeper = world.user("economy_staff")
    a.refresh_from_db()
    registry.enterprise_update(
        user=keeper, enterprise=a, data={"short_name": "甲"}, expected_version=a.version
    )
    assert not MonthlyAggregate.objects.filter(division="35").exists()
    a.refresh_from_db()
    registry.enterprise_update(
        user=keeper,
        enterprise=a,
        data={"industry": ensure_industry("3511", "发电设备")},
        expected_version=a.version,
    )
    assert sums(world.park, month(2023, 3), division="35")[:2] == (D(100), D(300))
    assert stats(world.park, month(2023, 3))[:2] == ((1, D(60), D(60)), (1, D(180), D(180)))
    equal_to_a_rebuild()
