"""Appeals' to-dos on the workbench (issue 10, item 1).

Staff: appeals waiting to be accepted (企业服务), those with the person's department that are past their
deadline or due within three working days, and the rest still open there. Enterprise users: appeals
concluded and waiting for their rating, and those sent back to them. Every count is of
``Appeal.objects.restrict(user, …)``, so a person counts only what they may open.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.roles import Role
from scipark.core.workbench import Todo, Urgency

from .calendar import DUE_SOON_WORKING_DAYS, work_calendar
from .models import OPEN_STATES, Appeal, AppealState
from .selectors import handled_by_my_departments

MODULE = _("企业诉求")


def _list(**query: str) -> str:
    return reverse("appeals:appeal_list") + "?" + urlencode(query)


def todos(user: Any) -> list[Todo]:
    scope = access.scope_for(user)
    if not scope.can(access.Domain.SERVICE, access.Action.VIEW):
        return []
    reachable = Appeal.objects.restrict(user, access.Action.VIEW)
    found: list[Todo] = []
    if Role.ENTERPRISE_USER in scope.roles:
        found += [
            Todo(
                MODULE,
                _("已办结、待您评价的诉求"),
                reachable.filter(state=AppealState.CONCLUDED).count(),
                _list(state=AppealState.CONCLUDED),
                Urgency.OPEN,
            ),
            Todo(
                MODULE,
                _("被退回、待您补充的诉求"),
                reachable.filter(state=AppealState.SENT_BACK).count(),
                _list(state=AppealState.SENT_BACK),
                Urgency.DUE_SOON,
            ),
        ]
    if Role.DEPARTMENT_STAFF not in scope.roles:
        return found
    if scope.can(access.Domain.SERVICE, access.Action.CHANGE):
        found.append(
            Todo(
                MODULE,
                _("待受理的诉求"),
                reachable.filter(state=AppealState.SUBMITTED).count(),
                _list(box="todo"),
                Urgency.DUE_SOON,
            )
        )
    now = timezone.now()
    today = timezone.localdate()
    soon_end = work_calendar().add(today, DUE_SOON_WORKING_DAYS) + dt.timedelta(days=1)
    mine = reachable.filter(state__in=OPEN_STATES).filter(handled_by_my_departments(user))
    overdue = Q(overdue=True) | Q(due_at__lt=now)
    due_soon = Q(due_at__gte=now, due_at__lt=timezone.make_aware(dt.datetime.combine(soon_end, dt.time())))
    counts = mine.aggregate(
        n_overdue=_count(overdue),
        n_soon=_count(~overdue & due_soon),
        n_other=_count(~overdue & ~due_soon),
    )
    return [
        *found,
        Todo(
            MODULE, _("本部门办理、已超期的诉求"), counts["n_overdue"], _list(box="overdue"), Urgency.OVERDUE
        ),
        Todo(
            MODULE,
            _("本部门办理、3个工作日内到期的诉求"),
            counts["n_soon"],
            _list(box="mine"),
            Urgency.DUE_SOON,
        ),
        Todo(MODULE, _("本部门办理中的其他诉求"), counts["n_other"], _list(box="mine"), Urgency.OPEN),
    ]


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)
