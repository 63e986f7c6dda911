"""Fixed-asset investment projects and their monthly investment, and the park's annual targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, model_update

from ..models import AnnualTarget, FixedAssetProject, Indicator, ProjectMonthlyInvestment
from .common import check_period, ensure_economy_staff

PROJECT_FIELDS = ("name", "enterprise", "planned_total", "start_date", "end_date", "note")


def project_create(*, user: Any, park: Any, data: Mapping[str, Any]) -> FixedAssetProject:
    """Register a fixed-asset investment project (in scope from a planned total of 500万元)."""
    with transaction.atomic():
        ensure_economy_staff(user, park.pk)
        access.ensure_can_add(user, access.Domain.ECONOMY, park_id=park.pk)
        enterprise = data.get("enterprise")
        if enterprise is not None and enterprise.park_id != park.pk:
            raise ValidationError({"enterprise": _("建设单位必须是本园区的企业。")})
        project = FixedAssetProject(park=park, **{k: v for k, v in data.items() if k in PROJECT_FIELDS})
        project.full_clean()
        project.save()
    return project


def project_update(
    *, user: Any, project: FixedAssetProject, data: Mapping[str, Any], expected_version: int
) -> FixedAssetProject:
    """Change a project's fields (optimistic lock on ``version``)."""
    with transaction.atomic():
        current = lock_for_change(FixedAssetProject, project.pk, user=user, expected_version=expected_version)
        ensure_economy_staff(user, current.park_id)
        enterprise = data.get("enterprise")
        if enterprise is not None and enterprise.park_id != current.park_id:
            raise ValidationError({"enterprise": _("建设单位必须是本园区的企业。")})
        updated, _changed = model_update(instance=current, data=data, fields=PROJECT_FIELDS)
    return updated


def project_investment_set(
    *, user: Any, project: FixedAssetProject, period: dt.date, amount: Decimal
) -> ProjectMonthlyInvestment:
    """Record (or correct) the investment a project completed in one month."""
    check_period(period)
    if amount < 0:
        raise ValidationError({"amount": _("完成投资不能为负数。")})
    with transaction.atomic():
        current = lock_for_change(FixedAssetProject, project.pk, user=user)
        ensure_economy_staff(user, current.park_id)
        if period < current.start_date.replace(day=1):
            raise ValidationError(
                {
                    "period": _("项目于 %(start)s 开工,此前不能有完成投资。")
                    % {"start": f"{current.start_date:%Y-%m}"}
                }
            )
        row, created = ProjectMonthlyInvestment.objects.get_or_create(
            project=current, period=period, defaults={"park_id": current.park_id, "amount": amount}
        )
        if not created and row.amount != amount:
            model_update(instance=row, data={"amount": amount}, fields=["amount"])
    return row


def target_set(
    *, user: Any, park: Any, indicator: Indicator, year: int, value: Decimal, note: str = ""
) -> AnnualTarget:
    """Set a park's annual target for an indicator (creates or changes it)."""
    with transaction.atomic():
        ensure_economy_staff(user, park.pk)
        access.ensure_can_add(user, access.Domain.ECONOMY, park_id=park.pk)
        target, created = AnnualTarget.objects.get_or_create(
            park=park, indicator=indicator, year=year, defaults={"value": value, "note": note}
        )
        if not created:
            target = lock_for_change(AnnualTarget, target.pk, user=user)
            model_update(instance=target, data={"value": value, "note": note}, fields=["value", "note"])
    return target
