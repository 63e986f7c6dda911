"""Helpers every service function uses: the locked-write prelude, optimistic locking, field updates.

A write to an existing row is always: ``lock_for_change`` (lock the stored row, re-check the user's
reach for the action, compare the caller's version) → checks on the locked row → ``save_changes`` (or
``model_update``), which moves ``version`` on with a compare-and-swap and saves through the ORM so that
the change log records the fields. Services never copy these steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import access

M = TypeVar("M", bound=models.Model)

CONFLICT_MESSAGE = gettext_lazy("该记录已被他人修改,请刷新后重试。")


class ConflictError(Exception):
    """Someone else saved the record since it was read (SECURITY.md row 14). Pages answer 409."""

    def __init__(self, message: str | Promise = CONFLICT_MESSAGE) -> None:
        super().__init__(message)


def lock_for_change(
    model: type[M],
    pk: Any,
    *,
    user: Any,
    action: access.Action | str = access.Action.CHANGE,
    expected_version: int | None = None,
    related: Sequence[str] = (),
) -> M:
    """Lock the stored row and check that ``user`` may still ``action`` it and that it is unchanged.

    Call inside ``transaction.atomic``. Out of reach → ``AccessDenied(not_found=True)`` (404), visible but
    not allowed → ``AccessDenied`` (403), stale ``expected_version`` → ``ConflictError`` (409).
    ``user=None`` is a system step (a command, Open311 after its key was checked): no reach check.
    ``related`` are non-null forward relations to load with the row (``select_related``).
    """
    if isinstance(pk, models.Model):
        pk = pk.pk
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_for_change must run inside transaction.atomic()")
    queryset = model._default_manager.select_for_update(of=("self",))
    if related:
        queryset = queryset.select_related(*related)
    locked = queryset.filter(pk=pk).first()
    if locked is None:
        raise access.AccessDenied(_("对象不存在或不在您的权限范围内。"), not_found=True)
    if user is not None:
        access.ensure_can(user, locked, action)
    if expected_version is not None and locked.version != int(expected_version):  # type: ignore[attr-defined]
        raise ConflictError()
    return locked


def save_changes(instance: M, **changes: Any) -> M:
    """Write ``changes`` to a locked row and move its version on by one (compare-and-swap on ``version``).

    The row is saved through the ORM, so the change log records the changed fields; a concurrent writer
    that slipped past the lock (there is none on SQLite's single writer, but the proof is cheap) makes
    the compare-and-swap find no row and raises ``ConflictError``.
    """
    model = type(instance)
    current: int = instance.version  # type: ignore[attr-defined]
    updated = model._default_manager.filter(pk=instance.pk, version=current).update(version=F("version") + 1)
    if updated == 0:
        raise ConflictError()
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.version = current + 1  # type: ignore[attr-defined]
    fields = [*changes, "version"]
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        instance.updated_at = timezone.now()  # type: ignore[attr-defined]
        fields.append("updated_at")
    instance.save(update_fields=fields)
    return instance


def bump_version(instance: models.Model) -> None:
    """Move ``version`` on after a write that changed related rows only (members, attachments, M2M)."""
    save_changes(instance)


def model_update(
    *, instance: M, data: Mapping[str, Any], fields: Iterable[str], expected_version: int | None = None
) -> tuple[M, bool]:
    """Set the allowed ``fields`` from ``data`` and save them, bumping ``version``; refuse a stale write.

    Returns the instance and whether anything changed. Fields not in ``fields`` are ignored, which is
    what stops mass assignment (SECURITY.md row 3).
    """
    if expected_version is not None and instance.version != int(expected_version):  # type: ignore[attr-defined]
        raise ConflictError()
    allowed = set(fields)
    changed: dict[str, Any] = {}
    for name, value in data.items():
        if name in allowed and getattr(instance, name) != value:
            setattr(instance, name, value)
            changed[name] = value
    if not changed:
        return instance, False
    instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name not in changed])
    save_changes(instance, **changed)
    return instance, True
