"""A stamp per park that changes whenever what a KPI panel reads of that park changes, kept by the database.

A panel reads a few hundred rows of the maintained tables in one statement; on PostgreSQL that statement's
round trip, planning and binding cost ≈ 1 ms, five times DuckDB's budget for the park panel (issue 15 item 5),
and the rows change only when a return, a revision, an import or a rebuild of that park is written. So the
panel's read is kept in the process (:mod:`scipark.economy.selectors.panel_read`) under the stamps of the
parks it covers, and each read first asks for those stamps: one primary-key lookup instead of the grouped
statement.

:class:`PanelStamp` holds one row per park, a random 64-bit number set afresh by triggers on every insert,
update and delete of ``economy_monthlyaggregate`` and ``economy_monthlycellstats`` (the sums and the
suppression statistics) and, for every park, of ``enterprises_industry`` (the breakdown's industry names).
Triggers rather than the write path: every writer counts — the incremental update, the rebuild, the demo,
the benchmark generator, raw SQL in tests — with nothing each must remember. On SQLite they are row
triggers; on PostgreSQL statement triggers over the transition tables (one ``INSERT … ON CONFLICT`` a
statement, however many rows it wrote).

Why a kept read is never stale: a stamp is random, so a value once replaced never comes back (a rolled-back
transaction's stamp is never seen by anyone else, a flushed table does not restart a counter); the reader
reads the stamps before the rows, so the rows it keeps are at least as new as the stamps it keeps them under.

SQLite drops a table's triggers when a migration rebuilds the table, so after every ``migrate`` (and a test
database's flush) the triggers are installed again and every park's stamp renewed
(:func:`stamps_install`, on ``post_migrate``), as ``enterprises.counts`` does for its counts.
"""

# ruff: noqa: S608 - every statement here is built from this module's own table and trigger names; values are bound
from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from django.db import connections, models, transaction
from django.utils.translation import gettext_lazy as _

from scipark.core.changelog import ChangeLog
from scipark.core.kept import (
    KeptPerPark,
    execute_together,
    install_after_migrate,
    statement_trigger,
    trigger_function,
)
from scipark.core.sql import one_of

TABLE = "economy_panelstamp"
WATCHED = ("economy_monthlyaggregate", "economy_monthlycellstats")
NAMES = "enterprises_industry"


class PanelStamp(KeptPerPark):
    """A random number that changes whenever one park's maintained sums or cell statistics change."""

    stamp = models.BigIntegerField(_("校验戳"), default=0)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("派生校验戳:由数据库触发器随经济汇总表维护")

    class Meta:
        app_label = "economy"
        db_table = TABLE
        verbose_name = _("看板校验戳")
        verbose_name_plural = _("看板校验戳")

    def __str__(self) -> str:
        return f"{self.park_id}: {self.stamp}"


def stamps_of(park_ids: Sequence[int], *, using: str = "default") -> tuple[tuple[int, int], ...]:
    """(park, stamp) of each of these parks that has one, by park: what a kept panel read is valid for."""
    if not park_ids:
        return ()
    connection = connections[using]
    among, params = one_of("park_id", park_ids, connection=connection)
    with connection.cursor() as cursor:  # plain SQL: this runs before every panel
        cursor.execute(f"SELECT park_id, stamp FROM {TABLE} WHERE {among}", params)
        return tuple(sorted(cursor.fetchall()))


_SQLITE_NEW = (
    "INSERT INTO economy_panelstamp (park_id, stamp) VALUES ({side}.park_id, random()) "
    "ON CONFLICT (park_id) DO UPDATE SET stamp = excluded.stamp;"
)


def _sqlite_triggers(table: str) -> tuple[str, ...]:
    return (
        f"""CREATE TRIGGER IF NOT EXISTS {table}_stamp_insert AFTER INSERT ON {table}
        BEGIN {_SQLITE_NEW.format(side="NEW")} END""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_stamp_delete AFTER DELETE ON {table}
        BEGIN {_SQLITE_NEW.format(side="OLD")} END""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_stamp_update AFTER UPDATE ON {table}
        BEGIN {_SQLITE_NEW.format(side="OLD")} {_SQLITE_NEW.format(side="NEW")} END""",
    )


