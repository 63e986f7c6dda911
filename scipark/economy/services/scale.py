"""Scale decisions: the statistics bureau puts an enterprise into an above-scale set or takes it out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change
from scipark.enterprises import services as enterprise_services
from scipark.enterprises.models import Enterprise, EnterpriseStatus

from ..models import ABOVE_SCALE_SETS, ScaleDecision
from .common import ensure_economy_staff


def scale_decision_record(
    *,
    user: Any,
    enterprise: Enterprise,
    scale_set: str,
    direction: str,
    effective_period: dt.date,
    decided_on: dt.date,
    reason: str = ScaleDecision.Reason.GROWTH,
    document: str = "",
    note: str = "",
) -> ScaleDecision:
    """Record the statistics bureau's decision and write the enterprise's status history accordingly.

    Entering opens a status period from ``effective_period``; leaving ends the open one on the last
    day before it. The registry's status services announce the change (``enterprise_status_changed``)
    and the aggregates follow it in the same transaction (``economy.receivers``).
    """
    if scale_set not in ABOVE_SCALE_SETS:
        raise ValidationError({"scale_set": _("请选择规模以上(限额以上)统计范围。")})
    if effective_period.day != 1:
        raise ValidationError({"effective_period": _("生效月份应为某月的第一天。")})
    with transaction.atomic():
        locked = lock_for_change(Enterprise, enterprise.pk, user=user, action=access.Action.VIEW)
        ensure_economy_staff(user, locked.park_id)
        if direction == ScaleDecision.Direction.ENTER:
            status = enterprise_services.enterprise_status_add(
                user=user, enterprise=locked, kind=scale_set, valid_from=effective_period, note=note[:200]
            )
        elif direction == ScaleDecision.Direction.LEAVE:
            open_status = EnterpriseStatus.objects.filter(
                enterprise=locked, kind=scale_set, valid_to__isnull=True
            ).first()
            if open_status is None:
                raise ValidationError({"direction": _("该企业目前不在此统计范围内,无法退出。")})
            status = enterprise_services.enterprise_status_end(
                user=user, status=open_status, valid_to=effective_period - dt.timedelta(days=1)
            )
        else:
            raise ValidationError({"direction": _("请选择纳入或退出。")})
        decision = ScaleDecision(
            park_id=locked.park_id,
            enterprise=locked,
            scale_set=scale_set,
            direction=direction,
            reason=reason,
            effective_period=effective_period,
            decided_on=decided_on,
            document=document,
            note=note,
            status=status,
        )
        decision.full_clean()
        decision.save()
    return decision
