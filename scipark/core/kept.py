"""Tables of one row per park that the database keeps itself, by triggers on the rows they follow.

``enterprises.counts`` (each park's number of enterprises) and ``economy.stamps`` (each park's KPI panel
stamp) are such tables: every write path counts because the database does the keeping. Both need the same
two pieces, here: the row's key (the park, without a database constraint, since a trigger may write the row
while Django's deletion of a park removes it) and reinstalling the triggers after every ``migrate`` and
flush (SQLite drops a table's triggers when a migration rebuilds the table; a flush's TRUNCATE passes them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections, models
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
