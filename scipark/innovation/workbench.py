"""Innovation's to-dos on the workbench (issue 10, item 1).

科技创新 staff: tech archives submitted and waiting for review, and tier certificates that expire within
90 days (or just expired without renewal; the dashboard's reminder list). Enterprise users: their archives
sent back, and their own certificates about to expire. Counts are of ``restrict(user, …)``.
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
from scipark.parks.models import Park

from . import selectors
from .models import TechArchive, TierCertificate

MODULE = _("科技创新")


def _today() -> dt.date:
    return timezone.localdate()


def _expiring(user: Any, today: dt.date) -> int:
    parks = Park.objects.filter(
        pk__in=TierCertificate.objects.restrict(user, access.Action.VIEW).values("park_id")
    )
    return sum(selectors.expiring(user=user, park=park, today=today).count() for park in parks)


def todos(user: Any) -> list[Todo]:
    scope = access.scope_for(user)
    if not scope.can(access.Domain.INNOVATION, access.Action.VIEW):
        return []
    today = _today()
    staff = Role.DEPARTMENT_STAFF in scope.roles
    if Role.ENTERPRISE_USER in scope.roles and not staff:
        portal = reverse("innovation:portal")
        returned = TechArchive.objects.restrict(user, access.Action.VIEW).filter(
            state=TechArchive.State.RETURNED
        )
        return [
            Todo(MODULE, _("被退回、待修改的科技档案"), returned.count(), portal, Urgency.DUE_SOON),
            Todo(MODULE, _("90天内到期的资质认定"), _expiring(user, today), portal, Urgency.DUE_SOON),
        ]
    if not staff or not scope.can(access.Domain.INNOVATION, access.Action.CHANGE):
        return []
    waiting = TechArchive.objects.restrict(user, access.Action.CHANGE).filter(
        state=TechArchive.State.SUBMITTED
    )
    return [
        Todo(
            MODULE,
            _("待审核的科技档案"),
            waiting.count(),
            reverse("innovation:archive_list") + "?" + urlencode({"state": TechArchive.State.SUBMITTED}),
            Urgency.OPEN,
        ),
        Todo(
            MODULE,
            _("90天内到期的资质认定"),
            _expiring(user, today),
            reverse("innovation:dashboard") + "#expiring",
            Urgency.DUE_SOON,
        ),
    ]
