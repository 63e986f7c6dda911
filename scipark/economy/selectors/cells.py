"""The enterprises behind the panel's sums, for statistical confidentiality (SECURITY.md row 10).

A panel value discloses more than one sum of enterprises' own amounts: 累计 and 当月 of the set now and,
through its growth rates and last year's total, the same enterprises a year before (the 同口径 base) and
last year's set (the 总量 base). Each such sum is a *cell*; ``core.suppression`` applies the rule to every
cell a value discloses. The returns of the window and the set's status periods are read once (two
queries), every cell is then a pass in Python: a breakdown or a trend asks many cells of one load.

Fixed-asset investment is a sum over projects: its cells are the projects' enterprises (建设单位), a project
without one counting as a contributor of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Sequence
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q

from scipark.core import suppression
from scipark.enterprises.models import EnterpriseStatus

from ..aggregates import division_of, month_end
from ..models import MonthlyReturn, ProjectMonthlyInvestment, ScaleSet
from .reach import Reach

ZERO = Decimal(0)


class Disclosed(StrEnum):
    """The sums a panel value can disclose."""

    CUMULATIVE = "cumulative"  # 累计 of the set now
    CUMULATIVE_COMPARABLE_BASE = "cumulative_comparable_base"  # the same enterprises, a year before
    CUMULATIVE_PLAIN_BASE = "cumulative_plain_base"  # last year's set, a year before
    MONTH = "month"  # 当月 (February: January–February; January: none)
    MONTH_COMPARABLE_BASE = "month_comparable_base"
    MONTH_PLAIN_BASE = "month_plain_base"


#: A KPI value (当月 and 累计, growth on both bases, last year's total) discloses all of them.
KPI_CELLS = tuple(Disclosed)
#: A year's 累计 with its growth on both bases and last year's total (the figures E1, E3).
CUMULATIVE_CELLS = (
    Disclosed.CUMULATIVE,
    Disclosed.CUMULATIVE_COMPARABLE_BASE,
    Disclosed.CUMULATIVE_PLAIN_BASE,
)
#: A ratio of 累计 against the same enterprises a year before (energy intensity and its change).
COMPARABLE_CELLS = (Disclosed.CUMULATIVE, Disclosed.CUMULATIVE_COMPARABLE_BASE)


def _year_ago(period: dt.date) -> dt.date:
    return period.replace(year=period.year - 1)


def _months_to(period: dt.date) -> list[dt.date]:
    """January to ``period`` (累计)."""
    return [period.replace(month=m) for m in range(1, period.month + 1)]


def _month_span(period: dt.date) -> list[dt.date]:
    """The months of a 当月 value: none for January (published with February), both for February."""
    if period.month == 1:
        return []
    return _months_to(period) if period.month == 2 else [period]


class PanelCells:
    """Every enterprise's monthly amounts in the reach from ``first`` to ``last``, with its GB/T 4754
    division and section and, for an above-scale set, its status periods (membership month by month)."""

    def __init__(
        self, reach: Reach, scale_set: str, measures: Sequence[str], first: dt.date, last: dt.date
    ) -> None:
        self.scale_set = scale_set
        self.statuses: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        query = MonthlyReturn.objects.filter(
            park_id__in=reach.park_ids, is_current=True, period__gte=first, period__lte=last
        )
        if scale_set != ScaleSet.ALL:
            # Membership as ``reach.members`` decides it: a status period covering the month's last day.
            statuses = EnterpriseStatus.objects.filter(
                enterprise__park_id__in=reach.park_ids, kind=scale_set, valid_from__lte=month_end(last)
            ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month_end(first)))
            for enterprise_id, start, end in statuses.values_list("enterprise_id", "valid_from", "valid_to"):
                self.statuses[enterprise_id].append((start, end))
            query = query.filter(enterprise_id__in=statuses.values("enterprise_id"))
        self.amounts: dict[str, dict[tuple[int, dt.date], Decimal]] = {m: {} for m in measures}
        self.industry: dict[int, tuple[str, str]] = {}
        rows = query.values(
            "enterprise_id", "period", "enterprise__industry_id", "enterprise__industry__section", *measures
        )
        for row in rows:
            enterprise_id = row["enterprise_id"]
            self.industry[enterprise_id] = (
                division_of(row["enterprise__industry_id"] or ""),
                row["enterprise__industry__section"] or "",
            )
            for measure in measures:
                self.amounts[measure][(enterprise_id, row["period"])] = row[measure] or ZERO

    @classmethod
    def around(cls, reach: Reach, period: dt.date, scale_set: str, measures: Sequence[str]) -> PanelCells:
        """What the cells of ``period`` need: January a year before to ``period``."""
        return cls(reach, scale_set, measures, dt.date(period.year - 1, 1, 1), period)

    def in_set(self, enterprise_id: int, period: dt.date) -> bool:
        if self.scale_set == ScaleSet.ALL:
            return True
        end = month_end(period)
        return any(
            start <= end and (stop is None or stop >= end)
            for start, stop in self.statuses.get(enterprise_id, ())
        )

    def _members(self, period: dt.date, division: str | None, section: str | None) -> list[int]:
        return [
            pk
            for pk, (its_division, its_section) in self.industry.items()
            if (division is None or its_division == division)
            and (section is None or its_section == section)
            and self.in_set(pk, period)
        ]

    def _cell(self, measure: str, members: list[int], months: list[dt.date]) -> dict[Hashable, Decimal]:
        amounts = self.amounts[measure]
        cell: dict[Hashable, Decimal] = {}
        for pk in members:
            found = [amounts[(pk, m)] for m in months if (pk, m) in amounts]
            if found:
                cell[pk] = sum(found, ZERO)
        return cell

    def cells(
        self,
        measure: str,
        period: dt.date,
        disclosed: Sequence[Disclosed] = KPI_CELLS,
        *,
        division: str | None = None,
        section: str | None = None,
    ) -> tuple[suppression.Cell, ...]:
        """The cells of ``period`` (of one ``division`` or ``section`` when given) that a value discloses."""
        before = _year_ago(period)
        now = self._members(period, division, section)
        then = self._members(before, division, section)
        spans = {
            Disclosed.CUMULATIVE: (now, _months_to(period)),
            Disclosed.CUMULATIVE_COMPARABLE_BASE: (now, _months_to(before)),
            Disclosed.CUMULATIVE_PLAIN_BASE: (then, _months_to(before)),
            Disclosed.MONTH: (now, _month_span(period)),
            Disclosed.MONTH_COMPARABLE_BASE: (now, _month_span(before)),
            Disclosed.MONTH_PLAIN_BASE: (then, _month_span(before)),
        }
        return tuple(self._cell(measure, *spans[kind]) for kind in disclosed)

    def suppressed(
        self,
        measures: Sequence[str],
        period: dt.date,
        disclosed: Sequence[Disclosed] = KPI_CELLS,
        *,
        division: str | None = None,
        section: str | None = None,
    ) -> bool:
        """Whether a value of these measures at ``period`` is hidden from aggregate-only viewers."""
        return any(
            suppression.any_suppressed(self.cells(m, period, disclosed, division=division, section=section))
            for m in measures
        )


def value_cells(
    *, reach: Reach, period: dt.date, scale_set: str, measure: str, disclosed: Sequence[Disclosed] = KPI_CELLS
) -> tuple[suppression.Cell, ...]:
    """The cells a panel value of one measure discloses (for a figure's declaration)."""
    return PanelCells.around(reach, period, scale_set, (measure,)).cells(measure, period, disclosed)


def suppressed_cell(
    reach: Reach,
    period: dt.date,
    scale_set: str,
    measure: str,
    *,
    division: str | None = None,
    section: str | None = None,
) -> bool:
    """Whether a KPI value (of one ``division`` or ``section`` when given) is hidden from aggregate-only
    viewers: any cell it discloses fails the rule."""
    cells = PanelCells.around(reach, period, scale_set, (measure,))
    return cells.suppressed((measure,), period, division=division, section=section)


def investment_cells(*, reach: Reach, period: dt.date) -> tuple[suppression.Cell, suppression.Cell]:
    """In-scope projects' completed investment, January to ``period`` and the same months a year before,
    per contributor: the project's enterprise (建设单位), or the project itself when it names none."""

    def cell(year: int) -> dict[Hashable, Decimal]:
        rows = (
            ProjectMonthlyInvestment.objects.filter(
                park_id__in=reach.park_ids,
                project__in_scope=True,
                period__gte=dt.date(year, 1, 1),
                period__lte=dt.date(year, period.month, 1),
            )
            .values_list("project_id", "project__enterprise_id", "amount")
            .order_by()
        )
        found: dict[Hashable, Decimal] = defaultdict(lambda: ZERO)
        for project_id, enterprise_id, amount in rows:
            key: Hashable = enterprise_id if enterprise_id is not None else ("project", project_id)
            found[key] += amount or ZERO
        return dict(found)

    return cell(period.year), cell(period.year - 1)
