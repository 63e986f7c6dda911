"""S1 of FIGURES.md: enterprise problems solved (为企业解决问题) in the year, from appeal records.

The figure is built for many parks at once (:func:`appeals_resolved_of_parks`, the zone's pages): one
statement whatever the number of parks; one park's figure is that of a list of one park.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from scipark.core.figures import Figure, Source, figure, figure_for_parks

from .selectors import resolved_in_year_of_parks

#: One resolved appeal as the figure reads it: pk, category name, channel, closing time (never empty here:
#: the records are picked by it).
Row = tuple[int, str, str, dt.datetime | None]


@figure(
    "S1",
    title=gettext_noop("为企业解决问题"),
    module="service",
    description=gettext_noop("2023年报道:为企业解决问题54个"),
)
def appeals_resolved(park: Any, year: int) -> Figure:
    """Appeals of the park closed (办结) as resolved in ``year``, by closing date; details by category,
    channel and month."""
    return appeals_resolved_of_parks([park], year)[park.pk]


@figure_for_parks("S1")
def appeals_resolved_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """S1 of each park (by ``pk``), its appeals read in one statement for all the parks."""
    rows: dict[Any, list[Row]] = {park.pk: [] for park in parks}
    for park_id, pk, category, channel, closed in (
        resolved_in_year_of_parks(parks, year)
        .order_by("closed_at", "pk")
        .values_list("park_id", "pk", "category__name", "channel", "closed_at")
    ):
        rows[park_id].append((pk, category, channel, closed))
    return {park.pk: _figure(park, year, rows[park.pk]) for park in parks}


def _figure(park: Any, year: int, rows: list[Row]) -> Figure:
    by_category = Counter(name for _pk, name, _channel, _closed in rows)
    by_channel = Counter(channel for _pk, _name, channel, _closed in rows)
    by_month = Counter(timezone.localtime(closed).month for _pk, _name, _channel, closed in rows)
    return Figure(
        value=len(rows),
        unit="个",
        basis=gettext("诉求办结且标记为已解决,按办结时间计入当年"),
        sources=(
            Source(
                model="appeals.Appeal",
                rule=gettext("%(park)s 园区 %(year)s 年办结(已办结/已回访/已归档)且已解决的诉求")
                % {"park": park.code, "year": year},
                count=len(rows),
                ids=tuple(pk for pk, *_rest in rows[:50]),
            ),
        ),
        details={
            "by_category": dict(by_category.most_common()),
            "by_channel": dict(by_channel.most_common()),
            "by_month": {f"{m:02d}": by_month[m] for m in sorted(by_month)},
        },
    )
