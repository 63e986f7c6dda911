"""The storage side of the one write path for monthly returns: revisions written in bulk.

``returns.returns_write`` checks the rows; this module writes them, for one row as for a month of them,
inside the caller's transaction: lock the enterprises (they serialise revision numbering), read what each
month holds, supersede the counting revisions (version moved on), edit open revisions or insert new ones,
replace their energy rows, move the aggregates and write the change log. Inserts and the superseding
update go through column-typed ``executemany`` with change-log entries built in bulk
(``core.imports.logentries``); the few edits of open revisions save through the ORM (``save_changes``),
so auditlog logs them itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import BooleanField, F
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL

from scipark.core.imports.logentries import LogEntryBatch
from scipark.core.services import ConflictError
from scipark.enterprises.models import Enterprise

from .. import aggregates, bulk
from ..models import RETURN_MEASURES, EnergyCarrier, EnergyUse, Measure, MonthlyReturn

#: IN lists are cut to this length (SQLite allows 999 parameters per statement).
CHUNK = 900
OPEN_STATUSES = (MonthlyReturn.Status.DRAFT, MonthlyReturn.Status.SUBMITTED, MonthlyReturn.Status.REJECTED)
#: The amounts a return holds (what a form or a file row may set): the measures but the energy total,
#: which is computed from the energy rows, and the headcount.
RETURN_FIELDS: tuple[str, ...] = (*(m for m in RETURN_MEASURES if m != Measure.ENERGY_TCE), "employees")
VALUE_FIELDS: tuple[str, ...] = (*RETURN_FIELDS, "energy_tce")
#: What superseding changes, as the change log shows it: like every ``save_changes``, the version moved on
#: by the compare-and-swap is not among the changed fields auditlog records.
SUPERSEDE_FIELDS: tuple[str, ...] = ("is_current", "status", "updated_at")
STORED_FIELDS: tuple[str, ...] = (
    "pk",
    "enterprise_id",
    "period",
    "revision",
    "status",
    "is_current",
    "version",
    "updated_at",
    "months",
    *VALUE_FIELDS,
)

M = TypeVar("M", bound=models.Model)
Month = tuple[int, dt.date]  # enterprise, period
EnergyRow = tuple[EnergyCarrier, Decimal, Decimal]  # carrier, quantity, tce


@dataclass(frozen=True)
class EnterpriseRef:
    """What writing a return needs of its enterprise (read as plain values while locking it)."""

    pk: int
    name: str
    park_id: int
    industry_id: str
    section: str

    def stub(self) -> Enterprise:
        """An unsaved instance for the change log's text of a return (``str`` reads the name)."""
        return as_stored(
            Enterprise,
            {"pk": self.pk, "name": self.name, "park_id": self.park_id, "industry_id": self.industry_id},
        )


@dataclass
class StoredMonth:
    """An enterprise's month as stored: the counting revision, the latest open one, the last number."""

    counting: dict[str, Any] | None = None
    open: dict[str, Any] | None = None
    last: int = 0


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def among(model: type[models.Model], field: str, keys: Iterable[int]) -> RawSQL:
    """``field IN (keys)`` for integer keys, written as literals (``int`` checked): what ``field__in=keys``
    filters, without the ORM preparing each key through the field (~7 µs a key; a month's import filters
    by several keys per row)."""
    column = next(str(f.column) for f in model._meta.concrete_fields if field in (f.name, f.attname))
    listed = ",".join(str(int(key)) for key in keys) or "NULL"
    quote = connection.ops.quote_name
    sql = f"{quote(model._meta.db_table)}.{quote(column)} IN ({listed})"
    return RawSQL(sql, (), BooleanField())  # noqa: S611 (the keys are integers, checked above)


def lock_enterprises(ids: Iterable[int]) -> dict[int, EnterpriseRef]:
    """Lock these enterprises in key order (no deadlock between two writers) and read what writes need."""
    found: dict[int, EnterpriseRef] = {}
    for chunk in chunks(sorted(set(ids))):
        rows = (
            Enterprise.objects.select_for_update(of=("self",))
            .filter(among(Enterprise, "id", chunk))
            .order_by("pk")
            .values_list("pk", "name", "park_id", "industry_id", "industry__section")
        )
        for pk, name, park_id, industry_id, section in rows:
            found[pk] = EnterpriseRef(pk, name, park_id, industry_id, section or "")
    return found


def stored_months(months: Iterable[Month]) -> dict[Month, StoredMonth]:
    """What each enterprise's month holds now (read under the enterprises' locks)."""
    wanted = set(months)
    periods = sorted({p for _e, p in wanted})
    found: dict[Month, StoredMonth] = {key: StoredMonth() for key in wanted}
    for chunk in chunks(sorted({e for e, _p in wanted})):
        rows = MonthlyReturn.objects.filter(
            among(MonthlyReturn, "enterprise", chunk), period__in=periods
        ).values(*STORED_FIELDS)
        for row in rows:
            month = found.get((row["enterprise_id"], row["period"]))
            if month is None:
                continue
            month.last = max(month.last, row["revision"])
            if row["is_current"]:
                month.counting = row
            if row["status"] in OPEN_STATUSES and (
                month.open is None or row["revision"] > month.open["revision"]
            ):
                month.open = row
    return found


@functools.cache
def _attnames(model: type[models.Model]) -> tuple[str, frozenset[str]]:
    pk_name = model._meta.pk.attname if model._meta.pk is not None else "id"
    return pk_name, frozenset(f.attname for f in model._meta.concrete_fields)


