"""Maintaining ``MonthlyAggregate`` on every write and import, so that the KPI panel reads a few hundred
rows instead of scanning the returns (ADR 0006).

A change of one enterprise's month (y, m) by δ moves, in every set the enterprise belongs to at each
period: ``cur`` and ``cum`` of (y, m); ``cum`` of (y, k > m); ``cmp`` and ``cmpcum`` of (y+1, m);
``cmpcum`` of (y+1, k > m). That is all :func:`apply_return_changes` does, in bulk, for one return or a
whole imported month. A change of set membership (an above-scale status added or ended anywhere: a scale
decision, the registry's page or API) recomputes the enterprise's whole contribution with its status
history before and after the change (:func:`apply_status_change`, run by ``economy.receivers``).
:func:`rebuild` recomputes everything from the returns and is what the tests hold the maintained table
against. Beside it, ``MonthlyCellStats`` (what small-cell suppression needs, ``cellstats``) is refreshed on
the same calls and rebuilt with it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from scipark.enterprises.models import Enterprise, EnterpriseStatus

from .models import (
    ABOVE_SCALE_SETS,
    AGGREGATE_COLUMNS,
    RETURN_MEASURES,
    MonthlyAggregate,
    MonthlyReturn,
    ScaleSet,
)

ZERO = Decimal(0)
N_MEASURES = len(RETURN_MEASURES)
#: Column order of a contribution vector: cur_*, cum_*, cmp_*, cmpcum_*, then reporting.
COLUMNS: tuple[str, ...] = AGGREGATE_COLUMNS
CUR, CUM, CMP, CMPCUM = (i * N_MEASURES for i in range(4))
REPORTING = 4 * N_MEASURES

Period = tuple[int, int]
Values = tuple[Decimal, ...]  # one return's amounts in RETURN_MEASURES order
Key = tuple[int, str, dt.date, str, str]  # park, scale set, period, division, section
Vector = list[Decimal]


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


Status = tuple[str, dt.date, dt.date | None]


def member_sets(statuses: Sequence[Status], period: dt.date) -> list[str]:
    """The sets an enterprise counts in at ``period``: ``all``, plus each above-scale status covering the
    month's last day (so a status from 2023-06-01 counts from June; one ending 2023-05-31 through May)."""
    end = month_end(period)
    found = [ScaleSet.ALL.value]
    for kind, valid_from, valid_to in statuses:
        if valid_from <= end and (valid_to is None or valid_to >= end) and kind not in found:
            found.append(kind)
    return found


@functools.lru_cache(maxsize=65536)
def _member_sets_cached(statuses: tuple[Status, ...], period: dt.date) -> tuple[str, ...]:
    return tuple(member_sets(statuses, period))


def load_statuses(
    *, enterprise_ids: Iterable[int] | None = None, park_ids: Iterable[int] | None = None
) -> dict[int, list[Status]]:
    """Above-scale status periods by enterprise (for a set of enterprises, or of parks)."""
    query = EnterpriseStatus.objects.filter(kind__in=ABOVE_SCALE_SETS)
    if park_ids is not None:
        query = query.filter(enterprise__park_id__in=list(park_ids))
    found: dict[int, list[Status]] = defaultdict(list)
    if enterprise_ids is not None:
        ids = list(enterprise_ids)
        for start in range(0, len(ids), 900):
            for row in query.filter(enterprise_id__in=ids[start : start + 900]).values_list(
                "enterprise_id", "kind", "valid_from", "valid_to"
            ):
                found[row[0]].append((row[1], row[2], row[3]))
        return found
    for row in query.values_list("enterprise_id", "kind", "valid_from", "valid_to"):
        found[row[0]].append((row[1], row[2], row[3]))
    return found


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


def _affected_periods(period: dt.date) -> list[tuple[dt.date, bool, bool]]:
    """(period, same year, same month) for every row a change of ``period`` moves."""
    result = []
    for year_offset in (0, 1):
        for month in range(period.month, 13):
            result.append(
                (dt.date(period.year + year_offset, month, 1), year_offset == 0, month == period.month)
            )
    return result


