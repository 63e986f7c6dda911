"""Writes of the indicator catalogue (reference data shared by every park, kept by 经济发展 staff)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from scipark.core import access

from . import services
from .models import Indicator

INDICATOR_FIELDS = (
    "code",
    "name",
    "definition",
    "unit",
    "owner_department",
    "frequency",
    "measure",
    "scale_set",
    "target_kind",
    "warning_gap",
    "alarm_gap",
    "source",
    "order",
    "is_active",
)


def may_keep_catalogue(user: Any) -> bool:
    """The catalogue is kept by 经济发展 staff (of any park): it defines what every park reports."""
    scope = access.scope_for(user)
    return any(
        services.is_economy_staff(user, p)
        for p in scope.park_ids(access.Domain.ECONOMY, access.Action.CHANGE)
    )


def indicator_save(*, user: Any, data: Mapping[str, Any], indicator: Indicator | None = None) -> Indicator:
    """Create an indicator, or change one (its code stays); validated in the write's transaction."""
    with transaction.atomic():
        if not may_keep_catalogue(user):
            raise access.AccessDenied("只有经济发展部门的工作人员可以维护指标目录。")
        if indicator is None:
            record = Indicator()
        else:
            record = Indicator.objects.select_for_update().get(pk=indicator.pk)
        for name in INDICATOR_FIELDS:
            if name == "code" and indicator is not None:
                continue
            if name in data:
                setattr(record, name, data[name])
        record.full_clean()
        record.save()
    return record
