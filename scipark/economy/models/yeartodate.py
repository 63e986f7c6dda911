"""Each enterprise's year to date beside its returns: what lets a new month move the maintained aggregates and
their suppression stats by difference (``scipark.economy.recompute``) instead of reading the year's returns."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel

from .records import RETURN_MEASURES


def _amount(label: Any) -> Any:
    """One enterprise's amount (four places: energy in tce has four, money two)."""
    return models.DecimalField(label, max_digits=24, decimal_places=4, default=Decimal(0))


class EnterpriseYearToDate(ParkScopedModel):
    """One enterprise's counting figures of one month and from January to it (``period``), for every month
    from its first counting return of the year to December, with the park and GB/T 4754 division the
    enterprise counts in (as ``MonthlyAggregate``'s rows).

    ``reported``: 1 when the enterprise has a counting return that month; ``returns``: its counting returns
    from January to the month (0: the row goes). ``cur_<m>``: the month's amount, ``cum_<m>``: the year to
    date (a blank amount is 0). Maintained only by ``recompute`` on every write and import, beside the
    aggregates; ``scipark rebuild_economy_aggregates`` recomputes it from the returns.
    """

    # No index of their own: (park, division, period) and the unique (enterprise, period) lead with them, and
    # a month's import writes ~10,000 of these rows at once (each index is one more B-tree insert a row).
    park = models.ForeignKey(
        "parks.Park", on_delete=models.CASCADE, related_name="+", verbose_name=_("园区"), db_index=False
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("企业"),
        db_index=False,
    )
    division = models.CharField(_("行业大类"), max_length=2, blank=True)
    section = models.CharField(_("行业门类"), max_length=1, blank=True)
    period = models.DateField(_("月份"))
    reported = models.IntegerField(_("当月已报送"), default=0)
    returns = models.IntegerField(_("年初至今报表数"), default=0)

    cur_industrial_output = _amount(_("工业总产值(当月)"))
    cum_industrial_output = _amount(_("工业总产值(累计)"))
    cur_revenue = _amount(_("营业收入(当月)"))
    cum_revenue = _amount(_("营业收入(累计)"))
    cur_value_added = _amount(_("工业增加值(当月)"))
    cum_value_added = _amount(_("工业增加值(累计)"))
    cur_profit = _amount(_("利润总额(当月)"))
    cum_profit = _amount(_("利润总额(累计)"))
    cur_sales = _amount(_("销售额(当月)"))
    cum_sales = _amount(_("销售额(累计)"))
    cur_energy_tce = _amount(_("综合能耗(当月)"))
    cum_energy_tce = _amount(_("综合能耗(累计)"))

    access_domain: ClassVar[Domain] = Domain.ECONOMY
    scope_enterprise_field: ClassVar[str | None] = "enterprise"
    # One enterprise's statistics (统计法), as its returns.
    CONFIDENTIAL_FIELDS: ClassVar[tuple[str, ...]] = tuple(
        f"{p}_{m}" for p in ("cur", "cum") for m in RETURN_MEASURES
    )

    changelog: ClassVar[ChangeLog] = ChangeLog.off(
        "派生数据:由月报维护、可随时重建(rebuild_economy_aggregates);月报本身记入变更日志"
    )

    class Meta:
        verbose_name = _("企业年初至今累计")
        verbose_name_plural = _("企业年初至今累计")
        ordering = ["park", "period", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period"], name="economy_yeartodate_key")
        ]
        indexes = [models.Index(fields=["park", "division", "period"], name="economy_yeartodate_cell")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.period:%Y-%m}"
