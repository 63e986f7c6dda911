"""Economic operation monitoring: monthly returns, energy use, fixed-asset projects, targets, scale
decisions (DOMAIN.md §1–§2); the maintained aggregates the KPI panel reads are in ``aggregates.py``.

Money is stored in 元 (``Decimal``, two places), as DESIGN.md rule 3 says; energy in tonnes of standard
coal equivalent (tce, four places). Every amount of a monthly return is the *month's* value (当月);
cumulative values (累计) are sums from January. A return for February may cover January and February
together (``months = 2``), as the statistics bureau collects them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel
from scipark.core.querysets import RestrictedQuerySet
from scipark.core.roles import DepartmentKind
from scipark.core.tenancy import ParkCopiedScopedModel
from scipark.core.terms import data_term
from scipark.enterprises.models import EnterpriseStatus

#: Fixed-asset investment projects count from this planned total (DOMAIN.md §1: ≥ 500万元).
PROJECT_SCOPE_THRESHOLD = Decimal("5000000")


def money_field(label: Any, **kwargs: Any) -> Any:
    """An amount in 元 (two places)."""
    return models.DecimalField(label, max_digits=18, decimal_places=2, **kwargs)


class ScaleSet(models.TextChoices):
    """The sets the statistics are kept for: each above-scale kind, and every reporting enterprise."""

    ALL = "all", _("全部报送企业")
    ABOVE_SCALE_INDUSTRY = EnterpriseStatus.Kind.ABOVE_SCALE_INDUSTRY.value, _("规模以上工业")
    ABOVE_QUOTA_WHOLESALE = EnterpriseStatus.Kind.ABOVE_QUOTA_WHOLESALE.value, _("限额以上批发业")
    ABOVE_QUOTA_RETAIL = EnterpriseStatus.Kind.ABOVE_QUOTA_RETAIL.value, _("限额以上零售业")
    ABOVE_QUOTA_ACCOMMODATION = EnterpriseStatus.Kind.ABOVE_QUOTA_ACCOMMODATION.value, _("限额以上住宿业")
    ABOVE_QUOTA_CATERING = EnterpriseStatus.Kind.ABOVE_QUOTA_CATERING.value, _("限额以上餐饮业")
    ABOVE_SCALE_SERVICES = EnterpriseStatus.Kind.ABOVE_SCALE_SERVICES.value, _("规模以上服务业")


#: The above-scale sets (without ``ALL``), i.e. the status kinds a scale decision may set.
ABOVE_SCALE_SETS: tuple[str, ...] = tuple(s.value for s in ScaleSet if s != ScaleSet.ALL)
#: The trade sets (限上商贸) counted together for "new above-quota trade firms" (FIGURES.md E5).
TRADE_SETS: tuple[str, ...] = (
    ScaleSet.ABOVE_QUOTA_WHOLESALE.value,
    ScaleSet.ABOVE_QUOTA_RETAIL.value,
    ScaleSet.ABOVE_QUOTA_ACCOMMODATION.value,
    ScaleSet.ABOVE_QUOTA_CATERING.value,
)


class Measure(models.TextChoices):
    """The amounts of a monthly return that the engine adds up (field names of ``MonthlyReturn``)."""

    INDUSTRIAL_OUTPUT = "industrial_output", _("工业总产值(当年价格)")
    REVENUE = "revenue", _("营业收入")
    VALUE_ADDED = "value_added", _("工业增加值(可比价)")
    PROFIT = "profit", _("利润总额")
    SALES = "sales", _("商品销售额(营业额)")
    ENERGY_TCE = "energy_tce", _("综合能源消费量")
    FIXED_ASSET_INVESTMENT = "fixed_asset_investment", _("固定资产投资完成额")


#: The measures kept in the aggregate table (a return's amounts).
RETURN_MEASURES: tuple[str, ...] = (
    Measure.INDUSTRIAL_OUTPUT.value,
    Measure.REVENUE.value,
    Measure.VALUE_ADDED.value,
    Measure.PROFIT.value,
    Measure.SALES.value,
    Measure.ENERGY_TCE.value,
)


class Indicator(models.Model):
    """One indicator of the catalogue: what it means, its unit, who keeps it, how often, when to warn.

    Reference data shared by every park (like the industry table); the annual targets are per park.
    """

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("月度")
        QUARTERLY = "quarterly", _("季度")
        ANNUAL = "annual", _("年度")

    class TargetKind(models.TextChoices):
        AMOUNT = "amount", _("总量(完成额)")
        GROWTH = "growth", _("增速(%)")
        COUNT = "count", _("户数")

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    definition = models.TextField(_("定义与口径"))
    unit = models.CharField(_("单位"), max_length=20)
    owner_department = models.CharField(
        _("责任部门"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.ECONOMY
    )
    frequency = models.CharField(
        _("频率"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    measure = models.CharField(_("统计项"), max_length=30, choices=Measure.choices)
    scale_set = models.CharField(_("统计范围"), max_length=32, choices=ScaleSet.choices, default=ScaleSet.ALL)
    target_kind = models.CharField(
        _("目标类型"), max_length=10, choices=TargetKind.choices, default=TargetKind.AMOUNT
    )
    warning_gap = models.DecimalField(
        _("预警差距(百分点)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("完成进度低于时间进度超过此百分点时预警"),
    )
    alarm_gap = models.DecimalField(
        _("告警差距(百分点)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        help_text=_("完成进度低于时间进度超过此百分点时告警"),
    )
    source = models.CharField(_("依据"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    access_domain: ClassVar[Domain] = Domain.ECONOMY

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标目录")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name in the UI language (``core.terms.data_term``: English where the catalogue has it)."""
        return data_term(self.name)

    @property
    def shown_unit(self) -> str:
        """The unit in the UI language."""
        return data_term(self.unit)


