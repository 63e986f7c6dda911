"""Helpers every service function uses: optimistic locking and field-by-field updates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.db.models import F

M = TypeVar("M", bound=models.Model)


class ConflictError(Exception):
    """Someone else saved the record since it was read (SECURITY.md row 14)."""


def model_update(
    *, instance: M, data: Mapping[str, Any], fields: Iterable[str], expected_version: int | None = None
) -> tuple[M, bool]:
    """Set the allowed ``fields`` from ``data`` and save them, bumping ``version``; refuse a stale write.

    Returns the instance and whether anything changed. Fields not in ``fields`` are ignored, which is
    what stops mass assignment (SECURITY.md row 3).
    """
    allowed = set(fields)
    changed: list[str] = []
    for name, value in data.items():
        if name not in allowed:
            continue
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    if not changed:
        return instance, False
    instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name not in changed])
    model = type(instance)
    current = instance.version if expected_version is None else expected_version  # type: ignore[attr-defined]
    # The compare-and-swap on ``version`` is what detects a concurrent writer, whatever the database.
    updated = model._default_manager.filter(pk=instance.pk, version=current).update(version=F("version") + 1)
    if updated == 0:
        raise ConflictError("该记录已被他人修改,请刷新后重试。")
    instance.version = current + 1  # type: ignore[attr-defined]
    instance.save(update_fields=[*changed, "version", "updated_at"])
    return instance, True
