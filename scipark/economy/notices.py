"""Notifications of the monthly-returns loop, sent through the notifications app (issue 10, item 5).

Submitted → the park's 经济发展 staff; accepted, or sent back with the reason → the enterprise's users.
Each is written in the same transaction as the step it announces (the e-mail leaves after commit).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from scipark.accounts.selectors import members, members_by_enterprise
from scipark.core.roles import DepartmentKind, Role
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify

from .models import MonthlyReturn

SUBMITTED_KIND = EventKind.RETURN_SUBMITTED.value
REVIEWED_KIND = EventKind.RETURN_REVIEWED.value


def announce_submitted(*, user: Any, record: MonthlyReturn) -> None:
    """Tell the park's 经济发展 staff that an enterprise submitted a month (they review it)."""
    staff = members(
        role=Role.DEPARTMENT_STAFF, park_id=record.park_id, department_kind=DepartmentKind.ECONOMY
    )
    name = record.enterprise.name
    revised = f"(第{record.revision}版)" if record.revision > 1 else ""
    notify(
        recipients=staff,
        kind=SUBMITTED_KIND,
        title=f"{name}报送了{record.period:%Y年%m月}月度报表{revised},待审核",
        body=f"{name}已报送{record.period:%Y年%m月}的月度统计报表,请审核通过或退回。",
        url=reverse("economy:return_detail", args=[record.pk]),
        exclude=user,
    )


def announce_reviewed(*, user: Any, record: MonthlyReturn) -> None:
    """Tell the enterprise's users that their month was accepted, or sent back with the reason."""
    people = members_by_enterprise([record.enterprise_id]).get(record.enterprise_id, [])
    month = f"{record.period:%Y年%m月}"
    if record.status == MonthlyReturn.Status.ACCEPTED:
        title = f"{month}月度报表已审核通过"
        body = f"{record.enterprise.name}{month}的月度统计报表已审核通过。" + (
            f"审核意见:{record.review_note}" if record.review_note else ""
        )
    else:
        title = f"{month}月度报表已退回,请修改后重新报送"
        body = f"{record.enterprise.name}{month}的月度统计报表被退回。退回原因:{record.review_note}"
    url = reverse("economy:portal_return", args=[f"{record.period:%Y-%m}"])
    notify(
        recipients=people,
        kind=REVIEWED_KIND,
        title=title,
        body=body,
        url=f"{url}?enterprise={record.enterprise_id}",
        exclude=user,
    )
