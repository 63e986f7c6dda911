"""Users and memberships (a membership is user × park (or zone) × role, with department or enterprise), and
the personal access tokens of the REST API."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import TimestampedModel
from scipark.core.querysets import RestrictedQuerySet
from scipark.core.roles import ADMIN_ROLES, Role
from scipark.core.validators import validate_phone


def language_choices() -> list[tuple[str, str]]:
    """The site's languages (settings.LANGUAGES), each named in itself as the header's switch names it."""
    return list(settings.LANGUAGES)


class User(AbstractUser):
    """A person who signs in; what they may do comes from their memberships."""

    #: Personal data (PIPL) held on an account, with the purpose it serves (SECURITY.md row 20).
    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {
        "full_name": "账号管理:识别操作人,显示在审计与变更记录中",
        "email": "账号管理:发送通知与找回账号",
        "phone": "账号管理:联系账号持有人",
        "first_name": "Django 内置字段,scipark 不填写",
        "last_name": "Django 内置字段,scipark 不填写",
    }

    full_name = models.CharField(_("姓名"), max_length=100, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True, validators=[validate_phone])
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    #: Changes with every change of the user's grants (``access_version_bump``): an API token's
    #: request reads it with the token and finds the resolved scope cached under it, so a revoked role
    #: is gone on the very next request without a memberships query on every one.
    access_version = models.PositiveIntegerField(_("授权版本"), default=0, editable=False)
    #: Kept from the language switch, so that e-mail can be worded in it and a new sign-in opens in it.
    language = models.CharField(
        _("界面语言"),
        max_length=10,
        choices=language_choices,
        blank=True,
        help_text=_("通知邮件也用此语言发送;未设置时用平台默认语言。"),
    )

    # Secrets and sign-in times are not account changes (SECURITY.md row 19); the grant version is
    # bookkeeping (the grants themselves are ROLE_CHANGE audit events); the language is a preference, as a
    # notification preference is (ChangeLog.off), changed with every press of the switch.
    changelog: ClassVar[ChangeLog] = ChangeLog(
        exclude_fields=("password", "last_login", "access_version", "language")
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def mail_language(self) -> str:
        """The language to word this user's e-mail in: their chosen one while the site offers it, else the
        site's."""
        return self.language if self.language in dict(settings.LANGUAGES) else str(settings.LANGUAGE_CODE)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Never write ``access_version`` back from an instance: only ``access_version_bump`` changes it,
        in the database; a stale copy saved later must not put an old version back."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            loaded = {f.attname for f in self._meta.concrete_fields if not f.primary_key}
            kwargs["update_fields"] = loaded - self.get_deferred_fields() - {"access_version"}
        super().save(*args, **kwargs)


def access_version_bump(*, user_ids: Iterable[int | None]) -> None:
    """Give these users a new grant version (inside the caller's transaction): every scope cached for
    them before is stale from now on. A fresh random number rather than +1: a change rolled back with its
    transaction must not leave a number behind that the next change would take again."""
    ids = {pk for pk in user_ids if pk is not None}
    if ids:
        User.objects.filter(pk__in=ids).update(access_version=secrets.randbelow(2**31 - 2) + 1)


