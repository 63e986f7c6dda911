"""The one access mechanism: who may do what to which rows (DESIGN.md rule 1, SECURITY.md rows 1-4).

Every page, API view, export, import, search and report asks this module, and nothing else, through
``Model.objects.restrict(user, action)`` (rows) and ``has_permission(user, domain, action)`` (routes).
A user's reach is resolved once per request from their memberships into a :class:`Scope`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from .roles import ADMIN_ROLES, DepartmentKind, Role


class Action(StrEnum):
    """What a user wants to do with a row or a route."""

    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    EXPORT = "export"
    IMPORT = "import"


class Domain(StrEnum):
    """The areas of work that permissions are granted on."""

    PARKS = "parks"  # zones, parks, departments (structure: system admin edits, members read)
    ENTERPRISES = "enterprises"
    ECONOMY = "economy"
    INVESTMENT = "investment"
    INNOVATION = "innovation"
    ENVIRONMENT = "environment"
    SERVICE = "service"
    REPORTS = "reports"
    ACCOUNTS = "accounts"  # users, memberships (security admin)
    AUDIT = "audit"  # change log and audit events (audit admin)
    CONFIG = "config"  # platform configuration (system admin)


BUSINESS_DOMAINS = frozenset(
    {
        Domain.ENTERPRISES,
        Domain.ECONOMY,
        Domain.INVESTMENT,
        Domain.INNOVATION,
        Domain.ENVIRONMENT,
        Domain.SERVICE,
    }
)
READ = frozenset({Action.VIEW, Action.EXPORT})
WRITE = frozenset({Action.ADD, Action.CHANGE, Action.DELETE, Action.IMPORT})
ALL = READ | WRITE

#: Which domains each department keeps (edits); everyone on the park's staff reads all of them.
DEPARTMENT_DOMAINS: dict[str, frozenset[Domain]] = {
    DepartmentKind.ECONOMY: frozenset({Domain.ECONOMY, Domain.ENTERPRISES}),
    DepartmentKind.INVESTMENT: frozenset({Domain.INVESTMENT}),
    DepartmentKind.INNOVATION: frozenset({Domain.INNOVATION}),
    DepartmentKind.ENVIRONMENT: frozenset({Domain.ENVIRONMENT}),
    DepartmentKind.SERVICE: frozenset({Domain.SERVICE, Domain.ENTERPRISES}),
    DepartmentKind.OFFICE: frozenset(),
}

#: Departments whose work needs enterprises' contact persons unmasked (SECURITY.md row 20).
PERSONAL_DATA_DEPARTMENTS = frozenset({DepartmentKind.ECONOMY, DepartmentKind.SERVICE})

#: What an enterprise user may do with its own enterprise's rows, per domain.
ENTERPRISE_USER_ACTIONS: dict[Domain, frozenset[Action]] = {
    Domain.PARKS: frozenset({Action.VIEW}),
    Domain.ENTERPRISES: frozenset({Action.VIEW, Action.CHANGE}),
    Domain.ECONOMY: frozenset({Action.VIEW, Action.ADD, Action.CHANGE}),
    Domain.SERVICE: frozenset({Action.VIEW, Action.ADD, Action.CHANGE}),
    Domain.INNOVATION: frozenset({Action.VIEW, Action.ADD, Action.CHANGE}),
    Domain.ENVIRONMENT: frozenset({Action.VIEW, Action.CHANGE}),  # answer its own findings with evidence
    # Their own loans, listings and rounds (confirmed by the investment department); never the pipeline:
    # projects and funds carry no enterprise field, so an enterprise grant opens none of them.
    Domain.INVESTMENT: frozenset({Action.VIEW, Action.ADD, Action.CHANGE}),
}

#: The 三员: each administers one thing and sees no business data.
ADMIN_ACTIONS: dict[Role, dict[Domain, frozenset[Action]]] = {
    Role.SYSTEM_ADMIN: {Domain.CONFIG: ALL, Domain.PARKS: ALL},
    Role.SECURITY_ADMIN: {Domain.ACCOUNTS: ALL, Domain.PARKS: frozenset({Action.VIEW})},
    Role.AUDIT_ADMIN: {Domain.AUDIT: READ},
}


@dataclass(frozen=True)
class Grant:
    """One membership, flattened: a role held in a park (or zone), maybe for a department or enterprise."""

    role: Role
    zone_id: int | None = None
    park_id: int | None = None
    department: str | None = None
    enterprise_id: int | None = None

    def actions(self, domain: Domain) -> frozenset[Action]:
        """The actions this grant allows on ``domain``."""
        if self.role in ADMIN_ROLES:
            return ADMIN_ACTIONS[self.role].get(domain, frozenset())
        if self.role == Role.ZONE_VIEWER:
            return READ if domain in {Domain.PARKS, Domain.REPORTS} else frozenset()
        if self.role == Role.PARK_LEADER:
            return READ if domain in BUSINESS_DOMAINS | {Domain.PARKS, Domain.REPORTS} else frozenset()
        if self.role == Role.DEPARTMENT_STAFF:
            if domain not in BUSINESS_DOMAINS | {Domain.PARKS, Domain.REPORTS}:
                return frozenset()
            owned = DEPARTMENT_DOMAINS.get(self.department or "", frozenset())
            return ALL if domain in owned else READ
        if self.role == Role.ENTERPRISE_USER:
            return ENTERPRISE_USER_ACTIONS.get(domain, frozenset())
        return frozenset()


@dataclass(frozen=True)
class Scope:
    """Everything the access mechanism needs to know about one user, resolved once per request."""

    user_id: int | None
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants)

    def can(self, domain: Domain, action: Action) -> bool:
        """Whether any grant allows ``action`` somewhere on ``domain`` (route-level check)."""
        return any(action in g.actions(domain) for g in self.grants)

    def park_ids(self, domain: Domain = Domain.PARKS, action: Action = Action.VIEW) -> frozenset[int]:
        """The parks in which ``action`` on ``domain`` is allowed for the park as a whole."""
        return frozenset(
            g.park_id
            for g in self.grants
            if g.park_id is not None and g.role != Role.ENTERPRISE_USER and action in g.actions(domain)
        )

    def enterprise_ids(self) -> frozenset[int]:
        return frozenset(g.enterprise_id for g in self.grants if g.enterprise_id is not None)

    def sees_personal_data(self, *, park_id: int | None, enterprise_id: int | None) -> bool:
        """Whether contact persons of this enterprise are shown unmasked (SECURITY.md row 20)."""
        for g in self.grants:
            if (
                g.role == Role.ENTERPRISE_USER
                and enterprise_id is not None
                and g.enterprise_id == enterprise_id
            ):
                return True
            if (
                g.role == Role.DEPARTMENT_STAFF
                and g.park_id == park_id
                and g.department in PERSONAL_DATA_DEPARTMENTS
            ):
                return True
        return False


ANONYMOUS_SCOPE = Scope(user_id=None)


def park_pk(park: Any) -> Any:
    """A park's key, the park given as itself or as its key (selectors and checks take either)."""
    return park if isinstance(park, int) else park.pk


