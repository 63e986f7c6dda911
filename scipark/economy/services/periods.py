"""Closing a reporting month (关账): the 经济发展 department declares a month's returns final; and
reopening it (重新开放, 反关账) when the statistics bureau sends corrections back or late returns must go in.

After closing, the month's figures change only through a revision that says why (``returns_write``
asks for ``revision_reason``; ``return_accept`` takes the reviewer's note), and the dashboard and the
pipeline open on the latest closed month. A month is closed while its ``ClosedPeriod`` row exists, for
every reader alike; reopening moves the row's facts onto a ``PeriodReopening`` with who, when and why,
so the month is open again everywhere and may be closed again later (docs/adr/0020).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change
from scipark.parks.models import Park

from .. import collection
from ..models import ClosedPeriod
from ..models.records import PeriodReopening
from .common import check_period, current_period, ensure_economy_staff, month_text


def period_close(*, user: Any, park: Park, period: dt.date, note: str = "") -> ClosedPeriod:
    """Close ``period`` for ``park`` (经济发展 staff of the park), recording who, when and the counts."""
    check_period(period)
    if period >= current_period():
        raise ValidationError({"period": _("%(month)s尚未结束,不能关账。") % {"month": month_text(period)}})
    if len(note) > 500:
        raise ValidationError({"note": _("说明不能超过500个字。")})
    with transaction.atomic():
        # The park's row serialises two closings of the same month (the unique key backs it up).
        locked = lock_for_change(Park, park.pk, user=user, action=access.Action.VIEW)
        ensure_economy_staff(user, locked.pk)
        if ClosedPeriod.objects.filter(park=locked, period=period).exists():
            raise ValidationError(
                {
                    "period": _("%(park)s%(month)s已关账。")
                    % {"park": locked.name, "month": month_text(period)}
                }
            )
        board = collection.reporting_board(park_ids=[locked.pk], period=period)
        return ClosedPeriod.objects.create(
            park=locked,
            period=period,
            closed_at=timezone.now(),
            closed_by=user,
            expected=board.expected,
            received=board.received,
            note=note.strip(),
        )


def period_reopen(*, user: Any, park: Park, period: dt.date, reason: str) -> PeriodReopening:
    """Reopen a closed ``period`` of ``park`` (经济发展 staff of the park, as for closing), keeping the
    closing it undoes with who reopened it, when and why."""
    check_period(period)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("重新开放已关账月份须填写原因(如统计局反馈更正、补录迟报数据)。")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("原因不能超过500个字。")})
    with transaction.atomic():
        # The park's row, as for closing: a closing and a reopening of the park's months take turns.
        locked = lock_for_change(Park, park.pk, user=user, action=access.Action.VIEW)
        ensure_economy_staff(user, locked.pk)
        closing = ClosedPeriod.objects.filter(park=locked, period=period).first()
        if closing is None:
            raise ValidationError(
                {
                    "period": _("%(park)s%(month)s尚未关账,无需重新开放。")
                    % {"park": locked.name, "month": month_text(period)}
                }
            )
        reopening = PeriodReopening.objects.create(
            park=locked,
            period=period,
            reopened_at=timezone.now(),
            reopened_by=user,
            reason=reason,
            closed_at=closing.closed_at,
            closed_by=closing.closed_by,
            expected=closing.expected,
            received=closing.received,
            note=closing.note,
        )
        # Deleted through the model, so the change log keeps the closing's last state as well.
        closing.delete()
        return reopening
