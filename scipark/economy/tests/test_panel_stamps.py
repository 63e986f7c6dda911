"""The KPI panel's read kept under its parks' stamps (issue 15 item 5, ``economy.stamps``): a panel asked
again reads one small row per park instead of the grouped statement, and is never stale — every write of the
maintained sums, the cell statistics or an industry's name renews the stamps, whichever path wrote it."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from django.db import connection

from scipark.core.testing import World, ensure_industry, make_enterprise
from scipark.economy import aggregates
from scipark.economy.models import MonthlyAggregate, MonthlyCellStats, PanelStamp
from scipark.economy.selectors import Reach, kpi_panel
from scipark.economy.selectors.panel_read import forget_kept_reads
from scipark.economy.stamps import stamps_install, stamps_of
from scipark.enterprises.models import Industry

from .conftest import month

ARGS: dict[str, Any] = {
    "period": month(2023, 3),
    "scale_set": "all",
    "measure": "industrial_output",
    "level": "division",
}


def _world(world: World, record: Any) -> Any:
    third = make_enterprise(world.park, 11, "青海第三家制药有限公司")
    for enterprise, amount in ((world.enterprise, 100), (world.other_enterprise, 90), (third, 110)):
        record(enterprise, 2022, 3, industrial_output=amount - 10)
        record(enterprise, 2023, 3, industrial_output=amount)
    return third


def _stamp(park: Any) -> int:
    return PanelStamp.objects.get(park=park).stamp


def test_a_panel_asked_again_reads_only_the_stamps_and_gives_the_same(
    world: World, record: Any, django_assert_num_queries: Any
) -> None:
    _world(world, record)
    park = world.park.pk
    forget_kept_reads()
    for reach in (Reach((park,), frozenset({park})), Reach((park,), frozenset())):
        with django_assert_num_queries(2):  # the stamps, then the grouped statement
            first = kpi_panel(reach=reach, **ARGS)
        with django_assert_num_queries(1):  # the stamps: unchanged, so the kept read
            again = kpi_panel(reach=reach, **ARGS)
        assert again == first and first[0].cumulative == D(300)


def test_a_return_written_after_a_panel_was_kept_shows_at_once(world: World, record: Any) -> None:
    third = _world(world, record)
    park = world.park.pk
    forget_kept_reads()
    for reach in (Reach((park,), frozenset({park})), Reach((park,), frozenset())):
        assert kpi_panel(reach=reach, **ARGS)[0].cumulative == D(300)
    before = _stamp(world.park)
    record(third, 2023, 3, industrial_output=150)  # a revision: 110 → 150
    assert _stamp(world.park) != before
    for reach in (Reach((park,), frozenset({park})), Reach((park,), frozenset())):
        value, rows = kpi_panel(reach=reach, **ARGS)
        assert value.cumulative == D(340)
        assert {r.code: r.value.cumulative for r in rows} == {"27": D(340)}
    power = make_enterprise(
        world.park, 12, "青海电力设备有限公司", industry=ensure_industry("3511", "发电设备")
    )
    record(power, 2023, 3, industrial_output=80)  # a new division
    value, rows = kpi_panel(reach=Reach((park,), frozenset({park})), **ARGS)
    assert value.cumulative == D(420) and {r.code for r in rows} == {"27", "35"}


def test_every_kind_of_write_renews_only_its_own_park_s_stamp(world: World, record: Any) -> None:
    _world(world, record)
    other = make_enterprise(world.other_park, 21, "他园制药有限公司")
    record(other, 2023, 3, industrial_output=50)
    mine, theirs = world.park, world.other_park
    row = MonthlyAggregate.objects.filter(park=mine).first()
    stats = MonthlyCellStats.objects.filter(park=mine).first()
    assert row is not None and stats is not None

    def renews(write: Any, *, everyone: bool = False) -> None:
        before = (_stamp(mine), _stamp(theirs))
        write()
        after = (_stamp(mine), _stamp(theirs))
        assert after[0] != before[0]
        assert (after[1] != before[1]) == everyone

    renews(lambda: MonthlyAggregate.objects.filter(pk=row.pk).update(reporting=row.reporting + 1))
    renews(lambda: MonthlyCellStats.objects.filter(pk=stats.pk).update(count_cur=stats.count_cur + 1))
    renews(lambda: MonthlyAggregate.objects.filter(pk=row.pk).delete())
    renews(lambda: aggregates.rebuild(park_ids=[mine.pk]))
    with connection.cursor() as cursor:  # raw SQL past the ORM counts too
        renews(lambda: cursor.execute("DELETE FROM economy_monthlycellstats WHERE park_id = %s", [mine.pk]))
    # An industry's name is read by every park's breakdown.
    renews(lambda: Industry.objects.filter(code="27").update(name="医药制造业(改)"), everyone=True)


def test_a_renamed_industry_shows_in_a_kept_breakdown(world: World, record: Any) -> None:
    _world(world, record)
    reach = Reach((world.park.pk,), frozenset({world.park.pk}))
    forget_kept_reads()
    assert kpi_panel(reach=reach, **ARGS)[1][0].name == "医药制造业"
    Industry.objects.filter(code="27").update(name="医药制造业(改)")
    assert kpi_panel(reach=reach, **ARGS)[1][0].name == "医药制造业(改)"


def test_the_stamps_are_those_of_the_parks_asked(world: World, record: Any) -> None:
    _world(world, record)
    assert stamps_of([world.park.pk]) == ((world.park.pk, _stamp(world.park)),)
    assert stamps_of([]) == ()
    assert stamps_of([world.other_park.pk]) == ()  # no maintained rows there yet: no stamp


def test_installing_again_renews_every_stamp_and_stamps_a_park_that_had_none(
    world: World, record: Any
) -> None:
    """``stamps_install`` runs after every ``migrate`` and flush (SQLite drops a rebuilt table's triggers,
    PostgreSQL's TRUNCATE passes them): nothing kept before it is valid after it."""
    _world(world, record)
    before = _stamp(world.park)
    PanelStamp.objects.filter(park=world.park).delete()  # rows written while no trigger was there
    stamps_install()
    after = _stamp(world.park)
    assert after != before
    stamps_install()
    assert _stamp(world.park) != after


def test_keeping_turned_off_reads_the_statement_every_time(
    world: World, record: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    """``SCIPARK_KEPT_PANEL_READS = 0`` (a distributed database without the triggers, docs/deploy.md):
    no stamps asked, the one statement each time."""
    _world(world, record)
    settings.SCIPARK_KEPT_PANEL_READS = 0
    reach = Reach((world.park.pk,), frozenset({world.park.pk}))
    for _ in range(2):
        with django_assert_num_queries(1):
            assert kpi_panel(reach=reach, **ARGS)[0].cumulative == D(300)
