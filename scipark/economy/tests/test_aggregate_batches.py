"""One batch of returns (the import's chunk, the write path's rows) that adds months, revises earlier ones and
moves enterprises between cells keeps both maintained tables equal to a rebuild, with hand-worked figures
for the cells the batch moved (issue 15 item 5: the set-based refresh, once per batch)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from scipark.core.testing import World, ensure_industry, make_enterprise
from scipark.economy import services
from scipark.economy.models import MonthlyAggregate, MonthlyCellStats
from scipark.economy.services.returns import ReturnInput

from .conftest import enter_set, month, rebuilt, snapshot

SET = "above_scale_industry"


def write(user: Any, rows: list[tuple[Any, dt.date, int]]) -> None:
    """One call of the write path: accepted returns (staff's paper returns or an import's chunk)."""
    services.returns_write(
        user=user,
        rows=[ReturnInput(e.pk, period, {"industrial_output": D(amount)}) for e, period, amount in rows],
        status="accepted",
        check_reasons=False,
    )


def stats(world: World, scale_set: str, period: dt.date, division: str = "27") -> tuple[Any, ...]:
    row = MonthlyCellStats.objects.get(
        park=world.park, scale_set=scale_set, period=period, division=division, measure="industrial_output"
    )
    return tuple(
        (getattr(row, f"count_{s}"), getattr(row, f"size_{s}"), getattr(row, f"largest_{s}"))
        for s in ("cur", "cum", "cmp", "cmpcum")
    )


def aggregate(world: World, scale_set: str, period: dt.date, division: str = "27") -> tuple[Any, ...]:
    row = MonthlyAggregate.objects.get(park=world.park, scale_set=scale_set, period=period, division=division)
    return (
        row.cur_industrial_output,
        row.cum_industrial_output,
        row.cmp_industrial_output,
        row.cmpcum_industrial_output,
        row.reporting,
    )


def test_a_batch_that_adds_revises_and_moves_enterprises_between_cells(world: World) -> None:
    staff = world.user("economy_staff")
    a, b = world.enterprise, world.other_enterprise
    c = make_enterprise(world.park, 11, "青海第三家制药有限公司")
    d = make_enterprise(world.park, 12, "青海电力设备有限公司", industry=ensure_industry("3511", "发电设备"))
    enter_set(staff, a, SET, month(2022, 1))
    write(
        staff,
        [
            (b, month(2022, 3), 40),
            *((a, month(2023, m), 100) for m in (1, 2, 3)),
            *((b, month(2023, m), 50) for m in (1, 2, 3)),
            (c, month(2023, 1), 10),
        ],
    )
    # February: A is the largest (100 of 150).
    assert stats(world, "all", month(2023, 2))[0] == (2, D(150), D(100))
    assert snapshot() == rebuilt()

    # B enters the set from April: from then on its months count in the set's cells too.
    enter_set(staff, b, SET, month(2023, 4))
    # One batch: April for A, B, C (C had no return since January: it moves into April's 当月 cell) and
    # for D (another division); A's February revised down to 1 (the largest of February's cell goes
    # down, which no difference can follow); B's March 2022 revised (a base of 2023's comparable growth).
    write(
        staff,
        [
            (a, month(2023, 4), 100),
            (b, month(2023, 4), 50),
            (c, month(2023, 4), 10),
            (d, month(2023, 4), 80),
            (a, month(2023, 2), 1),
            (b, month(2022, 3), 60),
        ],
    )

    # February: B (50) is the largest now; 累计: A 101, B 100, C 10.
    assert stats(world, "all", month(2023, 2))[:2] == ((2, D(51), D(50)), (3, D(211), D(101)))
    # April, every enterprise: 当月 A 100 + B 50 + C 10; 累计 A 301, B 200, C 20; no April 2022;
    # January–April 2022 of the same enterprises: B's revised March, 60.
    assert stats(world, "all", month(2023, 4)) == (
        (3, D(160), D(100)),
        (3, D(521), D(301)),
        (0, D(0), D(0)),
        (1, D(60), D(60)),
    )
    assert aggregate(world, "all", month(2023, 4)) == (D(160), D(521), D(0), D(60), 3)
    # The set in April: A and, since April, B.
    assert stats(world, SET, month(2023, 4)) == (
        (2, D(150), D(100)),
        (2, D(501), D(301)),
        (0, D(0), D(0)),
        (1, D(60), D(60)),
    )
    assert aggregate(world, SET, month(2023, 4)) == (D(150), D(501), D(0), D(60), 2)
    # March: only A in the set (B from April), and A reported nothing in 2022.
    assert aggregate(world, SET, month(2023, 3)) == (D(100), D(201), D(0), D(0), 1)
    # A year later, April 2023 is the comparable base.
    assert aggregate(world, "all", month(2024, 4)) == (D(0), D(0), D(160), D(521), 0)
    assert stats(world, "all", month(2023, 4), division="35")[0] == (1, D(80), D(80))
    assert snapshot() == rebuilt()
