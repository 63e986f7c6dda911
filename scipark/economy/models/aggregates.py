"""The maintained aggregates the KPI panel reads: sums per park, industry division, set and month, kept by
``scipark.economy.aggregates`` on every write and import of the monthly returns (``records.py``)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel

from .records import RETURN_MEASURES, ScaleSet


class MonthlyAggregate(ParkScopedModel):
    """Maintained sums per (park, GB/T 4754 division, set, month), kept on every write and import.

    ``cur_<m>``: this month's sum over the enterprises in the set this month; ``cum_<m>``: their sums from
    January; ``cmp_<m>`` / ``cmpcum_<m>``: the *same enterprises'* own figures a year earlier (the
    comparable basis, 同口径). The plain basis reads the row of the same month a year earlier.
    ``reporting`` counts the set's enterprises with a return that month. The set ``all`` holds every
    enterprise at every month, so its comparable and plain bases coincide. Maintained only by
    ``aggregates.py``; ``scipark rebuild_economy_aggregates`` recomputes it from the returns.
    """

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="+", verbose_name=_("园区"))
    division = models.CharField(_("行业大类"), max_length=2, blank=True)
    section = models.CharField(_("行业门类"), max_length=1, blank=True)
    scale_set = models.CharField(_("统计范围"), max_length=32, choices=ScaleSet.choices)
    period = models.DateField(_("月份"))
    reporting = models.IntegerField(_("已报送企业数"), default=0)

    cur_industrial_output = models.DecimalField(
        _("工业总产值(当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cum_industrial_output = models.DecimalField(
        _("工业总产值(累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmp_industrial_output = models.DecimalField(
        _("工业总产值(同口径上年当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmpcum_industrial_output = models.DecimalField(
        _("工业总产值(同口径上年累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cur_revenue = models.DecimalField(
        _("营业收入(当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cum_revenue = models.DecimalField(
        _("营业收入(累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmp_revenue = models.DecimalField(
        _("营业收入(同口径上年当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmpcum_revenue = models.DecimalField(
        _("营业收入(同口径上年累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cur_value_added = models.DecimalField(
        _("工业增加值(当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cum_value_added = models.DecimalField(
        _("工业增加值(累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmp_value_added = models.DecimalField(
        _("工业增加值(同口径上年当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmpcum_value_added = models.DecimalField(
        _("工业增加值(同口径上年累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cur_profit = models.DecimalField(_("利润总额(当月)"), max_digits=22, decimal_places=2, default=Decimal(0))
    cum_profit = models.DecimalField(_("利润总额(累计)"), max_digits=22, decimal_places=2, default=Decimal(0))
    cmp_profit = models.DecimalField(
        _("利润总额(同口径上年当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmpcum_profit = models.DecimalField(
        _("利润总额(同口径上年累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cur_sales = models.DecimalField(_("销售额(当月)"), max_digits=22, decimal_places=2, default=Decimal(0))
    cum_sales = models.DecimalField(_("销售额(累计)"), max_digits=22, decimal_places=2, default=Decimal(0))
    cmp_sales = models.DecimalField(
        _("销售额(同口径上年当月)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cmpcum_sales = models.DecimalField(
        _("销售额(同口径上年累计)"), max_digits=22, decimal_places=2, default=Decimal(0)
    )
    cur_energy_tce = models.DecimalField(
        _("综合能耗(当月)"), max_digits=22, decimal_places=4, default=Decimal(0)
    )
    cum_energy_tce = models.DecimalField(
        _("综合能耗(累计)"), max_digits=22, decimal_places=4, default=Decimal(0)
    )
    cmp_energy_tce = models.DecimalField(
        _("综合能耗(同口径上年当月)"), max_digits=22, decimal_places=4, default=Decimal(0)
    )
    cmpcum_energy_tce = models.DecimalField(
        _("综合能耗(同口径上年累计)"), max_digits=22, decimal_places=4, default=Decimal(0)
    )

    access_domain: ClassVar[Domain] = Domain.ECONOMY

    changelog: ClassVar[ChangeLog] = ChangeLog.off(
        "派生数据:由月报维护、可随时重建(rebuild_economy_aggregates);月报本身记入变更日志"
    )

    class Meta:
        verbose_name = _("月度汇总")
        verbose_name_plural = _("月度汇总")
        ordering = ["park", "period", "scale_set", "division"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "scale_set", "period", "division"], name="economy_aggregate_key"
            )
        ]
        indexes = [models.Index(fields=["scale_set", "period"], name="economy_aggregate_zone")]

    def __str__(self) -> str:
        return f"{self.park_id} {self.scale_set} {self.division} {self.period:%Y-%m}"


#: The four sums the aggregate keeps per measure (column ``<prefix>_<measure>``).
AGGREGATE_PREFIXES: tuple[str, ...] = ("cur", "cum", "cmp", "cmpcum")
#: Every maintained column of ``MonthlyAggregate``.
AGGREGATE_COLUMNS: tuple[str, ...] = (
    *(f"{prefix}_{measure}" for prefix in AGGREGATE_PREFIXES for measure in RETURN_MEASURES),
    "reporting",
)
