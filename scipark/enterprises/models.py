"""The enterprise registry: who is in the park, in which industry, with which statuses over time."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.identifiers import validate_credit_code
from scipark.core.models import ParkScopedModel
from scipark.core.money import in_wan
from scipark.core.tenancy import ParkCopiedScopedModel
from scipark.core.validators import validate_phone


class Industry(models.Model):
    """A GB/T 4754-2017 category at any of its four levels: 门类 (A), 大类 (01), 中类 (011), 小类 (0111)."""

    class Level(models.IntegerChoices):
        SECTION = 1, _("门类")
        DIVISION = 2, _("大类")
        GROUP = 3, _("中类")
        CLASS = 4, _("小类")

    code = models.CharField(_("代码"), max_length=5, primary_key=True)
    name = models.CharField(_("名称"), max_length=200)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级"),
    )
    section = models.CharField(_("门类"), max_length=1, db_index=True)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("国家标准分类:由数据迁移载入,系统中不编辑")

    class Meta:
        verbose_name = _("国民经济行业分类")
        verbose_name_plural = _("国民经济行业分类")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ActivityType(models.TextChoices):
    """The statistical activity type that decides which above-scale rule applies (DOMAIN.md §1)."""

    INDUSTRY = "industry", _("工业")
    WHOLESALE = "wholesale", _("批发业")
    RETAIL = "retail", _("零售业")
    ACCOMMODATION = "accommodation", _("住宿业")
    CATERING = "catering", _("餐饮业")
    SERVICES = "services", _("服务业")
    CONSTRUCTION = "construction", _("建筑业")
    OTHER = "other", _("其他")


class TagColor(models.TextChoices):
    """A tag's colour, from a fixed palette (CSS classes ``sp-tag-<colour>``: no inline styles under the CSP)."""

    BLUE = "blue", _("蓝")
    INDIGO = "indigo", _("靛")
    PURPLE = "purple", _("紫")
    RED = "red", _("红")
    ORANGE = "orange", _("橙")
    YELLOW = "yellow", _("黄")
    GREEN = "green", _("绿")
    TEAL = "teal", _("青")
    GRAY = "gray", _("灰")


class Tag(ParkScopedModel):
    """A park's own label for enterprises (重点企业, 医药产业链 …)."""

    name = models.CharField(_("名称"), max_length=50)
    color = models.CharField(_("颜色"), max_length=10, choices=TagColor.choices, default=TagColor.BLUE)

    access_domain: ClassVar[Domain] = Domain.ENTERPRISES

    class Meta:
        verbose_name = _("标签")
        verbose_name_plural = _("标签")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["park", "name"], name="tag_name_unique_in_park")]

    def __str__(self) -> str:
        return self.name


class Enterprise(ParkScopedModel):
    """An enterprise registered in a park, identified by its unified social credit code."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {"legal_representative": "企业名录:核对工商登记信息"}
    #: Named by its registered name in the change log: the legal representative is masked, the name is not.
    NAME_SHOWS_NO_MASKED_FIELD: ClassVar[bool] = True

    class Status(models.TextChoices):
        OPERATING = "operating", _("在营")
        SUSPENDED = "suspended", _("停产")
        MOVED_OUT = "moved_out", _("迁出")
        DEREGISTERED = "deregistered", _("注销")

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("园区")
    )
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    name = models.CharField(_("企业名称"), max_length=200, db_index=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    registration_date = models.DateField(_("成立日期"), null=True, blank=True)
    registered_capital = models.DecimalField(
        _("注册资本(元)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("行业(GB/T 4754-2017)")
    )
    activity_type = models.CharField(_("统计行业类型"), max_length=20, choices=ActivityType.choices)
    status = models.CharField(_("经营状态"), max_length=20, choices=Status.choices, default=Status.OPERATING)
    website = models.URLField(_("网址"), blank=True)
    description = models.TextField(_("简介"), blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="enterprises", verbose_name=_("标签"))

    access_domain: ClassVar[Domain] = Domain.ENTERPRISES
    scope_enterprise_field: ClassVar[str | None] = "pk"
    #: Set by ``selectors.enterprise_list`` (tags prefetched as a plain list).
    tag_list: list[Tag]

    changelog: ClassVar[ChangeLog] = ChangeLog(m2m_fields={"tags"})

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]
        indexes = [models.Index(fields=["park", "name"]), models.Index(fields=["park", "activity_type"])]

    def __str__(self) -> str:
        return self.name

    @property
    def registered_capital_wan(self) -> Decimal | None:
        """Registered capital in 万元 to two places rounded half up (四舍五入), as the park writes it and every
        list rounds (stored in 元): the API's ``registered_capital_wan`` and the export's 注册资本(万元)."""
        return in_wan(self.registered_capital)


class EnterpriseStatus(ParkCopiedScopedModel):
    """A time-ranged status: above-scale (规上/限上) in one scope, or incubation (在孵)."""

    class Kind(models.TextChoices):
        ABOVE_SCALE_INDUSTRY = "above_scale_industry", _("规模以上工业")
        ABOVE_QUOTA_WHOLESALE = "above_quota_wholesale", _("限额以上批发业")
        ABOVE_QUOTA_RETAIL = "above_quota_retail", _("限额以上零售业")
        ABOVE_QUOTA_ACCOMMODATION = "above_quota_accommodation", _("限额以上住宿业")
        ABOVE_QUOTA_CATERING = "above_quota_catering", _("限额以上餐饮业")
        ABOVE_SCALE_SERVICES = "above_scale_services", _("规模以上服务业")
        INCUBATION = "incubation", _("在孵")

    #: The kinds that make an enterprise 规上/限上 (any scope).
    ABOVE_SCALE_KINDS: ClassVar[frozenset[str]] = frozenset(
        {
            Kind.ABOVE_SCALE_INDUSTRY,
            Kind.ABOVE_QUOTA_WHOLESALE,
            Kind.ABOVE_QUOTA_RETAIL,
            Kind.ABOVE_QUOTA_ACCOMMODATION,
            Kind.ABOVE_QUOTA_CATERING,
            Kind.ABOVE_SCALE_SERVICES,
        }
    )

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("企业")
    )
    kind = models.CharField(_("状态"), max_length=32, choices=Kind.choices)
    valid_from = models.DateField(_("起始日期"))
    valid_to = models.DateField(_("终止日期"), null=True, blank=True, help_text=_("空表示至今有效"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENTERPRISES
    park_parent: ClassVar[str] = "enterprise"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("企业状态")
        verbose_name_plural = _("企业状态")
        ordering = ["enterprise", "kind", "valid_from"]
        constraints = [
            models.CheckConstraint(
                name="status_period_ordered",
                violation_error_message=_("终止日期不能早于起始日期。"),
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
            )
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else str(_("至今"))
        return f"{self.enterprise} · {self.get_kind_display()} · {self.valid_from.isoformat()} – {end}"


class Contact(ParkCopiedScopedModel):
    """An enterprise's contact person. Personal data (PIPL): purpose 'enterprise liaison', masked by role."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {
        "name": "企业联络:办理诉求、统计报送、通知送达",
        "phone": "企业联络:办理诉求、统计报送、通知送达",
        "email": "企业联络:通知送达",
    }

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("企业")
    )
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_primary = models.BooleanField(_("主要联系人"), default=False)

    access_domain: ClassVar[Domain] = Domain.ENTERPRISES
    park_parent: ClassVar[str] = "enterprise"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("联系人")
        verbose_name_plural = _("联系人")
        ordering = ["enterprise", "-is_primary", "name"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.name}"
