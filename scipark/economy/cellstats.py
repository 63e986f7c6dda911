"""Maintaining ``MonthlyCellStats``: what small-cell suppression needs beside ``MonthlyAggregate``.

A row's stats for ``cur`` / ``cum`` of year y and for ``cmp`` / ``cmpcum`` of year y + 1 depend only on the
year-y returns of the row's park and division (and the set memberships of the row's month). A largest
value cannot be moved by a difference, so every write recomputes the stats of the (park, division, year)
groups it touched from their returns: :func:`refresh` (run by ``aggregates.apply_return_changes`` and
``aggregates.apply_status_change``, in the write's transaction, after the returns are stored).
:func:`rebuild` recomputes the table and is what the tests hold the maintained one against.

Contributors follow ``selectors.cells`` exactly: an enterprise contributes to a sum when it has a counting
return in the sum's months (a blank amount counts as 0), with its own total over those months; its size
is the total's absolute value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, Sum

from .aggregates import (
    N_MEASURES,
    ZERO,
    Status,
    Values,
    _member_sets_cached,
    division_of,
    load_statuses,
)
from .models import CELL_STATS_COLUMNS, CELL_SUMS, RETURN_MEASURES, MonthlyCellStats, MonthlyReturn

#: park, scale set, period, division, section, measure
StatsKey = tuple[int, str, dt.date, str, str, str]
#: count × 4, size × 4, largest × 4 (``CELL_STATS_COLUMNS`` order); counts kept as Decimal until written.
Stats = list[Any]
#: (park, division, first month changed): the rows of that year's ``cur``/``cum`` from that month on and
#: the next year's ``cmp``/``cmpcum`` from the same month on.
Group = tuple[int, str, dt.date]

N_SUMS = len(CELL_SUMS)
SIZE, LARGEST = N_SUMS, 2 * N_SUMS


def _add(stats: Stats, index: int, amount: Decimal) -> None:
    size = abs(amount)
    stats[index] += 1
    stats[SIZE + index] += size
    if size > stats[LARGEST + index]:
        stats[LARGEST + index] = size


def add_year(
    into: dict[StatsKey, Stats],
    *,
    park_id: int,
    division: str,
    section: str,
    year: int,
    months: dict[int, Values],
    statuses: Sequence[Status],
    first_month: int = 1,
    opening: Sequence[Decimal] | None = None,
) -> None:
    """Add one enterprise's year of returns (by month) to the stats of year ``year`` and ``year + 1``,
    from ``first_month`` on (``opening``: its totals over the months before, ``None`` without a return)."""
    status_key = tuple(statuses)
    cum = list(opening) if opening is not None else [ZERO] * N_MEASURES
    seen = opening is not None
    for month in range(first_month, 13):
        now = months.get(month)
        if now is not None:
            seen = True
            for i in range(N_MEASURES):
                cum[i] += now[i]
        if not seen:
            continue
        for offset in (0, 1):
            period = dt.date(year + offset, month, 1)
            single, cumulative = 2 * offset, 2 * offset + 1  # cur, cum / cmp, cmpcum
            for scale_set in _member_sets_cached(status_key, period):
                for i, measure in enumerate(RETURN_MEASURES):
                    key = (park_id, scale_set, period, division, section, measure)
                    stats = into.get(key)
                    if stats is None:
                        stats = into[key] = [0] * N_SUMS + [ZERO] * (2 * N_SUMS)
                    if now is not None:
                        _add(stats, single, now[i])
                    _add(stats, cumulative, cum[i])


def _quantum(measure: str) -> Decimal:
    places: int = getattr(MonthlyReturn._meta.get_field(measure), "decimal_places", 2)
    return Decimal(1).scaleb(-places)


def _compute(
    query: Q,
    groups: set[tuple[int, str]] | None,
    year: int | None = None,
    first_month: int = 1,
) -> dict[StatsKey, Stats]:
    """Stats from the counting returns matching ``query`` (kept to ``groups`` when given; of one ``year``
    from ``first_month`` on when given: the months before are read as one total per enterprise)."""
    info_fields = ("enterprise__park_id", "enterprise__industry_id", "enterprise__industry__section")
    counting = MonthlyReturn.objects.filter(query, is_current=True).order_by()
    infos: dict[int, tuple[int, str, str]] = {}

    def known(enterprise_id: int, park_id: int, industry: str | None, section: str | None) -> bool:
        if enterprise_id not in infos:
            infos[enterprise_id] = (park_id, division_of(industry or ""), section or "")
        return groups is None or infos[enterprise_id][:2] in groups

    openings: dict[int, list[Decimal]] = {}
    if year is not None and first_month > 1:
        quanta = [_quantum(m) for m in RETURN_MEASURES]
        before = (
            counting.filter(period__lt=dt.date(year, first_month, 1))
            .values_list("enterprise_id", *info_fields)
            .annotate(*(Sum(m) for m in RETURN_MEASURES))
        )
        for enterprise_id, park_id, industry, section, *sums in before:
            if known(enterprise_id, park_id, industry, section):
                # SQLite adds decimals as floats: back to the column's places.
                openings[enterprise_id] = [
                    Decimal(str(v)).quantize(q) if v is not None else ZERO
                    for v, q in zip(sums, quanta, strict=True)
                ]
        counting = counting.filter(period__gte=dt.date(year, first_month, 1))
    rows = counting.values_list("enterprise_id", "period", *info_fields, *RETURN_MEASURES)
    by_enterprise: dict[int, dict[int, dict[int, Values]]] = defaultdict(lambda: defaultdict(dict))
    for enterprise_id, period, park_id, industry, section, *amounts in rows.iterator(chunk_size=5000):
        if known(enterprise_id, park_id, industry, section):
            by_enterprise[enterprise_id][period.year][period.month] = tuple(
                a if a is not None else ZERO for a in amounts
            )
    if year is not None:
        for enterprise_id in openings:
            by_enterprise[enterprise_id].setdefault(year, {})
    ids = list(by_enterprise)
    parks = {infos[pk][0] for pk in ids}
    statuses = load_statuses(enterprise_ids=ids) if len(ids) <= 900 else load_statuses(park_ids=parks)
    into: dict[StatsKey, Stats] = {}
    for pk, by_year in by_enterprise.items():
        park_id, division, section = infos[pk]
        for its_year, months in by_year.items():
            if year is None or its_year == year:
                add_year(
                    into,
                    park_id=park_id,
                    division=division,
                    section=section,
                    year=its_year,
                    months=months,
                    statuses=statuses.get(pk, []),
                    first_month=first_month if year is not None else 1,
                    opening=openings.get(pk),
                )
    return into


def _lock(park_ids: Iterable[int]) -> None:
    """Serialize recomputations of a park's stats until commit (PostgreSQL; SQLite writes one at a time):
    a second writer reads the returns only after the first one's are committed."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for park_id in sorted(set(park_ids)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [15015, park_id])


