"""Appeals on the workbench (issue 10, item 1): the counts come from records and follow them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.appeals.workbench import todos
from scipark.parks.models import DepartmentKind


def _counts(user) -> dict[str, int]:
    return {str(todo.label): todo.count for todo in todos(user)}


def test_staff_see_what_waits_for_acceptance_and_what_is_overdue_until_it_is_handled(world, client_for):
    category = make_category(world.park)
    now = timezone.now()
    make_appeal(world.park, category, enterprise=world.enterprise)  # waiting to be accepted
    late = make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        state=AppealState.IN_PROGRESS,
        lead_kind=DepartmentKind.SERVICE,
        received_at=now - dt.timedelta(days=20),
        due_at=now - dt.timedelta(days=2),
    )
    make_appeal(
        world.other_park,
        make_category(world.other_park),
        state=AppealState.IN_PROGRESS,
        lead_kind=DepartmentKind.SERVICE,
        due_at=now - dt.timedelta(days=2),
    )  # another park's: never counted
    counts = _counts(world.user("service_staff"))
    assert counts["待受理的诉求"] == 1
    assert counts["本部门办理、已超期的诉求"] == 1
    page = client_for("service_staff").get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "本部门办理、已超期的诉求" in text and "待受理的诉求" in text

    late.state = AppealState.CONCLUDED
    late.closed_at = now
    late.save()
    assert _counts(world.user("service_staff"))["本部门办理、已超期的诉求"] == 0
    assert "本部门办理、已超期的诉求" not in client_for("service_staff").get("/").content.decode()


def test_a_department_sees_only_the_appeals_it_handles(world):
    category = make_category(world.park)
    make_appeal(
        world.park,
        category,
        state=AppealState.ASSIGNED,
        lead_kind=DepartmentKind.ECONOMY,
        due_at=timezone.now() + dt.timedelta(days=30),
    )
    make_appeal(world.park, category, state=AppealState.ASSIGNED, lead_kind=DepartmentKind.SERVICE)
    economy = _counts(world.user("economy_staff"))
    assert economy.get("本部门办理中的其他诉求") == 1
    assert "待受理的诉求" not in economy  # accepting is 企业服务's work


def test_an_enterprise_sees_its_appeals_waiting_for_its_rating_and_no_one_elses(world, client_for):
    category = make_category(world.park)
    make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.CONCLUDED)
    make_appeal(world.park, category, enterprise=world.other_enterprise, state=AppealState.CONCLUDED)
    counts = _counts(world.user("enterprise_user"))
    assert counts["已办结、待您评价的诉求"] == 1
    assert "待受理的诉求" not in counts
    assert "已办结、待您评价的诉求" in client_for("enterprise_user").get("/").content.decode()
