"""Notifications of the monthly-returns loop, sent through the notifications app (issue 10, item 5).

Submitted → the park's 经济发展 staff; accepted, or sent back with the reason → the enterprise's users.
Each is written in the same transaction as the step it announces (the e-mail leaves after commit).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_noop

from scipark.accounts.selectors import members, members_by_enterprise
from scipark.core.messages import Message, month, phrase
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
    revised = (
        phrase(gettext_noop("(第%(revision)s版)"), revision=record.revision) if record.revision > 1 else ""
    )
    values = {"enterprise": record.enterprise.name, "month": month(record.period), "revised": revised}
    notify(
        recipients=staff,
        kind=SUBMITTED_KIND,
        title=Message(gettext_noop("%(enterprise)s报送了%(month)s月度报表%(revised)s,待审核"), values),
        body=Message(gettext_noop("%(enterprise)s已报送%(month)s的月度统计报表,请审核通过或退回。"), values),
        url=reverse("economy:return_detail", args=[record.pk]),
        exclude=user,
    )


def announce_reviewed(*, user: Any, record: MonthlyReturn) -> None:
    """Tell the enterprise's users that their month was accepted, or sent back with the reason."""
    people = members_by_enterprise([record.enterprise_id]).get(record.enterprise_id, [])
    values = {"enterprise": record.enterprise.name, "month": month(record.period)}
    if record.status == MonthlyReturn.Status.ACCEPTED:
        opinion = (
            phrase(gettext_noop("审核意见:%(note)s"), note=record.review_note) if record.review_note else ""
        )
        title = Message(gettext_noop("%(month)s月度报表已审核通过"), values)
        body = Message(
            gettext_noop("%(enterprise)s%(month)s的月度统计报表已审核通过。%(opinion)s"),
            {**values, "opinion": opinion},
        )
    else:
        title = Message(gettext_noop("%(month)s月度报表已退回,请修改后重新报送"), values)
        body = Message(
            gettext_noop("%(enterprise)s%(month)s的月度统计报表被退回。退回原因:%(reason)s"),
            {**values, "reason": record.review_note},
        )
    url = reverse("economy:portal_return", args=[f"{record.period:%Y-%m}"])
    notify(
        recipients=people,
        kind=REVIEWED_KIND,
        title=title,
        body=body,
        url=f"{url}?enterprise={record.enterprise_id}",
        exclude=user,
    )
