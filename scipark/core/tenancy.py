"""The park column of rows that belong to a park through a parent (issue 15 item 8, docs/deploy.md).

Every tenant table carries ``park_id`` itself so that a distributed PostgreSQL (Citus) can shard and
co-locate all of a park's rows by it. A child row (an enterprise's status, an appeal's step, a project's
contract …) declares ``park_parent``, the foreign key through which it belongs to its park; its ``park`` is
copied from that parent on every ORM write: ``save()`` (so ``create``, ``get_or_create``, forms and
serializers), ``full_clean()`` and the default manager's ``bulk_create``. The column is NOT NULL, so a
write that bypasses the ORM (``core.imports.bulk.insert``) and forgets the park fails instead of writing a
row without one. A park never changes on a parent (the registry offers the park only on creation), so the
copy does not go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from django.db import models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils.translation import gettext_lazy as _

from .models import ScopedModel
from .querysets import RestrictedQuerySet

#: Parent ids looked up per query when a batch's parents are not loaded (SQLite's variable limit is 32766).
LOOKUP_CHUNK = 5000


def park_field() -> models.ForeignKey[Any, Any]:
    """The copied ``park`` column: indexed, NOT NULL, never edited in a form (it follows the parent)."""
    return models.ForeignKey(
        "parks.Park",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("园区"),
        editable=False,
    )


def _parent_field(model: type[models.Model]) -> models.ForeignKey[Any, Any]:
    parent = model._meta.get_field(model.park_parent)  # type: ignore[attr-defined]
    assert isinstance(parent, models.ForeignKey)
    return parent


def fill_park(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Set ``park_id`` on the rows that lack it from their parent: a loaded parent is read, the others'
    parks come from one query per ``LOOKUP_CHUNK`` distinct parents. A row without a parent keeps none."""
    parent = _parent_field(model)
    unresolved: list[models.Model] = []
    for row in rows:
        if row.park_id is not None:  # type: ignore[attr-defined]
            continue
        loaded = parent.get_cached_value(row, None) if parent.is_cached(row) else None
        if getattr(loaded, "park_id", None) is not None:
            row.park_id = loaded.park_id  # type: ignore[attr-defined,union-attr]
        elif getattr(row, parent.attname) is not None:
            unresolved.append(row)
    if not unresolved:
        return
    ids = sorted({getattr(row, parent.attname) for row in unresolved})
    parks: dict[Any, int] = {}
    manager = parent.related_model._base_manager
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        parks.update(manager.filter(pk__in=chunk).values_list("pk", "park_id"))
    for row in unresolved:
        row.park_id = parks.get(getattr(row, parent.attname))  # type: ignore[attr-defined]


class ParkCopiedQuerySet(models.QuerySet[Any]):
    """``bulk_create`` fills each row's park from its parent before inserting."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        rows = list(objs)
        fill_park(self.model, rows)
        return super().bulk_create(rows, *args, **kwargs)


class ParkCopiedRestrictedQuerySet(ParkCopiedQuerySet, RestrictedQuerySet):  # type: ignore[override]
    """The restricting queryset of a scoped child row, with the park-filling ``bulk_create``."""


class ParkCopied(models.Model):
    """Abstract: the row's ``park`` is copied from ``park_parent`` on every ORM write."""

    #: The foreign key (a field name) whose target carries the row's park.
    park_parent: ClassVar[str]

    park = park_field()

    objects = ParkCopiedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        parent = _parent_field(type(self))
        now = self.__dict__.get(parent.attname)
        moved = now != self.__dict__.get("_park_parent_read", now)
        loaded = parent.get_cached_value(self, None) if parent.is_cached(self) else None
        if moved or (loaded is not None and getattr(loaded, "park_id", None) != self.park_id):
            self.park_id = None  # type: ignore[assignment]
        if self.park_id is None:
            fill_park(type(self), [self])
        super().save(*args, **kwargs)
        self._park_parent_read = self.__dict__.get(parent.attname)

    def clean_fields(self, exclude: Any = None) -> None:
        if self.park_id is None:
            fill_park(type(self), [self])
        if self.park_id is None:
            # No parent yet: the parent's own error says what is missing, not a second one about the park.
            exclude = {*(exclude or ()), "park"}
        super().clean_fields(exclude=exclude)

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any, **kwargs: Any) -> Any:
        row = super().from_db(db, field_names, values, **kwargs)
        # The parent it was read with: a row given another parent takes that parent's park on save.
        row._park_parent_read = row.__dict__.get(_parent_field(cls).attname)
        return row


class ParkCopiedScopedModel(ParkCopied, ScopedModel):
    """Abstract: a scoped child row whose reach is decided on its own (copied) ``park`` column."""

    scope_park_field: ClassVar[str | None] = "park"
    scope_zone_field: ClassVar[str | None] = "park__zone"

    objects = ParkCopiedRestrictedQuerySet.as_manager()  # type: ignore[misc,assignment]

    class Meta:
        abstract = True


def copy_park_from_parents(
    *pairs: tuple[str, str],
) -> Callable[[StateApps, BaseDatabaseSchemaEditor], None]:
    """A migration step that fills ``park_id`` of each ``(app_label.Model, parent field)`` from the parent
    with one ``UPDATE … SET park_id = (SELECT …)`` per table (SQLite and PostgreSQL alike), in the given
    order (a parent filled in the same migration comes first). On PostgreSQL the deferred foreign-key
    checks run at once so that the column can be made NOT NULL in the same migration."""

    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for label, parent_name in pairs:
                model = apps.get_model(label)
                parent = model._meta.get_field(parent_name)
                target = parent.related_model._meta
                table, parent_table = quote(model._meta.db_table), quote(target.db_table)
                sql = (
                    f"UPDATE {table} SET {quote('park_id')} = (SELECT p.{quote('park_id')} "  # noqa: S608
                    f"FROM {parent_table} p WHERE p.{quote(target.pk.column)} = {table}.{quote(parent.column)}) "
                    f"WHERE {quote('park_id')} IS NULL"
                )
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return run
