"""Investment's to-dos on the workbench (issue 10, item 1).

招商 staff: projects that sat in their stage longer than the park's limit (the reminders of the dashboard),
and loans, listings and equity rounds that enterprises reported and wait for confirmation. Enterprise users:
their financing records that staff sent back. Every count is of ``restrict(user, …)``.
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
from .models import Confirmation, EquityRound, Listing, Loan, Project

MODULE = _("招商引资")

#: Each kind of financing record: its model, the words on the workbench and its list.
FINANCING = (
    (Loan, _("待确认的企业贷款"), _("被退回的贷款记录"), "investment:loan_list"),
    (Listing, _("待确认的挂牌上市"), _("被退回的挂牌上市记录"), "investment:listing_list"),
    (EquityRound, _("待确认的股权融资"), _("被退回的股权融资记录"), "investment:round_list"),
)


def _today() -> dt.date:
    return timezone.localdate()


def todos(user: Any) -> list[Todo]:
    scope = access.scope_for(user)
    if not scope.can(access.Domain.INVESTMENT, access.Action.VIEW):
        return []
    found: list[Todo] = []
    if Role.ENTERPRISE_USER in scope.roles:
        for model, _waiting, sent_back, url_name in FINANCING:
            found.append(
                Todo(
                    MODULE,
                    sent_back,
                    model.objects.restrict(user, access.Action.VIEW)
                    .filter(status=Confirmation.REJECTED)
                    .count(),
                    reverse(url_name) + "?" + urlencode({"status": Confirmation.REJECTED}),
                    Urgency.DUE_SOON,
                )
            )
    if Role.DEPARTMENT_STAFF not in scope.roles:
        return found
    if not scope.can(access.Domain.INVESTMENT, access.Action.CHANGE):
        return found
    projects = Project.objects.restrict(user, access.Action.CHANGE)
    found.append(
        Todo(
            MODULE,
            _("在本阶段停留超期的项目"),
            len(selectors.overdue_projects(projects, _today())),
            reverse("investment:dashboard") + "#overdue",
            Urgency.OVERDUE,
        )
    )
    for model, waiting, _sent_back, url_name in FINANCING:
        found.append(
            Todo(
                MODULE,
                waiting,
                model.objects.restrict(user, access.Action.CHANGE)
                .filter(status=Confirmation.REPORTED)
                .count(),
                reverse(url_name) + "?" + urlencode({"status": Confirmation.REPORTED}),
                Urgency.OPEN,
            )
        )
    return found
