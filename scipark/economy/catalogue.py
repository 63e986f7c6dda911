"""Writes of the indicator catalogue (reference data shared by every park, kept by 经济发展 staff)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from scipark.core import access
from scipark.core.services import lock_for_change
from scipark.parks.models import Park

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
    return Park.objects.restrict(user, access.Action.CHANGE, domain=access.Domain.ECONOMY).exists()


def indicator_save(*, user: Any, data: Mapping[str, Any], indicator: Indicator | None = None) -> Indicator:
    """Create an indicator, or change one (its code stays); validated in the write's transaction."""
    with transaction.atomic():
        if not may_keep_catalogue(user):
            raise access.AccessDenied("只有经济发展部门的工作人员可以维护指标目录。")
        # The catalogue is not park data: the keeper check above is the whole reach.
        record = Indicator() if indicator is None else lock_for_change(Indicator, indicator.pk, user=None)
        for name in INDICATOR_FIELDS:
            if name == "code" and indicator is not None:
                continue
            if name in data:
                setattr(record, name, data[name])
        record.full_clean()
        record.save()
    return record
