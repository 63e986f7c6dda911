"""The park's investment settings as data: approval levels before a signing, the days a project may
sit in each stage before a reminder, and the reserve's planned-investment bands."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access

from ..computations import Band, overlapping
from ..models import ApprovalLevel, ReserveBand, Stage, StageLimit
from .common import amount, ensure_keeps_investment, optional_amount, required_text


def _ensure(user: Any, park: Any) -> None:
    access.ensure_can_add(user, access.Domain.INVESTMENT, park_id=park.pk)
    ensure_keeps_investment(user, park.pk)


def approval_level_save(*, user: Any, park: Any, order: int, title: str, approver: str) -> ApprovalLevel:
    """Set the approval level at ``order`` (replacing what was there)."""
    text = required_text(title, "title", _("审批环节名称"))
    if approver not in ApprovalLevel.Approver.values:
        raise ValidationError({"approver": _("请选择审批人(招商部门或园区领导)。")})
    with transaction.atomic():
        _ensure(user, park)
        level, _created = ApprovalLevel.objects.update_or_create(
            park=park, order=order, defaults={"title": text, "approver": approver}
        )
    return level


def stage_limit_save(*, user: Any, park: Any, stage: str, days: int | None) -> StageLimit | None:
    """Set how many days a project may sit in ``stage``; ``None`` removes the limit."""
    if stage not in Stage.values or stage in (Stage.PRODUCING, Stage.TERMINATED):
        raise ValidationError({"stage": _("只能为进行中的阶段设置停留时限。")})
    with transaction.atomic():
        _ensure(user, park)
        if days in (None, ""):
            StageLimit.objects.filter(park=park, stage=stage).delete()
            return None
        if int(days) < 1:
            raise ValidationError({"days": _("停留时限须至少 1 天。")})
        limit, _created = StageLimit.objects.update_or_create(
            park=park, stage=stage, defaults={"days": int(days)}
        )
    return limit


def reserve_band_save(*, user: Any, park: Any, label: str, lower: Any, upper: Any = None) -> ReserveBand:
    """Add or change the band starting at ``lower`` (inclusive) up to ``upper`` (exclusive, or open)."""
    text = required_text(label, "label", _("档位名称"))
    low = amount(lower, "lower", _("下限"))
    high = optional_amount(upper, "upper", _("上限"))
    if high is not None and high <= low:
        raise ValidationError({"upper": _("上限须大于下限。")})
    with transaction.atomic():
        _ensure(user, park)
        others = [
            Band(b.label, b.lower, b.upper) for b in ReserveBand.objects.filter(park=park).exclude(lower=low)
        ]
        clash = overlapping([*others, Band(text, low, high)])
        if clash:
            raise ValidationError(
                {
                    "lower": _("档位「%(band)s」与「%(other)s」的区间重叠。")
                    % {"band": clash[0].label, "other": clash[1].label}
                }
            )
        band, _created = ReserveBand.objects.update_or_create(
            park=park, lower=low, defaults={"label": text, "upper": high}
        )
    return band