def scope_for(user: Any) -> Scope:
    """The user's scope, cached on the user object for the length of a request."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return ANONYMOUS_SCOPE
    cached = getattr(user, "_scipark_scope", None)
    if cached is not None:
        return cached
    grants = tuple(_load_grants(user))
    scope = Scope(user_id=user.pk, grants=grants)
    user._scipark_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop a cached scope (after memberships change)."""
    if hasattr(user, "_scipark_scope"):
        del user._scipark_scope


def _load_grants(user: Any) -> Iterable[Grant]:
    from django.apps import apps

    membership = apps.get_model("accounts", "Membership")
    rows = membership.objects.filter(user_id=user.pk, is_active=True).values_list(
        "role", "zone_id", "park_id", "park__zone_id", "department__kind", "enterprise_id"
    )
    for role, zone_id, park_id, park_zone_id, department, enterprise_id in rows:
        yield Grant(
            role=Role(role),
            zone_id=zone_id or park_zone_id,
            park_id=park_id,
            department=department,
            enterprise_id=enterprise_id,
        )


def has_permission(user: Any, domain: Domain | str, action: Action | str) -> bool:
    """Route-level check: may this user do ``action`` on ``domain`` anywhere at all?"""
    return scope_for(user).can(Domain(domain), Action(action))