def apply_return_changes(
    changes: Iterable[ReturnChange], statuses: dict[int, list[Status]] | None = None
) -> int:
    """Move the aggregates by the difference each change makes; returns the rows touched.

    Enterprises with the same membership pattern over the affected periods are added up first, so a
    whole month for 100,000 enterprises costs a pass in Python and a few thousand row updates.
    """
    changes = [c for c in changes if c.old != c.new]
    if not changes:
        return 0
    if statuses is None:
        ids = {c.enterprise_id for c in changes}
        # Many enterprises: one query over their parks beats long IN lists.
        statuses = (
            load_statuses(park_ids={c.park_id for c in changes})
            if len(ids) > 500
            else load_statuses(enterprise_ids=ids)
        )
    grouped: dict[tuple[int, str, str, dt.date, tuple[tuple[str, ...], ...]], Vector] = {}
    periods_cache: dict[dt.date, list[tuple[dt.date, bool, bool]]] = {}
    patterns: dict[tuple[dt.date, tuple[Status, ...]], tuple[tuple[str, ...], ...]] = {}
    for change in changes:
        affected = periods_cache.get(change.period)
        if affected is None:
            affected = periods_cache[change.period] = _affected_periods(change.period)
        own = statuses.get(change.enterprise_id)
        pattern: tuple[tuple[str, ...], ...] = ()
        if own:
            # Enterprises share a handful of status histories: compute each pattern once.
            pattern_key = (change.period, tuple(own))
            found = patterns.get(pattern_key)
            if found is None:
                found = patterns[pattern_key] = tuple(tuple(member_sets(own, p)) for p, _y, _m in affected)
            pattern = found
        key = (change.park_id, change.division, change.section, change.period, pattern)
        delta = grouped.get(key)
        if delta is None:
            delta = grouped[key] = [ZERO] * (N_MEASURES + 1)
        if change.old is None:
            for i, value in enumerate(change.new or ()):
                delta[i] += value
        else:
            new = change.new or (ZERO,) * N_MEASURES
            for i in range(N_MEASURES):
                delta[i] += new[i] - change.old[i]
        delta[N_MEASURES] += (change.new is not None) - (change.old is not None)
    _refresh_cell_stats({(c.park_id, c.division, c.period) for c in changes})
    increments: dict[Key, Vector] = defaultdict(lambda: [ZERO] * len(COLUMNS))
    for (park_id, division, section, period, pattern), delta in grouped.items():
        for index, (row_period, same_year, same_month) in enumerate(periods_cache[period]):
            sets = pattern[index] if pattern else (ScaleSet.ALL.value,)
            for scale_set in sets:
                vector = increments[(park_id, scale_set, row_period, division, section)]
                for i in range(N_MEASURES):
                    d = delta[i]
                    if not d:
                        continue
                    if same_year:
                        vector[CUM + i] += d
                        if same_month:
                            vector[CUR + i] += d
                    else:
                        vector[CMPCUM + i] += d
                        if same_month:
                            vector[CMP + i] += d
                if same_year and same_month:
                    vector[REPORTING] += delta[N_MEASURES]
    return _apply(increments)


def _refresh_cell_stats(groups: set[tuple[int, str, dt.date]]) -> None:
    """What suppression needs follows on the same write path (``cellstats``: recomputed per group)."""
    from . import cellstats

    cellstats.refresh(groups)


