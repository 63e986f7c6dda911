"""``full_clean`` for a chunk of unsaved rows at once: the same field checks, a field at a time.

A bulk importer builds thousands of instances of one model whose columns repeat a few values (a status,
a date, a region code). :func:`first_invalid` runs each field's ``clean`` once per distinct value of the
column instead of once per row, and answers the first row that ``full_clean`` would refuse; the caller
then runs ``full_clean`` on that one row, so the error raised — its fields and Chinese messages — is
exactly the one the row-by-row check gave.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import DatabaseDefault

_REFUSED = object()


def _key(value: Any) -> Any:
    # Equal decimals may differ in places (1.0 vs 1.000), which the digit checks tell apart; the type
    # keeps 1 and 1.0 and True apart.
    return (type(value), str(value) if type(value) is Decimal else value)


def first_invalid(instances: Sequence[models.Model], *, exclude: Collection[str] = ()) -> int | None:
    """The index of the first instance whose ``full_clean(exclude=…, validate_unique=False,
    validate_constraints=False)`` would fail, or ``None``; the cleaned values are set on the instances
    as ``clean_fields`` sets them.

    ``Model.clean`` runs per row when the model defines one. Field checks must not depend on the row
    (true of Django's fields but relations, whose existence query the caller excludes).
    """
    if not instances:
        return None
    model = type(instances[0])
    first: int | None = None
    for field in model._meta.fields:
        if field.name in exclude or field.generated:
            continue
        cleaned: dict[Any, Any] = {}
        attname, blank, empty = field.attname, field.blank, field.empty_values
        for index, instance in enumerate(instances):
            if first is not None and index >= first:
                break
            raw = getattr(instance, attname)
            if (blank and raw in empty) or isinstance(raw, DatabaseDefault):
                continue
            try:
                key: Any = _key(raw)
                known = key in cleaned
            except TypeError:  # unhashable (a JSON value): checked on its own
                key, known = None, False
            if known:
                value = cleaned[key]
            else:
                try:
                    value = field.clean(raw, instance)
                except ValidationError:
                    value = _REFUSED
                if key is not None:
                    cleaned[key] = value
            if value is _REFUSED:
                first = index
                break
            setattr(instance, attname, value)
    if model.clean is not models.Model.clean:
        for index, instance in enumerate(instances[:first]):
            try:
                instance.clean()
            except ValidationError:
                return index
    return first
