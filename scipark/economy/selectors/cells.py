"""The enterprises behind the panel's sums, for statistical confidentiality (SECURITY.md row 10).

A panel value discloses more than one sum of enterprises' own amounts: 累计 and 当月 of the set now and,
through its growth rates and last year's total, the same enterprises a year before (the 同口径 base) and
last year's set (the 总量 base). Each such sum is a *cell*; ``core.suppression`` applies the rule to every
cell a value discloses. The cells are read from ``MonthlyCellStats``, kept beside the aggregates on the
same write path (``economy.cellstats``): how many enterprises, the sum of their sizes and the largest, per
park, industry division, set, month and measure. One grouped read serves a panel value, a breakdown or a
trend, whatever the number of returns.

Fixed-asset investment is a sum over projects: its cells are the projects' enterprises (建设单位), a project
without one counting as a contributor of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import connection

from scipark.core import suppression
from scipark.core.sql import one_of

from ..models import CELL_SUMS, Measure, MonthlyCellStats, ProjectMonthlyInvestment
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


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    found = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(dt.date(year, month, 1))
        year, month = year + (month == 12), month % 12 + 1
    return found


#: Where each disclosed sum is kept: (the ``MonthlyCellStats`` sum, a year before?) — for a month other
#: than January and February (January discloses no 当月; February's 当月 is January–February: ``cum``).
_KEPT: dict[Disclosed, tuple[str, bool]] = {
    Disclosed.CUMULATIVE: ("cum", False),
    Disclosed.CUMULATIVE_COMPARABLE_BASE: ("cmpcum", False),
    Disclosed.CUMULATIVE_PLAIN_BASE: ("cum", True),
    Disclosed.MONTH: ("cur", False),
    Disclosed.MONTH_COMPARABLE_BASE: ("cmp", False),
    Disclosed.MONTH_PLAIN_BASE: ("cur", True),
}
_MONTHLY = {Disclosed.MONTH, Disclosed.MONTH_COMPARABLE_BASE, Disclosed.MONTH_PLAIN_BASE}


_SUMMED = ", ".join(
    [f"SUM(count_{k})" for k in CELL_SUMS]
    + [f"SUM(size_{k})" for k in CELL_SUMS]
    + [f"MAX(largest_{k})" for k in CELL_SUMS]
)


def _grouped_stats(
    park_ids: Sequence[int], scale_set: str, measures: Sequence[str], periods: Sequence[dt.date]
) -> Iterable[dict[str, Any]]:
    """The reach's ``MonthlyCellStats`` added up per month, measure and industry: one statement, written
    out (the ORM's compilation of twelve aggregates cost more than the query on a zone's panel)."""
    table = connection.ops.quote_name(MonthlyCellStats._meta.db_table)
    dates = [connection.ops.adapt_datefield_value(p) for p in periods]
    in_parks, park_params = one_of("park_id", park_ids)
    sql = (
        f"SELECT period, measure, division, section, {_SUMMED} FROM {table} "  # noqa: S608 (names are ours)
        f"WHERE scale_set = %s AND measure IN ({', '.join(['%s'] * len(measures))}) "
        f"AND period IN ({', '.join(['%s'] * len(dates))}) "
        f"AND {in_parks} "
        "GROUP BY period, measure, division, section"
    )
    names = [f"n_{k}" for k in CELL_SUMS] + [f"s_{k}" for k in CELL_SUMS] + [f"l_{k}" for k in CELL_SUMS]
    with connection.cursor() as cursor:
        cursor.execute(sql, [scale_set, *measures, *dates, *park_params])
        for period, measure, division, section, *values in cursor.fetchall():
            yield {
                "period": period if isinstance(period, dt.date) else dt.date.fromisoformat(str(period)),
                "measure": measure,
                "division": division,
                "section": section,
                **dict(zip(names, values, strict=True)),
            }


class PanelCells:
    """The cells of the reach's sums from ``first`` to ``last`` as the maintained ``MonthlyCellStats`` keep
    them (one grouped read: rows per month, measure and industry, whatever the number of enterprises)."""

    def __init__(
        self,
        reach: Reach,
        scale_set: str,
        measures: Sequence[str],
        first: dt.date,
        last: dt.date,
        *,
        periods: Sequence[dt.date] | None = None,
    ) -> None:
        self.scale_set = scale_set
        wanted = list(periods) if periods is not None else _months_between(first, last)
        #: (period, measure) → [(division, section, {sum: CellStats})]
        self.rows: dict[tuple[dt.date, str], list[tuple[str, str, dict[str, suppression.CellStats]]]] = (
            defaultdict(list)
        )
        if not reach.park_ids or not wanted or not measures:
            return
        for row in _grouped_stats(reach.park_ids, scale_set, measures, wanted):
            self.add(row)

    @classmethod
    def of_rows(cls, scale_set: str, rows: Iterable[dict[str, Any]]) -> PanelCells:
        """The cells of rows read already (``_grouped_stats``'s shape), e.g. by the panel's one statement."""
        cells = cls(Reach((), frozenset()), scale_set, (), dt.date.min, dt.date.min, periods=())
        for row in rows:
            cells.add(row)
        return cells

    def add(self, row: dict[str, Any]) -> None:
        """One grouped row: period, measure, division, section and ``n_``/``s_``/``l_`` of each sum."""
        # SQLite adds decimals as floats: bring each back to the amounts' places (as ``cell_rows``).
        quantum = Decimal("0.0001") if row["measure"] == Measure.ENERGY_TCE else Decimal("0.01")
        stats = {
            k: suppression.CellStats(
                int(row[f"n_{k}"] or 0),
                Decimal(str(row[f"s_{k}"] or 0)).quantize(quantum),
                Decimal(str(row[f"l_{k}"] or 0)).quantize(quantum),
            )
            for k in CELL_SUMS
        }
        self.rows[(row["period"], row["measure"])].append((row["division"], row["section"], stats))

    @classmethod
    def around(cls, reach: Reach, period: dt.date, scale_set: str, measures: Sequence[str]) -> PanelCells:
        """What the cells of ``period`` need: the rows of ``period`` and a year before."""
        return cls(reach, scale_set, measures, period, period, periods=[period, _year_ago(period)])

    def _cell(
        self, measure: str, period: dt.date, kept: str, division: str | None, section: str | None
    ) -> suppression.CellStats:
        total = suppression.CellStats()
        for its_division, its_section, stats in self.rows.get((period, measure), ()):
            if (division is None or its_division == division) and (section is None or its_section == section):
                total = total + stats[kept]
        return total

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
        found: list[suppression.Cell] = []
        for kind in disclosed:
            kept, year_before = _KEPT[kind]
            if kind in _MONTHLY and period.month == 1:
                found.append(suppression.CellStats())  # January's 当月 is published with February
                continue
            if kind in _MONTHLY and period.month == 2:
                kept = {"cur": "cum", "cmp": "cmpcum"}[kept]
            at = _year_ago(period) if year_before else period
            found.append(self._cell(measure, at, kept, division, section))
        return tuple(found)

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