_SQLITE_TRIGGERS = (
    *_sqlite_triggers(WATCHED[0]),
    *_sqlite_triggers(WATCHED[1]),
    *(
        f"""CREATE TRIGGER IF NOT EXISTS economy_stamp_names_{event.split()[0].lower()}
        AFTER {event} ON {NAMES} BEGIN UPDATE economy_panelstamp SET stamp = random(); END"""
        for event in ("INSERT", "DELETE", "UPDATE OF name")
    ),
)

_PG_RANDOM = "(floor(random() * 9.2e18) - 4.6e18)::bigint"
_PG_NEW = f"""INSERT INTO economy_panelstamp AS kept (park_id, stamp)
    SELECT park_id, {_PG_RANDOM} FROM (SELECT DISTINCT park_id FROM {{rows}}) AS touched
    ON CONFLICT (park_id) DO UPDATE SET stamp = EXCLUDED.stamp;"""


#: (event, the function its trigger runs) on each table the stamps follow.
_PG_EVENTS = (
    ("INSERT", "economy_stamp_inserted"),
    ("DELETE", "economy_stamp_deleted"),
    ("UPDATE", "economy_stamp_updated"),
)

_PG_TRIGGERS = (
    trigger_function("economy_stamp_inserted", _PG_NEW.format(rows="new_rows")),
    trigger_function("economy_stamp_deleted", _PG_NEW.format(rows="old_rows")),
    trigger_function(
        "economy_stamp_updated",
        _PG_NEW.format(
            rows="(SELECT park_id FROM old_rows UNION SELECT park_id FROM new_rows) AS both_sides"
        ),
    ),
    trigger_function("economy_stamp_everyone", f"UPDATE economy_panelstamp SET stamp = {_PG_RANDOM};"),
    *(
        statement
        for table in WATCHED
        for event, function in _PG_EVENTS
        for statement in statement_trigger(
            f"{table}_stamp_{event.lower()}", table=table, event=event, function=function
        )
    ),
    f"DROP TRIGGER IF EXISTS economy_stamp_names ON {NAMES}",
    f"""CREATE TRIGGER economy_stamp_names AFTER INSERT OR DELETE OR UPDATE OF name OR TRUNCATE ON {NAMES}
    FOR EACH STATEMENT EXECUTE FUNCTION economy_stamp_everyone()""",
)


def _renew(vendor: str) -> tuple[str, ...]:
    """Every park's stamp anew (the parks that have maintained rows get one): nothing kept before is valid."""
    fresh = "random()" if vendor == "sqlite" else _PG_RANDOM
    return (
        f"UPDATE {TABLE} SET stamp = {fresh}",
        f"INSERT INTO {TABLE} (park_id, stamp) SELECT park_id, {fresh} FROM "
        f"(SELECT DISTINCT park_id FROM {WATCHED[0]} UNION SELECT DISTINCT park_id FROM {WATCHED[1]}) AS present "
        f"WHERE park_id NOT IN (SELECT park_id FROM {TABLE})",
    )


def stamps_install(*, using: str = "default") -> None:
    """(Re)install the triggers and renew every park's stamp, in one transaction."""
    vendor = connections[using].vendor
    execute_together(
        (*(_PG_TRIGGERS if vendor == "postgresql" else _SQLITE_TRIGGERS), *_renew(vendor)), using=using
    )


def stamps_uninstall(*, using: str = "default") -> None:
    """Drop the triggers (a migration going back past the stamps' table)."""
    connection = connections[using]
    events = ("insert", "delete", "update")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in WATCHED:
                for event in events:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event} ON {table}")
            cursor.execute(f"DROP TRIGGER IF EXISTS economy_stamp_names ON {NAMES}")
            for name in ("inserted", "deleted", "updated", "everyone"):
                cursor.execute(f"DROP FUNCTION IF EXISTS economy_stamp_{name}()")
        else:
            for table in WATCHED:
                for event in events:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event}")
            for event in events:
                cursor.execute(f"DROP TRIGGER IF EXISTS economy_stamp_names_{event}")


install_after_migrate(
    app_label="economy", tables=(TABLE, *WATCHED, NAMES), install=stamps_install, uid="economy.stamps.install"
)
