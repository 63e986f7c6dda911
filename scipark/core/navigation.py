"""Menu entries that apps declare on their AppConfig; shown only to users whose roles allow them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise

from .access import Action, Domain, Grant, Scope
from .roles import Role


class Audience(StrEnum):
    """Who an entry is for, beyond what the roles allow: everyone, the park's people, or enterprises."""

    ALL = "all"
    STAFF = "staff"  # administration roles only (an enterprise user may hold the domain for its own rows)
    ENTERPRISE = "enterprise"  # enterprise users only (their portal pages)


@dataclass(frozen=True)
class MenuItem:
    """One entry of the side menu."""

    label: str | Promise
    url_name: str
    domain: Domain
    icon: str = "bi-circle"
    action: Action = Action.VIEW
    order: int = 100
    audience: Audience = Audience.ALL
    #: Only for grants of these roles (empty: any role the domain allows), e.g. the leader's cockpit.
    roles: frozenset[Role] = frozenset()
    #: A configuration page (categories, calendars, clients, rules): listed under 设置, after the work.
    settings: bool = False

    def _for(self, grant: Grant) -> bool:
        if self.roles and grant.role not in self.roles:
            return False
        if self.audience == Audience.ALL:
            return True
        return (grant.role == Role.ENTERPRISE_USER) == (self.audience == Audience.ENTERPRISE)

    def visible_to(self, scope: Scope) -> bool:
        """Whether one of the user's grants, of this entry's audience, allows its domain and action."""
        return any(self._for(g) and self.action in g.actions(self.domain) for g in scope.grants)
