"""What scipark sets on its database connections, wherever a settings module builds them (site, tests, benches).

PostgreSQL: just-in-time compilation off (``-c jit=off``, docs/adr/0018-postgresql-without-jit.md). Its
threshold is a plan *cost* (``jit_above_cost`` 100,000), which correlated probes over a zone's enterprises
pass while running in ~150 ms; the reporting board's statement then spent 1.2 of its 1.4 s compiling.
scipark's statements are index reads of maintained aggregates and key probes, where compiling never pays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

POSTGRESQL_OPTIONS = "-c jit=off"


def tuned(database: Mapping[str, Any]) -> dict[str, Any]:
    """``database`` (a ``DATABASES`` entry) with scipark's connection options for its engine."""
    if database.get("ENGINE") == "django.db.backends.postgresql":
        options = dict(database.get("OPTIONS") or {})
        given = str(options.get("options", ""))
        if "jit" not in given:
            options["options"] = f"{given} {POSTGRESQL_OPTIONS}".strip()
        return {**database, "OPTIONS": options}
    return dict(database)
