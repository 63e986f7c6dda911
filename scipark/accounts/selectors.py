"""Who holds a role where: the people a workflow notifies or a page lists (reads only)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scipark.core.roles import Role

from .models import Membership, User


def members(
    *,
    role: Role | str | None = None,
    park_id: int | None = None,
    department_kind: str | None = None,
    department_ids: Iterable[int] | None = None,
    enterprise_ids: Iterable[int] | None = None,
) -> list[User]:
    """The active users holding an active membership that matches every argument given, each once.

    ``members(park_id=p, department_kind=DepartmentKind.SERVICE)`` is "the staff of 企业服务 of park p";
    ``members(role=Role.PARK_LEADER, park_id=p)`` the park's leaders; ``members(enterprise_ids=[e])`` the
    enterprise's users.
    """
    query: dict[str, Any] = {"is_active": True, "user__is_active": True}
    if role is not None:
        query["role"] = role
    if department_kind is not None:
        query["role"] = role or Role.DEPARTMENT_STAFF
        query["department__kind"] = department_kind
        if park_id is not None:
            query["department__park_id"] = park_id
    elif park_id is not None:
        query["park_id"] = park_id
    if department_ids is not None:
        query["role"] = role or Role.DEPARTMENT_STAFF
        query["department_id__in"] = list(department_ids)
    if enterprise_ids is not None:
        query["role"] = role or Role.ENTERPRISE_USER
        query["enterprise_id__in"] = list(enterprise_ids)
    rows = Membership.objects.filter(**query).select_related("user").order_by("user_id")
    return list({m.user_id: m.user for m in rows}.values())


def members_by_enterprise(enterprise_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active enterprise users of each enterprise (who receive its reminders and replies)."""
    found: dict[int, list[User]] = {}
    rows = Membership.objects.filter(
        enterprise_id__in=list(enterprise_ids),
        role=Role.ENTERPRISE_USER,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    for row in rows:
        if row.enterprise_id is not None:
            found.setdefault(row.enterprise_id, []).append(row.user)
    return found
