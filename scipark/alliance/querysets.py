"""The alliance's restricting querysets: ``core.access`` plus what alliance membership opens to members.

The core rule gives staff their park's rows and an enterprise user its own enterprise's rows. An
alliance also shares things among its members: its chains, and the needs, resources and joint
actions it publishes. These querysets add exactly that clause, for reading only, to the core one, so
that pages, exports, the API and the route matrix keep asking one question: ``restrict(user, action)``.
"""

from __future__ import annotations

from typing import Any, Self

from django.apps import apps
from django.db.models import Q, QuerySet

from scipark.core import access
from scipark.core.querysets import RestrictedQuerySet
from scipark.core.roles import Role


def member_enterprise_ids(user: Any) -> frozenset[int]:
    """The enterprises the user acts for as an enterprise user (who may read service rows)."""
    scope = access.scope_for(user)
    return frozenset(
        g.enterprise_id
        for g in scope.grants
        if g.role == Role.ENTERPRISE_USER
        and g.enterprise_id is not None
        and access.Action.VIEW in g.actions(access.Domain.SERVICE)
    )


def member_alliance_ids(enterprise_ids: frozenset[int]) -> QuerySet[Any]:
    """A subquery: the alliances in which one of these enterprises is a chain member."""
    member = apps.get_model("alliance", "ChainMember")
    return member.objects.filter(kind="enterprise", enterprise_id__in=enterprise_ids).values(
        "chain__alliance_id"
    )


class MemberAwareQuerySet(RestrictedQuerySet):
    """``restrict`` = the core rule OR, for reading, the rows membership opens (``member_clause``)."""

    def member_clause(self, enterprise_ids: frozenset[int]) -> Q | None:
        return None

    def restrict(self, user: Any, action: access.Action | str = access.Action.VIEW) -> Self:
        action = access.Action(action)
        core = access.restriction(self.model, user, action)
        extra = None
        if action == access.Action.VIEW:
            ids = member_enterprise_ids(user)
            if ids:
                extra = self.member_clause(ids)
        if core is None and extra is None:
            return self.none()
        if core is not None and not core:  # an empty Q: every row
            return self
        combined = core if extra is None else (extra if core is None else core | extra)
        queryset = self.filter(combined)
        return queryset.distinct() if getattr(self.model, "scope_distinct", False) else queryset


class AllianceQuerySet(MemberAwareQuerySet):
    def member_clause(self, enterprise_ids: frozenset[int]) -> Q | None:
        return Q(pk__in=member_alliance_ids(enterprise_ids))


class ChainQuerySet(MemberAwareQuerySet):
    def member_clause(self, enterprise_ids: frozenset[int]) -> Q | None:
        return Q(alliance_id__in=member_alliance_ids(enterprise_ids))


class PublishedListQuerySet(MemberAwareQuerySet):
    """Needs and resources: members read what their alliance publishes."""

    def member_clause(self, enterprise_ids: frozenset[int]) -> Q | None:
        return Q(published=True, alliance_id__in=member_alliance_ids(enterprise_ids))


def _partner_action_ids(enterprise_ids: frozenset[int]) -> QuerySet[Any]:
    through = apps.get_model("alliance", "JointAction").partners.through
    return through.objects.filter(enterprise_id__in=enterprise_ids).values("jointaction_id")


class JointActionQuerySet(MemberAwareQuerySet):
    """Joint actions: members read the published ones and those they take part in."""

    def member_clause(self, enterprise_ids: frozenset[int]) -> Q | None:
        return Q(published=True, alliance_id__in=member_alliance_ids(enterprise_ids)) | Q(
            pk__in=_partner_action_ids(enterprise_ids)
        )


class MilestoneQuerySet(MemberAwareQuerySet):
    """A joint action's milestones are read with the action."""

    def member_clause(self, enterprise_ids: frozenset[int]) -> Q | None:
        return Q(action__published=True, action__alliance_id__in=member_alliance_ids(enterprise_ids)) | Q(
            action_id__in=_partner_action_ids(enterprise_ids)
        )
