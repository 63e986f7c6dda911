"""Investment projects (招商项目) from lead to production, with their stage history, approvals, contracts
(amended as revisions: the latest counts), funds in place (dated entries by source class) and the park's
settings for them (approval levels before signing, days a stage may last, reserve bands), DOMAIN.md §7.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel
from scipark.core.tenancy import ParkCopiedScopedModel

#: Amounts are 元 with fen; 16 digits hold a 100亿 project with room to spare.
MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Stage(models.TextChoices):
    """Where a project stands (DOMAIN.md §7); 终止/流失 ends it from any open stage."""

    LEAD = "lead", _("线索")
    TALKS = "talks", _("接洽")
    SIGNED = "signed", _("签约")
    LANDED = "landed", _("落地")
    STARTED = "started", _("开工")
    PRODUCING = "producing", _("投产")
    TERMINATED = "terminated", _("终止/流失")


#: The stages in pipeline order (for kanban columns, the funnel and "reached by" questions).
PIPELINE: tuple[Stage, ...] = (
    Stage.LEAD,
    Stage.TALKS,
    Stage.SIGNED,
    Stage.LANDED,
    Stage.STARTED,
    Stage.PRODUCING,
)


class Origin(models.TextChoices):
    """Where the investor (or the money) comes from; 省外境内 is the usual provincial target."""

    IN_PROVINCE = "in_province", _("省内")
    OTHER_PROVINCE = "other_province", _("省外境内")
    ABROAD = "abroad", _("境外")


class Channel(models.TextChoices):
    """How the project was found (招商方式)."""

    FAIR = "fair", _("展会/会议")
    BY_BUSINESS = "by_business", _("以商招商")
    FUND = "fund", _("基金招商")
    RESIDENT = "resident", _("驻点招商")
    ONLINE = "online", _("网络")
    OTHER = "other", _("其他")


class Project(ParkScopedModel):
    """One investment project the department follows."""

    #: The introducer (引进人) is a person's name: masked for the audit admin in the change log (PIPL).
    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {
        "introducer": "招商项目:记录项目的引进人(招商引资奖励的依据)"
    }

    name = models.CharField(_("项目名称"), max_length=150)
    investor = models.CharField(_("投资方"), max_length=150)
    origin = models.CharField(_("投资方来源"), max_length=20, choices=Origin.choices)
    origin_province = models.CharField(_("来源省份/国家"), max_length=30, blank=True)
    industry = models.ForeignKey(
        "enterprises.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("行业(GB/T 4754-2017)"),
    )
    chain = models.CharField(_("产业链"), max_length=50, blank=True)
    is_industrial = models.BooleanField(_("工业项目"), default=True)
    planned_investment = models.DecimalField(_("计划总投资(元)"), **MONEY)  # type: ignore[arg-type]
    expected_output = models.DecimalField(_("预计年产值(元)"), null=True, blank=True, **MONEY)  # type: ignore[arg-type]
    expected_tax = models.DecimalField(_("预计年税收(元)"), null=True, blank=True, **MONEY)  # type: ignore[arg-type]
    land_need = models.DecimalField(
        _("用地需求(亩)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    space_need = models.DecimalField(
        _("厂房/办公需求(平方米)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    channel = models.CharField(_("招商方式"), max_length=20, choices=Channel.choices, default=Channel.OTHER)
    source_event = models.CharField(_("展会/会议"), max_length=60, blank=True, help_text=_("如:青洽会"))
    fund = models.ForeignKey(
        "investment.Fund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("引进基金"),
    )
    tracker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("跟踪人"),
    )
    introducer = models.CharField(_("引进人"), max_length=50, blank=True)
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices, default=Stage.LEAD)
    stage_since = models.DateField(_("进入本阶段日期"))
    site = models.CharField(_("落地地块/载体"), max_length=150, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("投产企业"),
    )
    termination_reason = models.CharField(_("终止/流失原因"), max_length=300, blank=True)
    description = models.TextField(_("项目简介"), blank=True)

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")
        ordering = ["-stage_since", "-id"]
        indexes = [models.Index(fields=["park", "stage"])]
        constraints = [
            # The duplicate check (investor + project name) holds even when two people save at once.
            models.UniqueConstraint(fields=["park", "investor", "name"], name="project_unique_in_park")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("investment:project_detail", args=[self.pk])


class ProjectScopedModel(ParkCopiedScopedModel):
    """A row that belongs to one project: its reach is the project's."""

    access_domain: ClassVar[Domain] = Domain.INVESTMENT
    park_parent: ClassVar[str] = "project"

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("investment:project_detail", args=[self.project_id])  # type: ignore[attr-defined]


