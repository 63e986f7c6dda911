"""What every economy write checks first: the reporting month, and whether the user keeps the domain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.roles import Role
from scipark.core.terms import month_text as month_text  # the economy's messages name months so


def current_period() -> dt.date:
    """The first day of this month, in the park's time zone."""
    return timezone.localdate().replace(day=1)


def month_ended(period: dt.date, this_month: dt.date | None = None) -> bool:
    """Whether ``period``'s month has ended, so that its return may be submitted (before, only a draft may
    be kept): the one rule ``check_period`` enforces and the portal reads to offer 填报."""
    return period < (this_month or current_period())


def check_period(period: dt.date, this_month: dt.date | None = None, *, submitting: bool = False) -> dt.date:
    """A valid reporting month: the first of a month, not after ``this_month`` (default: today's); a
    return is *submitted* (or accepted) only once its month has ended — a draft may be kept before."""
    if period.day != 1:
        raise ValidationError({"period": _("报告期应为某月的第一天。")})
    now = this_month or current_period()
    if period > now:
        raise ValidationError(
            {
                "period": _("报告期 %(period)s 尚未到来,不能报送未来月份的数据。")
                % {"period": f"{period:%Y-%m}"}
            }
        )
    if submitting and not month_ended(period, now):
        raise ValidationError(
            {
                "period": _("%(month)s尚未结束,月末之后才能报送该月报表;现在可以先保存草稿。")
                % {"month": month_text(period)}
            }
        )
    return period


def is_economy_staff(user: Any, park_id: int) -> bool:
    """Whether the user keeps the economy domain in this park (经济发展 staff), as opposed to reading it."""
    scope = access.scope_for(user)
    return any(
        g.role == Role.DEPARTMENT_STAFF
        and g.park_id == park_id
        and access.Action.CHANGE in g.actions(access.Domain.ECONOMY)
        for g in scope.grants
    )


def ensure_economy_staff(user: Any, park_id: int) -> None:
    """Refuse unless the user is 经济发展 staff of the park."""
    if not is_economy_staff(user, park_id):
        raise access.AccessDenied(_("只有本园区经济发展部门的工作人员可以执行此操作。"))
