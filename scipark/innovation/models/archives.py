"""The tech archive (科技档案) of an enterprise per year, and its intellectual property, R&D institutions,
awards, standards and certificates (DOMAIN.md §3 names what each tier reads of them)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel

from .common import Level, Tier, money_field


class TechArchive(ParkScopedModel):
    """One enterprise's tech figures for one year: filled in the portal by the enterprise, reviewed by staff."""

    class State(models.TextChoices):
        DRAFT = "draft", _("填报中")
        SUBMITTED = "submitted", _("待审核")
        ACCEPTED = "accepted", _("已审核")
        RETURNED = "returned", _("已退回")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.DRAFT)
    rd_expense = money_field(_("研发费用总额(元)"), null=True, blank=True)
    rd_expense_domestic = money_field(_("境内研发费用(元)"), null=True, blank=True)
    sales = money_field(_("销售收入(元)"), null=True, blank=True)
    main_revenue = money_field(_("主营业务收入(元)"), null=True, blank=True)
    high_tech_income = money_field(_("高新技术产品(服务)收入(元)"), null=True, blank=True)
    total_cost = money_field(_("成本费用总额(元)"), null=True, blank=True)
    total_assets = money_field(_("资产总额(元)"), null=True, blank=True)
    net_assets = money_field(_("净资产(元)"), null=True, blank=True)
    total_liabilities = money_field(_("负债总额(元)"), null=True, blank=True)
    new_equity = money_field(_("近三年新增股权融资(元)"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("职工总数"), null=True, blank=True)
    tech_staff = models.PositiveIntegerField(_("科技人员数"), null=True, blank=True)
    rd_staff = models.PositiveIntegerField(_("研发人员数"), null=True, blank=True)
    niche_years = models.PositiveSmallIntegerField(_("从事细分领域年数"), null=True, blank=True)
    key_field = models.BooleanField(_("属于国家重点支持的高新技术领域"), default=False)
    strategic_emerging = models.BooleanField(_("属于战略性新兴产业"), default=False)
    rd_management_score = models.PositiveSmallIntegerField(
        _("研发组织管理水平自评分(0–20)"), null=True, blank=True
    )
    major_incident = models.BooleanField(_("近一年发生重大安全、质量、环境事故或严重失信"), default=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("科技档案")
        verbose_name_plural = _("科技档案")
        ordering = ["-year", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="innovation_archive_once_a_year"),
            models.CheckConstraint(
                name="innovation_archive_domestic_within_total",
                violation_error_message=_("境内研发费用不能超过研发费用总额(占比不能超过100%%)。"),
                condition=Q(rd_expense_domestic__isnull=True)
                | Q(rd_expense__isnull=True)
                | Q(rd_expense_domestic__lte=F("rd_expense")),
            ),
            models.CheckConstraint(
                name="innovation_archive_staff_within_employees",
                violation_error_message=_("科技人员数不能超过职工总数(占比不能超过100%%)。"),
                condition=Q(tech_staff__isnull=True)
                | Q(employees__isnull=True)
                | Q(tech_staff__lte=F("employees")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}年科技档案"

    def get_absolute_url(self) -> str:
        return reverse("innovation:archive_detail", args=[self.pk])


class IntellectualProperty(ParkScopedModel):
    """A patent, software copyright, plant variety, new drug or IC layout (the patent library, 专利库)."""

    class Kind(models.TextChoices):
        INVENTION = "invention", _("发明专利")
        UTILITY_MODEL = "utility_model", _("实用新型专利")
        DESIGN = "design", _("外观设计专利")
        SOFTWARE = "software", _("软件著作权")
        PLANT_VARIETY = "plant_variety", _("植物新品种")
        CROP_VARIETY = "crop_variety", _("国家级农作物品种")
        NEW_DRUG = "new_drug", _("国家新药")
        TCM_PROTECTED = "tcm_protected", _("国家一级中药保护品种")
        IC_LAYOUT = "ic_layout", _("集成电路布图设计")

    class Status(models.TextChoices):
        APPLIED = "applied", _("申请中")
        GRANTED = "granted", _("已授权")
        LAPSED = "lapsed", _("已失效")
        TRANSFERRED = "transferred", _("已转让")

    #: Class I IP (DOMAIN.md §3); every other kind is class II (trademarks are not IP here).
    CLASS_I: ClassVar[frozenset[str]] = frozenset(
        {
            Kind.INVENTION,
            Kind.PLANT_VARIETY,
            Kind.CROP_VARIETY,
            Kind.NEW_DRUG,
            Kind.TCM_PROTECTED,
            Kind.IC_LAYOUT,
        }
    )
    #: The patent kinds (T5 counts them by type).
    PATENT_KINDS: ClassVar[tuple[str, ...]] = (Kind.INVENTION, Kind.UTILITY_MODEL, Kind.DESIGN)

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("权利人企业"),
        null=True,
        blank=True,
    )
    owner_name = models.CharField(_("权利人"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("申请号/登记号"), max_length=40)
    title = models.CharField(_("名称"), max_length=200)
    applied_on = models.DateField(_("申请日期"), null=True, blank=True)
    granted_on = models.DateField(_("授权(登记)日期"), null=True, blank=True)
    status = models.CharField(_("法律状态"), max_length=12, choices=Status.choices, default=Status.APPLIED)
    high_value = models.BooleanField(_("高价值专利"), default=False)
    self_developed = models.BooleanField(_("自主研发"), default=True)
    in_use = models.BooleanField(_("应用于主导产品"), default=False)
    field = models.CharField(_("技术领域"), max_length=100, blank=True)
    abstract = models.TextField(_("摘要"), blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("知识产权")
        verbose_name_plural = _("专利库")
        ordering = ["-granted_on", "-applied_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["park", "kind", "number"], name="innovation_ip_number_once"),
            models.CheckConstraint(
                name="innovation_ip_granted_after_applied",
                violation_error_message=_("授权日期不能早于申请日期。"),
                condition=Q(granted_on__isnull=True)
                | Q(applied_on__isnull=True)
                | Q(granted_on__gte=F("applied_on")),
            ),
        ]
        indexes = [models.Index(fields=["park", "granted_on"], name="innovation_ip_park_granted")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} {self.title}"

    @property
    def ip_class(self) -> str:
        return "I" if self.kind in self.CLASS_I else "II"

    def get_absolute_url(self) -> str:
        return reverse("innovation:record_detail", args=["patents", self.pk])


class RdInstitution(ParkScopedModel):
    """An R&D institution or platform (研发平台库): an enterprise's R&D centre, lab or new R&D institution."""

    class Kind(models.TextChoices):
        RD_CENTRE = "rd_centre", _("企业研发中心")
        TECH_CENTRE = "tech_centre", _("企业技术中心")
        ENGINEERING_CENTRE = "engineering_centre", _("工程技术研究中心")
        KEY_LAB = "key_lab", _("重点实验室")
        NEW_RD = "new_rd", _("新型研发机构")
        ACADEMICIAN = "academician", _("院士(专家)工作站")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("依托企业"),
        null=True,
        blank=True,
    )
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    approved_on = models.DateField(_("认定日期"))
    approver = models.CharField(_("认定机构"), max_length=100, blank=True)
    document_no = models.CharField(_("文号"), max_length=60, blank=True)
    field = models.CharField(_("研究方向"), max_length=200, blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("研发平台")
        verbose_name_plural = _("研发平台库")
        ordering = ["-approved_on", "name"]

    def __str__(self) -> str:
        return f"{self.name}({self.get_level_display()})"

    def get_absolute_url(self) -> str:
        return reverse("innovation:record_detail", args=["platforms", self.pk])


class Award(ParkScopedModel):
    """A science and technology award won by an enterprise."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    name = models.CharField(_("奖项"), max_length=200)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    rank = models.PositiveSmallIntegerField(
        _("完成单位排名"), validators=[MinValueValidator(1)], null=True, blank=True
    )
    granted_on = models.DateField(_("获奖日期"))

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("科技奖励")
        verbose_name_plural = _("科技奖励")
        ordering = ["-granted_on"]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("innovation:enterprise_profile", args=[self.enterprise_id])


class LedStandard(ParkScopedModel):
    """A standard an enterprise led (主导制定)."""

    class Level(models.TextChoices):
        INTERNATIONAL = "international", _("国际标准")
        NATIONAL = "national", _("国家标准")
        INDUSTRY = "industry", _("行业标准")
        LOCAL = "local", _("地方标准")
        GROUP = "group", _("团体标准")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    code = models.CharField(_("标准号"), max_length=60)
    title = models.CharField(_("标准名称"), max_length=200)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices)
    published_on = models.DateField(_("发布日期"))

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("主导制定标准")
        verbose_name_plural = _("主导制定标准")
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("innovation:enterprise_profile", args=[self.enterprise_id])


class TierCertificate(ParkScopedModel):
    """A tier an enterprise holds: 高企 with number and validity, 科技型 registration per year, …"""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    tier = models.CharField(_("梯次"), max_length=16, choices=Tier.choices)
    number = models.CharField(_("证书编号/入库编号"), max_length=60, blank=True)
    granted_on = models.DateField(_("认定日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    issuer = models.CharField(_("认定机构"), max_length=100, blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("梯次认定")
        verbose_name_plural = _("梯次认定")
        ordering = ["-granted_on", "tier"]
        constraints = [
            models.CheckConstraint(
                name="innovation_certificate_expires_after_grant",
                violation_error_message=_("有效期不能早于认定日期。"),
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("granted_on")),
            )
        ]
        indexes = [models.Index(fields=["park", "tier", "granted_on"], name="innovation_cert_park_tier")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.get_tier_display()} {self.number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("innovation:enterprise_profile", args=[self.enterprise_id])
