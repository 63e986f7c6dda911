"""The maintained suppression stats give exactly the decisions the old path gave (cells recomputed from the
raw returns, kept here as the reference): on the demo's zone and each park, for every set, measure, month,
industry division and section, the cells' stats (contributors, sum of sizes, largest) are equal, so every
``any_suppressed`` decision is the same."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Q

from scipark.core import suppression
from scipark.demo import seed
from scipark.demo.builder import DEMO_STEPS, DemoBuilder, load_steps
from scipark.economy.aggregates import division_of, month_end
from scipark.economy.models import RETURN_MEASURES, MonthlyReturn, ScaleSet
from scipark.economy.selectors import KPI_CELLS, Disclosed, PanelCells, Reach
from scipark.enterprises.models import EnterpriseStatus
from scipark.parks.models import Park

ZERO = Decimal(0)


# --- the old path, verbatim: per-enterprise totals from the raw returns -----------------------------------
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


class ReturnCells:
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
    def around(cls, reach: Reach, period: dt.date, scale_set: str, measures: Sequence[str]) -> ReturnCells:
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


# --- the comparison ---------------------------------------------------------------------------------------


@pytest.fixture
def demo(db: Any) -> None:
    DemoBuilder(load_steps([*DEMO_STEPS, "scipark.economy.demo.EconomyStep"])).rebuild()


def _periods() -> list[dt.date]:
    found = sorted(set(MonthlyReturn.objects.filter(is_current=True).values_list("period", flat=True)))
    first, last = found[0], found[-1]
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year + 1, last.month):  # a year after the last return: bases only
        months.append(dt.date(year, month, 1))
        year, month = year + (month == 12), month % 12 + 1
    return months


def test_the_maintained_stats_give_the_old_paths_cells_everywhere_in_the_demo(demo: None) -> None:
    codes = [p.code for p in seed.PARKS]
    parks = list(Park.objects.filter(code__in=codes).values_list("pk", flat=True))
    assert len(parks) > 1
    periods = _periods()
    reaches = [Reach(tuple(sorted(parks)), frozenset()), *(Reach((p,), frozenset()) for p in parks)]
    industries = {
        (division_of(i or ""), s or "")
        for i, s in MonthlyReturn.objects.values_list(
            "enterprise__industry_id", "enterprise__industry__section"
        )
    }
    compared = suppressed = 0
    for reach in reaches:
        for scale_set in ScaleSet.values:
            old = ReturnCells(
                reach, scale_set, RETURN_MEASURES, dt.date(periods[0].year - 1, 1, 1), periods[-1]
            )
            new = PanelCells(reach, scale_set, RETURN_MEASURES, periods[0], periods[-1])
            for period in periods:
                for measure in RETURN_MEASURES:
                    filters: list[dict[str, str | None]] = [{}]
                    filters += [{"division": d} for d in {d for d, _s in industries}]
                    filters += [{"section": s} for s in {s for _d, s in industries}]
                    for where in filters:
                        before = tuple(
                            suppression.stats_of(c) for c in old.cells(measure, period, KPI_CELLS, **where)
                        )
                        after = tuple(
                            suppression.stats_of(c) for c in new.cells(measure, period, KPI_CELLS, **where)
                        )
                        assert after == before, (reach, scale_set, period, measure, where)
                        decision = suppression.any_suppressed(before)
                        assert suppression.any_suppressed(after) == decision
                        compared += 1
                        suppressed += decision
    # Both outcomes occur, so the comparison decides something.
    assert compared > 1000 and 0 < suppressed < compared
