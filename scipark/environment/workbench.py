"""Environment's to-dos on the workbench (issue 10, item 1).

生态环保 staff: findings past their rectification deadline, those due within 14 days, and rectifications
waiting for their review. Enterprise users: their own findings still to rectify (overdue first). The
counts are the finding list's own filters (``?due=overdue|soon``, ``?state=review``) over
``Finding.objects.restrict(user, …)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.roles import Role
from scipark.core.workbench import Todo, Urgency

from . import selectors
from .models import Finding, FindingState

MODULE = _("生态环境")


def _today() -> dt.date:
    return timezone.localdate()


def _list(**query: str) -> str:
    return reverse("environment:finding_list") + "?" + urlencode(query)


def todos(user: Any) -> list[Todo]:
    scope = access.scope_for(user)
    if not scope.can(access.Domain.ENVIRONMENT, access.Action.VIEW):
        return []
    today = _today()
    findings = Finding.objects.restrict(user, access.Action.VIEW)
    if Role.ENTERPRISE_USER in scope.roles and Role.DEPARTMENT_STAFF not in scope.roles:
        return [
            Todo(MODULE, _("已超期的整改问题"), selectors.overdue(findings, today).count(), _list(due="overdue"),
                 Urgency.OVERDUE),
            Todo(MODULE, _("14天内到期的整改问题"), selectors.due_soon(findings, today).count(), _list(due="soon"),
                 Urgency.DUE_SOON),
        ]  # fmt: skip
    if not scope.can(access.Domain.ENVIRONMENT, access.Action.CHANGE):
        return []
    changeable = Finding.objects.restrict(user, access.Action.CHANGE)
    return [
        Todo(MODULE, _("超期未整改的问题"), selectors.overdue(changeable, today).count(), _list(due="overdue"),
             Urgency.OVERDUE),
        Todo(MODULE, _("14天内到期的整改"), selectors.due_soon(changeable, today).count(), _list(due="soon"),
             Urgency.DUE_SOON),
        Todo(MODULE, _("待复核的整改"), changeable.filter(state=FindingState.REVIEW).count(),
             _list(state=FindingState.REVIEW), Urgency.OPEN),
    ]  # fmt: skip
