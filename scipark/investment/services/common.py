"""Checks every investment service shares: amounts, dates, who keeps the domain in a park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.roles import Role


def amount(value: Any, field: str, label: str) -> Decimal:
    """A positive amount in 元, or a ValidationError naming the field."""
    number = optional_amount(value, field, label)
    if number is None:
        raise ValidationError({field: _("请填写%(label)s。") % {"label": label}})
    return number


def optional_amount(value: Any, field: str, label: str) -> Decimal | None:
    """A positive amount in 元, ``None`` when left empty, or a ValidationError naming the field."""
    if value in (None, ""):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("%(label)s须为数字。") % {"label": label}}) from exc
    if not number.is_finite() or number <= 0:
        raise ValidationError({field: _("%(label)s须大于 0。") % {"label": label}})
    return number


def past_date(value: Any, field: str, label: str, *, not_before: dt.date | None = None) -> dt.date:
    """A date that has happened (not in the future), not earlier than ``not_before`` if given."""
    if value in (None, ""):
        raise ValidationError({field: _("请填写%(label)s。") % {"label": label}})
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError as exc:
            raise ValidationError(
                {field: _("%(label)s格式不正确(应为 YYYY-MM-DD)。") % {"label": label}}
            ) from exc
    if value > timezone.localdate():
        raise ValidationError({field: _("%(label)s不能晚于今天。") % {"label": label}})
    if not_before is not None and value < not_before:
        raise ValidationError(
            {
                field: _("%(label)s不能早于 %(date)s(上一步的日期)。")
                % {"label": label, "date": not_before.isoformat()}
            }
        )
    return value


def required_text(value: Any, field: str, label: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError({field: _("请填写%(label)s。") % {"label": label}})
    return text


def keeps_investment(user: Any, park_id: int) -> bool:
    """Whether the user keeps the investment domain of this park (its 招商 staff), not only its own rows."""
    return any(
        g.role not in (Role.ENTERPRISE_USER,)
        and access.Action.CHANGE in g.actions(access.Domain.INVESTMENT)
        and (g.park_id == park_id or g.role in access.ADMIN_ROLES)
        for g in access.scope_for(user).grants
    )


def ensure_keeps_investment(user: Any, park_id: int) -> None:
    if not keeps_investment(user, park_id):
        raise access.AccessDenied(_("只有园区招商部门可以执行此操作。"))
