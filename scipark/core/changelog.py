"""The change log: django-auditlog records every create/update/delete of registered business models
(who, when, request id, before -> after); this module makes its table append-only in the application.
The migration ``core.0002_append_only`` adds the database triggers behind the same rule."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from .models import AuditEvent


@receiver(pre_save, sender=LogEntry)
def _refuse_changelog_update(sender: type[LogEntry], instance: LogEntry, **kwargs: Any) -> None:
    if not instance._state.adding:
        raise PermissionError("变更日志只能追加,不能修改。")


@receiver(pre_delete, sender=LogEntry)
@receiver(pre_delete, sender=AuditEvent)
def _refuse_log_delete(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    raise PermissionError("日志只能追加,不能删除。")
