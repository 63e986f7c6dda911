"""The security admin resets a forgotten password: shown once, old one dead, every session and token ended."""

import html
import re

from django.test import Client

from scipark.accounts import tokens
from scipark.accounts.sessions import reusable_session_count
from scipark.core.models import AuditEvent


def test_a_reset_password_is_shown_once_and_ends_every_session_and_token(
    world, client_for, password, monkeypatch
):
    # A generated password may hold & (about one in four do): the page escapes it, the reader does not.
    monkeypatch.setattr("scipark.accounts.services.password_generate", lambda length=16: "Reset&Pass-2026!x")
    staff = world.user("environment_staff")
    staff_client = Client()
    staff_client.force_login(staff)
    tokens.token_issue(user=staff, name="脚本")

    response = client_for("security_admin").post(f"/accounts/users/{staff.pk}/password-reset/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    shown = re.search(r'data-testid="initial-password">([^<]+)<', response.content.decode())
    assert shown is not None
    new_password = html.unescape(shown.group(1))
    assert new_password == "Reset&Pass-2026!x"

    assert staff_client.get("/enterprises/").status_code == 302  # the old session is gone
    assert reusable_session_count(staff) == 0
    assert not tokens.live_tokens(staff).exists()
    staff.refresh_from_db()
    assert not staff.check_password(password)
    assert staff.check_password(new_password)
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.PASSWORD_CHANGE, object_id=str(staff.pk))
    assert events.count() == 1
    assert events.get().username == "security_admin"


def test_the_security_admin_cannot_reset_their_own_password_here(world, client_for):
    admin = world.user("security_admin")
    response = client_for("security_admin").post(f"/accounts/users/{admin.pk}/password-reset/", follow=True)
    assert "请在“修改密码”页面修改自己的密码" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PASSWORD_CHANGE).exists()


def test_no_other_role_may_reset_a_password(world, client_for):
    target = world.user("environment_staff")
    for persona in ("system_admin", "audit_admin", "park_leader", "economy_staff"):
        assert client_for(persona).post(f"/accounts/users/{target.pk}/password-reset/").status_code == 403
