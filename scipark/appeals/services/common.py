"""What every appeal service shares: the timeline record, text checks, and who to notify.

Who to notify is ``accounts.selectors.members``; the wrappers below only name the park's parts of an
appeal (企业服务 dispatchers, the handling departments, the leaders, the requester's people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from scipark.accounts.selectors import members
from scipark.core import access
from scipark.core.roles import DepartmentKind, Role

from ..models import DESCRIPTION_MAX, Appeal, AppealStep


def appeal_url(appeal: Appeal) -> str:
    return appeal.get_absolute_url()


def actor_name(user: Any) -> str:
    if user is None:
        return "系统"
    return str(getattr(user, "display_name", "") or user.get_username())


def check_text(
    field: str, value: str, label: str | Promise, *, required: bool, limit: int = DESCRIPTION_MAX
) -> str:
    """``value`` stripped; refused when required and empty, or longer than ``limit``, naming ``label``."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("请填写%(label)s。") % {"label": label}})
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("%(label)s最多 %(limit)s 字(现有 %(count)s 字)。")
                % {"label": label, "limit": limit, "count": len(value)}
            }
        )
    return value


def record_step(
    appeal: Appeal,
    *,
    action: str,
    from_state: str,
    user: Any,
    notes: str = "",
    internal: bool = False,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AppealStep:
    """One entry of the appeal's timeline, landing in the appeal's current state."""
    return AppealStep.objects.create(
        appeal=appeal,
        action=action,
        from_state=from_state,
        to_state=appeal.state,
        actor=user,
        actor_name=actor_name(user),
        at=at or timezone.now(),
        notes=notes,
        internal=internal,
        detail=detail or {},
    )


# --- who to notify ---------------------------------------------------------------------------------


def dispatchers(park_id: int) -> list[Any]:
    """The staff of the park's 企业服务 department (they accept, assign and close the loop)."""
    return members(park_id=park_id, department_kind=DepartmentKind.SERVICE)


def leaders(park_id: int) -> list[Any]:
    return members(role=Role.PARK_LEADER, park_id=park_id)


def department_users(department_ids: Iterable[int]) -> list[Any]:
    return members(department_ids=list(department_ids))


def handlers(appeal: Appeal) -> list[Any]:
    """The staff of the lead and the co-handling departments."""
    ids = [appeal.lead_department_id] if appeal.lead_department_id else []
    ids += list(appeal.co_handling.values_list("department_id", flat=True))
    return department_users(ids)


def requesters(appeal: Appeal) -> list[Any]:
    """The enterprise's users, and whoever filed the appeal unless staff filed it on someone's behalf."""
    users = members(enterprise_ids=[appeal.enterprise_id]) if appeal.enterprise_id else []
    if appeal.submitted_by is not None and appeal.submitted_by not in users:
        is_staff = access.scope_for(appeal.submitted_by).roles & {Role.DEPARTMENT_STAFF, Role.PARK_LEADER}
        if not is_staff:
            users.append(appeal.submitted_by)
    return users