class StageChange(ProjectScopedModel):
    """One step of a project's timeline: the action, the stage reached and the date it was reached."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="steps", verbose_name=_("项目")
    )
    action = models.CharField(_("操作"), max_length=20)
    from_stage = models.CharField(_("原阶段"), max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=12, choices=Stage.choices)
    happened_on = models.DateField(_("日期"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to="investment/evidence/%Y/", blank=True)

    class Meta:
        verbose_name = _("项目进展")
        verbose_name_plural = _("项目进展")
        ordering = ["project", "happened_on", "id"]
        indexes = [models.Index(fields=["to_stage", "happened_on"])]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_to_stage_display()} · {self.happened_on}"


class ApprovalLevel(ParkScopedModel):
    """One level of the park's approval before a signing (e.g. 招商部 → 分管领导 → 主任)."""

    class Approver(models.TextChoices):
        STAFF = "staff", _("招商部门")
        LEADER = "leader", _("园区领导")

    order = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("审批环节"), max_length=50)
    approver = models.CharField(_("审批人"), max_length=10, choices=Approver.choices)

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("签约审批环节")
        verbose_name_plural = _("签约审批环节")
        ordering = ["park", "order"]
        constraints = [models.UniqueConstraint(fields=["park", "order"], name="approval_level_order_unique")]

    def __str__(self) -> str:
        return self.title


