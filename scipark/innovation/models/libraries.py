"""The tech-service libraries (十大科技服务能力提升库) besides patents and platforms (in ``archives``):
achievements, experts, talents, tech demands, shared equipment, policies, cooperation institutions with
their agreements, and service providers."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel
from scipark.core.validators import validate_phone

from .common import Level, money_field


class LibraryRecord(ParkScopedModel):
    """What every library row shares: the park, the innovation domain, a detail page by library slug."""

    #: The library's slug in URLs and search facets (see ``scipark.innovation.libraries``).
    library: ClassVar[str] = ""

    access_domain: ClassVar[Domain] = Domain.INNOVATION

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("innovation:record_detail", args=[self.library, self.pk])


class Achievement(LibraryRecord):
    """A scientific or technological result (成果库), and its conversion when it was converted."""

    class Maturity(models.TextChoices):
        LAB = "lab", _("实验室阶段")
        PILOT = "pilot", _("中试阶段")
        INDUSTRIAL = "industrial", _("产业化阶段")

    library = "achievements"
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("转化企业"),
        null=True,
        blank=True,
    )
    title = models.CharField(_("成果名称"), max_length=200)
    holder = models.CharField(_("完成单位"), max_length=200)
    field = models.CharField(_("技术领域"), max_length=100, blank=True)
    maturity = models.CharField(_("成熟度"), max_length=12, choices=Maturity.choices, default=Maturity.LAB)
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    converted_on = models.DateField(_("转化日期"), null=True, blank=True)
    conversion_amount = money_field(_("转化金额(元)"), null=True, blank=True)
    summary = models.TextField(_("简介"), blank=True)

    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("科技成果")
        verbose_name_plural = _("成果库")
        ordering = ["-registered_on", "id"]

    def __str__(self) -> str:
        return self.title


class Expert(LibraryRecord):
    """A science and technology expert (专家库): a person, so name and contacts are personal data."""

    library = "experts"
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职称"), max_length=50, blank=True)
    organisation = models.CharField(_("工作单位"), max_length=200)
    field = models.CharField(_("专业领域"), max_length=100)
    specialties = models.TextField(_("研究方向"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("电子邮箱"), blank=True)

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {
        "name": "联系专家开展评审、咨询和技术对接(科技创新部门)",
        "phone": "联系专家开展评审、咨询和技术对接(科技创新部门)",
        "email": "联系专家开展评审、咨询和技术对接(科技创新部门)",
    }

    class Meta:
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")
        ordering = ["field", "name"]

    def __str__(self) -> str:
        return f"{self.name}({self.organisation})"


class Talent(LibraryRecord):
    """A talent of a park enterprise (人才库): a person, so name and contacts are personal data."""

    class Degree(models.TextChoices):
        DOCTOR = "doctor", _("博士")
        MASTER = "master", _("硕士")
        BACHELOR = "bachelor", _("本科")
        OTHER = "other", _("其他")

    library = "talents"
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所在企业"),
        null=True,
        blank=True,
    )
    name = models.CharField(_("姓名"), max_length=50)
    degree = models.CharField(_("学历"), max_length=12, choices=Degree.choices)
    title = models.CharField(_("职称"), max_length=50, blank=True)
    field = models.CharField(_("专业领域"), max_length=100)
    programme = models.CharField(_("入选人才计划"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("电子邮箱"), blank=True)

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {
        "name": "人才政策兑现与跟踪服务(科技创新部门、所在企业)",
        "phone": "人才政策兑现与跟踪服务(科技创新部门、所在企业)",
        "email": "人才政策兑现与跟踪服务(科技创新部门、所在企业)",
    }

    # An enterprise reaches its own talents; staff reach the park's.
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("人才")
        verbose_name_plural = _("人才库")
        ordering = ["field", "name"]

    def __str__(self) -> str:
        return self.name


class TechDemand(LibraryRecord):
    """A technology demand of an enterprise (技术需求库)."""

    class State(models.TextChoices):
        OPEN = "open", _("征集中")
        MATCHED = "matched", _("已对接")
        CLOSED = "closed", _("已关闭")

    library = "demands"
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("需求企业")
    )
    title = models.CharField(_("需求名称"), max_length=200)
    field = models.CharField(_("技术领域"), max_length=100, blank=True)
    description = models.TextField(_("需求描述"))
    budget = money_field(_("拟投入金额(元)"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"))
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.OPEN)

    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("技术需求")
        verbose_name_plural = _("技术需求库")
        ordering = ["-published_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="innovation_demand_deadline",
                violation_error_message=_("截止日期不能早于发布日期。"),
                condition=Q(deadline__isnull=True) | Q(deadline__gte=F("published_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title


class SharedEquipment(LibraryRecord):
    """A large instrument open for shared use (仪器设备共享库)."""

    library = "equipment"
    owner = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所属企业"),
        null=True,
        blank=True,
    )
    owner_name = models.CharField(_("所属单位"), max_length=200)
    name = models.CharField(_("设备名称"), max_length=200)
    model_no = models.CharField(_("型号"), max_length=100, blank=True)
    category = models.CharField(_("类别"), max_length=60, blank=True)
    value = money_field(_("原值(元)"), null=True, blank=True)
    location = models.CharField(_("存放地点"), max_length=200, blank=True)
    fee_note = models.CharField(_("收费标准"), max_length=200, blank=True)

    scope_enterprise_field: ClassVar[str | None] = "owner"

    class Meta:
        verbose_name = _("共享仪器设备")
        verbose_name_plural = _("仪器设备共享库")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Policy(LibraryRecord):
    """A science and technology policy (政策库)."""

    library = "policies"
    title = models.CharField(_("政策名称"), max_length=200)
    issuer = models.CharField(_("发布机关"), max_length=100)
    document_no = models.CharField(_("文号"), max_length=60, blank=True)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    published_on = models.DateField(_("发布日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    summary = models.TextField(_("要点"), blank=True)
    url = models.URLField(_("原文链接"), blank=True)

    class Meta:
        verbose_name = _("科技政策")
        verbose_name_plural = _("政策库")
        ordering = ["-published_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="innovation_policy_validity",
                violation_error_message=_("有效期不能早于发布日期。"),
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("published_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Institution(LibraryRecord):
    """A cooperation institution (合作机构库): a university, research institute or other partner."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("高等院校")
        RESEARCH = "research", _("科研院所")
        ASSOCIATION = "association", _("行业协会")
        OTHER = "other", _("其他")

    library = "institutions"
    name = models.CharField(_("机构名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    province = models.CharField(_("所在省份"), max_length=20)
    strengths = models.TextField(_("优势学科与方向"), blank=True)

    class Meta:
        verbose_name = _("合作机构")
        verbose_name_plural = _("合作机构库")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["park", "name"], name="innovation_institution_once")]

    def __str__(self) -> str:
        return self.name