class AnnualTarget(ParkScopedModel):
    """A park's annual target for one indicator (amounts in 元, growth in %, counts in 户)."""

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, related_name="economy_targets", verbose_name=_("园区")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("目标值"), max_digits=18, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    access_domain: ClassVar[Domain] = Domain.ECONOMY

    class Meta:
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        ordering = ["-year", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["park", "indicator", "year"], name="economy_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.indicator} {self.value}"


class EnergyCarrier(models.Model):
    """A kind of energy with its standard-coal factor (GB/T 2589), kept as data with version and source."""

    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=50)
    unit = models.CharField(_("计量单位"), max_length=20)
    factor_kgce = models.DecimalField(_("折标准煤系数(kgce/单位)"), max_digits=12, decimal_places=6)
    basis = models.CharField(_("折算口径"), max_length=50, blank=True, help_text=_("如:当量值"))
    version = models.CharField(_("版本"), max_length=30)
    source = models.CharField(_("来源"), max_length=200)
    is_current = models.BooleanField(_("现行"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    access_domain: ClassVar[Domain] = Domain.ECONOMY

    class Meta:
        verbose_name = _("能源品种")
        verbose_name_plural = _("能源品种及折标系数")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="energy_carrier_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.unit})"

    @property
    def label(self) -> str:
        """The carrier's name in the UI language (the names are the catalogue's, see ``reference``)."""
        return data_term(self.name)

    def tce(self, quantity: Decimal) -> Decimal:
        """``quantity`` in this carrier's unit as tonnes of standard coal."""
        return (quantity * self.factor_kgce / Decimal(1000)).quantize(Decimal("0.0001"))


class MonthlyReturnQuerySet(RestrictedQuerySet):
    def current(self) -> MonthlyReturnQuerySet:
        """The revisions that count: the latest accepted one per enterprise and period."""
        return self.filter(is_current=True)


class MonthlyReturn(ParkScopedModel):
    """One enterprise's statistics for one month (one revision; the latest accepted one counts)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")
        ACCEPTED = "accepted", _("已审核")
        REJECTED = "rejected", _("已退回")
        SUPERSEDED = "superseded", _("已被修订")

    # No index of their own: the (park, period, is_current), (park, status, period), (enterprise, is_current,
    # period) indexes and the unique (enterprise, period, revision) key lead with them, and an import writes
    # every row through each index (a month of 100,000 returns).
    park = models.ForeignKey(
        "parks.Park",
        on_delete=models.PROTECT,
        related_name="monthly_returns",
        verbose_name=_("园区"),
        db_index=False,
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="monthly_returns",
        verbose_name=_("企业"),
        db_index=False,
    )
    period = models.DateField(_("报告期"), help_text=_("所属月份的第一天"))
    months = models.PositiveSmallIntegerField(
        _("包含月数"), default=1, help_text=_("2 表示 2 月报表合并报送 1–2 月数据")
    )
    revision = models.PositiveSmallIntegerField(_("修订号"), default=1)
    is_current = models.BooleanField(_("现行数据"), default=False, help_text=_("最新一次审核通过的修订"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    industrial_output = money_field(_("工业总产值(当年价格,元)"), null=True, blank=True)
    revenue = money_field(_("营业收入(元)"), null=True, blank=True)
    value_added = money_field(_("工业增加值(可比价,元)"), null=True, blank=True)
    profit = money_field(_("利润总额(元)"), null=True, blank=True)
    sales = money_field(_("商品销售额(营业额,元)"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("从业人员期末人数"), null=True, blank=True)
    energy_tce = models.DecimalField(
        _("综合能源消费量(吨标准煤)"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    reasons = models.JSONField(
        _("异常说明"), default=dict, blank=True, help_text=_("字段 → 说明(同比或环比变动超过±50%、负值)")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("报送人"),
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    revision_reason = models.CharField(
        _("修订原因"), max_length=500, blank=True, help_text=_("已关账月份的数据修改须说明原因")
    )

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    scope_enterprise_field: ClassVar[str | None] = "enterprise"
    # One enterprise's statistics (统计法): the audit admin's change log shows that they changed, not the values.
    CONFIDENTIAL_FIELDS: ClassVar[tuple[str, ...]] = (
        "industrial_output",
        "revenue",
        "value_added",
        "profit",
        "sales",
        "employees",
        "energy_tce",
        "reasons",
        "review_note",
    )

    objects = MonthlyReturnQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("月度报表")
        verbose_name_plural = _("月度报表")
        ordering = ["-period", "enterprise_id", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "period", "revision"], name="economy_return_revision_unique"
            ),
            models.UniqueConstraint(
                fields=["enterprise", "period"],
                condition=Q(is_current=True),
                name="economy_return_one_current",
                violation_error_message=_("该企业在这一报告期已有一份现行月度报表。"),
            ),
            models.CheckConstraint(
                name="economy_return_months",
                violation_error_message=_("包含月数只能是 1 或 2。"),
                condition=Q(months__in=[1, 2]),
            ),
        ]
        indexes = [
            models.Index(fields=["park", "period", "is_current"], name="economy_return_park_period"),
            models.Index(fields=["enterprise", "is_current", "period"], name="economy_return_ent_period"),
            models.Index(fields=["park", "status", "period"], name="economy_return_park_status"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.period:%Y-%m} · 第{self.revision}版"

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def month(self) -> int:
        return self.period.month


class ClosedPeriod(ParkScopedModel):
    """A month whose returns the park's 经济发展 department has closed (关账): its figures are the ones
    reported; a change afterwards is a revision with a reason (``MonthlyReturn.revision_reason``)."""

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, related_name="closed_periods", verbose_name=_("园区")
    )
    period = models.DateField(_("报告期"), help_text=_("所属月份的第一天"))
    closed_at = models.DateTimeField(_("关账时间"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("关账人"),
    )
    expected = models.PositiveIntegerField(_("应报企业数"), default=0)
    received = models.PositiveIntegerField(_("已报企业数"), default=0)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    #: The department's record: enterprise users do not reach it (their writes check it unrestricted).
    scope_enterprise_field: ClassVar[str | None] = None

    class Meta:
        verbose_name = _("关账记录")
        verbose_name_plural = _("关账记录")
        ordering = ["-period", "park_id"]
        constraints = [
            models.UniqueConstraint(fields=["park", "period"], name="economy_closed_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.park} · {self.period:%Y-%m} 已关账"


class PeriodReopening(ParkScopedModel):
    """A closed month reopened (重新开放, 反关账) by the park's 经济发展 staff: who, when and why, and the
    closing it undid, copied from the ``ClosedPeriod`` row that goes (a month is closed while that row
    exists; see docs/adr/0020). A month may be closed and reopened more than once: one row per reopening."""

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, related_name="period_reopenings", verbose_name=_("园区")
    )
    period = models.DateField(_("报告期"), help_text=_("所属月份的第一天"))
    reopened_at = models.DateTimeField(_("重新开放时间"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("重新开放人"),
    )
    reason = models.CharField(_("重新开放原因"), max_length=500)
    # The closing undone, as its ClosedPeriod row held it.
    closed_at = models.DateTimeField(_("关账时间"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("关账人"),
    )
    expected = models.PositiveIntegerField(_("关账时应报企业数"), default=0)
    received = models.PositiveIntegerField(_("关账时已报企业数"), default=0)
    note = models.CharField(_("关账说明"), max_length=500, blank=True)

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    #: The department's record, like the closing it undoes: enterprise users do not reach it.
    scope_enterprise_field: ClassVar[str | None] = None

    class Meta:
        verbose_name = _("重新开放记录")
        verbose_name_plural = _("重新开放记录")
        ordering = ["-period", "park_id", "-reopened_at"]
        indexes = [models.Index(fields=["park", "period"], name="economy_reopening_park_period")]

    def __str__(self) -> str:
        return f"{self.park} · {self.period:%Y-%m} 重新开放"


class EnergyUse(ParkCopiedScopedModel):
    """One energy carrier consumed in a return's month, in its physical unit, and its tce."""

    # Indexed by the unique (monthly_return, carrier), which leads with it.
    monthly_return = models.ForeignKey(
        MonthlyReturn,
        on_delete=models.CASCADE,
        related_name="energy_uses",
        verbose_name=_("月度报表"),
        db_index=False,
    )
    carrier = models.ForeignKey(
        EnergyCarrier, on_delete=models.PROTECT, related_name="uses", verbose_name=_("能源品种")
    )
    quantity = models.DecimalField(
        _("消费量(实物量)"), max_digits=18, decimal_places=4, validators=[MinValueValidator(0)]
    )
    tce = models.DecimalField(_("折标准煤(吨)"), max_digits=16, decimal_places=4)

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    park_parent: ClassVar[str] = "monthly_return"
    scope_enterprise_field: ClassVar[str | None] = "monthly_return__enterprise"
    CONFIDENTIAL_FIELDS: ClassVar[tuple[str, ...]] = ("quantity", "tce")

    class Meta:
        verbose_name = _("能源消费")
        verbose_name_plural = _("能源消费")
        ordering = ["monthly_return", "carrier__order"]
        constraints = [
            models.UniqueConstraint(fields=["monthly_return", "carrier"], name="economy_energy_use_unique")
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.quantity}"


class FixedAssetProject(ParkScopedModel):
    """A fixed-asset investment project; it counts in the statistics when its planned total ≥ 500万元."""

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, related_name="investment_projects", verbose_name=_("园区")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
        verbose_name=_("建设单位"),
    )
    name = models.CharField(_("项目名称"), max_length=200)
    planned_total = money_field(_("计划总投资(元)"), validators=[MinValueValidator(0)])
    start_date = models.DateField(_("开工日期"))
    end_date = models.DateField(_("竣工日期"), null=True, blank=True)
    in_scope = models.BooleanField(_("纳入统计"), default=False, editable=False)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    #: Investment statistics are the administration's records: enterprise users do not reach them.
    scope_enterprise_field: ClassVar[str | None] = None
    CONFIDENTIAL_FIELDS: ClassVar[tuple[str, ...]] = ("planned_total",)

    class Meta:
        verbose_name = _("固定资产投资项目")
        verbose_name_plural = _("固定资产投资项目")
        ordering = ["-start_date", "name"]
        indexes = [models.Index(fields=["park", "in_scope"], name="economy_project_scope")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.in_scope = self.planned_total is not None and self.planned_total >= PROJECT_SCOPE_THRESHOLD
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ProjectMonthlyInvestment(ParkScopedModel):
    """The investment a project completed in one month (元)."""

    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="+", verbose_name=_("园区"))
    project = models.ForeignKey(
        FixedAssetProject, on_delete=models.CASCADE, related_name="investments", verbose_name=_("项目")
    )
    period = models.DateField(_("月份"), help_text=_("所属月份的第一天"))
    amount = money_field(_("完成投资(元)"), validators=[MinValueValidator(0)])

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    scope_enterprise_field: ClassVar[str | None] = None
    CONFIDENTIAL_FIELDS: ClassVar[tuple[str, ...]] = ("amount",)

    class Meta:
        verbose_name = _("项目月度完成投资")
        verbose_name_plural = _("项目月度完成投资")
        ordering = ["project", "period"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="economy_investment_month_unique")
        ]
        indexes = [models.Index(fields=["park", "period"], name="economy_investment_period")]

    def __str__(self) -> str:
        return f"{self.project} · {self.period:%Y-%m}"