class Approval(ProjectScopedModel):
    """A level's approval of a project's signing."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("项目")
    )
    level = models.ForeignKey(
        ApprovalLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("审批环节")
    )
    decided_on = models.DateField(_("审批日期"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    note = models.CharField(_("意见"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("签约审批")
        verbose_name_plural = _("签约审批")
        ordering = ["project", "level__order"]
        constraints = [models.UniqueConstraint(fields=["project", "level"], name="approval_once_per_level")]

    def __str__(self) -> str:
        return f"{self.project} · {self.level}"


class StageLimit(ParkScopedModel):
    """How many days a project may sit in a stage before its tracker is reminded."""

    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices)
    days = models.PositiveIntegerField(_("天数"), validators=[MinValueValidator(1)])

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("阶段停留时限")
        verbose_name_plural = _("阶段停留时限")
        ordering = ["park", "stage"]
        constraints = [models.UniqueConstraint(fields=["park", "stage"], name="stage_limit_unique")]

    def __str__(self) -> str:
        return _("%(stage)s %(days)s天") % {"stage": self.get_stage_display(), "days": self.days}


class ReserveBand(ParkScopedModel):
    """A planned-investment band of the reserve: lower edge inclusive, upper edge exclusive (DOMAIN.md §7)."""

    label = models.CharField(_("档位"), max_length=30)
    lower = models.DecimalField(_("下限(元,含)"), **MONEY)  # type: ignore[arg-type]
    upper = models.DecimalField(_("上限(元,不含)"), null=True, blank=True, **MONEY)  # type: ignore[arg-type]

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("储备项目档位")
        verbose_name_plural = _("储备项目档位")
        ordering = ["park", "-lower"]
        constraints = [
            models.UniqueConstraint(fields=["park", "lower"], name="reserve_band_lower_unique"),
            models.CheckConstraint(
                name="reserve_band_ordered",
                violation_error_message=_("上限须大于下限。"),
                condition=Q(upper__isnull=True) | Q(upper__gt=models.F("lower")),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Contract(ProjectScopedModel):
    """One revision of a project's investment contract; the highest revision is the amount that counts."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="contracts", verbose_name=_("项目")
    )
    revision = models.PositiveSmallIntegerField(_("版本号"), default=1)
    signed_on = models.DateField(_("签约日期"))
    amount = models.DecimalField(_("合同投资额(元)"), **MONEY)  # type: ignore[arg-type]
    signing_party = models.CharField(_("签约主体"), max_length=150)
    event = models.CharField(_("签约活动"), max_length=60, blank=True, help_text=_("如:青洽会"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    document = models.FileField(_("合同文本"), upload_to="investment/contracts/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("录入人"),
    )

    class Meta:
        verbose_name = _("投资合同")
        verbose_name_plural = _("投资合同")
        ordering = ["project", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["project", "revision"], name="contract_revision_unique"),
            models.CheckConstraint(
                name="contract_amount_positive",
                violation_error_message=_("合同投资额须大于 0。"),
                condition=Q(amount__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return _("%(project)s · 第%(revision)s版") % {"project": self.project, "revision": self.revision}


class FundsInPlace(ProjectScopedModel):
    """Money actually invested on one date (到位资金), classed by where it came from."""

    class Kind(models.TextChoices):
        PAID_IN = "paid_in", _("实缴资本")
        FIXED_ASSETS = "fixed_assets", _("固定资产投资")
        EQUIPMENT = "equipment", _("设备投入")
        OTHER = "other", _("其他")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funds_in_place", verbose_name=_("项目")
    )
    arrived_on = models.DateField(_("到位日期"))
    amount = models.DecimalField(_("到位金额(元)"), **MONEY)  # type: ignore[arg-type]
    source_class = models.CharField(_("资金来源"), max_length=20, choices=Origin.choices)
    kind = models.CharField(_("资金形式"), max_length=20, choices=Kind.choices, default=Kind.FIXED_ASSETS)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("录入人"),
    )

    class Meta:
        verbose_name = _("到位资金")
        verbose_name_plural = _("到位资金")
        ordering = ["project", "arrived_on", "id"]
        indexes = [models.Index(fields=["source_class", "arrived_on"])]
        constraints = [
            models.CheckConstraint(
                name="funds_amount_positive",
                violation_error_message=_("到位金额须大于 0。"),
                condition=Q(amount__gt=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.arrived_on} · {self.amount}"


class Target(ParkScopedModel):
    """An annual target of one indicator (签约额, 省外到位资金 …); a fair's signing target names the fair."""

    class Indicator(models.TextChoices):
        # The amounts' unit is not in their names: they are stored in 元, typed and shown in 亿元 (TargetForm).
        SIGNED_AMOUNT = "signed_amount", _("签约额")
        EVENT_SIGNED_AMOUNT = "event_signed_amount", _("展会签约额")
        FUNDS_OTHER_PROVINCE = "funds_other_province", _("省外到位资金")
        FUNDS_ABROAD = "funds_abroad", _("境外到位资金")
        LANDED_INDUSTRIAL = "landed_industrial", _("落地5000万元以上工业项目(个)")
        LANDED_100M = "landed_100m", _("落地亿元项目(个)")

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    indicator = models.CharField(_("指标"), max_length=30, choices=Indicator.choices)
    event = models.CharField(_("展会/会议"), max_length=60, blank=True)
    value = models.DecimalField(
        _("目标值"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        ordering = ["-year", "indicator", "event"]
        constraints = [
            models.UniqueConstraint(fields=["park", "year", "indicator", "event"], name="target_unique"),
            models.CheckConstraint(
                name="target_positive",
                violation_error_message=_("目标值须大于 0。"),
                condition=Q(value__gt=0),
            ),
        ]

    def __str__(self) -> str:
        label = self.get_indicator_display()
        return f"{self.year} {self.event + ' ' if self.event else ''}{label}"


#: Target indicators counted in projects; the others are amounts in 元 (entered and shown in 亿元).
COUNTED_INDICATORS = frozenset({Target.Indicator.LANDED_INDUSTRIAL, Target.Indicator.LANDED_100M})