def grant_clause(model: type[Model], grant: Grant, domain: Domain, action: Action) -> Q | None:
    """The rows of ``model`` that one grant opens for ``action`` on ``domain`` by the core rule.

    ``None`` opens nothing; an empty ``Q()`` opens every row (administrators, in their own domains).
    """
    if action not in grant.actions(domain):
        return None
    park_field: str | None = getattr(model, "scope_park_field", None)
    zone_field: str | None = getattr(model, "scope_zone_field", None)
    enterprise_field: str | None = getattr(model, "scope_enterprise_field", None)
    if grant.role in ADMIN_ROLES:
        return Q()  # administrators see every row of the domains they administer
    if grant.role == Role.ZONE_VIEWER:
        return Q(**{zone_field: grant.zone_id}) if zone_field and grant.zone_id is not None else None
    if grant.role == Role.ENTERPRISE_USER:
        if enterprise_field and grant.enterprise_id is not None:
            return Q(**{enterprise_field: grant.enterprise_id})
        if enterprise_field is None and park_field and grant.park_id is not None and domain == Domain.PARKS:
            return Q(**{park_field: grant.park_id})
        return None
    if park_field and grant.park_id is not None:
        return Q(**{park_field: grant.park_id})
    return None


def restriction(
    model: type[Model], user: Any, action: Action | str, *, domain: Domain | str | None = None
) -> Q | None:
    """The filter that limits ``model``'s rows to the user's reach; ``None`` means no rows.

    ``domain`` asks a cross-domain question of a model ("the enterprises I may file an appeal for" is
    ``Enterprise`` rows for ``ADD`` on ``SERVICE``); by default the model's own ``access_domain``.
    A model narrows or widens what one grant opens through its ``scope_grant_clause`` class method (the
    one per-model hook: an appeal is seen by the departments handling it, an alliance by its members).
    """
    scope = scope_for(user)
    action = Action(action)
    the_domain = Domain(domain) if domain is not None else model.access_domain  # type: ignore[attr-defined]
    hook = getattr(model, "scope_grant_clause", None)
    clauses: list[Q] = []
    for grant in scope.grants:
        clause = grant_clause(model, grant, the_domain, action)
        if hook is not None:
            clause = hook(grant, action, clause)
        if clause is not None:
            clauses.append(clause)
    if not clauses:
        return None
    if any(not c for c in clauses):  # an empty Q: every row
        return Q()
    combined = clauses[0]
    for clause in clauses[1:]:
        combined |= clause
    return combined


def restrict(
    queryset: QuerySet[Any],
    user: Any,
    action: Action | str = Action.VIEW,
    *,
    domain: Domain | str | None = None,
) -> QuerySet[Any]:
    """Limit a queryset to the rows the user may ``action`` (on ``domain``, by default the model's)."""
    q = restriction(queryset.model, user, action, domain=domain)
    if q is None:
        return queryset.none()
    if not q:  # an empty Q: every row
        return queryset
    queryset = queryset.filter(q)
    # A scope path through a reverse relation (a zone reached through its parks) can repeat rows.
    return queryset.distinct() if getattr(queryset.model, "scope_distinct", False) else queryset


