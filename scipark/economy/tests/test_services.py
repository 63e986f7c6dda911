"""Collecting returns: the reason rule, revisions, acceptance, and who may do what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.core.access import AccessDenied, Action
from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import EnergyUse, MonthlyReturn

from .conftest import month


def submit(world: World, persona: str, enterprise: Any, period: dt.date, **kwargs: Any) -> MonthlyReturn:
    data = kwargs.pop("data", {"revenue": D(100), "industrial_output": D(100)})
    return services.return_submit(
        user=world.user(persona), enterprise=enterprise, period=period, data=data, **kwargs
    )


def test_an_enterprise_submits_its_own_return_and_staff_accept_it(world: World) -> None:
    record = submit(
        world, "enterprise_user", world.enterprise, month(2023, 5), energy={"electricity": D(10000)}
    )
    assert record.status == "submitted" and not record.is_current
    assert record.energy_tce == D("1.2290")
    assert EnergyUse.objects.get(monthly_return=record).tce == D("1.2290")
    accepted = services.return_accept(
        user=world.user("economy_staff"), monthly_return=record, expected_version=record.version
    )
    assert accepted.is_current and accepted.status == "accepted"


def test_an_enterprise_cannot_submit_for_another_enterprise(world: World) -> None:
    with pytest.raises(AccessDenied):
        submit(world, "enterprise_user", world.other_enterprise, month(2023, 5))
    assert not MonthlyReturn.objects.exists()


@pytest.mark.parametrize("persona", ["enterprise_user", "service_staff", "park_leader", "other_park_staff"])
def test_only_economy_staff_accept(world: World, persona: str) -> None:
    record = submit(world, "enterprise_user", world.enterprise, month(2023, 5))
    with pytest.raises(AccessDenied):
        services.return_accept(
            user=world.user(persona), monthly_return=record, expected_version=record.version
        )
    record.refresh_from_db()
    assert record.status == "submitted"


def test_reads_follow_the_roles(world: World) -> None:
    own = submit(world, "enterprise_user", world.enterprise, month(2023, 5))
    other = submit(world, "economy_staff", world.other_enterprise, month(2023, 5))

    def visible(persona: str, action: Action = Action.VIEW) -> set[int]:
        return set(MonthlyReturn.objects.restrict(world.user(persona), action).values_list("pk", flat=True))

    assert visible("enterprise_user") == {own.pk}
    assert visible("enterprise_user", Action.CHANGE) == {own.pk}
    assert visible("economy_staff", Action.CHANGE) == {own.pk, other.pk}
    assert visible("service_staff") == {own.pk, other.pk}
    assert visible("service_staff", Action.CHANGE) == set()
    assert visible("park_leader") == {own.pk, other.pk}
    assert visible("other_park_staff") == set()
    assert visible("zone_viewer") == set()


def test_a_jump_over_fifty_percent_or_a_negative_value_needs_a_reason(world: World, record: Any) -> None:
    record(world.enterprise, 2023, 4, revenue=100)
    with pytest.raises(ValidationError) as error:
        submit(
            world,
            "enterprise_user",
            world.enterprise,
            month(2023, 5),
            data={"revenue": D(160), "profit": D(-5)},
        )
    messages = error.value.message_dict
    assert "上月增长60.0%" in messages["revenue"][0]
    assert "负数" in messages["profit"][0]
    ok = submit(
        world,
        "enterprise_user",
        world.enterprise,
        month(2023, 5),
        data={"revenue": D(160), "profit": D(-5)},
        reasons={"revenue": "新订单", "profit": "原料涨价"},
    )
    assert ok.reasons == {"revenue": "新订单", "profit": "原料涨价"}
    # A draft is saved without the check.
    assert submit(
        world, "enterprise_user", world.enterprise, month(2023, 6), data={"revenue": D(999)}, draft=True
    )


def test_a_revision_of_an_accepted_return_counts_once_accepted(world: World, record: Any) -> None:
    first = record(world.enterprise, 2023, 5, revenue=100)
    revised = submit(world, "enterprise_user", world.enterprise, month(2023, 5), data={"revenue": D(120)})
    assert revised.revision == 2
    first.refresh_from_db()
    assert first.is_current  # still counts until the revision is accepted
    services.return_accept(
        user=world.user("economy_staff"), monthly_return=revised, expected_version=revised.version
    )
    first.refresh_from_db()
    assert not first.is_current and first.status == "superseded"
    assert MonthlyReturn.objects.current().get(enterprise=world.enterprise).revenue == D(120)


def test_a_future_period_is_refused(world: World) -> None:
    future = (services.current_period() + dt.timedelta(days=40)).replace(day=1)
    with pytest.raises(ValidationError) as error:
        submit(world, "economy_staff", world.enterprise, future)
    assert "未来" in str(error.value)


def test_rejection_needs_a_reason_and_goes_back_to_the_enterprise(world: World) -> None:
    record = submit(world, "enterprise_user", world.enterprise, month(2023, 5))
    with pytest.raises(ValidationError):
        services.return_reject(
            user=world.user("economy_staff"), monthly_return=record, expected_version=record.version, note=" "
        )
    rejected = services.return_reject(
        user=world.user("economy_staff"),
        monthly_return=record,
        expected_version=record.version,
        note="请核对营业收入",
    )
    assert rejected.status == "rejected"
    again = submit(world, "enterprise_user", world.enterprise, month(2023, 5), data={"revenue": D(101)})
    assert again.pk == record.pk and again.status == "submitted"


def test_projects_count_from_five_million(world: World) -> None:
    staff = world.user("economy_staff")
    big = services.project_create(
        user=staff,
        park=world.park,
        data={"name": "扩建", "planned_total": D(5000000), "start_date": dt.date(2023, 1, 5)},
    )
    small = services.project_create(
        user=staff,
        park=world.park,
        data={"name": "小改造", "planned_total": D("4999999.99"), "start_date": dt.date(2023, 1, 5)},
    )
    assert big.in_scope and not small.in_scope
    services.project_investment_set(user=staff, project=big, period=month(2023, 3), amount=D(100))
    with pytest.raises(ValidationError):
        services.project_investment_set(user=staff, project=big, period=month(2022, 12), amount=D(100))
    with pytest.raises(AccessDenied):
        services.project_create(
            user=world.user("enterprise_user"),
            park=world.park,
            data={"name": "x", "planned_total": D(1), "start_date": dt.date(2023, 1, 1)},
        )