class MembershipQuerySet(RestrictedQuerySet):
    """Bulk writes of memberships move their users' grant version too (``save``/``delete`` do it through
    the signals in ``accounts.signals``): no path changes a grant without the cached scopes noticing."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            user_ids = list(self.values_list("user_id", flat=True).distinct())
            updated = super().update(**kwargs)
            access_version_bump(user_ids=user_ids)
        return updated

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            access_version_bump(user_ids=[m.user_id for m in created])
        return created

    bulk_create.alters_data = True  # type: ignore[attr-defined]


class Membership(TimestampedModel):
    """One role held by one user in one park (or, for zone viewers, one zone)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("用户")
    )
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    zone = models.ForeignKey(
        "parks.Zone",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("开发区"),
    )
    park = models.ForeignKey(
        "parks.Park",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("园区"),
    )
    department = models.ForeignKey(
        "parks.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("部门"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("企业"),
    )
    is_active = models.BooleanField(_("有效"), default=True)

    access_domain: ClassVar[Domain] = Domain.ACCOUNTS
    scope_park_field: ClassVar[str | None] = None
    scope_zone_field: ClassVar[str | None] = None
    scope_enterprise_field: ClassVar[str | None] = None

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.CheckConstraint(
                name="membership_zone_viewer_has_zone",
                violation_error_message=_("开发区查看角色必须指定开发区。"),
                condition=~Q(role=Role.ZONE_VIEWER) | Q(zone__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_park_roles_have_park",
                violation_error_message=_("该角色必须指定园区。"),
                condition=~Q(role__in=[Role.PARK_LEADER, Role.DEPARTMENT_STAFF, Role.ENTERPRISE_USER])
                | Q(park__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_staff_has_department",
                violation_error_message=_("部门工作人员必须指定部门。"),
                condition=~Q(role=Role.DEPARTMENT_STAFF) | Q(department__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_enterprise_user_has_enterprise",
                violation_error_message=_("企业用户必须绑定企业。"),
                condition=~Q(role=Role.ENTERPRISE_USER) | Q(enterprise__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        where = self.park or self.zone or ""
        return f"{self.user} · {self.get_role_display()} · {where}"

    def clean(self) -> None:
        """Check the role's required links, and that no user holds two of the 三员 roles (SECURITY.md 4)."""
        errors: dict[str, str] = {}
        if self.role == Role.ZONE_VIEWER and not self.zone_id:
            errors["zone"] = str(_("开发区查看角色必须指定开发区。"))
        if self.role in (Role.PARK_LEADER, Role.DEPARTMENT_STAFF, Role.ENTERPRISE_USER) and not self.park_id:
            errors["park"] = str(_("该角色必须指定园区。"))
        if self.role == Role.DEPARTMENT_STAFF and not self.department_id:
            errors["department"] = str(_("部门工作人员必须指定部门。"))
        if self.role == Role.ENTERPRISE_USER and not self.enterprise_id:
            errors["enterprise"] = str(_("企业用户必须绑定企业。"))
        if self.department is not None and self.park_id and self.department.park_id != self.park_id:
            errors["department"] = str(_("部门不属于所选园区。"))
        if self.enterprise is not None and self.park_id and self.enterprise.park_id != self.park_id:
            errors["enterprise"] = str(_("企业不属于所选园区。"))
        if self.role in ADMIN_ROLES or self.user_id:
            others = Membership.objects.filter(user_id=self.user_id, is_active=True).exclude(pk=self.pk)
            other_roles = set(others.values_list("role", flat=True))
            if self.role in ADMIN_ROLES and other_roles:
                errors["role"] = str(_("三员角色不能与其他角色同时授予同一用户。"))
            elif other_roles & set(ADMIN_ROLES):
                errors["role"] = str(_("该用户已是管理员(三员),不能再授予其他角色。"))
        if errors:
            raise ValidationError(errors)


class UserSession(models.Model):
    """A live sign-in: maps a user to a session key so sessions can be counted and ended (SECURITY.md 6)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_ins", verbose_name=_("用户"))
    session_key = models.CharField(_("会话"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("登录时间"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=200, blank=True)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("登录会话:登录、退出与锁定已记入审计事件")

    class Meta:
        verbose_name = _("登录会话")
        verbose_name_plural = _("登录会话")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"


class PersonalToken(models.Model):
    """A personal access token for the REST API: made by its holder, shown once, kept only as a digest.

    It acts as its holder, with the holder's roles at the time of each call; a read-only token may only
    read. It ends at its expiry, when its holder or the security admin revokes it, and when the holder is
    deactivated, loses a role or has the password reset (``tokens.tokens_revoke_all``).
    """

    class RevokeReason(models.TextChoices):
        HOLDER = "holder", _("本人吊销")
        SECURITY_ADMIN = "security_admin", _("安全管理员吊销")
        DEACTIVATED = "deactivated", _("账号停用")
        ROLE_REVOKED = "role_revoked", _("角色撤销")
        PASSWORD_RESET = "password_reset", _("密码重置")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("持有人"))
    name = models.CharField(_("名称"), max_length=80, help_text=_("用途,如:数据同步脚本"))
    key_prefix = models.CharField(_("令牌前缀"), max_length=16, editable=False)
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("只读"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("吊销人"),
    )
    revoke_reason = models.CharField(_("吊销原因"), max_length=20, choices=RevokeReason.choices, blank=True)

    # Only the security admin (accounts domain) reaches other people's tokens; a holder reads their own.
    access_domain: ClassVar[Domain] = Domain.ACCOUNTS
    scope_park_field: ClassVar[str | None] = None
    scope_zone_field: ClassVar[str | None] = None
    scope_enterprise_field: ClassVar[str | None] = None

    objects = RestrictedQuerySet.as_manager()

    changelog: ClassVar[ChangeLog] = ChangeLog.off("接口令牌:签发、每次使用与吊销已记入审计事件")

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_token_user_live")]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired()

    @property
    def state(self) -> str:
        """有效, 已过期 or 已吊销, as the lists show it."""
        if self.revoked_at is not None:
            return str(_("已吊销"))
        return str(_("已过期")) if self.is_expired() else str(_("有效"))
