"""Account services (三员: the security admin's work): users, memberships, passwords.

Every page, the CLI and the demo loader call these; they validate, write, end sessions where the
rules say so, and record audit events. They never delete a user: logs refer to users.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core.access import forget_scope
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.roles import ADMIN_ROLES, Role

from .models import Membership, PersonalToken, User
from .passwords import is_admin
from .sessions import session_rekey, sessions_end
from .tokens import tokens_revoke_all

_PASSWORD_ALPHABETS = (string.ascii_lowercase, string.ascii_uppercase, string.digits, "!#$%&*+-=?@^_~")


def password_generate(length: int = 16) -> str:
    """A random password with every character class (meets the administrators' 12-character rule)."""
    length = max(length, 12)
    pool = "".join(_PASSWORD_ALPHABETS)
    while True:
        chars = [secrets.choice(a) for a in _PASSWORD_ALPHABETS]
        chars += [secrets.choice(pool) for _ in range(length - len(chars))]
        secrets.SystemRandom().shuffle(chars)
        candidate = "".join(chars)
        try:
            validate_password(candidate)
        except ValidationError:  # pragma: no cover - astronomically unlikely (a common password)
            continue
        return candidate


def _roles_snapshot(user: User) -> list[str]:
    """The user's active memberships as readable strings, for ROLE_CHANGE before/after."""
    return sorted(
        str(m)
        for m in Membership.objects.filter(user=user, is_active=True).select_related("park", "zone", "user")
    )


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str = "",
    phone: str = "",
    email: str = "",
    password: str | None = None,
    request: HttpRequest | None = None,
) -> tuple[User, str]:
    """Create an active user with no roles; returns the user and the initial password (shown once)."""
    user = User(
        username=username.strip(), full_name=full_name.strip(), phone=phone.strip(), email=email.strip()
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    initial = password if password is not None else password_generate()
    validate_password(initial, user)
    user.set_password(initial)
    user.password_changed_at = timezone.now()
    user.save()
    return user, initial


@transaction.atomic
def user_update(*, user: User, full_name: str, phone: str = "", email: str = "") -> User:
    """Change a user's name and contact details (the username never changes: logs refer to it)."""
    user.full_name = full_name.strip()
    user.phone = phone.strip()
    user.email = email.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "phone", "email"])
    return user


def user_language_set(*, user: User, language: str) -> None:
    """Keep the language a user chose with the switch (their e-mail is worded in it; a new sign-in opens
    in it). A preference, not an account change: no audit event (SECURITY.md row 9 lists none)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("不支持的语言:%(language)s。") % {"language": language})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def _end_sign_ins(
    user: User, *, reason: PersonalToken.RevokeReason, actor: Any = None, request: HttpRequest | None = None
) -> None:
    """End every session and revoke every API token of ``user``."""
    sessions_end(user=user)
    tokens_revoke_all(user=user, reason=reason, actor=actor, request=request)


def _refuse_self(actor: Any, user: User, message: str) -> None:
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise ValidationError(message)


#: Why a web page cannot touch an administrator: 三员 separation (SECURITY.md row 4) must not hinge on one
#: administrator's good faith, so 三员 accounts are made, changed and reset only on the server.
ADMIN_ONLY_ON_SERVER = gettext_lazy(
    "三员(系统、安全、审计管理员)账号的角色和密码只能在服务器上用 scipark create_admin / "
    "scipark reset_password 管理,不能在网页上授予、撤销或重置。"
)


def _refuse_admin_target(actor: Any, *, role: str | None = None, user: User | None = None) -> None:
    """A signed-in actor (the web) never grants, revokes or resets an administrator (三员) role or account."""
    if actor is None:  # the server's own commands (create_admin, reset_password) and the demo loader
        return
    if (role is not None and Role(role) in ADMIN_ROLES) or (user is not None and is_admin(user)):
        raise ValidationError({"role": ADMIN_ONLY_ON_SERVER})


@transaction.atomic
def user_deactivate(*, user: User, actor: Any = None, request: HttpRequest | None = None) -> User:
    """Disable an account: it can no longer sign in, every session ends and every API token is revoked."""
    _refuse_self(actor, user, _("不能停用自己的账号。"))
    _refuse_admin_target(actor, user=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _end_sign_ins(user, reason=PersonalToken.RevokeReason.DEACTIVATED, actor=actor, request=request)
    forget_scope(user)
    return user


@transaction.atomic
def password_reset(*, user: User, actor: Any = None, request: HttpRequest | None = None) -> str:
    """The security admin resets a forgotten password: a generated one, to hand over in person (shown
    once); every session and API token of the account ends, the second factor stays enrolled and required.
    Records PASSWORD_CHANGE. An administrator's password is reset only on the server (``actor=None``)."""
    _refuse_self(actor, user, _("请在“修改密码”页面修改自己的密码。"))
    _refuse_admin_target(actor, user=user)
    if not user.is_active:
        raise ValidationError(_("账号已停用,请先启用再重置密码。"))
    password = password_generate(20 if is_admin(user) else 16)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    _end_sign_ins(user, reason=PersonalToken.RevokeReason.PASSWORD_RESET, actor=actor, request=request)
    audit_event_record(
        kind=AuditEvent.Kind.PASSWORD_CHANGE,
        request=request,
        user=actor,
        obj=user,
        detail={"action": "reset", "target": user.get_username()},
    )
    return password