class Agreement(ParkScopedModel):
    """A cooperation agreement with an institution (产学研合作协议), by the park or one enterprise."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("合作机构")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("签约企业"),
        null=True,
        blank=True,
        help_text=_("空表示由园区管委会签订"),
    )
    title = models.CharField(_("协议名称"), max_length=200)
    signed_on = models.DateField(_("签订日期"))
    expires_on = models.DateField(_("到期日期"), null=True, blank=True)
    scope = models.TextField(_("合作内容"), blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION

    class Meta:
        verbose_name = _("合作协议")
        verbose_name_plural = _("合作协议")
        ordering = ["-signed_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="innovation_agreement_term",
                violation_error_message=_("到期日期不能早于签订日期。"),
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("signed_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("innovation:record_detail", args=["institutions", self.institution_id])


class ServiceProvider(LibraryRecord):
    """A tech service provider (科技服务机构库): IP agency, testing, technology transfer, finance …"""

    class Kind(models.TextChoices):
        IP_AGENCY = "ip_agency", _("知识产权代理")
        TESTING = "testing", _("检验检测")
        TRANSFER = "transfer", _("技术转移")
        FINANCE = "finance", _("科技金融")
        CONSULTING = "consulting", _("科技咨询")

    library = "providers"
    name = models.CharField(_("机构名称"), max_length=200)
    kind = models.CharField(_("服务类型"), max_length=12, choices=Kind.choices)
    services = models.TextField(_("服务内容"), blank=True)
    qualification = models.CharField(_("资质"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("科技服务机构")
        verbose_name_plural = _("科技服务机构库")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
