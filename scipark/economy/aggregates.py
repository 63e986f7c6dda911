"""Maintaining ``MonthlyAggregate`` and, beside it, ``MonthlyCellStats`` on every write and import, so that
the KPI panel reads a few hundred rows instead of scanning the returns (ADR 0006).

A change of one enterprise's month (y, m) moves, in every set the enterprise belongs to at each period:
``cur`` and ``cum`` of (y, m); ``cum`` of (y, k > m); ``cmp`` and ``cmpcum`` of (y+1, m); ``cmpcum`` of
(y+1, k > m). :func:`apply_return_changes` moves exactly those rows, in the database and a few statements per batch (``recompute``), for one return or a whole
imported month, by difference from each enterprise's year to date; the suppression stats (how many
enterprises, their sizes, the largest) move with the sums, and a cell whose largest enterprise went down is
recomputed. A change of set membership (an above-scale status added or ended anywhere: a scale decision,
the registry's page or API) recomputes the enterprise's groups for every year it reported
(:func:`apply_status_change`, run by ``economy.receivers``). :func:`rebuild` recomputes everything from
the returns, a park at a time (each enterprise's year to date first, ``EnterpriseYearToDate``), and is what
the tests hold the maintained tables against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from scipark.enterprises.models import Enterprise

from . import differences, recompute
from .models import ABOVE_SCALE_SETS, RETURN_MEASURES, MonthlyReturn

ZERO = Decimal(0)
N_MEASURES = len(RETURN_MEASURES)

Values = tuple[Decimal, ...]  # one return's amounts in RETURN_MEASURES order


def values_of(row: MonthlyReturn | dict[str, object]) -> Values:
    """A return's amounts in ``RETURN_MEASURES`` order (blank = 0)."""
    get = row.get if isinstance(row, dict) else (lambda name: getattr(row, name))
    return tuple(Decimal(str(get(m))) if get(m) is not None else ZERO for m in RETURN_MEASURES)


def division_of(industry_code: str) -> str:
    """The GB/T 4754 division (大类, 2 digits) of a category code; ``""`` for a bare section letter."""
    return industry_code[:2] if industry_code[:2].isdigit() else ""


def month_end(period: dt.date) -> dt.date:
    nxt = dt.date(period.year + (period.month == 12), period.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(frozen=True)
class ReturnChange:
    """One enterprise's counting values for one month, before and after a write (``None``: no return)."""

    enterprise_id: int
    park_id: int
    division: str
    section: str
    period: dt.date
    old: Values | None
    new: Values | None


def apply_return_changes(changes: Iterable[ReturnChange]) -> int:
    """Bring the year-to-date rows and both maintained tables up to date after the changes (stored
    already); returns the enterprise-months read.

    Each change moves its enterprise's year to date, and the cells it counts in, by its difference, in a
    few set-based statements whatever the number of changes (``differences.apply``): a whole imported month
    is one pass for the whole batch and costs in proportion to its rows, not to the year of returns. The
    cells whose largest enterprise's total went down, and the groups of an enterprise that moved to another
    park or division since its last return, are recomputed from the year-to-date rows.
    """
    return differences.apply(
        [(c.enterprise_id, c.park_id, c.division, c.section, c.period, c.old, c.new) for c in changes]
    )


def apply_enterprise_moves(enterprise_ids: Iterable[int]) -> int:
    """Move enterprises' figures to the park and division each is in now (after the registry changed their
    park or industry): their year-to-date rows follow, and the groups they left and joined are recomputed,
    once for all of them, for every year they reported. Returns the enterprise-months read."""
    now_in = {
        pk: (park_id, division_of(industry or ""), section or "")
        for pk, park_id, industry, section in Enterprise.objects.filter(pk__in=list(enterprise_ids))
        .order_by()
        .values_list("pk", "park_id", "industry_id", "industry__section")
    }
    return differences.move(now_in) if now_in else 0


# --- status changes, rebuild ------------------------------------------------------------------------


#: A status period as stored: (valid_from, valid_to).
Validity = tuple[dt.date, dt.date | None]


def apply_status_change(
    enterprise_id: int, kind: str, before: Validity | None, after: Validity | None
) -> int:
    """Move both tables after one status period of an enterprise changed (stored already: ``after``).

    Only the above-scale kinds make sets. Every year of the enterprise's returns is recomputed for its
    (park, division) group (the next year's bases with it). Returns the enterprise-months read.
    """
    if kind not in ABOVE_SCALE_SETS or before == after:
        return 0
    found = Enterprise.objects.filter(pk=enterprise_id).values_list("park_id", "industry_id").first()
    if found is None:
        return 0
    park_id, industry = found
    years = {
        p.year
        for p in MonthlyReturn.objects.filter(enterprise_id=enterprise_id, is_current=True)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    }
    division = division_of(industry or "")
    return recompute.refresh((park_id, division, dt.date(year, 1, 1)) for year in years)


def rebuild(park_ids: Iterable[int] | None = None) -> int:
    """Recompute both tables (for some parks, or all) from the returns and statuses, a park at a time;
    returns the aggregate rows written."""
    return recompute.rebuild(park_ids)
