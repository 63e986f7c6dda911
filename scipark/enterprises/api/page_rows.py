"""What a list page adds to its 50 brief rows: tag ids and the two current-status flags.

The rows themselves come from ``Enterprise.objects.restrict(...)`` (the access mechanism); what is added
reads only the link and status rows of those enterprises, so it needs no restriction of its own. Two ways,
both held equal to ``selectors.enterprise_tag_ids`` and ``selectors.enterprise_current_flags`` by the tests:

- :func:`with_page_extras` folds them into the page's own statement, as two correlated subqueries per row
  (the tag ids, and the kinds of the statuses current on the day), each one index probe on the row's id.
  The unfiltered list uses it: its statement is compiled once per shape (``core.api.statements``), so the
  subqueries cost no compilation per page, and the page is one statement instead of two.
- :func:`page_extras` reads them for a list of ids in one ``UNION ALL`` statement (the ids as one array on
  PostgreSQL, ``core.sql.one_of``), for a filtered list, whose statement is compiled on every request.

The statuses come back as their kinds, not as two ``EXISTS``: PostgreSQL plans an ``EXISTS`` in the select
list as a hashed subplan over the whole status table when the rows before ``LIMIT`` are many (83 ms at
100,000 enterprises against 0.4 ms for the probes); a scalar subquery is always probed per row, and after
the sort (PostgreSQL postpones costly select-list expressions past ``ORDER BY … LIMIT``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from scipark.core.sql import one_of

from ..models import Enterprise, EnterpriseStatus
from ..selectors import status_active_on

ABOVE_SCALE_KINDS = frozenset(EnterpriseStatus.ABOVE_SCALE_KINDS)
INCUBATION = str(EnterpriseStatus.Kind.INCUBATION)


@dataclass(frozen=True)
class PageExtras:
    """Per enterprise id: its tag ids (ascending) and (above-scale now, incubating now)."""

    tags: dict[int, list[int]]
    flags: dict[int, tuple[bool, bool]]


#: The names :func:`with_page_extras` adds to each row (read back by :func:`page_row_extras`).
TAG_IDS = "page_tag_ids"
CURRENT_KINDS = "page_current_kinds"


class _Gathered(Subquery):
    """A one-column subquery's values for the outer row as one value: an array on PostgreSQL, and on SQLite
    the values joined by commas (NULL when there are none), read back by :func:`page_row_extras`."""

    def __init__(self, queryset: QuerySet[Any], column: str) -> None:
        super().__init__(queryset.values(gathered=F(column)), output_field=models.Field())

    def as_sql(self, compiler: Any, connection: Any, template: str | None = None, **extra: Any) -> Any:
        template = '(SELECT group_concat("gathered") FROM (%(subquery)s))'
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, template="ARRAY(%(subquery)s)", **extra)


def with_page_extras(rows: QuerySet[Any], *, day: dt.date) -> QuerySet[Any]:
    """``rows`` (a ``.values()`` queryset of enterprises) with each row's tag ids and the kinds of its
    statuses current on ``day``; :func:`page_row_extras` turns them into the page's fields."""
    through: Any = Enterprise.tags.through
    links = through.objects.filter(enterprise_id=OuterRef("pk")).order_by("tag_id")
    current = EnterpriseStatus.objects.filter(enterprise_id=OuterRef("pk")).filter(status_active_on(day))
    return rows.annotate(
        **{TAG_IDS: _Gathered(links, "tag_id"), CURRENT_KINDS: _Gathered(current.order_by(), "kind")}
    )


def page_row_extras(row: dict[str, Any]) -> None:
    """Give a :func:`with_page_extras` row ``tags`` (ascending ids), ``above_scale_now`` and
    ``incubating_now``, as :func:`page_extras` gives them (the gathered values stay: nothing reads them)."""
    tags, kinds = row[TAG_IDS], row[CURRENT_KINDS]
    if isinstance(tags, str):  # SQLite's group_concat: "12,3"
        tags = sorted(int(tag_id) for tag_id in tags.split(","))
    row["tags"] = tags or []  # PostgreSQL's array: ascending already (``ORDER BY``)
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    row["above_scale_now"] = bool(kinds) and not ABOVE_SCALE_KINDS.isdisjoint(kinds)
    row["incubating_now"] = bool(kinds) and INCUBATION in kinds


def _sql(connection: Any, enterprise_ids: list[int], on: Any) -> tuple[str, list[Any]]:
    quote = connection.ops.quote_name
    through = Enterprise.tags.through._meta
    link_enterprise = through.get_field("enterprise").column
    link_tag = through.get_field("tag").column
    linked, linked_params = one_of(quote(link_enterprise), enterprise_ids, connection=connection)
    held, held_params = one_of("enterprise_id", enterprise_ids, connection=connection)
    sql = (
        f"SELECT {quote(link_enterprise)}, {quote(link_tag)}, NULL FROM {quote(through.db_table)} "  # noqa: S608 - names from the models, values bound
        f"WHERE {linked} "
        "UNION ALL "
        f"SELECT enterprise_id, NULL, kind FROM {quote(EnterpriseStatus._meta.db_table)} "
        f"WHERE {held} AND valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)"
    )
    return sql, [*linked_params, *held_params, on, on]


def page_extras(
    *, enterprise_ids: list[int], day: dt.date | None = None, using: str = "default"
) -> PageExtras:
    """Tags and current flags (on ``day``, default today) of a page's enterprises, in one query."""
    tags: dict[int, list[int]] = {}
    flags: dict[int, tuple[bool, bool]] = {}
    if not enterprise_ids:
        return PageExtras(tags, flags)
    connection = connections[using]
    on = connection.ops.adapt_datefield_value(day or timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(*_sql(connection, enterprise_ids, on))
        rows = cursor.fetchall()
    for enterprise_id, tag_id, kind in rows:
        if tag_id is not None:
            tags.setdefault(enterprise_id, []).append(int(tag_id))
        else:
            above, incubating = flags.get(enterprise_id, (False, False))
            flags[enterprise_id] = (above or kind in ABOVE_SCALE_KINDS, incubating or kind == INCUBATION)
    for ids in tags.values():
        ids.sort()
    return PageExtras(tags, flags)