def _quote_all(names: Iterable[str]) -> list[str]:
    return [connection.ops.quote_name(n) for n in names]


def _columns(sums: Sequence[str]) -> list[str]:
    return [f"{kind}_{s}" for kind in ("count", "size", "largest") for s in sums]


def refresh(groups: Iterable[Group]) -> int:
    """Recompute the stats each (park, division, first month changed) group decides from its returns (that
    year from that month, and the next year's bases from the same month); returns rows written."""
    wanted = set(groups)
    if not wanted:
        return 0
    by_year: dict[int, set[tuple[int, str]]] = defaultdict(set)
    first: dict[int, int] = {}
    for park_id, division, changed in wanted:
        by_year[changed.year].add((park_id, division))
        first[changed.year] = min(first.get(changed.year, 12), changed.month)
    quote = connection.ops.quote_name
    table = quote(MonthlyCellStats._meta.db_table)
    key_clause = " AND ".join(
        f"{c} = %s" for c in _quote_all(("park_id", "scale_set", "period", "division", "measure"))
    )
    written = 0
    with transaction.atomic():
        _lock(p for p, _d, _y in wanted)
        for year, pairs in sorted(by_year.items()):
            parks = sorted({p for p, _d in pairs})
            query = Q(park_id__in=parks, period__gte=dt.date(year, 1, 1), period__lte=dt.date(year, 12, 1))
            if len(pairs) <= 50 and all(d for _p, d in pairs):
                narrow = Q()
                for park_id, division in pairs:
                    narrow |= Q(park_id=park_id, enterprise__industry__code__startswith=division)
                query &= narrow
            computed = _compute(query, pairs, year, first[year])
            with connection.cursor() as cursor:
                # Clear the groups' columns this year's returns decide, then set what they give.
                for offset, sums in ((0, CELL_SUMS[:2]), (1, CELL_SUMS[2:])):
                    columns = _columns(sums)
                    cleared = ", ".join(f"{c} = 0" for c in _quote_all(columns))
                    cursor.executemany(
                        f"UPDATE {table} SET {cleared} WHERE {quote('park_id')} = %s "  # noqa: S608
                        f"AND {quote('division')} = %s AND {quote('period')} >= %s AND {quote('period')} <= %s",
                        [
                            [p, d, dt.date(year + offset, first[year], 1), dt.date(year + offset, 12, 1)]
                            for p, d in sorted(pairs)
                        ],
                    )
                MonthlyCellStats.objects.bulk_create(
                    [
                        MonthlyCellStats(
                            park_id=p, scale_set=s, period=period, division=d, section=sec, measure=m
                        )
                        for p, s, period, d, sec, m in computed
                    ],
                    batch_size=500,
                    ignore_conflicts=True,
                )
                for offset, sums in ((0, CELL_SUMS[:2]), (1, CELL_SUMS[2:])):
                    indexes = [k * N_SUMS + CELL_SUMS.index(s) for k in range(3) for s in sums]
                    assignments = ", ".join(f"{c} = %s" for c in _quote_all(_columns(sums)))
                    params = [
                        [*(stats[i] for i in indexes), p, s, period, d, m]
                        for (p, s, period, d, _sec, m), stats in computed.items()
                        if period.year == year + offset
                    ]
                    cursor.executemany(
                        f"UPDATE {table} SET {assignments} WHERE {key_clause}",  # noqa: S608
                        params,
                    )
            written += len(computed)
        MonthlyCellStats.objects.filter(
            park_id__in={p for p, _d, _y in wanted}, count_cur=0, count_cum=0, count_cmp=0, count_cmpcum=0
        ).delete()
    return written


def rebuild(park_ids: Iterable[int] | None = None) -> int:
    """Recompute the table (for some parks, or all) from the returns and statuses; returns rows written."""
    parks = list(park_ids) if park_ids is not None else None
    scope = Q(park_id__in=parks) if parks is not None else Q()
    computed = _compute(scope, None)
    with transaction.atomic():
        MonthlyCellStats.objects.filter(scope).delete()
        MonthlyCellStats.objects.bulk_create(
            (
                MonthlyCellStats(
                    park_id=p,
                    scale_set=s,
                    period=period,
                    division=d,
                    section=sec,
                    measure=m,
                    **dict(zip(CELL_STATS_COLUMNS, stats, strict=True)),
                )
                for (p, s, period, d, sec, m), stats in computed.items()
            ),
            batch_size=1000,
        )
    return len(computed)
