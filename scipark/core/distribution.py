"""Which tables a distributed PostgreSQL (Citus) shards by ``park_id``, which it copies to every node, and
which stay on the coordinator (docs/deploy.md, "From one PostgreSQL to Citus"). Read from the models, so
the plan follows them; ``scipark citus_plan`` prints it as SQL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models

#: Small, read-mostly tables that distributed tables point at: copied to every node (reference tables).
#: ``parks.Department`` carries a park but is referenced by accounts' memberships and by many tenant
#: tables, and holds a handful of rows per park, so it is copied rather than sharded.
REFERENCE_MODELS: tuple[str, ...] = (
    "parks.Zone",
    "parks.Park",
    "parks.Department",
    "enterprises.Industry",
    "economy.Indicator",
    "economy.EnergyCarrier",
    "appeals.CalendarDay",
    "accounts.User",
    "auth.Group",
    "auth.Permission",
    "contenttypes.ContentType",
)
#: The table every distributed table is co-located with.
ANCHOR = "enterprises.Enterprise"


def _tables() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def carries_park(model: type[models.Model]) -> bool:
    """A NOT NULL ``park_id`` column of the model's own table (a foreign key or a plain copy)."""
    return any(f.column == "park_id" and not f.null for f in model._meta.concrete_fields)


@dataclass
class Plan:
    """The three kinds of tables, and the foreign keys and unique constraints Citus cannot keep as they are."""

    distributed: list[type[models.Model]] = field(default_factory=list)
    reference: list[type[models.Model]] = field(default_factory=list)
    local: list[type[models.Model]] = field(default_factory=list)
    #: (table, column, referenced table): a foreign key into a distributed table that does not include
    #: ``park_id`` (Citus keeps only keys between co-located tables on the distribution column, and none
    #: from reference or local tables into distributed ones).
    foreign_keys_to_drop: list[tuple[str, str, str]] = field(default_factory=list)
    #: (table, columns): unique constraints of distributed tables without ``park_id``.
    unique_without_park: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def tables(self, kind: str) -> list[str]:
        return sorted(m._meta.db_table for m in getattr(self, kind))


def plan() -> Plan:
    """The distribution plan read from the models."""
    result = Plan()
    reference = set(REFERENCE_MODELS)
    for model in _tables():
        label = model._meta.label
        if label in reference:
            result.reference.append(model)
        elif carries_park(model):
            result.distributed.append(model)
        else:
            result.local.append(model)
    distributed = set(result.distributed)
    for model in _tables():
        for f in model._meta.concrete_fields:
            if f.is_relation and getattr(f, "db_constraint", False) and f.related_model in distributed:
                target: Any = f.related_model
                result.foreign_keys_to_drop.append(
                    (model._meta.db_table, str(f.column), target._meta.db_table)
                )
    for model in result.distributed:
        result.unique_without_park.extend((model._meta.db_table, cols) for cols in _unique_sets(model))
    return result


def _unique_sets(model: type[models.Model]) -> Iterable[tuple[str, ...]]:
    meta = model._meta
    for f in meta.concrete_fields:
        if f.unique and not f.primary_key and f.column != "park_id":
            yield (str(f.column),)
    for c in meta.constraints:
        if isinstance(c, models.UniqueConstraint) and c.fields:
            columns = tuple(str(meta.get_field(name).column) for name in c.fields)  # type: ignore[union-attr]
            if "park_id" not in columns:
                yield columns
    for together in meta.unique_together:
        columns = tuple(str(meta.get_field(name).column) for name in together)  # type: ignore[union-attr]
        if "park_id" not in columns:
            yield columns


def _constraint_names(table: str, columns: list[str], *, foreign_key: bool) -> list[str]:
    """The PostgreSQL constraint names on ``table`` over exactly ``columns`` (introspected)."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in found.items()
        if info["columns"] == columns
        and (bool(info["foreign_key"]) if foreign_key else (info["unique"] and not info["primary_key"]))
    ]


def plan_sql(p: Plan) -> list[str]:
    """The statements that turn this one PostgreSQL into the Citus layout (run on the coordinator, after
    ``CREATE EXTENSION citus`` and ``citus_set_coordinator_host``; review before running)."""
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    lines: list[str] = ["-- 1. Foreign keys Citus cannot keep (not on park_id, or into a distributed table)"]
    for table, column, target in p.foreign_keys_to_drop:
        names = _constraint_names(table, [column], foreign_key=True) if postgres else []
        for name in names or [f"<fk {table}.{column} -> {target}>"]:
            lines.append(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)};")
    lines.append(
        "-- 2. Unique constraints of distributed tables must include park_id (a partial one keeps its WHERE)"
    )
    for table, columns in p.unique_without_park:
        names = _constraint_names(table, list(columns), foreign_key=False) if postgres else []
        for name in names or [f"<unique {table}({', '.join(columns)})>"]:
            lines.append(f"ALTER TABLE {quote(table)} DROP CONSTRAINT IF EXISTS {quote(name)};")
            lines.append(f"DROP INDEX IF EXISTS {quote(name)};")
        cols = ", ".join(quote(c) for c in ("park_id", *columns))
        lines.append(f"CREATE UNIQUE INDEX ON {quote(table)} ({cols});")
    lines.append(
        "-- 3. Primary keys include the distribution column (ids stay globally unique: one sequence)"
    )
    for model in sorted(p.distributed, key=lambda m: m._meta.db_table):
        table, pk = model._meta.db_table, str(model._meta.pk.column) if model._meta.pk else "id"
        if pk == "park_id":
            continue
        lines.append(
            f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(table + '_pkey')}, "
            f"ADD PRIMARY KEY ({quote('park_id')}, {quote(pk)});"
        )
    lines.append("-- 4. Reference tables (copied to every node)")
    lines.extend(f"SELECT create_reference_table('{t}');" for t in p.tables("reference"))
    anchor = apps.get_model(ANCHOR)._meta.db_table
    lines.append(f"-- 5. Distributed tables, co-located with {anchor}")
    lines.append(f"SELECT create_distributed_table('{anchor}', 'park_id');")
    lines.extend(
        f"SELECT create_distributed_table('{t}', 'park_id', colocate_with => '{anchor}');"
        for t in p.tables("distributed")
        if t != anchor
    )
    lines.append(
        "-- 6. Everything else stays on the coordinator (local tables; keys to reference tables kept)"
    )
    lines.extend(f"-- local: {t}" for t in p.tables("local"))
    return lines
