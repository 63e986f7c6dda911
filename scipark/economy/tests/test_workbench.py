"""Economy on the workbench (issue 10, item 1): what staff and enterprises owe, counted from records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.core.workbench import Urgency
from scipark.economy import workbench
from scipark.economy.models import MonthlyReturn

OCT = dt.date(2023, 10, 1)


@pytest.fixture
def in_november(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Returns of October are being collected; the deadline is 10 November."""

    def at(day: int) -> None:
        monkeypatch.setattr(workbench, "due_period", lambda: OCT)
        monkeypatch.setattr(workbench, "_today", lambda: dt.date(2023, 11, day))

    return at


def _todos(user: Any) -> dict[str, Any]:
    return {str(todo.label): todo for todo in workbench.todos(user)}


def test_deadline_urgency_by_hand() -> None:
    assert workbench.deadline_urgency(OCT, dt.date(2023, 11, 1)) == Urgency.OPEN
    assert workbench.deadline_urgency(OCT, dt.date(2023, 11, 7)) == Urgency.DUE_SOON  # 3 days left
    assert workbench.deadline_urgency(OCT, dt.date(2023, 11, 10)) == Urgency.DUE_SOON  # the last day
    assert workbench.deadline_urgency(OCT, dt.date(2023, 11, 11)) == Urgency.OVERDUE


def test_staff_see_who_still_owes_the_month_and_what_waits_for_review(
    world: World, record: Any, in_november: Any
) -> None:
    in_november(12)
    record(world.enterprise, 2023, 9, revenue=1_000_000)
    record(world.other_enterprise, 2023, 9, revenue=1_000_000)
    record(world.enterprise, 2023, 10, revenue=1_000_000)  # the other enterprise owes October
    MonthlyReturn.objects.filter(enterprise=world.enterprise, period=OCT).update(
        status=MonthlyReturn.Status.SUBMITTED
    )
    todos = _todos(world.user("economy_staff"))
    owed = todos["尚未报送上月月报的企业"]
    assert owed.count == 1 and owed.urgency == Urgency.OVERDUE
    assert owed.url.endswith("/economy/returns/missing/?period=2023-10")
    assert todos["待审核的月报"].count == 1
    # Another department's staff and a zone viewer owe nothing here.
    assert "尚未报送上月月报的企业" not in _todos(world.user("service_staff"))
    assert _todos(world.user("zone_viewer")) == {}


def test_an_enterprise_sees_its_own_month_until_it_submits(
    world: World, record: Any, in_november: Any
) -> None:
    in_november(8)
    user = world.user("enterprise_user")
    due = _todos(user)["待报送的月报"]
    assert due.count == 1 and due.urgency == Urgency.DUE_SOON and "2023年10月" in str(due.hint)
    assert "待审核的月报" not in _todos(user)  # not a reviewer
    record(world.enterprise, 2023, 10, revenue=1_000_000)
    assert _todos(user)["待报送的月报"].count == 0


def test_the_home_page_shows_the_economy_todos(world: World, client_for: Any, in_november: Any) -> None:
    in_november(12)
    page = client_for("enterprise_user").get("/").content.decode()
    assert "待报送的月报" in page and "2023年10月" in page
