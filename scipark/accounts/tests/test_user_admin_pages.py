"""The security admin's pages: list, search, filter and export users; create, edit, deactivate (never
delete); grant and revoke roles, each recorded as exactly one ROLE_CHANGE with before and after."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scipark.accounts.models import Membership, User
from scipark.core.models import AuditEvent
from scipark.core.roles import Role

USERS = reverse("accounts:user_list")


@pytest.fixture
def admin(client_for):
    return client_for("security_admin")


def listed(response) -> set[str]:
    return {user.username for user in response.context["table"].data}


def test_the_security_admin_lists_searches_and_filters_users(world, admin):
    page = admin.get(USERS)
    assert page.status_code == 200
    assert listed(page) == set(world.users)
    assert listed(admin.get(USERS, {"q": "economy"})) == {"economy_staff"}
    assert listed(admin.get(USERS, {"role": Role.ENTERPRISE_USER})) == {"enterprise_user"}
    assert listed(admin.get(USERS, {"park": world.other_park.pk})) == {"other_park_staff"}
    world.user("park_leader").is_active = False
    world.user("park_leader").save()
    assert "park_leader" not in listed(admin.get(USERS, {"is_active": "true"}))


def test_the_user_export_follows_the_filters_and_is_audited(world, admin):
    response = admin.get(USERS, {"q": "staff", "export": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "用户名"
    assert {r[0] for r in rows[1:]} == {
        "economy_staff",
        "service_staff",
        "environment_staff",
        "innovation_staff",
        "other_park_staff",
    }
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, object_type="accounts.user").count() == 1


@pytest.mark.parametrize(
    "persona", ["system_admin", "audit_admin", "park_leader", "economy_staff", "enterprise_user"]
)
def test_nobody_but_the_security_admin_reaches_the_account_pages(world, client_for, persona):
    client = client_for(persona)
    target = world.user("economy_staff")
    assert client.get(USERS).status_code == 403
    assert client.get(reverse("accounts:user_detail", args=[target.pk])).status_code == 403
    assert (
        client.post(reverse("accounts:user_create"), {"username": "x", "full_name": "x"}).status_code == 403
    )
    assert client.post(reverse("accounts:user_deactivate", args=[target.pk])).status_code == 403
    assert (
        client.post(
            reverse("accounts:membership_grant", args=[target.pk]), {"role": "audit_admin"}
        ).status_code
        == 403
    )
    membership = Membership.objects.get(user=target)
    assert client.post(reverse("accounts:membership_revoke", args=[membership.pk])).status_code == 403
    target.refresh_from_db()
    assert target.is_active and Membership.objects.get(user=target).is_active
    assert not User.objects.filter(username="x").exists()


def test_creating_a_user_shows_a_strong_initial_password_once(world, admin):
    response = admin.post(
        reverse("accounts:user_create"),
        {"username": "newcomer", "full_name": "新同事", "phone": "", "email": ""},
    )
    assert response.status_code == 200
    user = User.objects.get(username="newcomer")
    password = response.context["password"]
    assert len(password) >= 12 and user.check_password(password)
    assert response["Cache-Control"] == "no-store"
    assert not user.memberships.exists()


def test_a_duplicate_username_is_refused(world, admin):
    response = admin.post(reverse("accounts:user_create"), {"username": "economy_staff", "full_name": "重名"})
    assert response.status_code == 400  # core's one policy: a refused form answers 400
    assert User.objects.filter(username="economy_staff").count() == 1


def test_editing_changes_contact_details_but_never_the_username(world, admin):
    user = world.user("economy_staff")
    response = admin.post(
        reverse("accounts:user_edit", args=[user.pk]),
        {"username": "renamed", "full_name": "经发局张三", "phone": "13800000000", "email": "z@example.cn"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.username, user.full_name, user.phone) == ("economy_staff", "经发局张三", "13800000000")


def test_deactivating_keeps_the_user_and_reactivating_restores_sign_in(world, admin):
    user = world.user("economy_staff")
    admin.post(reverse("accounts:user_deactivate", args=[user.pk]))
    assert User.objects.filter(pk=user.pk, is_active=False).exists()
    admin.post(reverse("accounts:user_reactivate", args=[user.pk]))
    assert User.objects.get(pk=user.pk).is_active


def test_the_security_admin_cannot_disable_themself_or_change_their_own_roles(world, admin):
    me = world.user("security_admin")
    admin.post(reverse("accounts:user_deactivate", args=[me.pk]))
    assert User.objects.get(pk=me.pk).is_active
    own = Membership.objects.get(user=me)
    admin.post(reverse("accounts:membership_revoke", args=[own.pk]))
    assert Membership.objects.get(pk=own.pk).is_active


def test_granting_a_role_records_one_role_change_with_before_and_after(world, admin):
    user = world.user("park_leader")
    response = admin.post(
        reverse("accounts:membership_grant", args=[user.pk]),
        {"role": Role.PARK_LEADER, "park": world.other_park.pk},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, park=world.other_park, is_active=True).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ROLE_CHANGE)
    assert event.user == world.user("security_admin") and event.ip_address == "127.0.0.1"
    assert event.detail["action"] == "grant" and event.detail["target"] == "park_leader"
    assert len(event.detail["before"]) == 1 and len(event.detail["after"]) == 2
    assert event.object_type == "accounts.membership"


def test_revoking_a_role_records_one_role_change_and_keeps_the_row(world, admin):
    membership = Membership.objects.get(user=world.user("economy_staff"))
    assert admin.post(reverse("accounts:membership_revoke", args=[membership.pk])).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ROLE_CHANGE)
    assert (
        event.detail["action"] == "revoke"
        and event.detail["after"] == []
        and len(event.detail["before"]) == 1
    )


def test_a_forbidden_combination_is_explained_and_records_nothing(world, admin):
    user = world.user("economy_staff")
    response = admin.post(reverse("accounts:membership_grant", args=[user.pk]), {"role": Role.AUDIT_ADMIN})
    assert response.status_code == 400
    assert "三员" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ROLE_CHANGE).exists()


def test_a_role_needing_a_park_is_refused_without_one(world, admin):
    user = User.objects.create_user(username="fresh", password="Abcdef1!xyzw")
    response = admin.post(reverse("accounts:membership_grant", args=[user.pk]), {"role": Role.PARK_LEADER})
    assert response.status_code == 400
    assert not user.memberships.exists()


def test_the_security_admin_sees_no_business_data(world, admin):
    from scipark.core.access import BUSINESS_DOMAINS, Action, has_permission

    me = world.user("security_admin")
    for domain in BUSINESS_DOMAINS:
        assert not has_permission(me, domain, Action.VIEW)
    assert admin.get(reverse("accounts:audit_log")).status_code == 403


@pytest.mark.parametrize("name", ["user_edit", "user_deactivate", "password_reset", "membership_grant"])
def test_an_account_that_does_not_exist_is_a_404(world, admin, name):
    url = reverse(f"accounts:{name}", args=[987654])
    response = admin.get(url) if name == "user_edit" else admin.post(url, {"role": Role.PARK_LEADER})
    assert response.status_code == 404


def test_a_refused_button_explains_itself_on_the_account_page(world, admin):
    user = world.user("economy_staff")
    admin.post(reverse("accounts:user_deactivate", args=[user.pk]))
    response = admin.post(reverse("accounts:password_reset", args=[user.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:user_detail", args=[user.pk])
    assert "账号已停用,请先启用再重置密码。" in response.content.decode()
