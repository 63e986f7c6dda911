"""Fast inserts of monthly returns (a month's import, the demo, the benchmark generator).

The column-typed ``executemany`` insert is core's (``core.imports.bulk.insert``); this module adds the
return table's columns and defaults. The caller keeps the transaction and the validation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from scipark.core.imports.bulk import insert

from .models import EnergyUse, MonthlyReturn

__all__ = ["ENERGY_COLUMNS", "RETURN_COLUMNS", "insert", "insert_energy", "insert_returns", "now"]


def now() -> dt.datetime:
    return timezone.now()


RETURN_COLUMNS: tuple[str, ...] = (
    "created_at",
    "updated_at",
    "version",
    "park_id",
    "enterprise_id",
    "period",
    "months",
    "revision",
    "is_current",
    "status",
    "industrial_output",
    "revenue",
    "value_added",
    "profit",
    "sales",
    "employees",
    "energy_tce",
    "reasons",
    "submitted_by_id",
    "submitted_at",
    "reviewed_by_id",
    "reviewed_at",
    "review_note",
    "revision_reason",
)
_RETURN_DEFAULTS: dict[str, Any] = {
    "version": 1,
    "months": 1,
    "revision": 1,
    "is_current": True,
    "status": "accepted",
    "reasons": {},
    "review_note": "",
    "revision_reason": "",
}


def insert_returns(records: Iterable[dict[str, Any]]) -> int:
    """INSERT monthly returns given as dicts of ``RETURN_COLUMNS``; a missing key is filled in the dict
    with what is inserted (the default, or NULL), so that the caller's dicts hold every column stored.

    (The write path builds each new revision's change-log entry from its dict: a column missing there
    would be read back from the database, one query per row.)
    """
    stamp = now()
    defaults = dict.fromkeys(RETURN_COLUMNS) | _RETURN_DEFAULTS | {"created_at": stamp, "updated_at": stamp}

    def row(record: dict[str, Any]) -> list[Any]:
        for column in RETURN_COLUMNS:
            if column not in record:
                value = defaults[column]
                # Mutable defaults are copied: each dict gets its own.
                record[column] = dict(value) if isinstance(value, dict) else value
        return [record[c] for c in RETURN_COLUMNS]

    return insert(MonthlyReturn, RETURN_COLUMNS, (row(record) for record in records))


ENERGY_COLUMNS: tuple[str, ...] = (
    "created_at",
    "updated_at",
    "version",
    "park_id",
    "monthly_return_id",
    "carrier_id",
    "quantity",
    "tce",
)


def insert_energy(rows: Iterable[tuple[Any, ...]], *, stamp: dt.datetime | None = None) -> int:
    """INSERT energy rows given as ``(park_id, monthly_return_id, carrier_id, quantity, tce)``: the park is
    the return's (the column is NOT NULL), every row new (version 1) and stamped ``stamp`` (default now)."""
    at = stamp or now()
    return insert(EnergyUse, ENERGY_COLUMNS, ((at, at, 1, *row) for row in rows))
