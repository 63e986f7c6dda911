"""Environment on the workbench (issue 10, item 1): findings overdue, due soon and waiting for review,
counted with the finding list's own filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from scipark.core.testing import World
from scipark.environment import workbench
from scipark.environment.models import Finding, FindingState


def _todos(user: Any) -> dict[str, Any]:
    return {str(todo.label): todo for todo in workbench.todos(user)}


def test_staff_and_the_enterprise_see_the_findings_that_wait(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    base = {
        "park": world.park,
        "source": "park_check",
        "kind": "problem",
        "received_on": today - dt.timedelta(60),
    }
    Finding.objects.create(number="R-LATE", title="逾期事项", deadline=today - dt.timedelta(3),
                           enterprise=world.enterprise, **base)  # fmt: skip
    Finding.objects.create(number="R-SOON", title="临期事项", deadline=today + dt.timedelta(5), **base)
    Finding.objects.create(number="R-LATER", title="远期事项", deadline=today + dt.timedelta(40),
                           state=FindingState.REVIEW, **base)  # fmt: skip
    Finding.objects.create(number="R-DONE", title="已销号", deadline=today - dt.timedelta(3),
                           state=FindingState.CLOSED, **base)  # fmt: skip
    Finding.objects.create(number="R-FAR", title="他园事项", deadline=today - dt.timedelta(3),
                           **{**base, "park": world.other_park})  # fmt: skip

    staff = _todos(world.user("environment_staff"))
    assert (
        staff["超期未整改的问题"].count,
        staff["14天内到期的整改"].count,
        staff["待复核的整改"].count,
    ) == (1, 1, 1)
    assert _todos(world.user("economy_staff")) == {}
    mine = _todos(world.user("enterprise_user"))
    assert mine["已超期的整改问题"].count == 1 and mine["14天内到期的整改问题"].count == 0

    # The links open exactly these findings (the list's table; its reminder panels list both anyway).
    def listed(url: str) -> set[str]:
        table = client_for("environment_staff").get(url).context["table"]
        return {row.record.number for row in table.rows}

    assert listed(staff["超期未整改的问题"].url) == {"R-LATE"}
    assert listed(staff["14天内到期的整改"].url) == {"R-SOON"}
    assert listed(staff["待复核的整改"].url) == {"R-LATER"}
