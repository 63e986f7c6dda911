"""Open311 GeoReport v2: the clients that hold API keys, the attributes each service asks for, and the
record of every request a client filed (its token, device and account ids, media URL).

The appeals themselves live in ``scipark.appeals``; this app only files and reads them through that
app's services and selectors (ADR 0008).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel
from scipark.core.tenancy import ParkCopiedScopedModel


class Open311Client(ParkScopedModel):
    """An application allowed to file and read a park's appeals with its API key (only a hash is kept)."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {"contact": "Open311 接入:联系接入方的负责人"}

    name = models.CharField(_("名称"), max_length=80)
    contact = models.CharField(_("联系人及联系方式"), max_length=200, blank=True)
    key_prefix = models.CharField(_("密钥前缀"), max_length=16, editable=False)
    key_hash = models.CharField(_("密钥摘要"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("创建人"),
    )
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("吊销人"),
    )
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    # The POST rate limit's fixed window, counted in the database so that every app server shares it.
    window_start = models.DateTimeField(null=True, blank=True, editable=False)
    window_count = models.PositiveIntegerField(default=0, editable=False)

    access_domain: ClassVar[Domain] = Domain.SERVICE

    # Key digests and the rate window are not business data worth a change-log entry.
    changelog: ClassVar[ChangeLog] = ChangeLog(
        exclude_fields=("key_hash", "window_start", "window_count", "last_used_at")
    )

    class Meta:
        verbose_name = _("Open311 客户端")
        verbose_name_plural = _("Open311 客户端")
        ordering = ["park", "name"]
        constraints = [models.UniqueConstraint(fields=["park", "name"], name="open311_client_name_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Datatype(models.TextChoices):
    """The datatypes of GeoReport v2 service attributes."""

    STRING = "string", _("字符串")
    NUMBER = "number", _("数字")
    DATETIME = "datetime", _("日期时间")
    TEXT = "text", _("长文本")
    SINGLEVALUELIST = "singlevaluelist", _("单选")
    MULTIVALUELIST = "multivaluelist", _("多选")


LIST_DATATYPES = frozenset({Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST})


class ServiceAttribute(ParkCopiedScopedModel):
    """One question a service (an appeal category) asks when a request is filed through Open311."""

    category = models.ForeignKey(
        "appeals.AppealCategory",
        on_delete=models.CASCADE,
        related_name="open311_attributes",
        verbose_name=_("诉求类别"),
    )
    code = models.SlugField(_("代码"), max_length=50, help_text=_("字母、数字、下划线或连字符"))
    variable = models.BooleanField(_("需要填写"), default=True, help_text=_("否:仅向用户展示说明,不收集取值"))
    datatype = models.CharField(_("数据类型"), max_length=20, choices=Datatype.choices)
    required = models.BooleanField(_("必填"), default=False)
    datatype_description = models.CharField(_("格式说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=1)
    description = models.CharField(pgettext_lazy("service attribute", "问题"), max_length=300)
    values = models.JSONField(
        _("选项"), default=list, blank=True, help_text=_('单选/多选的选项:[{"key": …, "name": …}]')
    )

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "category"

    class Meta:
        verbose_name = _("Open311 服务属性")
        verbose_name_plural = _("Open311 服务属性")
        ordering = ["category", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="open311_attribute_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.category.code}.{self.code}"


class Submission(ParkCopiedScopedModel):
    """What a client sent with a request besides the appeal itself: the token it can look the request up
    by, its device and account ids, the address id and the media URL (GeoReport v2 fields)."""

    client = models.ForeignKey(
        Open311Client, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("客户端")
    )
    appeal = models.OneToOneField(
        "appeals.Appeal", on_delete=models.CASCADE, related_name="open311_submission", verbose_name=_("诉求")
    )
    token = models.CharField(_("令牌"), max_length=40, unique=True)
    device_id = models.CharField(_("设备标识"), max_length=100, blank=True)
    account_id = models.CharField(_("账号标识"), max_length=100, blank=True)
    address_id = models.CharField(_("地址编号"), max_length=100, blank=True)
    media_url = models.URLField(_("图片链接"), max_length=500, blank=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "client"

    class Meta:
        verbose_name = _("Open311 提交记录")
        verbose_name_plural = _("Open311 提交记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.token
