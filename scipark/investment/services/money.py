"""Money against targets: funds in place as dated entries (never one total field) and annual targets."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.money import wan_figure
from scipark.core.services import lock_for_change, save_changes

from ..computations import counting_amount, funds_exceed_contract
from ..models import Contract, FundsInPlace, Origin, Project, Target
from ..workflow import CONTRACTED
from .common import amount, past_date


def signed_amount(project: Project) -> Decimal | None:
    """The contract amount that counts for ``project`` (its latest revision), if it is signed."""
    return counting_amount(Contract.objects.filter(project=project).values_list("revision", "amount"))


def funds_record(*, user: Any, project: Project | int, data: Mapping[str, Any]) -> FundsInPlace:
    """Record money that arrived for a signed project on a date, with its source class.

    More than the signed amount in total needs a note saying why (DOMAIN.md §7); the project is locked so
    that two entries saved at once are checked against each other.
    """
    with transaction.atomic():
        locked = lock_for_change(Project, project, user=user, action=access.Action.CHANGE)
        if locked.stage not in CONTRACTED:
            raise ValidationError(_("项目签约后才能登记到位资金。"))
        signed = signed_amount(locked)
        first = Contract.objects.filter(project=locked).order_by("revision").first()
        on = past_date(
            data.get("arrived_on"), "arrived_on", _("到位日期"), not_before=first.signed_on if first else None
        )
        value = amount(data.get("amount"), "amount", _("到位金额"))
        source = data.get("source_class")
        if source not in Origin.values:
            raise ValidationError({"source_class": _("请选择资金来源(省内/省外境内/境外)。")})
        note = str(data.get("note") or "").strip()
        before = FundsInPlace.objects.filter(project=locked).aggregate(s=Sum("amount"))["s"] or Decimal(0)
        if funds_exceed_contract(signed, before, value) and not note:
            raise ValidationError(
                {
                    "amount": _("到位资金累计将超过合同投资额(%(signed)s 万元),请在说明中写明原因。")
                    % {"signed": wan_figure(signed)}
                }
            )
        entry = FundsInPlace(
            project=locked,
            arrived_on=on,
            amount=value,
            source_class=source,
            kind=data.get("kind") or FundsInPlace.Kind.FIXED_ASSETS,
            note=note,
            recorded_by=user,
        )
        entry.full_clean(exclude=["project", "recorded_by", "version"])
        entry.save()
    return entry


def target_save(
    *,
    user: Any,
    park: Any,
    year: int,
    indicator: str,
    value: Any,
    event: str = "",
    version: int | None = None,
) -> Target:
    """Set an annual target (create it, or change it with the version the caller read)."""
    number = amount(value, "value", _("目标值"))
    event = (event or "").strip()
    if indicator == Target.Indicator.EVENT_SIGNED_AMOUNT and not event:
        raise ValidationError({"event": _("展会签约额目标须写明展会/会议名称。")})
    with transaction.atomic():
        existing = Target.objects.filter(park=park, year=year, indicator=indicator, event=event).first()
        if existing is not None:
            locked = lock_for_change(Target, existing.pk, user=user, expected_version=version)
            return save_changes(locked, value=number)
        access.ensure_can_add(user, access.Domain.INVESTMENT, park_id=park.pk)
        target = Target(park=park, year=year, indicator=indicator, event=event, value=number)
        target.full_clean(exclude=["park", "version"])
        target.save()
    return target