class ScaleDecision(ParkScopedModel):
    """The statistics bureau's decision that an enterprise enters or leaves an above-scale set."""

    class Direction(models.TextChoices):
        ENTER = "enter", pgettext_lazy("scale set", "纳入")
        LEAVE = "leave", pgettext_lazy("scale set", "退出")

    class Reason(models.TextChoices):
        GROWTH = "growth", _("达到标准入规")
        NEW_PLANT = "new_plant", _("当年投产入规")
        BELOW_THRESHOLD = "below", _("低于标准退出")
        CLOSED = "closed", _("停产、注销或迁出")
        OTHER = "other", _("其他")

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, related_name="scale_decisions", verbose_name=_("园区")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="scale_decisions",
        verbose_name=_("企业"),
    )
    scale_set = models.CharField(
        _("统计范围"), max_length=32, choices=[(s, ScaleSet(s).label) for s in ABOVE_SCALE_SETS]
    )
    direction = models.CharField(_("纳入/退出"), max_length=10, choices=Direction.choices)
    reason = models.CharField(_("原因"), max_length=12, choices=Reason.choices, default=Reason.GROWTH)
    effective_period = models.DateField(_("生效月份"), help_text=_("纳入:自该月起计入;退出:自该月起不再计入"))
    decided_on = models.DateField(_("决定日期"))
    document = models.CharField(_("文号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    status = models.ForeignKey(
        EnterpriseStatus,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("对应状态记录"),
        editable=False,
    )

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("入规/退规决定")
        verbose_name_plural = _("入规/退规决定")
        ordering = ["-effective_period", "enterprise_id"]
        indexes = [models.Index(fields=["park", "effective_period"], name="economy_decision_period")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_direction_display()} {self.get_scale_set_display()}"


def first_of_month(value: dt.date) -> dt.date:
    """The period (first day of the month) a date falls in."""
    return value.replace(day=1)
