"""Small pieces of hand-written SQL shared by the hot read paths.

:func:`one_of` writes "column is one of these values" so that on PostgreSQL the statement's text does not
depend on how many values there are: psycopg caches the parsing of a statement only up to 50 parameters
(``psycopg._queries.MAX_CACHED_STATEMENT_PARAMS``) and splits any longer one again on every call; a page of
50 enterprises listed twice, or a zone's dozens of parks, went past it. One array parameter
(``= ANY(%s)``) keeps every such statement at a few parameters and one cached text. SQLite has no arrays:
there the values stay an ``IN (...)`` list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection as default_connection


def one_of(column: str, values: Sequence[Any], *, connection: Any = None) -> tuple[str, list[Any]]:
    """``column`` is one of ``values``, as a condition and its parameters (``values`` must not be empty:
    an empty ``IN ()`` is not SQL, and callers answer an empty reach without asking the database)."""
    if not values:
        raise ValueError("one_of needs at least one value")
    vendor = (connection or default_connection).vendor
    if vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def binary_cursor(connection: Any) -> Any:
    """A cursor (Django's wrapper, so execute wrappers and the query log see it) whose rows come back in
    PostgreSQL's binary format; on other back ends the ordinary cursor. Use it as ``with binary_cursor(c)
    as cursor``.

    Django's PostgreSQL cursors bind on the client and read rows as text, and Django loads a ``timestamptz``
    text value with psycopg's pure-Python parser (its loader subclasses psycopg's Python class to set the
    time zone): 4 µs a value, 0.2 ms of a 50-row page with one timestamp a row, half of what the page's
    statement takes to execute. Binary rows are read by psycopg's C loaders (the timestamp in the connection's time zone,
    UTC, as Django's loader gives it); the parameters are then bound by the server (an unnamed statement,
    never a prepared one: connection poolers in transaction mode keep working, and preparing the list page's
    statement measured no less of the server's CPU). Only for statements whose
    columns load the same either way: no ``json``/``jsonb`` (Django reads those as text and parses them
    itself) and no ``inet``."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql import base as postgresql
    from psycopg.pq import Format

    cursor_class: Any = postgresql.ServerBindingCursor  # psycopg's server-binding cursor (the stubs differ)

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = cursor_class(connection.connection)
        raw.format = Format.BINARY
        return connection._prepare_cursor(raw)  # Django's own wrapping of every cursor it makes
