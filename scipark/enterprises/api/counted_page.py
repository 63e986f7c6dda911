"""The unfiltered list's count read in its page's own statement, when the reach is whole parks.

Django's paginator asks for the count before it reads the page, and the count of a whole-park reach is a
statement of its own over the parks' kept counts (``counts.enterprise_count_in_reach``). When the user's
restriction (``access.restriction``: the very filter ``restrict`` applies to the rows) is one park or an
``OR`` of parks, the same kept counts are one more column of the page's statement (:func:`kept_count_column`),
and :class:`CountedPage` reads the page the request names when the paginator asks for the count, then gives
the paginator those rows when it slices. A restriction of any other shape (an enterprise user's own
enterprise, a zone), a page past the end, or a page not named by its number is counted apart, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections, models
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from scipark.core.api.statements import CompiledRows
from scipark.core.sql import one_of

from ..counts import EVERY_PARK, TABLE

#: The column :func:`kept_count_column` adds to each row of the page.
KEPT_COUNT = "page_kept_count"


def kept_count_column(parks: tuple[int, ...] | str, *, using: str = "default") -> RawSQL:
    """The kept count of ``parks`` (or of every park) as a scalar subquery (one value for the statement)."""
    sql = f"SELECT COALESCE(SUM(enterprises), 0) FROM {TABLE}"  # noqa: S608 - a constant name
    params: list[Any] = []
    if parks != EVERY_PARK:
        condition, params = one_of("park_id", list(parks), connection=connections[using])
        sql = f"{sql} WHERE {condition}"  # the values are bound
    return RawSQL(sql, params, output_field=models.IntegerField())  # noqa: S611 - no value in the text


def with_kept_count(rows: QuerySet[Any], parks: tuple[int, ...] | str) -> QuerySet[Any]:
    """``rows`` with the kept count of ``parks`` in :data:`KEPT_COUNT` (the same value on every row)."""
    return rows.annotate(**{KEPT_COUNT: kept_count_column(parks)})


class CountedPage:
    """Rows for the page-number paginator whose count comes with the page it will read.

    ``offset`` and ``limit`` are the slice the paginator will take for the page the request names; the
    rows carry the kept count in :data:`KEPT_COUNT`. With no row there (a page past the end, an empty
    reach) the count is ``count_apart()``."""

    ordered = True

    def __init__(
        self, *, rows: CompiledRows, offset: int, limit: int, count_apart: Callable[[], int]
    ) -> None:
        self.rows = rows
        self.offset = offset
        self.limit = limit
        self.count_apart = count_apart
        self._read: list[dict[str, Any]] | None = None

    def _page(self) -> list[dict[str, Any]]:
        if self._read is None:
            self._read = self.rows[self.offset : self.offset + self.limit]
        return self._read

    def count(self) -> int:
        page = self._page()
        return int(page[0][KEPT_COUNT]) if page else int(self.count_apart())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        start, stop = index.start or 0, index.stop
        if start == self.offset and stop is not None and start <= stop <= start + self.limit:
            return self._page()[: stop - start]  # the page read with the count (the last page: fewer)
        return self.rows[index]
