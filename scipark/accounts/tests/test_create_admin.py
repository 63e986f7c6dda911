"""``manage.py create_admin``: the way in on a new install — one 三员 account, a strong password once."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command

from scipark.accounts.models import User
from scipark.core.models import AuditEvent


def run(*args: str) -> str:
    out = StringIO()
    call_command("create_admin", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("role", ["system_admin", "security_admin", "audit_admin"])
def test_it_creates_one_admin_with_a_generated_password_printed_once(db, role):
    output = run("--role", role, "root-" + role)
    match = re.search(r"初始密码.*?: (\S+)", output)
    assert match is not None
    password = match.group(1)
    user = User.objects.get(username="root-" + role)
    assert user.check_password(password)
    assert not user.is_superuser and not user.is_staff
    assert list(user.memberships.values_list("role", flat=True)) == [role]
    validate_password(password, user)  # 12+ characters, every class
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ROLE_CHANGE, object_type="accounts.membership").count()
        == 1
    )


def test_it_refuses_business_roles(db):
    with pytest.raises(CommandError):
        call_command("create_admin", "--role", "park_leader", "someone", stdout=StringIO(), stderr=StringIO())


def test_it_refuses_an_existing_username(db):
    run("--role", "audit_admin", "auditor")
    with pytest.raises(CommandError):
        run("--role", "security_admin", "auditor")
    assert list(User.objects.get(username="auditor").memberships.values_list("role", flat=True)) == [
        "audit_admin"
    ]
