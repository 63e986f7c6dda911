"""Writes of the indicator catalogue: reference data shared by every park (ADR 0006, issue 9 §8).

One catalogue defines what every park reports and how far behind time progress it is warned, so that
the zone's parks add up and compare; what differs between parks is each park's annual targets. A park's
staff therefore must not change it for the others: it is platform configuration, kept by the system
administrator (``Domain.CONFIG``, as the holiday calendar), and read by everyone who reads the economy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.services import lock_for_change

from .models import Indicator

KEEPER_MESSAGE = gettext_lazy(
    "指标目录是各园区共用的参考数据,只有系统管理员可以维护;各园区的差异请在本园区的年度目标中设置。"
)

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


def may_keep_catalogue(user: Any, action: access.Action = access.Action.CHANGE) -> bool:
    """Whether ``user`` keeps the shared catalogue (the system administrator: platform configuration)."""
    return access.has_permission(user, access.Domain.CONFIG, action)


def indicator_save(*, user: Any, data: Mapping[str, Any], indicator: Indicator | None = None) -> Indicator:
    """Create an indicator, or change one (its code stays); validated in the write's transaction."""
    with transaction.atomic():
        if not may_keep_catalogue(user, access.Action.ADD if indicator is None else access.Action.CHANGE):
            raise access.AccessDenied(str(KEEPER_MESSAGE))
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