@transaction.atomic
def user_reactivate(*, user: User, actor: Any = None) -> User:
    """Enable a disabled account again (its memberships are unchanged)."""
    _refuse_self(actor, user, _("不能启用自己的账号。"))
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: Role | str,
    park: Any = None,
    zone: Any = None,
    department: Any = None,
    enterprise: Any = None,
    actor: Any = None,
    request: HttpRequest | None = None,
) -> Membership:
    """Grant a role; 三员 roles exclude every other role (``Membership.clean``) and are granted only on the
    server (``actor=None``: ``scipark create_admin``). Records ROLE_CHANGE."""
    _refuse_self(actor, user, _("不能修改自己的角色。"))
    _refuse_admin_target(actor, role=role, user=user)
    User.objects.select_for_update().filter(pk=user.pk).first()  # serialise grants to one user
    before = _roles_snapshot(user)
    membership = Membership(
        user=user, role=Role(role), park=park, zone=zone, department=department, enterprise=enterprise
    )
    membership.full_clean()
    duplicate = Membership.objects.filter(
        user=user,
        role=membership.role,
        park=park,
        zone=zone,
        department=department,
        enterprise=enterprise,
        is_active=True,
    )
    if duplicate.exists():
        raise ValidationError(_("该用户已拥有此角色授权。"))
    membership.save()
    _role_changed(membership, action="grant", before=before, actor=actor, request=request)
    return membership


@transaction.atomic
def membership_revoke(
    *, membership: Membership, actor: Any = None, request: HttpRequest | None = None
) -> Membership:
    """Revoke a role (the row stays, inactive, for the record). Records ROLE_CHANGE."""
    user = membership.user
    _refuse_self(actor, user, _("不能修改自己的角色。"))
    _refuse_admin_target(actor, role=membership.role)
    if not membership.is_active:
        raise ValidationError(_("该角色授权已撤销。"))
    before = _roles_snapshot(user)
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    # A token was made for the reach the holder had then: a narrower reach needs a new one.
    tokens_revoke_all(user=user, reason=PersonalToken.RevokeReason.ROLE_REVOKED, actor=actor, request=request)
    _role_changed(membership, action="revoke", before=before, actor=actor, request=request)
    return membership


def _role_changed(
    membership: Membership, *, action: str, before: Any, actor: Any, request: HttpRequest | None
) -> None:
    """Drop the user's cached scope and record one ROLE_CHANGE with the roles before and after."""
    user = membership.user
    forget_scope(user)
    audit_event_record(
        kind=AuditEvent.Kind.ROLE_CHANGE,
        request=request,
        user=actor,
        obj=membership,
        detail={
            "action": action,
            "target": user.get_username(),
            "before": before,
            "after": _roles_snapshot(user),
        },
    )


@transaction.atomic
def password_change(
    *, user: User, new_password: str, old_password: str | None = None, request: HttpRequest | None = None
) -> User:
    """Change a password after checking the old one and the rules; every *other* session ends."""
    if old_password is not None and not user.check_password(old_password):
        raise ValidationError({"old_password": _("原密码不正确。")})
    if old_password is not None and old_password == new_password:
        raise ValidationError({"new_password1": _("新密码不能与原密码相同。")})
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from error
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    current = None
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk:
        old_key = request.session.session_key
        update_session_auth_hash(request, user)  # keeps this session, under a new key
        current = request.session.session_key
        session_rekey(old_key=old_key, new_key=current)
    sessions_end(user=user, except_key=current)
    audit_event_record(kind=AuditEvent.Kind.PASSWORD_CHANGE, request=request, user=user, obj=user)
    return user


@transaction.atomic
def admin_create(*, role: Role | str, username: str, full_name: str = "") -> tuple[User, str]:
    """Bootstrap one 三员 account with a generated password (``manage.py create_admin``)."""
    role = Role(role)
    if role not in ADMIN_ROLES:
        raise ValidationError(_("只能创建三员账号(系统管理员、安全管理员、审计管理员)。"))
    user = User(username=username.strip(), full_name=full_name.strip())
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = Membership(user=user, role=role)
    membership.full_clean()
    membership.save()
    password = password_generate(20)
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    audit_event_record(
        kind=AuditEvent.Kind.ROLE_CHANGE,
        user=None,
        username="manage.py create_admin",
        obj=membership,
        detail={
            "action": "grant",
            "target": user.get_username(),
            "before": [],
            "after": _roles_snapshot(user),
        },
    )
    return user, password
