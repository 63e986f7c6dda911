"""Writes of funds (基金招商): the fund, its partners (shares up to 100 %) and its investments."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes
from scipark.enterprises.models import Enterprise

from ..models import Fund, FundInvestment, FundPartner, Project
from .common import amount, past_date, required_text

FUND_FIELDS = ("name", "kind", "manager", "size", "guidance_share", "set_up_on", "status", "description")
HUNDRED = Decimal(100)


def fund_save(
    *,
    user: Any,
    data: Mapping[str, Any],
    park: Any = None,
    fund: Fund | int | None = None,
    version: int | None = None,
) -> Fund:
    """Create a fund in ``park``, or change ``fund`` with the version the caller read."""
    values = {k: v for k, v in data.items() if k in FUND_FIELDS}
    if "size" in values:
        values["size"] = amount(values["size"], "size", _("基金规模"))
    if "set_up_on" in values:
        values["set_up_on"] = past_date(values["set_up_on"], "set_up_on", _("设立日期"))
    with transaction.atomic():
        if fund is None:
            access.ensure_can_add(user, access.Domain.INVESTMENT, park_id=park.pk)
            created = Fund(park=park, **values)
            created.full_clean(exclude=["park", "version"])
            if Fund.objects.filter(park=park, name=created.name).exists():
                raise ValidationError({"name": _("该园区已有基金「%(name)s」。") % {"name": created.name}})
            created.save()
            return created
        locked = lock_for_change(Fund, fund, user=user, expected_version=version)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["park", "version"], validate_unique=False, validate_constraints=False)
        return save_changes(locked, **values)


def fund_partner_add(*, user: Any, fund: Fund | int, data: Mapping[str, Any]) -> FundPartner:
    """Add a partner (LP) with its commitment and share; the fund's shares may not pass 100 %."""
    with transaction.atomic():
        locked = lock_for_change(Fund, fund, user=user)
        name = required_text(data.get("name"), "name", _("合伙人名称"))
        commitment = amount(data.get("commitment"), "commitment", _("认缴出资"))
        share = amount(data.get("share"), "share", _("出资比例"))
        if share > HUNDRED:
            raise ValidationError({"share": _("出资比例不能超过 100%。")})
        taken = FundPartner.objects.filter(fund=locked).aggregate(s=Sum("share"))["s"] or Decimal(0)
        if taken + share > HUNDRED:
            raise ValidationError(
                {"share": _("该基金合伙人出资比例合计不能超过 100%%(已有 %(taken)s%%)。") % {"taken": taken}}
            )
        if FundPartner.objects.filter(fund=locked, name=name).exists():
            raise ValidationError({"name": _("「%(name)s」已是该基金的合伙人。") % {"name": name}})
        partner = FundPartner(
            fund=locked,
            name=name,
            commitment=commitment,
            share=share,
            is_guidance_fund=bool(data.get("is_guidance_fund")),
        )
        partner.full_clean(exclude=["fund", "version"])
        partner.save()
    return partner


def fund_investment_add(*, user: Any, fund: Fund | int, data: Mapping[str, Any]) -> FundInvestment:
    """Record the fund's money put into a project of its park or an enterprise, on a date."""
    with transaction.atomic():
        locked = lock_for_change(Fund, fund, user=user)
        project = data.get("project")
        enterprise = data.get("enterprise")
        if project in (None, "") and enterprise in (None, ""):
            raise ValidationError({"project": _("请选择基金投资的项目或企业。")})
        if project not in (None, ""):
            pk = project.pk if isinstance(project, Project) else project
            project = Project.objects.filter(pk=pk, park_id=locked.park_id).first()
            if project is None:
                raise ValidationError({"project": _("项目须属于该基金所在园区。")})
        else:
            project = None
        if enterprise not in (None, ""):
            pk = enterprise.pk if isinstance(enterprise, Enterprise) else enterprise
            enterprise = Enterprise.objects.filter(pk=pk, park_id=locked.park_id).first()
            if enterprise is None:
                raise ValidationError({"enterprise": _("企业须属于该基金所在园区。")})
        else:
            enterprise = None
        investment = FundInvestment(
            fund=locked,
            project=project,
            enterprise=enterprise,
            amount=amount(data.get("amount"), "amount", _("投资金额")),
            invested_on=past_date(
                data.get("invested_on"), "invested_on", _("投资日期"), not_before=locked.set_up_on
            ),
            note=str(data.get("note") or "").strip(),
        )
        investment.save()
    return investment
