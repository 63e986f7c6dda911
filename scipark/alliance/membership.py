"""What alliance membership opens to members, as ``core.access``'s per-model hook uses it.

The core rule gives staff their park's rows and an enterprise user its own enterprise's rows. An
alliance also shares things among its members: its chains, and the needs, resources and joint
actions it publishes. Each alliance model's ``scope_grant_clause`` ORs its member clause into what
an enterprise user's grant opens, for reading only, so that pages, exports, the API and the route
matrix keep asking one question: ``restrict(user, action)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet

from scipark.core import access
from scipark.core.roles import Role

#: A model's member clause: (the member's alliances as a subquery, the member enterprise) → rows.
MemberClause = Callable[[QuerySet[Any], int], Q]


def member_enterprise_ids(user: Any) -> frozenset[int]:
    """The enterprises the user acts for as an enterprise user (who may read service rows)."""
    return frozenset(
        g.enterprise_id for g in access.scope_for(user).grants if _member_grant(g) and g.enterprise_id
    )


def member_alliance_ids(enterprise_ids: Iterable[int]) -> QuerySet[Any]:
    """A subquery: the alliances in which one of these enterprises is a chain member."""
    member = apps.get_model("alliance", "ChainMember")
    return member.objects.filter(kind="enterprise", enterprise_id__in=list(enterprise_ids)).values(
        "chain__alliance_id"
    )


def partner_action_ids(enterprise_id: int) -> QuerySet[Any]:
    """A subquery: the joint actions this enterprise takes part in."""
    through = apps.get_model("alliance", "JointAction").partners.through
    return through.objects.filter(enterprise_id=enterprise_id).values("jointaction_id")


def _member_grant(grant: access.Grant) -> bool:
    return grant.role == Role.ENTERPRISE_USER and access.Action.VIEW in grant.actions(access.Domain.SERVICE)


def open_to_members(
    grant: access.Grant, action: access.Action, clause: Q | None, member_clause: MemberClause
) -> Q | None:
    """``clause`` OR, for an enterprise user's grant reading, what membership of an alliance opens."""
    if action != access.Action.VIEW or grant.enterprise_id is None or not _member_grant(grant):
        return clause
    if clause is not None and not clause:  # an empty Q already opens every row
        return clause
    opened = member_clause(member_alliance_ids([grant.enterprise_id]), grant.enterprise_id)
    return opened if clause is None else clause | opened
