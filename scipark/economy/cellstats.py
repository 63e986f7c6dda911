"""Maintaining ``MonthlyCellStats``: what small-cell suppression needs beside ``MonthlyAggregate``.

A row's stats for ``cur`` / ``cum`` of year y and for ``cmp`` / ``cmpcum`` of year y + 1 depend only on the
year-y returns of the row's park and division (and the set memberships of the row's month). A largest
value cannot be moved by a difference, so a write recomputes the rows of the (park, division, year from
the first month changed) groups it touched from their returns, in the same set-based statements that
recompute the aggregates (``recompute``: one ``INSERT … SELECT … GROUP BY … ON CONFLICT`` per table and
year, once per batch). :func:`rebuild` recomputes the tables and is what the tests hold the maintained
ones against.

Contributors follow ``selectors.cells`` exactly: an enterprise contributes to a sum when it has a counting
return in the sum's months (a blank amount counts as 0), with its own total over those months; its size
is the total's absolute value.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import recompute
from .worktables import Group

__all__ = ["Group", "rebuild", "refresh"]


def refresh(groups: Iterable[Group]) -> int:
    """Recompute the rows each (park, division, first month changed) group decides (that year from that
    month, and the next year's bases from the same month), with the aggregates beside them."""
    return recompute.refresh(groups)


def rebuild(park_ids: Iterable[int] | None = None) -> int:
    """Recompute the stats (and the aggregates beside them: one pass gives both) for some parks, or all."""
    return recompute.rebuild(park_ids)
