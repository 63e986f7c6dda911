"""An above-scale status added or ended anywhere keeps the aggregates equal to a rebuild (issue 8 §7).

The registry's services (and so its page and API) announce status changes; the economy follows them in
the same transaction. Before, only the economy's own scale decision moved the aggregates, and E1/E3/E6
stayed stale until ``rebuild_economy_aggregates``.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import MonthlyAggregate
from scipark.enterprises import services as registry
from scipark.enterprises.models import EnterpriseStatus
from scipark.enterprises.signals import enterprise_status_changed

from .conftest import month

SET = "above_scale_industry"


def assert_equal_to_a_rebuild() -> None:
    """What ``rebuild_economy_aggregates --check`` says (it recomputes in a transaction it rolls back)."""
    try:
        call_command("rebuild_economy_aggregates", "--check", stdout=io.StringIO())
    except CommandError as error:
        pytest.fail(str(error))


def in_set(world: World, period: dt.date) -> int:
    row = MonthlyAggregate.objects.filter(park=world.park, scale_set=SET, period=period).first()
    return row.reporting if row is not None else 0


@pytest.fixture
def year_of_returns(world: World, record: Any) -> None:
    for m in range(1, 7):
        record(world.enterprise, 2023, m, industrial_output=100 + m, revenue=90, value_added=30)
        record(world.other_enterprise, 2023, m, industrial_output=50, revenue=40, value_added=10)
    record(world.enterprise, 2022, 3, industrial_output=80)


@pytest.mark.usefixtures("year_of_returns")
def test_statuses_added_and_ended_by_the_registry_service_move_the_aggregates(world: World) -> None:
    staff = world.user("economy_staff")
    status = registry.enterprise_status_add(
        user=staff, enterprise=world.enterprise, kind=SET, valid_from=dt.date(2022, 3, 1)
    )
    assert in_set(world, month(2023, 3)) == 1
    assert_equal_to_a_rebuild()
    registry.enterprise_status_end(user=staff, status=status, valid_to=dt.date(2023, 4, 30))
    assert (in_set(world, month(2023, 4)), in_set(world, month(2023, 5))) == (1, 0)
    assert_equal_to_a_rebuild()
    registry.enterprise_status_add(
        user=staff, enterprise=world.other_enterprise, kind=SET, valid_from=dt.date(2023, 3, 15)
    )
    # A status counts from the month whose last day it covers: March, not February.
    assert (in_set(world, month(2023, 2)), in_set(world, month(2023, 3))) == (1, 2)
    assert_equal_to_a_rebuild()


@pytest.mark.usefixtures("year_of_returns")
def test_statuses_added_and_ended_through_the_api_move_the_aggregates(world: World) -> None:
    client = APIClient()
    client.force_authenticate(world.user("economy_staff"))
    payload = {"enterprise": world.enterprise.pk, "kind": SET, "valid_from": "2023-02-01"}
    created = client.post("/api/v1/enterprise-statuses/", payload, format="json")
    assert created.status_code == 201, created.json()
    assert in_set(world, month(2023, 2)) == 1
    assert_equal_to_a_rebuild()
    ended = client.post(
        f"/api/v1/enterprise-statuses/{created.json()['id']}/end/", {"valid_to": "2023-05-31"}, format="json"
    )
    assert ended.status_code == 200, ended.json()
    assert (in_set(world, month(2023, 5)), in_set(world, month(2023, 6))) == (1, 0)
    assert_equal_to_a_rebuild()


@pytest.mark.usefixtures("year_of_returns")
def test_scale_decisions_move_the_aggregates_once(world: World) -> None:
    staff = world.user("economy_staff")
    for direction, period in (("enter", month(2023, 2)), ("leave", month(2023, 5))):
        services.scale_decision_record(
            user=staff,
            enterprise=world.enterprise,
            scale_set=SET,
            direction=direction,
            effective_period=period,
            decided_on=dt.date(2023, 6, 1),
        )
        assert_equal_to_a_rebuild()
    assert (in_set(world, month(2023, 4)), in_set(world, month(2023, 5))) == (1, 0)


@pytest.mark.usefixtures("year_of_returns")
def test_other_kinds_and_refused_changes_leave_the_aggregates_alone(world: World) -> None:
    staff = world.user("economy_staff")
    before = list(MonthlyAggregate.objects.order_by("pk").values())
    registry.enterprise_status_add(
        user=staff, enterprise=world.enterprise, kind="incubation", valid_from=dt.date(2023, 1, 1)
    )
    registry.enterprise_status_add(
        user=staff, enterprise=world.enterprise, kind=SET, valid_from=month(2023, 1)
    )
    with pytest.raises(ValidationError):  # an overlapping period is refused, the aggregates stay
        registry.enterprise_status_add(
            user=staff, enterprise=world.enterprise, kind=SET, valid_from=month(2023, 3)
        )
    assert EnterpriseStatus.objects.filter(kind=SET).count() == 1
    assert_equal_to_a_rebuild()
    assert before != list(MonthlyAggregate.objects.order_by("pk").values())


def test_the_registry_announces_each_change_with_the_period_before_and_after(world: World) -> None:
    heard: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        heard.append({k: v for k, v in kwargs.items() if k != "signal"})

    enterprise_status_changed.connect(listen, dispatch_uid="test-listen")
    try:
        staff = world.user("economy_staff")
        status = registry.enterprise_status_add(
            user=staff, enterprise=world.enterprise, kind=SET, valid_from=dt.date(2023, 1, 1)
        )
        registry.enterprise_status_end(user=staff, status=status, valid_to=dt.date(2023, 6, 30))
    finally:
        enterprise_status_changed.disconnect(dispatch_uid="test-listen")
    start, end = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
    assert heard == [
        {"enterprise_id": world.enterprise.pk, "kind": SET, "before": None, "after": (start, None)},
        {"enterprise_id": world.enterprise.pk, "kind": SET, "before": (start, None), "after": (start, end)},
    ]
