"""How many enterprises each park has, kept by the database itself, for the unfiltered count of a list.

A list's ``count`` over a park's whole registry was a ``COUNT(*)`` over every row in reach on every page
(4 ms at 100,000 enterprises, growing with the park). :class:`ParkEnterpriseCount` holds one row per park,
kept by triggers on ``enterprises_enterprise`` — insert, delete and a change of ``park_id`` — so every
write path counts: the services, the importers' bulk inserts, the demo and benchmark generators, raw SQL.
On SQLite they are row triggers; on PostgreSQL statement triggers over the transition tables (one
``INSERT … ON CONFLICT`` per statement, however many rows a bulk insert carries).

SQLite drops a table's triggers when a migration rebuilds the table, so after every ``migrate`` (and a
test database's flush) the triggers are (re)installed and the counts rebuilt from the rows
(:func:`counts_install`, run on ``post_migrate``); ``tests/test_counts.py`` holds them equal to the rows
after each kind of write.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.db import connections, models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.changelog import ChangeLog
from scipark.core.kept import (
    KeptPerPark,
    execute_together,
    install_after_migrate,
    statement_trigger,
    trigger_function,
)

TABLE = "enterprises_parkenterprisecount"
SOURCE = "enterprises_enterprise"


class ParkEnterpriseCount(KeptPerPark):
    """The number of enterprises registered in one park (any status), kept by database triggers."""

    enterprises = models.IntegerField(_("企业数"), default=0)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("派生计数:由数据库触发器随企业名录维护")

    class Meta:
        app_label = "enterprises"
        db_table = TABLE
        verbose_name = _("园区企业数")
        verbose_name_plural = _("园区企业数")

    def __str__(self) -> str:
        return f"{self.park_id}: {self.enterprises}"


def enterprise_count_in_parks(*, park_ids: Iterable[int], using: str = "default") -> int:
    """The enterprises of these parks, from the kept counts (one small query, no scan of the rows)."""
    ids = sorted(set(park_ids))
    if not ids:
        return 0
    marks = ", ".join(["%s"] * len(ids))
    with connections[using].cursor() as cursor:  # plain SQL: this runs on every page of the list
        cursor.execute(
            "SELECT COALESCE(SUM(enterprises), 0) FROM enterprises_parkenterprisecount "  # noqa: S608 - placeholders only
            f"WHERE park_id IN ({marks})",
            ids,
        )
        return int(cursor.fetchone()[0])


def enterprise_count_all(*, using: str = "default") -> int:
    """The enterprises of every park, from the kept counts."""
    counted = ParkEnterpriseCount.objects.using(using).all()
    return int(counted.aggregate(n=Coalesce(Sum("enterprises"), 0))["n"])


#: Every park (an empty restriction: administrators), as :func:`parks_of` answers it.
EVERY_PARK = access.EVERY_PARK


def parks_of(restriction: Q) -> tuple[int, ...] | str | None:
    """The parks an enterprise restriction is made of (``access.parks_of`` for ``Enterprise``)."""
    from .models import Enterprise

    return access.parks_of(Enterprise, restriction)


def enterprise_count_in_reach(*, user: Any, action: access.Action = access.Action.VIEW) -> int | None:
    """The number of enterprises ``Enterprise.objects.restrict(user, action)`` holds, from the kept counts,
    when the user's reach is made of whole parks (park leaders, department staff, or every park);
    ``None`` when it is not (an enterprise user's own enterprise): the caller counts the rows then.

    The reach is the very filter ``restrict`` applies (``access.restriction``), read by :func:`parks_of`,
    so a grant that opened anything but a whole park makes this answer ``None``, never a guess."""
    from .models import Enterprise

    restriction = access.restriction(Enterprise, user, action)
    if restriction is None:  # nothing in reach
        return 0
    parks = parks_of(restriction)
    if parks is None:
        return None
    return enterprise_count_all() if isinstance(parks, str) else enterprise_count_in_parks(park_ids=parks)


_SQLITE_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS enterprises_count_insert AFTER INSERT ON enterprises_enterprise
    BEGIN
        INSERT INTO enterprises_parkenterprisecount (park_id, enterprises) VALUES (NEW.park_id, 1)
        ON CONFLICT (park_id) DO UPDATE SET enterprises = enterprises + 1;
    END""",
    """CREATE TRIGGER IF NOT EXISTS enterprises_count_delete AFTER DELETE ON enterprises_enterprise
    BEGIN
        UPDATE enterprises_parkenterprisecount SET enterprises = enterprises - 1 WHERE park_id = OLD.park_id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS enterprises_count_move AFTER UPDATE OF park_id ON enterprises_enterprise
    WHEN OLD.park_id IS NOT NEW.park_id
    BEGIN
        UPDATE enterprises_parkenterprisecount SET enterprises = enterprises - 1 WHERE park_id = OLD.park_id;
        INSERT INTO enterprises_parkenterprisecount (park_id, enterprises) VALUES (NEW.park_id, 1)
        ON CONFLICT (park_id) DO UPDATE SET enterprises = enterprises + 1;
    END""",
)

_PG_ADD = """INSERT INTO enterprises_parkenterprisecount AS kept (park_id, enterprises)
    SELECT park_id, COUNT(*) FROM {rows} GROUP BY park_id
    ON CONFLICT (park_id) DO UPDATE SET enterprises = kept.enterprises + EXCLUDED.enterprises;"""
_PG_TAKE = """UPDATE enterprises_parkenterprisecount AS kept SET enterprises = kept.enterprises - gone.n
    FROM (SELECT park_id, COUNT(*) AS n FROM {rows} GROUP BY park_id) AS gone
    WHERE kept.park_id = gone.park_id;"""
_PG_MOVED = """(SELECT {side}.park_id FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id
    WHERE old_rows.park_id IS DISTINCT FROM new_rows.park_id) AS moved"""

_PG_TRIGGERS = (
    trigger_function("enterprises_count_inserted", _PG_ADD.format(rows="new_rows")),
    trigger_function("enterprises_count_deleted", _PG_TAKE.format(rows="old_rows")),
    trigger_function(
        "enterprises_count_updated",
        _PG_TAKE.format(rows=_PG_MOVED.format(side="old_rows"))
        + " "
        + _PG_ADD.format(rows=_PG_MOVED.format(side="new_rows")),
    ),
    *statement_trigger(
        "enterprises_count_insert", table=SOURCE, event="INSERT", function="enterprises_count_inserted"
    ),
    *statement_trigger(
        "enterprises_count_delete", table=SOURCE, event="DELETE", function="enterprises_count_deleted"
    ),
    *statement_trigger(
        "enterprises_count_move", table=SOURCE, event="UPDATE", function="enterprises_count_updated"
    ),
)

_REBUILD = (
    "DELETE FROM enterprises_parkenterprisecount",
    "INSERT INTO enterprises_parkenterprisecount (park_id, enterprises) SELECT park_id, COUNT(*) FROM enterprises_enterprise GROUP BY park_id",
)


def counts_install(*, using: str = "default") -> None:
    """(Re)install the triggers and rebuild every park's count from the rows, in one transaction."""
    vendor = connections[using].vendor
    execute_together(
        (*(_PG_TRIGGERS if vendor == "postgresql" else _SQLITE_TRIGGERS), *_REBUILD), using=using
    )


install_after_migrate(
    app_label="enterprises", tables=(TABLE, SOURCE), install=counts_install, uid="enterprises.counts.install"
)
