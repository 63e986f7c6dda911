"""督察整改台账: inspection findings and petitions handed over, from registration to closure (销号)."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel
from scipark.core.terms import reads_chinese


class FindingState(models.TextChoices):
    REGISTERED = "registered", _("待整改")
    RECTIFYING = "rectifying", _("整改中")
    REVIEW = "review", _("待复核")
    RECTIFIED = "rectified", _("已整改待销号")
    CLOSED = "closed", _("已销号")


class Finding(ParkScopedModel):
    """One problem fed back by an inspection, or one petition handed over (转办信访件), or a park check."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {"closure_approver": "督察整改销号:记录审批人"}

    class Source(models.TextChoices):
        CENTRAL = "central", _("中央生态环境保护督察")
        PROVINCIAL = "provincial", _("省级生态环境保护督察")
        PARK_CHECK = "park_check", _("园区自查")

    class Kind(models.TextChoices):
        PROBLEM = "problem", _("反馈问题")
        PETITION = "petition", _("信访举报件")

    number = models.CharField(_("编号"), max_length=40)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    round_no = models.PositiveSmallIntegerField(_("督察轮次"), null=True, blank=True)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("问题"), max_length=200)
    description = models.TextField(_("问题描述"), blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("责任企业"),
    )
    responsible_unit = models.CharField(_("责任单位"), max_length=100, blank=True)
    received_on = models.DateField(_("交办日期"))
    deadline = models.DateField(_("整改期限"))
    measures = models.TextField(_("整改措施"), blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=FindingState.choices, default=FindingState.REGISTERED
    )
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    closure_document = models.CharField(_("销号文号"), max_length=60, blank=True)
    closure_approver = models.CharField(_("销号审批人"), max_length=50, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("销号经办人"),
    )
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("督察整改事项")
        verbose_name_plural = _("督察整改台账")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["park", "source", "round_no", "state"])]
        constraints = [models.UniqueConstraint(fields=["park", "number"], name="finding_number_per_park")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("environment:finding_detail", args=[self.pk])

    @property
    def round_label(self) -> str:
        """第二轮中央生态环境保护督察, 园区自查 …"""
        source = str(self.get_source_display())
        if not self.round_no:
            return source
        number = _numeral(self.round_no) if reads_chinese() else str(self.round_no)  # 第二轮 / round 2
        return gettext("第%(round)s轮%(source)s") % {"round": number, "source": source}

    @property
    def is_open(self) -> bool:
        return self.state not in (FindingState.RECTIFIED, FindingState.CLOSED)


def _numeral(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


class FindingStep(ParkScopedModel):
    """One step on a finding's timeline: who did what, from which state, with which notes."""

    class Action(models.TextChoices):
        START = "start", _("开始整改")
        PROGRESS = "progress", _("报告进展")
        SUBMIT = "submit", _("提交复核")
        APPROVE = "approve", _("复核通过")
        REJECT = "reject", _("复核退回")
        CLOSE = "close", _("销号")
        REOPEN = "reopen", _("复查不合格重新整改")

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="steps", verbose_name=_("事项")
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("原状态"), max_length=12, choices=FindingState.choices)
    to_state = models.CharField(_("新状态"), max_length=12, choices=FindingState.choices)
    notes = models.TextField(_("说明"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "finding__enterprise"
    changelog: ClassVar[ChangeLog] = ChangeLog.off("整改记录只追加,本身就是事项的过程日志")

    class Meta:
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.finding.number} {self.action}"

    def get_absolute_url(self) -> str:
        return reverse("environment:finding_detail", args=[self.finding_id])


def evidence_path(instance: FindingEvidence, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"environment/evidence/{uuid.uuid4().hex}.{ext}"


class FindingEvidence(ParkScopedModel):
    """A photo or document proving progress on a finding, uploaded with a step."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("事项")
    )
    step = models.ForeignKey(
        FindingStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "finding__enterprise"
    changelog: ClassVar[ChangeLog] = ChangeLog.off("证明材料上传后不修改,上传记在所属的整改记录里")

    class Meta:
        verbose_name = _("整改证明材料")
        verbose_name_plural = _("整改证明材料")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("environment:evidence_download", args=[self.pk])

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.pk, "name": self.name, "size": self.size}