def _apply(increments: dict[Key, Vector]) -> int:
    """Add each vector to its row (creating missing rows), in one transaction."""
    increments = {k: v for k, v in increments.items() if any(v)}
    if not increments:
        return 0
    with transaction.atomic():
        MonthlyAggregate.objects.bulk_create(
            [
                MonthlyAggregate(park_id=park, scale_set=s, period=period, division=division, section=section)
                for park, s, period, division, section in increments
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        quote = connection.ops.quote_name
        table = quote(MonthlyAggregate._meta.db_table)
        assignments = ", ".join(f"{quote(c)} = {quote(c)} + %s" for c in COLUMNS)
        sql = (
            f"UPDATE {table} SET {assignments} "  # noqa: S608  (names are ours, values are parameters)
            f"WHERE {quote('park_id')} = %s AND {quote('scale_set')} = %s AND {quote('period')} = %s "
            f"AND {quote('division')} = %s"
        )
        params: list[list[Any]] = [
            [*vector[:REPORTING], int(vector[REPORTING]), park, s, period, division]
            for (park, s, period, division, _section), vector in increments.items()
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(increments)


# --- whole contributions (scale decisions, rebuild) -------------------------------------------------


@dataclass(frozen=True)
class EnterpriseInfo:
    park_id: int
    division: str
    section: str


def contributions(
    returns: dict[Period, Values], statuses: Sequence[Status], info: EnterpriseInfo
) -> dict[Key, Vector]:
    """Everything one enterprise adds to the aggregate table, from its counting returns."""
    result: dict[Key, Vector] = {}
    if not returns:
        return result
    years = sorted({year for year, _m in returns} | {year + 1 for year, _m in returns})
    status_key = tuple(statuses)
    zero = (ZERO,) * N_MEASURES
    for year in years:
        cum = [ZERO] * N_MEASURES
        prior_cum = [ZERO] * N_MEASURES
        for month in range(1, 13):
            now = returns.get((year, month))
            then = returns.get((year - 1, month))
            for i in range(N_MEASURES):
                cum[i] += (now or zero)[i]
                prior_cum[i] += (then or zero)[i]
            if not any(cum) and not any(prior_cum) and now is None:
                continue
            vector = [
                *(now or zero),
                *cum,
                *(then or zero),
                *prior_cum,
                Decimal(1 if now is not None else 0),
            ]
            period = dt.date(year, month, 1)
            for scale_set in _member_sets_cached(status_key, period):
                result[(info.park_id, scale_set, period, info.division, info.section)] = list(vector)
    return result


def _returns_by_enterprise(query: Q) -> dict[int, dict[Period, Values]]:
    found: dict[int, dict[Period, Values]] = defaultdict(dict)
    rows = MonthlyReturn.objects.filter(query, is_current=True).values_list(
        "enterprise_id", "period", *RETURN_MEASURES
    )
    for enterprise_id, period, *amounts in rows.iterator(chunk_size=5000):
        found[enterprise_id][(period.year, period.month)] = tuple(
            Decimal(a) if a is not None else ZERO for a in amounts
        )
    return found


def _infos(query: Q) -> dict[int, EnterpriseInfo]:
    return {
        pk: EnterpriseInfo(park_id, division_of(industry), section or "")
        for pk, park_id, industry, section in Enterprise.objects.filter(query).values_list(
            "pk", "park_id", "industry_id", "industry__section"
        )
    }


def _add_into(total: dict[Key, Vector], part: dict[Key, Vector], sign: int = 1) -> None:
    for key, vector in part.items():
        into = total.get(key)
        if into is None:
            total[key] = [v * sign for v in vector]
        else:
            for i, v in enumerate(vector):
                into[i] += v * sign


#: A status period as stored: (valid_from, valid_to).
Validity = tuple[dt.date, dt.date | None]


def apply_status_change(
    enterprise_id: int, kind: str, before: Validity | None, after: Validity | None
) -> int:
    """Move the aggregates after one status period of an enterprise changed (stored already: ``after``).

    Only the above-scale kinds make sets. The enterprise's contribution is computed with its history as
    stored and as it was before the change; the difference is applied. Returns the rows touched.
    """
    if kind not in ABOVE_SCALE_SETS or before == after:
        return 0
    returns = _returns_by_enterprise(Q(enterprise_id=enterprise_id)).get(enterprise_id)
    if not returns:
        return 0
    now = load_statuses(enterprise_ids=[enterprise_id]).get(enterprise_id, [])
    then = list(now)
    if after is not None and (kind, *after) in then:
        then.remove((kind, *after))
    if before is not None:
        then.append((kind, *before))
    info = _infos(Q(pk=enterprise_id))[enterprise_id]
    _refresh_cell_stats({(info.park_id, info.division, dt.date(year, 1, 1)) for year, _m in returns})
    delta = contributions(returns, now, info)
    _add_into(delta, contributions(returns, then, info), sign=-1)
    return _apply(delta)


def rebuild(park_ids: Iterable[int] | None = None) -> int:
    """Recompute the table (for some parks, or all) from the returns and statuses; returns rows written."""
    parks = list(park_ids) if park_ids is not None else None
    scope = Q(park_id__in=parks) if parks is not None else Q()
    total: dict[Key, Vector] = {}
    returns = _returns_by_enterprise(scope)
    statuses = load_statuses(park_ids=parks) if parks is not None else load_statuses()
    infos = _infos(Q(pk__in=list(returns))) if len(returns) < 900 else _infos(scope)
    for pk, periods in returns.items():
        _add_into(total, contributions(periods, statuses.get(pk, []), infos[pk]))
    with transaction.atomic():
        MonthlyAggregate.objects.filter(scope).delete()
        MonthlyAggregate.objects.bulk_create(
            [
                MonthlyAggregate(
                    park_id=park,
                    scale_set=s,
                    period=period,
                    division=division,
                    section=section,
                    **{c: (int(v) if c == "reporting" else v) for c, v in zip(COLUMNS, vector, strict=True)},
                )
                for (park, s, period, division, section), vector in total.items()
                if any(vector)
            ],
            batch_size=1000,
        )
        from . import cellstats

        cellstats.rebuild(parks)
    return len(total)
