"""Tables of one row per park that the database keeps itself, by triggers on the rows they follow.

``enterprises.counts`` (each park's number of enterprises), ``economy.stamps`` (each park's KPI panel
stamp) and ``innovation.models.counts`` (each park's current evaluations per tier, outcome and gaps) are such
tables: every write path counts because the database does the keeping. They share the pieces here: the row's
key (the park, without a database constraint, since a trigger may write the row while Django's deletion of a
park removes it), reinstalling the triggers after every ``migrate`` and flush (SQLite drops a table's
triggers when a migration rebuilds the table; a flush's TRUNCATE passes them), PostgreSQL's statement
triggers over transition tables with their functions, and running the install and the rebuild together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections, models, transaction
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KeptPerPark(models.Model):
    """A row per park written by database triggers (subclasses add the kept value)."""

    park = models.OneToOneField(
        "parks.Park",
        primary_key=True,
        on_delete=models.CASCADE,
        db_constraint=False,  # a trigger writes the row; the park's deletion removes it through Django
        related_name="+",
        verbose_name=_("园区"),
    )

    class Meta:
        abstract = True


def install_after_migrate(
    *, app_label: str, tables: Iterable[str], install: Callable[..., None], uid: str
) -> None:
    """Run ``install(using=…)`` after every ``migrate`` (and flush) of the database, once ``app_label``'s
    migrations have run and every one of ``tables`` exists."""
    needed = tuple(tables)

    def installed(sender: Any, app_config: Any, using: str = "default", **kwargs: Any) -> None:
        if app_config.label != app_label:
            return
        present = connections[using].introspection.table_names()
        if all(table in present for table in needed):
            install(using=using)

    post_migrate.connect(installed, dispatch_uid=uid, weak=False)


# --- PostgreSQL's statement triggers, as every kept table writes them ---------------------------------------

#: The transition tables each event's trigger passes its function (the statements read ``old_rows`` and
#: ``new_rows``): one statement a write, however many rows it touched.
_TRANSITION = {
    "INSERT": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def trigger_function(name: str, body: str) -> str:
    """PostgreSQL: the trigger function ``name()`` running ``body`` (statements ending in ``;``) after a
    statement; it returns nothing, as an ``AFTER … FOR EACH STATEMENT`` trigger's function does."""
    return f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"


def statement_trigger(name: str, *, table: str, event: str, function: str) -> tuple[str, str]:
    """PostgreSQL: (re)create the trigger ``name`` on ``table`` running ``function()`` once after each
    ``event`` statement (``INSERT``, ``DELETE`` or ``UPDATE``) with that event's transition tables."""
    return (
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {_TRANSITION[event]} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    )


def execute_together(statements: Iterable[str], *, using: str = "default") -> None:
    """Run the statements in one transaction: a kept table's triggers (re)installed and its rows rebuilt
    from what they follow, so that no write falls between the two."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
