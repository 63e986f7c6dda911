"""The page query of a hot list, compiled to SQL once per shape instead of on every request.

Building and compiling a ``.values()`` queryset (the restriction, the joins, the ordering) cost more than
running it: about two thirds of a page's query time at 50 rows. :class:`CompiledRows` stands in for that
queryset in the paginators — they call ``order_by``, ``filter`` and take a slice — and keys the compiled
statement by everything the SQL depends on: the caller's key (the list, the database, the user's
restriction as a ``Q``, the ordering) and the operations the paginator applied. A shape seen before runs
its stored SQL and the ORM's own converters; a new shape builds the queryset with the ORM as before.

Only shapes without a paginator ``filter`` are stored (a keyset page after the first filters on its
position, a new value each time); those are compiled every time, as before. The cache is per process and
per database connection, bounded, and never changes what a query returns: a key names one statement.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from ..sql import binary_cursor

#: Statements kept at most; emptied when full (shapes are few: lists × restrictions × orderings × pages).
MAX_STATEMENTS = 2048


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple[Any, ...]
    names: tuple[str, ...]
    converters: dict[int, tuple[list[Any], Any]]


_statements: dict[Hashable, _Statement] = {}


def _compiled(queryset: QuerySet[Any]) -> _Statement:
    """The SQL, parameters, column names and converters of a sliced ``.values()`` queryset."""
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    names = (*query.extra_select, *query.values_select, *query.annotation_select)
    return _Statement(sql, tuple(params), tuple(names), compiler.get_converters(fields))


def _run(statement: _Statement, using: str) -> list[dict[str, Any]]:
    connection = connections[using]
    with binary_cursor(connection) as cursor:  # PostgreSQL: rows read by psycopg's C loaders
        cursor.execute(statement.sql, statement.params)
        rows = cursor.fetchall()
    names = statement.names
    if not statement.converters:
        return [dict(zip(names, row, strict=True)) for row in rows]
    converters = list(statement.converters.items())
    result = []
    for row in rows:
        values = list(row)
        for position, (functions, expression) in converters:
            value = values[position]
            for convert in functions:
                value = convert(value, expression, connection)
            values[position] = value
        result.append(dict(zip(names, values, strict=True)))
    return result


class CompiledRows:
    """A ``.values()`` queryset for the paginators whose page SQL is compiled once per shape.

    ``build`` makes the queryset (through ``restrict``: the access mechanism is the ORM's as always);
    ``key`` must name everything ``build``'s SQL depends on besides what the paginator applies here."""

    ordered = True

    def __init__(
        self,
        *,
        key: Hashable,
        build: Callable[[], QuerySet[Any]],
        using: str = "default",
        operations: tuple[tuple[str, Any], ...] = (),
    ) -> None:
        self.key = key
        self.build = build
        self.using = using
        self.operations = operations

    def _then(self, operation: tuple[str, Any]) -> CompiledRows:
        return CompiledRows(
            key=self.key, build=self.build, using=self.using, operations=(*self.operations, operation)
        )

    def order_by(self, *fields: str) -> CompiledRows:
        return self._then(("order_by", fields))

    def filter(self, **lookups: Any) -> CompiledRows:
        return self._then(("filter", tuple(sorted(lookups.items()))))

    def queryset(self) -> QuerySet[Any]:
        """The ORM queryset these rows stand for (built afresh)."""
        queryset = self.build()
        for name, arguments in self.operations:
            queryset = (
                queryset.order_by(*arguments) if name == "order_by" else queryset.filter(**dict(arguments))
            )
        return queryset

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("CompiledRows are read a page (a slice without step) at a time")
        if any(name == "filter" for name, _arguments in self.operations):
            return list(self.queryset()[index])
        connection = connections[self.using]
        key = (self.key, id(connection), self.operations, index.start, index.stop)
        statement = _statements.get(key)
        if statement is None:
            try:
                statement = _compiled(self.queryset()[index])
            except EmptyResultSet:  # ``restrict`` gave ``none()``: no rows, no SQL to keep
                return []
            if len(_statements) >= MAX_STATEMENTS:
                _statements.clear()
            _statements[key] = statement
        return _run(statement, self.using)


def statements_forget() -> None:
    """Empty the cache (tests)."""
    _statements.clear()
