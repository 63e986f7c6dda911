"""Economy's to-dos on the workbench (issue 10, item 1).

Staff of 经济发展: returns submitted and waiting for review, and the enterprises that still owe last month's
return (due soon before the deadline, overdue after it). Enterprise users: last month's return when it is
not yet submitted, and any return sent back to them. Counts come from the same selectors as the lists the
links open, so the access mechanism decides what is counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.workbench import Todo, Urgency

from . import collection
from .models import MonthlyReturn
from .views.base import due_period, economy_park_ids, keeps_economy
from .views.portal import own_enterprises

MODULE = _("经济运行")
#: How many calendar days before the deadline a missing return counts as due soon.
DUE_SOON_DAYS = 3


def deadline_urgency(period: dt.date, today: dt.date) -> Urgency:
    """Past the return's deadline: overdue; within three days of it: due soon; otherwise open."""
    deadline = collection.deadline_for(period)
    if today > deadline:
        return Urgency.OVERDUE
    if (deadline - today).days <= DUE_SOON_DAYS:
        return Urgency.DUE_SOON
    return Urgency.OPEN


def _period_hint(period: dt.date) -> str:
    return _("%(year)d年%(month)d月,截止%(deadline)s") % {
        "year": period.year,
        "month": period.month,
        "deadline": f"{collection.deadline_for(period):%m-%d}",
    }


def _today() -> dt.date:
    return timezone.localdate()


def todos(user: Any) -> list[Todo]:
    scope = access.scope_for(user)
    if not scope.can(access.Domain.ECONOMY, access.Action.VIEW):
        return []
    period = due_period()
    today = _today()
    found: list[Todo] = []
    mine = list(own_enterprises(user).values_list("pk", flat=True))
    if mine:
        reported = set(
            MonthlyReturn.objects.restrict(user, access.Action.VIEW)
            .filter(
                enterprise_id__in=mine,
                period=period,
                status__in=[MonthlyReturn.Status.SUBMITTED, MonthlyReturn.Status.ACCEPTED],
            )
            .values_list("enterprise_id", flat=True)
        )
        found.append(
            Todo(
                MODULE,
                _("待报送的月报"),
                len(set(mine) - reported),
                reverse("economy:portal_return", args=[f"{period:%Y-%m}"])
                if len(mine) == 1
                else reverse("economy:portal"),
                deadline_urgency(period, today),
                _period_hint(period),
            )
        )
        later = MonthlyReturn.objects.filter(
            enterprise_id=OuterRef("enterprise_id"),
            period=OuterRef("period"),
            revision__gt=OuterRef("revision"),
        )
        returned = (
            MonthlyReturn.objects.restrict(user, access.Action.VIEW)
            .filter(enterprise_id__in=mine, status=MonthlyReturn.Status.REJECTED)
            .exclude(Exists(later))
        )  # the latest revision of a month was sent back: the enterprise has to revise it
        found.append(
            Todo(
                MODULE,
                _("被退回、待修改的月报"),
                returned.count(),
                reverse("economy:portal"),
                Urgency.DUE_SOON,
            )
        )
    if not keeps_economy(user):
        return found
    waiting = MonthlyReturn.objects.restrict(user, access.Action.CHANGE).filter(
        status=MonthlyReturn.Status.SUBMITTED
    )
    found.append(
        Todo(
            MODULE,
            _("待审核的月报"),
            waiting.count(),
            reverse("economy:return_list") + "?" + urlencode({"status": MonthlyReturn.Status.SUBMITTED}),
            Urgency.OPEN,
        )
    )
    # The same count the 催报 board shows on the page the link opens (drafts and returned ones included).
    missing = collection.reporting_board(
        park_ids=economy_park_ids(user, access.Action.CHANGE), period=period
    ).missing
    found.append(
        Todo(
            MODULE,
            _("尚未报送上月月报的企业"),
            missing,
            reverse("economy:missing_returns") + "?" + urlencode({"period": f"{period:%Y-%m}"}),
            deadline_urgency(period, today),
            _period_hint(period),
        )
    )
    return found