def as_stored(model: type[M], values: dict[str, Any]) -> M:
    """An instance as ``model.from_db`` builds it from a query's row (no query; ``pk`` or column names).

    Fields not given are deferred: the change log reads only the ones a write set, and ``str()``. The
    values are set as ``from_db`` sets them, without ``Model.__init__``'s pass over every field (a month's
    import builds one instance per revision and energy row for the change log: most of its time); no
    model of the write path has ``pre_init``/``post_init`` receivers.
    """
    pk_name, attnames = _attnames(model)
    instance = model.__new__(model)
    instance.__dict__.update(
        (pk_name, v) if k == "pk" else (k, v) for k, v in values.items() if k == "pk" or k in attnames
    )
    state = instance._state = ModelState()
    state.adding, state.db = False, None
    return instance


def stored_instance(values: dict[str, Any], enterprise: Enterprise) -> MonthlyReturn:
    """A return as stored, built from its values without a query (for the change log)."""
    record = as_stored(MonthlyReturn, values)
    record._state.fields_cache["enterprise"] = enterprise
    return record


def supersede(
    counting: Sequence[dict[str, Any]], enterprises: dict[int, Enterprise], log: LogEntryBatch
) -> None:
    """The counting revisions stop counting: ``superseded``, version moved on (compare-and-swap)."""
    by_version: dict[int, list[int]] = defaultdict(list)
    for row in counting:
        by_version[row["version"]].append(row["pk"])
    for version, pks in by_version.items():
        for chunk in chunks(pks):
            updated = MonthlyReturn.objects.filter(pk__in=chunk, version=version, is_current=True).update(
                is_current=False,
                status=MonthlyReturn.Status.SUPERSEDED,
                version=F("version") + 1,
                updated_at=log.now,
            )
            if updated != len(chunk):
                raise ConflictError()
    for row in counting:
        before = stored_instance(row, enterprises[row["enterprise_id"]])
        after = stored_instance(
            {
                **row,
                "is_current": False,
                "status": MonthlyReturn.Status.SUPERSEDED,
                "version": row["version"] + 1,
                "updated_at": log.now,
            },
            enterprises[row["enterprise_id"]],
        )
        log.updated(before, after, SUPERSEDE_FIELDS)


def insert_revisions(
    records: Sequence[dict[str, Any]], enterprises: dict[int, Enterprise], log: LogEntryBatch
) -> dict[Month, int]:
    """Insert new revisions (dicts of ``bulk.RETURN_COLUMNS``); returns their keys by month."""
    if not records:
        return {}
    stamped = [{**r, "created_at": log.now, "updated_at": log.now, "version": 1} for r in records]
    bulk.insert_returns(stamped)
    wanted = {(r["enterprise_id"], r["period"], r["revision"]): r for r in stamped}
    periods = sorted({r["period"] for r in stamped})
    found: dict[Month, int] = {}
    for chunk in chunks(sorted({r["enterprise_id"] for r in stamped})):
        rows = MonthlyReturn.objects.filter(
            among(MonthlyReturn, "enterprise", chunk), period__in=periods
        ).values_list("pk", "enterprise_id", "period", "revision")
        for pk, enterprise_id, period, revision in rows:
            record = wanted.get((enterprise_id, period, revision))
            if record is not None:
                found[(enterprise_id, period)] = pk
                log.created(stored_instance({**record, "pk": pk}, enterprises[enterprise_id]))
    return found


def replace_energy(
    energy: dict[int, Sequence[EnergyRow]],
    replaced: Sequence[int],
    log: LogEntryBatch,
    parks: Mapping[int, int],
) -> None:
    """The returns' energy rows: the ``replaced`` returns' old rows go (the ORM logs each), new ones come,
    each with its return's park (``parks``: return id → park id; the column is NOT NULL)."""
    for chunk in chunks(list(replaced)):
        EnergyUse.objects.filter(among(EnergyUse, "monthly_return", chunk)).delete()
    rows = [(pk, carrier, q, tce) for pk, uses in energy.items() for carrier, q, tce in uses]
    if not rows:
        return
    bulk.insert_energy(((parks[pk], pk, carrier.pk, q, tce) for pk, carrier, q, tce in rows), stamp=log.now)
    if not log.enabled:
        return
    values = {(pk, carrier.pk): (carrier, q, tce) for pk, carrier, q, tce in rows}
    for chunk in chunks(list(energy)):
        stored = EnergyUse.objects.filter(among(EnergyUse, "monthly_return", chunk)).values_list(
            "pk", "monthly_return_id", "carrier_id"
        )
        for pk, return_id, carrier_id in stored:
            carrier, quantity, tce = values[(return_id, carrier_id)]
            use = as_stored(
                EnergyUse,
                {
                    "pk": pk,
                    "park_id": parks[return_id],
                    "monthly_return_id": return_id,
                    "carrier_id": carrier_id,
                    "quantity": quantity,
                    "tce": tce,
                    "created_at": log.now,
                    "updated_at": log.now,
                    "version": 1,
                },
            )
            use._state.fields_cache["carrier"] = carrier
            log.created(use)


def move_aggregates(
    changes: Iterable[tuple[EnterpriseRef, dt.date, dict[str, Any] | None, dict[str, Any]]],
) -> None:
    """Move the aggregates from each month's old counting values (``None``: none) to its new ones."""
    aggregates.apply_return_changes(
        aggregates.ReturnChange(
            enterprise_id=ref.pk,
            park_id=ref.park_id,
            division=aggregates.division_of(ref.industry_id),
            section=ref.section,
            period=period,
            old=aggregates.values_of(old) if old is not None else None,
            new=aggregates.values_of(new),
        )
        for ref, period, old, new in changes
    )
