"""What small-cell suppression needs beside the maintained aggregates (SECURITY.md row 10): per aggregate row
and measure, for each of its four sums, how many enterprises contributed, the sum of their sizes and the
largest one, kept by ``scipark.economy.cellstats`` on the same write path as ``MonthlyAggregate``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel

from .records import ScaleSet


def _size(label: Any) -> Any:
    """A sum of sizes or a largest size (four places: energy in tce has four, money two)."""
    return models.DecimalField(label, max_digits=24, decimal_places=4, default=Decimal(0))


class MonthlyCellStats(ParkScopedModel):
    """The cells behind one ``MonthlyAggregate`` row and measure, as the suppression rule reads them.

    For each sum the aggregate keeps (``cur``: this month; ``cum``: from January; ``cmp`` / ``cmpcum``: the
    same enterprises a year earlier) the row holds ``count_<sum>``, the enterprises with a return in the
    sum's months, ``size_<sum>``, the sum of each one's ``|own total|``, and ``largest_<sum>``, the largest
    of those (for 累计: the largest enterprise's cumulative total). A zone's cell is the rows added up
    (``core.suppression.CellStats``), so a zone viewer's panel reads a few hundred rows, not the returns.
    Maintained only by ``cellstats.py``; ``scipark rebuild_economy_aggregates`` recomputes it.
    """

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="+", verbose_name=_("园区"))
    division = models.CharField(_("行业大类"), max_length=2, blank=True)
    section = models.CharField(_("行业门类"), max_length=1, blank=True)
    scale_set = models.CharField(_("统计范围"), max_length=32, choices=ScaleSet.choices)
    period = models.DateField(_("月份"))
    measure = models.CharField(_("指标"), max_length=32)

    count_cur = models.IntegerField(_("企业数(当月)"), default=0)
    count_cum = models.IntegerField(_("企业数(累计)"), default=0)
    count_cmp = models.IntegerField(_("企业数(同口径上年当月)"), default=0)
    count_cmpcum = models.IntegerField(_("企业数(同口径上年累计)"), default=0)
    size_cur = _size(_("规模合计(当月)"))
    size_cum = _size(_("规模合计(累计)"))
    size_cmp = _size(_("规模合计(同口径上年当月)"))
    size_cmpcum = _size(_("规模合计(同口径上年累计)"))
    largest_cur = _size(_("最大单一企业(当月)"))
    largest_cum = _size(_("最大单一企业(累计)"))
    largest_cmp = _size(_("最大单一企业(同口径上年当月)"))
    largest_cmpcum = _size(_("最大单一企业(同口径上年累计)"))

    access_domain: ClassVar[Domain] = Domain.ECONOMY

    changelog: ClassVar[ChangeLog] = ChangeLog.off(
        "派生数据:由月报维护、可随时重建(rebuild_economy_aggregates);月报本身记入变更日志"
    )

    class Meta:
        verbose_name = _("月度汇总保密判定数据")
        verbose_name_plural = _("月度汇总保密判定数据")
        ordering = ["park", "period", "scale_set", "division", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "scale_set", "period", "division", "measure"], name="economy_cellstats_key"
            )
        ]
        indexes = [models.Index(fields=["scale_set", "measure", "period"], name="economy_cellstats_zone")]

    def __str__(self) -> str:
        return f"{self.park_id} {self.scale_set} {self.division} {self.period:%Y-%m} {self.measure}"


#: The sums a row keeps stats of (as ``MonthlyAggregate``'s prefixes).
CELL_SUMS: tuple[str, ...] = ("cur", "cum", "cmp", "cmpcum")
#: Every maintained column of ``MonthlyCellStats``: counts, sizes, largest, each in ``CELL_SUMS`` order.
CELL_STATS_COLUMNS: tuple[str, ...] = tuple(
    f"{kind}_{s}" for kind in ("count", "size", "largest") for s in CELL_SUMS
)
