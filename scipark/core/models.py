"""Base models: timestamps, optimistic locking, the change log, park scope and the restricting manager."""

from __future__ import annotations

import uuid
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


class TaskRunQuerySet(models.QuerySet["TaskRun"]):
    def own(self, user: Any, token: str) -> TaskRunQuerySet:
        """The run ``token`` names if ``user`` started it; nothing for a malformed token, no user or anyone
        else's run, whatever their roles (every page, fragment and download of a run reads it this way)."""
        try:
            key = uuid.UUID(str(token))
        except ValueError:
            return self.none()
        owner = getattr(user, "pk", None)
        if owner is None:
            return self.none()
        return self.filter(token=key, user_id=owner)


class TaskRun(models.Model):
    """One background run (an import, an export, a report, a scheduled job): its progress and outcome, polled
    by its page (ADR 0011).

    Written by the task in short transactions of its own, read only by whoever started it (``objects.own``);
    scheduled jobs have no user and are read on the command line. ``period`` makes a scheduled job's run
    unique per period (``scipark tick``), empty for everything else.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    token = models.UUIDField(_("编号"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=64)
    label = models.CharField(_("名称"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    park = models.ForeignKey(
        "parks.Park",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("园区"),
        related_name="+",
    )
    period = models.CharField(_("周期"), max_length=32, blank=True, default="")
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.QUEUED)
    stage = models.CharField(_("阶段"), max_length=32, blank=True, default="")
    done = models.PositiveIntegerField(_("已处理"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.TextField(_("说明"), blank=True, default="")
    errors = models.JSONField(_("错误"), default=list, blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    result_url = models.CharField(_("结果链接"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    #: The process running it (``host:pid:start``), so ``scipark tick`` can tell a dead worker at once.
    worker = models.CharField(_("执行进程"), max_length=128, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(_("执行次数"), default=0)

    objects = TaskRunQuerySet.as_manager()

    changelog: ClassVar[ChangeLog] = ChangeLog.off("任务进度记录,不是业务数据;导入本身记入审计日志")

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period"],
                condition=~Q(period=""),
                name="core_taskrun_once_per_period",
                violation_error_message=_("同一类型的后台任务在同一周期只能有一条运行记录。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label or self.kind} {self.get_state_display()}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
