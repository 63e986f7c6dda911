"""三员分立 (SECURITY.md row 4): the system, security and audit admins' permission sets are pairwise
disjoint, no user can hold two of them (nor one plus a business role), and the audit admin edits nothing."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError

from scipark.accounts import services
from scipark.accounts.models import Membership
from scipark.core.access import BUSINESS_DOMAINS, WRITE, Action, Domain, Grant, has_permission
from scipark.core.roles import ADMIN_ROLES, Role


def permissions(role: Role) -> set[tuple[Domain, Action]]:
    grant = Grant(role=role)
    return {(d, a) for d in Domain for a in Action if a in grant.actions(d)}


def exclusive_permissions(role: Role) -> set[tuple[Domain, Action]]:
    """What the role may do beyond reading the park structure that every signed-in member reads."""
    return {(d, a) for d, a in permissions(role) if not (d == Domain.PARKS and a == Action.VIEW)}


def test_the_three_admin_permission_sets_are_pairwise_disjoint():
    for a, b in itertools.combinations(sorted(ADMIN_ROLES), 2):
        assert not exclusive_permissions(a) & exclusive_permissions(b), (a, b)


def test_each_admin_holds_only_its_own_domain():
    assert {d for d, _a in exclusive_permissions(Role.SYSTEM_ADMIN)} == {Domain.CONFIG, Domain.PARKS}
    assert {d for d, _a in exclusive_permissions(Role.SECURITY_ADMIN)} == {Domain.ACCOUNTS}
    assert {d for d, _a in exclusive_permissions(Role.AUDIT_ADMIN)} == {Domain.AUDIT}


def test_no_admin_touches_business_data():
    for role in ADMIN_ROLES:
        assert not {d for d, _a in permissions(role)} & BUSINESS_DOMAINS, role
        assert (Domain.REPORTS, Action.VIEW) not in permissions(role)


def test_the_audit_admin_can_only_read_and_export():
    assert permissions(Role.AUDIT_ADMIN) == {(Domain.AUDIT, Action.VIEW), (Domain.AUDIT, Action.EXPORT)}


def test_nobody_else_reaches_the_accounts_or_audit_domains():
    for role in set(Role) - {Role.SECURITY_ADMIN}:
        assert not {a for d, a in permissions(role) if d == Domain.ACCOUNTS}, role
    for role in set(Role) - {Role.AUDIT_ADMIN}:
        assert not {a for d, a in permissions(role) if d == Domain.AUDIT}, role


def test_the_audit_admin_can_edit_no_business_data_or_accounts(world):
    auditor = world.user("audit_admin")
    for domain in Domain:
        for action in WRITE:
            assert not has_permission(auditor, domain, action), (domain, action)


@pytest.mark.parametrize(("holder", "extra"), list(itertools.permutations(sorted(ADMIN_ROLES), 2)))
def test_no_user_can_hold_two_admin_roles(world, holder, extra):
    user = world.user(holder)
    with pytest.raises(ValidationError):
        services.membership_grant(
            user=user, role=extra, actor=world.user("security_admin") if holder != "security_admin" else None
        )
    assert list(Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True)) == [
        holder
    ]


@pytest.mark.parametrize("admin", sorted(ADMIN_ROLES))
def test_an_admin_cannot_also_hold_a_business_role(world, admin):
    with pytest.raises(ValidationError):
        services.membership_grant(user=world.user(admin), role=Role.PARK_LEADER, park=world.park)


@pytest.mark.parametrize("admin", sorted(ADMIN_ROLES))
def test_a_business_user_cannot_also_become_an_admin(world, admin):
    with pytest.raises(ValidationError):
        services.membership_grant(user=world.user("economy_staff"), role=admin)


def test_no_user_in_the_database_holds_two_admin_roles_or_an_admin_and_another_role(world):
    for user_id in Membership.objects.filter(is_active=True).values_list("user_id", flat=True).distinct():
        roles = set(Membership.objects.filter(user_id=user_id, is_active=True).values_list("role", flat=True))
        if roles & set(ADMIN_ROLES):
            assert len(roles) == 1, roles


def test_no_superuser_exists_in_the_shared_world(world):
    from scipark.accounts.models import User

    assert not User.objects.filter(is_superuser=True).exists()
