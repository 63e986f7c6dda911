"""Base models: timestamps, optimistic locking, the change log, park scope and the restricting manager."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .access import Action, Domain, Grant
from .changelog import ChangeLog
from .querysets import RestrictedQuerySet


class TimestampedModel(models.Model):
    """Created/updated times and a version number that detects lost updates (SECURITY.md row 14)."""

    #: Fields holding one enterprise's statistics (统计法): the change log shows the audit admin that they
    #: changed, never their values (``core.changelog.masked_fields``).
    CONFIDENTIAL_FIELDS: ClassVar[Collection[str]] = ()
    #: Fields holding personal data, each with the purpose it serves (PIPL; SECURITY.md row 20): masked
    #: wherever a role does not need them, the change log's audit view included.
    PERSONAL_FIELDS: ClassVar[Mapping[str, str]] = {}

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True


class ScopedModel(TimestampedModel):
    """A business row whose reach is decided by ``core.access``: declare the domain and scope paths."""

    access_domain: ClassVar[Domain]
    scope_park_field: ClassVar[str | None] = "park"
    scope_zone_field: ClassVar[str | None] = "park__zone"
    scope_enterprise_field: ClassVar[str | None] = None
    scope_distinct: ClassVar[bool] = False

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """The one per-model hook of ``core.access``: narrow or widen what one grant opens.

        ``clause`` is the core rule's answer for this grant (``None``: nothing). Override to narrow it
        (an appeal reaches only the departments handling it) or widen it (alliance members read what
        their alliance publishes). The default keeps the core rule.
        """
        return clause


class ParkScopedModel(ScopedModel):
    """A row that belongs to one park (the tenant)."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, verbose_name=_("园区"), related_name="+")

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Audit events are append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("审计日志只能追加,不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("审计日志只能追加,不能删除。")


class AuditEvent(models.Model):
    """One security-relevant event: a login, a lockout, a role change, an import, an export, a view."""

    class Kind(models.TextChoices):
        LOGIN_OK = "login_ok", _("登录成功")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOCKOUT = "lockout", _("账号锁定")
        LOGOUT = "logout", _("退出登录")
        MFA_FAILED = "mfa_failed", _("动态口令错误")
        ROLE_CHANGE = "role_change", _("角色变更")
        PASSWORD_CHANGE = "password_change", _("修改密码")
        IMPORT = "import", _("导入")
        EXPORT = "export", _("导出")
        VIEW_CONFIDENTIAL = "view_confidential", _("查看个体统计数据")
        VIEW_PERSONAL = "view_personal", _("查看个人信息")
        ACCESS_DENIED = "access_denied", _("越权访问")
        API_KEY_ISSUE = "api_key_issue", _("签发接口密钥")
        API_KEY_USE = "api_key_use", _("使用接口密钥")
        API_KEY_REVOKE = "api_key_revoke", _("吊销接口密钥")

    class Result(models.TextChoices):
        OK = "ok", _("成功")
        FAILED = "failed", _("失败")
        DENIED = "denied", _("拒绝")

    timestamp = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("事件"), max_length=32, choices=Kind.choices, db_index=True)
    result = models.CharField(_("结果"), max_length=16, choices=Result.choices, default=Result.OK)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("用户")
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象名称"), max_length=200, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True)

    access_domain: ClassVar[Domain] = Domain.AUDIT
    scope_park_field: ClassVar[str | None] = None
    scope_zone_field: ClassVar[str | None] = None
    scope_enterprise_field: ClassVar[str | None] = None

    objects = AuditEventQuerySet.as_manager()

    #: The security events are a log of their own, append-only like the change log.
    changelog: ClassVar[ChangeLog] = ChangeLog.off("安全审计事件本身就是只追加的日志")

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-timestamp", "-id"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("审计日志只能追加,不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("审计日志只能追加,不能删除。")
