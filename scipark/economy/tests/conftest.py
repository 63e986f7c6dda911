"""Economy test helpers on top of the shared world."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps

from scipark.core.roles import DepartmentKind, Role
from scipark.core.testing import PASSWORD, World
from scipark.economy import aggregates, services
from scipark.economy.models import (
    AGGREGATE_COLUMNS,
    CELL_STATS_COLUMNS,
    EnterpriseYearToDate,
    MonthlyAggregate,
    MonthlyCellStats,
)


def month(year: int, m: int) -> dt.date:
    return dt.date(year, m, 1)


def snapshot() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """The aggregate table's non-zero rows, keyed, with every maintained column, and beside them the
    suppression stats (``MonthlyCellStats``) of every row and measure."""
    rows: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in MonthlyAggregate.objects.all():
        values = tuple(getattr(row, c) for c in AGGREGATE_COLUMNS)
        if any(values):
            rows[(row.park_id, row.scale_set, row.period, row.division, row.section)] = values
    for stats in MonthlyCellStats.objects.all():
        values = tuple(getattr(stats, c) for c in CELL_STATS_COLUMNS)
        if any(values):
            key = (stats.park_id, stats.scale_set, stats.period, stats.division, stats.section, stats.measure)
            rows[("stats", *key)] = values
    return rows


def rebuilt() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """What a recomputation from the returns gives (the table is rebuilt, then read)."""
    aggregates.rebuild()
    return snapshot()


def year_to_date() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Every enterprise's year-to-date rows, keyed by enterprise and month."""
    return {
        (row.enterprise_id, row.period): (
            row.park_id,
            row.division,
            row.section,
            row.reported,
            row.returns,
            row.cur_industrial_output,
            row.cum_industrial_output,
        )
        for row in EnterpriseYearToDate.objects.all()
    }


def equal_to_a_rebuild() -> None:
    """Both maintained tables and the year-to-date rows are what a rebuild from the returns gives."""
    maintained, kept = snapshot(), year_to_date()
    assert maintained == rebuilt()
    assert kept == year_to_date()


def economy_staff_of(park: Any, username: str) -> Any:
    """A 经济发展 staff user of ``park``."""
    user = apps.get_model("accounts", "User").objects.create_user(username=username, password=PASSWORD)
    department = apps.get_model("parks", "Department").objects.get(park=park, kind=DepartmentKind.ECONOMY)
    apps.get_model("accounts", "Membership").objects.create(
        user=user, role=Role.DEPARTMENT_STAFF, park=park, department=department
    )
    return user


def enter_set(staff: Any, enterprise: Any, scale_set: str, since: dt.date) -> None:
    """The statistics bureau's decision that ``enterprise`` is in ``scale_set`` from ``since``."""
    services.scale_decision_record(
        user=staff,
        enterprise=enterprise,
        scale_set=scale_set,
        direction="enter",
        effective_period=since,
        decided_on=since + dt.timedelta(days=19),
    )


@pytest.fixture
def record(world: World) -> Any:
    """``record(enterprise, 2023, 5, revenue=...)``: an accepted return entered by its park's 经济发展 staff."""
    staff = {world.park.pk: world.user("economy_staff")}

    def make(enterprise: Any, year: int, m: int, **values: Any) -> Any:
        if enterprise.park_id not in staff:
            staff[enterprise.park_id] = economy_staff_of(enterprise.park, f"economy_{enterprise.park_id}")
        data = {k: Decimal(str(v)) for k, v in values.items()}
        reasons = dict.fromkeys(data, "测试")
        return services.return_record(
            user=staff[enterprise.park_id],
            enterprise=enterprise,
            period=month(year, m),
            data=data,
            reasons=reasons,
        )

    return make
