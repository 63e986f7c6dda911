"""Issue 10 item 6: an appeal's change log records every step with its state change, and its creation
entry shows the final appeal number (SQ…), never the temporary one the row is first written with."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry

from scipark.appeals import services
from scipark.appeals.models import Appeal, AppealStep
from scipark.core.roles import DepartmentKind
from scipark.parks.models import Department

A = AppealStep.Action


def take(action: str, user: Any, appeal: Appeal, **data: Any) -> Appeal:
    stored = Appeal.objects.get(pk=appeal.pk)
    return services.appeal_step(user=user, appeal=stored, action=action, version=stored.version, **data)


@pytest.mark.django_db
def test_accept_assign_conclude_each_leave_a_change_log_entry(world: Any, category: Any) -> None:
    appeal = services.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱,影响生产调度。",
    )
    assert appeal.number.startswith("SQ")
    created = LogEntry.objects.get_for_object(appeal).get(action=LogEntry.Action.CREATE)
    assert appeal.number in created.object_repr and "TMP" not in created.object_repr
    assert "TMP" not in str(created.changes_dict.get("number"))
    assert created.changes_dict["number"][1] == appeal.number

    staff = world.user("service_staff")
    lead = Department.objects.get(park=world.park, kind=DepartmentKind.SERVICE)
    take(A.ACCEPT, staff, appeal)
    take(A.ASSIGN, staff, appeal, lead_department=lead)
    take(A.START, staff, appeal)
    take(A.CONCLUDE, staff, appeal, resolved=True, notes="已协调运营商增设基站")

    updates = LogEntry.objects.get_for_object(appeal).filter(action=LogEntry.Action.UPDATE).order_by("pk")
    states = [entry.changes_dict.get("state") for entry in updates]
    assert states == [
        ["submitted", "accepted"],
        ["accepted", "assigned"],
        ["assigned", "in_progress"],
        ["in_progress", "concluded"],
    ]
    assert not LogEntry.objects.get_for_object(appeal).filter(object_repr__contains="TMP").exists()
