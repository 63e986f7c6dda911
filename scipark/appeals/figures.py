"""S1 of FIGURES.md: enterprise problems solved (为企业解决问题) in the year, from appeal records."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils import timezone

from scipark.core.figures import Figure, Source, figure

from .selectors import resolved_in_year


@figure("S1", title="为企业解决问题", module="service", description="2023年报道:为企业解决问题54个")
def appeals_resolved(park: Any, year: int) -> Figure:
    """Appeals of the park closed (办结) as resolved in ``year``, by closing date; details by category,
    channel and month."""
    rows = list(
        resolved_in_year(park, year)
        .select_related("category")
        .order_by("closed_at", "pk")
        .values_list("pk", "category__name", "channel", "closed_at")
    )
    by_category = Counter(name for _pk, name, _channel, _closed in rows)
    by_channel = Counter(channel for _pk, _name, channel, _closed in rows)
    by_month = Counter(timezone.localtime(closed).month for _pk, _name, _channel, closed in rows)
    return Figure(
        value=len(rows),
        unit="个",
        basis="诉求办结且标记为已解决,按办结时间计入当年",
        sources=(
            Source(
                model="appeals.Appeal",
                rule=f"{park.code} 园区 {year} 年办结(已办结/已回访/已归档)且已解决的诉求",
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
