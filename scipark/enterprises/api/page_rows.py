"""What a list page adds to its 50 brief rows: tag ids and the two current-status flags, in one query.

The rows themselves come from ``Enterprise.objects.restrict(...)`` (the access mechanism); this reads
only the link and status rows of those enterprises' ids, so it needs no restriction of its own. One
``UNION ALL`` statement (the ids as one array on PostgreSQL, ``core.sql.one_of``) replaces two ORM queries that compiled their SQL on
every page (``selectors.enterprise_tag_ids`` and ``selectors.enterprise_current_flags``, which the
tests hold it equal to).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.utils import timezone

from scipark.core.sql import one_of

from ..models import Enterprise, EnterpriseStatus

ABOVE_SCALE_KINDS = frozenset(EnterpriseStatus.ABOVE_SCALE_KINDS)
INCUBATION = str(EnterpriseStatus.Kind.INCUBATION)


@dataclass(frozen=True)
class PageExtras:
    """Per enterprise id: its tag ids (ascending) and (above-scale now, incubating now)."""

    tags: dict[int, list[int]]
    flags: dict[int, tuple[bool, bool]]


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
