"""三员 separation that cannot be bypassed (issue 9 §2, SECURITY.md row 4): no web path lets one administrator
make, change or reset another administrator, so none can become a second role. A table of
(actor, action, target role) → refused, through the services the pages call; then the server commands."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from scipark.accounts import services
from scipark.accounts.models import Membership, User
from scipark.core.roles import ADMIN_ROLES, Role
from scipark.core.testing import World

ADMIN_PERSONA = {
    Role.SYSTEM_ADMIN: "system_admin",
    Role.SECURITY_ADMIN: "security_admin",
    Role.AUDIT_ADMIN: "audit_admin",
}


def fresh_user(name: str = "fresh") -> User:
    return User.objects.create_user(username=name, password="Abcdef1!xyzw-long")


@pytest.mark.parametrize("target_role", sorted(ADMIN_ROLES))
@pytest.mark.parametrize("action", ["grant", "revoke", "reset_password", "deactivate"])
def test_the_security_admin_never_grants_revokes_resets_or_disables_an_administrator(
    world: World, action: str, target_role: Role
) -> None:
    actor = world.user("security_admin")
    call: Callable[[], object]
    if action == "grant":
        target: Any = fresh_user()
        call = lambda: services.membership_grant(user=target, role=target_role, actor=actor)  # noqa: E731
    else:
        target = world.user(ADMIN_PERSONA[target_role]) if target_role != Role.SECURITY_ADMIN else None
        if target is None:  # a second security admin, made on the server
            target, _password = services.admin_create(role=Role.SECURITY_ADMIN, username="secadmin2")
        membership = Membership.objects.get(user=target, is_active=True)
        call = {
            "revoke": lambda: services.membership_revoke(membership=membership, actor=actor),
            "reset_password": lambda: services.password_reset(user=target, actor=actor),
            "deactivate": lambda: services.user_deactivate(user=target, actor=actor),
        }[action]
    password_before = target.password
    with pytest.raises(ValidationError) as caught:
        call()
    assert "服务器" in " ".join(caught.value.messages)
    target.refresh_from_db()
    assert target.password == password_before and target.is_active
    roles = set(Membership.objects.filter(user=target, is_active=True).values_list("role", flat=True))
    assert (target_role in roles) == (action != "grant")


def test_an_account_cannot_hold_two_of_the_three_even_on_the_server(world: World) -> None:
    with pytest.raises(ValidationError):
        services.membership_grant(user=world.user("security_admin"), role=Role.AUDIT_ADMIN, actor=None)


def test_business_roles_are_still_granted_by_the_security_admin(world: World) -> None:
    user = fresh_user()
    membership = services.membership_grant(
        user=user, role=Role.PARK_LEADER, park=world.park, actor=world.user("security_admin")
    )
    assert membership.is_active


def test_an_administrator_password_is_reset_on_the_server_and_the_second_factor_stays(world: World) -> None:
    auditor = world.user("audit_admin")
    TOTPDevice.objects.create(user=auditor, name="手机", confirmed=True)
    out = StringIO()
    call_command("reset_password", "audit_admin", stdout=out)
    new_password = out.getvalue().strip().splitlines()[-1].split(": ", 1)[1]
    auditor.refresh_from_db()
    assert auditor.check_password(new_password)
    assert TOTPDevice.objects.filter(user=auditor, confirmed=True).count() == 1


def test_a_business_user_reset_by_the_security_admin_keeps_the_second_factor(world: World) -> None:
    staff = world.user("economy_staff")
    TOTPDevice.objects.create(user=staff, name="手机", confirmed=True)
    services.password_reset(user=staff, actor=world.user("security_admin"))
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_the_refusal_is_worded_in_the_readers_language(world: World) -> None:
    """The message was worded when the module was imported, so an English page showed it in Chinese."""
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            services.membership_grant(
                user=fresh_user(), role=Role.AUDIT_ADMIN, actor=world.user("security_admin")
            )
        (message,) = caught.value.messages
    assert "server" in message and "服务器" not in message