def reachable_keys(
    model: type[Model], user: Any, action: Action | str, keys: Iterable[Any]
) -> frozenset[Any]:
    """Which of ``keys`` (primary keys of ``model``'s rows, e.g. those of a page) the user may ``action``:
    no query when the reach holds none of the model's rows or all of them."""
    keys = list(keys)
    clause = restriction(model, user, action)
    if clause is None or not keys:
        return frozenset()
    if not clause:  # every row of the model
        return frozenset(keys)
    return frozenset(model._default_manager.filter(clause, pk__in=keys).values_list("pk", flat=True))


#: Every park (an empty restriction: administrators), as :func:`parks_of` answers it.
EVERY_PARK = "every park"


def parks_of(model: type[Model], restriction: Q) -> tuple[int, ...] | str | None:
    """The parks a restriction of ``model`` (:func:`restriction`) is made of: their ids when it is
    ``Q(<park field>=…)`` or an ``OR`` of those, :data:`EVERY_PARK` when it is empty (every row), ``None`` for
    any other shape (an enterprise's own rows, a department's share) — so a reader of kept per-park figures
    uses them only for a reach of whole parks, never on a guess."""
    if not restriction:
        return EVERY_PARK
    field = getattr(model, "scope_park_field", None)
    if field is None or getattr(model, "scope_distinct", False):
        return None
    parks = _parks(restriction, field)
    return tuple(sorted(parks)) if parks else None


def _parks(q: Q, field: str) -> set[int] | None:
    if q.negated or (len(q.children) > 1 and q.connector != Q.OR):
        return None
    parks: set[int] = set()
    for child in q.children:
        if isinstance(child, Q):
            inner = _parks(child, field)
            if inner is None:
                return None
            parks |= inner
        elif (
            isinstance(child, tuple)
            and child[0] == field
            and isinstance(child[1], int)
            and not isinstance(child[1], bool)
        ):
            parks.add(child[1])
        else:
            return None
    return parks


def can_reach(user: Any, obj: Model, action: Action | str) -> bool:
    """Whether ``obj`` (as stored now) is within the user's reach for ``action``."""
    model = type(obj)
    return restrict(model._default_manager.all(), user, action).filter(pk=obj.pk).exists()


def can_add_in(
    user: Any, domain: Domain | str, *, park_id: int | None, enterprise_id: int | None = None
) -> bool:
    """Whether the user may create a row of ``domain`` in that park (for that enterprise)."""
    scope = scope_for(user)
    domain = Domain(domain)
    for grant in scope.grants:
        if Action.ADD not in grant.actions(domain):
            continue
        if grant.role in ADMIN_ROLES:
            return True
        if grant.role == Role.ENTERPRISE_USER:
            if enterprise_id is not None and grant.enterprise_id == enterprise_id:
                return True
        elif park_id is not None and grant.park_id == park_id:
            return True
    return False


class AccessDenied(Exception):
    """Raised by services when a write is outside the user's reach (the views turn it into 403/404)."""

    def __init__(self, message: str = "", *, not_found: bool = False) -> None:
        super().__init__(message)
        self.not_found = not_found


def ensure_can(user: Any, obj: Model, action: Action | str) -> None:
    """Re-check, inside the write's transaction, that the stored row is still within reach."""
    if not can_reach(user, obj, action):
        if can_reach(user, obj, Action.VIEW):
            raise AccessDenied(_("没有权限执行此操作。"))
        raise AccessDenied(_("对象不存在或不在您的权限范围内。"), not_found=True)


def ensure_can_add(
    user: Any, domain: Domain | str, *, park_id: int | None, enterprise_id: int | None = None
) -> None:
    """Re-check, inside the write's transaction, that a new row may be created there."""
    if not can_add_in(user, domain, park_id=park_id, enterprise_id=enterprise_id):
        raise AccessDenied(_("没有权限在此园区或企业下新建记录。"))
