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
