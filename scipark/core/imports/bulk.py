"""Fast inserts for large writes (a month's import, its change log, the demo, the benchmark generator).

``bulk_create`` spends ~15 µs per value preparing it through each field; a month for 100,000 enterprises
has ~2 million values. :func:`insert` adapts each column once by its type with the backend's own
adapters and hands the rows to ``executemany``. The caller keeps the transaction and the validation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, models, router

M = TypeVar("M", bound=models.Model)
#: Keys read back per query (SQLite's parameter limit is 999 in older builds).
KEY_CHUNK = 900


class JSONText(str):
    """A JSON column's value already encoded (as ``json.dumps(value, ensure_ascii=False)`` would): inserted
    as it is, so a writer that builds many similar documents (the change log's) encodes each once, cheaply."""

    __slots__ = ()


def _repeating(adapt: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``adapt`` remembering its last value: a write's rows share a few times and dates (its own time,
    the month), which the backend would otherwise convert again for every row."""
    last: list[Any] = [None, None]

    def adapted(value: Any) -> Any:
        if value is None:
            return None
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return adapted


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, models.DecimalField):
        places = field.decimal_places
        if connection.vendor == "sqlite":
            return lambda v: None if v is None else str(v)
        quantum = Decimal(1).scaleb(-places)

        def decimal(value: Any) -> Any:
            if value is None:
                return None
            # A value already at the column's places (the import's, quantized when parsed) goes as it is.
            if type(value) is Decimal and value.as_tuple().exponent == -places:
                return value
            return Decimal(value).quantize(quantum)

        return decimal
    if isinstance(field, models.DateTimeField):
        return _repeating(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return _repeating(ops.adapt_datefield_value)
    if isinstance(field, models.JSONField):
        # Python None is SQL NULL, as the ORM stores it (a JSON null needs Value(None, JSONField())).
        encoder = field.encoder

        def encode(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is JSONText:
                return str.__str__(value)
            return json.dumps(value, ensure_ascii=False, cls=encoder)

        return encode
    if isinstance(field, models.GenericIPAddressField):
        return lambda v: ops.adapt_ipaddressfield_value(v)
    return _as_is


def _as_is(value: Any) -> Any:
    return value


def insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000
) -> int:
    """INSERT the rows (values in ``fields`` order, by field name or column attribute: a foreign key as
    ``<name>_id``); returns the count."""
    meta = model._meta
    by_name = {f.attname: f for f in meta.concrete_fields} | {f.name: f for f in meta.concrete_fields}
    columns: list[models.Field[Any, Any]] = [by_name[name] for name in fields]
    # Only the columns that need adapting are touched per row (most go to the driver as they are).
    adapting = [(i, adapt) for i, adapt in enumerate(_adapter(f) for f in columns) if adapt is not _as_is]
    width = len(columns)
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608 (names are ours)
    count = 0
    buffer: list[list[Any]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy(cursor, meta.db_table, names, width, adapting, rows)
        for row in rows:
            values = list(row)
            if len(values) != width:
                raise ValueError(f"{len(values)} values for {width} columns")
            for index, adapt in adapting:
                values[index] = adapt(values[index])
            buffer.append(values)
            if len(buffer) >= batch:
                cursor.executemany(sql, buffer)
                count += len(buffer)
                buffer = []
        if buffer:
            cursor.executemany(sql, buffer)
            count += len(buffer)
    return count


def _copy(
    cursor: Any,
    table: str,
    names: str,
    width: int,
    adapting: list[tuple[int, Callable[[Any], Any]]],
    rows: Iterable[Sequence[Any]],
) -> int:
    """:func:`insert`'s rows by ``COPY`` (PostgreSQL): ``executemany`` sends one INSERT a row, which cost a
    month's import most of its database time and CPU; errors are Django's, as ``executemany``'s are."""
    count = 0
    quote = connection.ops.quote_name
    with (
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = list(row)
            if len(values) != width:
                raise ValueError(f"{len(values)} values for {width} columns")
            for index, adapt in adapting:
                values[index] = adapt(values[index])
            copy.write_row(values)
            count += 1
    return count


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], batch: int = 10_000
) -> None:
    """INSERT rows whose values are already what the back end takes (``columns``: the table's column names,
    in the rows' order): ``COPY`` on PostgreSQL, ``executemany`` in batches on SQLite. For writers that build
    their rows themselves (a park's tier evaluations, the search index); :func:`insert` adapts them."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names are ours, values bound)
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start : start + batch])


def insert_returning(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    returning: Sequence[str],
    batch: int = 1000,
) -> list[tuple[Any, ...]]:
    """INSERT rows as :func:`insert_rows` takes them (back-end values, ``columns`` in the rows' order) and
    return the ``returning`` columns of every row inserted (``INSERT … VALUES (…), (…) RETURNING``: one
    statement a batch on SQLite ≥ 3.35 and PostgreSQL). The order of the returned rows is not promised:
    return a key with the primary key and match on it.

    For a writer that needs the new rows' keys without model instances (``bulk_create`` prepares each value
    through its field and builds an instance per row)."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    back = ", ".join(quote(c) for c in returning)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    found: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(part))} RETURNING {back}"  # noqa: S608 (names are ours, values bound)
            cursor.execute(sql, [value for row in part for value in row])
            found.extend(tuple(r) for r in cursor.fetchall())
    return found


def insert_instances(model: type[M], instances: Sequence[M], *, key: str, batch: int = 5000) -> None:
    """INSERT unsaved instances (every concrete field but the primary key, as the instance holds it) and
    give each its primary key, read back by ``key``, a unique field the instances fill.

    What ``bulk_create`` does, without preparing each value through its field; like ``bulk_create`` it
    sends no signal and calls no ``save``. The caller sets what ``save`` would (the timestamps).
    """
    if not instances:
        return
    meta = model._meta
    fields = [f.attname for f in meta.concrete_fields if not f.primary_key]
    insert(model, fields, ([getattr(obj, name) for name in fields] for obj in instances), batch)
    attname = next(f.attname for f in meta.concrete_fields if f.name == key)
    by_key = {getattr(obj, attname): obj for obj in instances}
    keys = list(by_key)
    database = router.db_for_write(model)
    for start in range(0, len(keys), KEY_CHUNK):
        found = model._base_manager.using(database).filter(
            **{f"{attname}__in": keys[start : start + KEY_CHUNK]}
        )
        for value, pk in found.values_list(attname, "pk"):
            obj = by_key[value]
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = database
