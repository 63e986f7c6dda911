"""The maintained aggregates equal a recomputation from the returns, after writes, revisions and scale changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from scipark.core.testing import World, make_enterprise
from scipark.economy import services
from scipark.economy.models import MonthlyAggregate, MonthlyCellStats

from .conftest import month, rebuilt, snapshot


def test_aggregates_follow_returns_revisions_and_scale_decisions(world: World, record: Any) -> None:
    staff = world.user("economy_staff")
    third = make_enterprise(world.park, 11, "青海第三家制药有限公司")
    services.scale_decision_record(
        user=staff,
        enterprise=world.enterprise,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=month(2022, 1),
        decided_on=dt.date(2022, 2, 10),
    )
    for m in range(1, 13):
        record(world.enterprise, 2022, m, industrial_output=100 + m, revenue=90, value_added=30)
        record(world.other_enterprise, 2022, m, industrial_output=50, revenue=40, value_added=10)
    for m in range(1, 7):
        record(world.enterprise, 2023, m, industrial_output=110 + m, revenue=95, value_added=33)
        record(world.other_enterprise, 2023, m, industrial_output=60, revenue=45, value_added=12)
        record(third, 2023, m, industrial_output=20)
    record(world.foreign_enterprise, 2023, 3, industrial_output=999)
    assert snapshot() == rebuilt()

    # A revision of an accepted month: the new accepted revision counts, the old one is history.
    record(world.enterprise, 2022, 3, industrial_output=500, revenue=90, value_added=30)
    # The other enterprise enters the above-scale set from June 2023; the first one leaves from May.
    services.scale_decision_record(
        user=staff,
        enterprise=world.other_enterprise,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=month(2023, 6),
        decided_on=dt.date(2023, 7, 1),
    )
    services.scale_decision_record(
        user=staff,
        enterprise=world.enterprise,
        scale_set="above_scale_industry",
        direction="leave",
        effective_period=month(2023, 5),
        decided_on=dt.date(2023, 6, 1),
    )
    maintained = snapshot()
    assert maintained == rebuilt()

    row = MonthlyAggregate.objects.get(
        park=world.park, scale_set="above_scale_industry", period=month(2023, 6), division="27"
    )
    # June 2023: only the other enterprise is in the set: 60 this month, 6 × 60 from January,
    # and its own 2022 figures as the comparable base: 50 and 6 × 50.
    assert (row.cur_industrial_output, row.cum_industrial_output) == (D(60), D(360))
    assert (row.cmp_industrial_output, row.cmpcum_industrial_output) == (D(50), D(300))
    assert row.reporting == 1
    # Beside it, what suppression reads: one enterprise in each of its sums, the largest being all of it.
    stats = MonthlyCellStats.objects.get(
        park=world.park,
        scale_set="above_scale_industry",
        period=month(2023, 6),
        division="27",
        measure="industrial_output",
    )
    assert (stats.count_cur, stats.count_cum, stats.count_cmp, stats.count_cmpcum) == (1, 1, 1, 1)
    assert (stats.size_cum, stats.largest_cum) == (D(360), D(360))
    assert (stats.size_cmpcum, stats.largest_cmpcum) == (D(300), D(300))
    march = MonthlyAggregate.objects.get(
        park=world.park, scale_set="above_scale_industry", period=month(2022, 3), division="27"
    )
    # The revised March 2022 (500) counts, not the first revision (103).
    assert march.cur_industrial_output == D(500)
    assert march.cum_industrial_output == D(101 + 102 + 500)


def test_rebuild_for_one_park_leaves_the_other_alone(world: World, record: Any) -> None:
    record(world.enterprise, 2023, 1, industrial_output=10)
    record(world.foreign_enterprise, 2023, 1, industrial_output=20)
    before = snapshot()
    MonthlyAggregate.objects.filter(park=world.park).update(cur_industrial_output=D(0))
    from scipark.economy import aggregates

    aggregates.rebuild([world.park.pk])
    assert snapshot() == before


def test_the_rebuild_command_checks_and_repairs(world: World, record: Any) -> None:
    import io

    import pytest
    from django.core.management import call_command
    from django.core.management.base import CommandError

    record(world.enterprise, 2023, 1, industrial_output=10)
    call_command("rebuild_economy_aggregates", "--check", stdout=io.StringIO())
    MonthlyAggregate.objects.update(cum_industrial_output=D(1))
    with pytest.raises(CommandError):
        call_command("rebuild_economy_aggregates", "--check", stdout=io.StringIO())
    call_command("rebuild_economy_aggregates", stdout=io.StringIO())
    call_command("rebuild_economy_aggregates", "--check", "--park", world.park.code, stdout=io.StringIO())
    # The suppression stats beside the aggregates are checked and repaired too.
    MonthlyCellStats.objects.update(largest_cum=D(1))
    with pytest.raises(CommandError):
        call_command("rebuild_economy_aggregates", "--check", stdout=io.StringIO())
    call_command("rebuild_economy_aggregates", stdout=io.StringIO())
    call_command("rebuild_economy_aggregates", "--check", stdout=io.StringIO())


def test_the_suppression_stats_weigh_a_loss_as_its_size_and_count_a_blank_amount(
    world: World, record: Any
) -> None:
    third = make_enterprise(world.park, 11, "青海第三家制药有限公司")
    record(world.enterprise, 2023, 3, profit=-50)
    record(world.other_enterprise, 2023, 3, profit=20)
    record(third, 2023, 3, revenue=5)  # no profit figure: a contributor of 0
    record(world.enterprise, 2023, 2, profit=10)

    def stats(period: dt.date) -> MonthlyCellStats:
        return MonthlyCellStats.objects.get(
            park=world.park, scale_set="all", period=period, division="27", measure="profit"
        )

    march = stats(month(2023, 3))
    assert (march.count_cur, march.size_cur, march.largest_cur) == (3, D(70), D(50))
    # 累计: the first enterprise's own total from January is 10 − 50 = −40, a size of 40.
    assert (march.count_cum, march.size_cum, march.largest_cum) == (3, D(60), D(40))
    # A year later the same enterprises' figures are the comparable base.
    later = stats(month(2024, 3))
    assert (later.count_cmp, later.size_cmp, later.largest_cmp) == (3, D(70), D(50))
    assert (later.count_cmpcum, later.size_cmpcum, later.largest_cmpcum) == (3, D(60), D(40))
    assert (later.count_cur, later.count_cum) == (0, 0)
    assert snapshot() == rebuilt()
