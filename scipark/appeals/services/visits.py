"""走访: a staff visit to an enterprise; the issues raised in it become appeals in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.parks.models import Department

from ..models import AppealChannel, Visit
from .common import check_text
from .intake import appeal_submit


@transaction.atomic
def visit_record(
    *,
    user: Any,
    enterprise: Any,
    visited_on: dt.date,
    notes: str,
    participants: str = "",
    staff: Iterable[Any] = (),
    issues: Sequence[dict[str, Any]] = (),
) -> Visit:
    """Record a staff visit; each issue ``{"category", "description", "title"?}`` becomes an appeal
    (channel 走访) filed on the enterprise's behalf in the same transaction."""
    access.ensure_can_add(user, access.Domain.SERVICE, park_id=enterprise.park_id)
    notes = check_text("notes", notes, _("走访记录"), required=True)
    scope = access.scope_for(user)
    department_kind = next(
        (g.department for g in scope.grants if g.park_id == enterprise.park_id and g.department), None
    )
    department = (
        Department.objects.filter(park_id=enterprise.park_id, kind=department_kind).first()
        if department_kind
        else None
    )
    visit = Visit(
        park_id=enterprise.park_id,
        enterprise=enterprise,
        visited_on=visited_on,
        department=department,
        participants=participants.strip()[:300],
        notes=notes,
        recorded_by=user,
    )
    visit.full_clean()
    visit.save()
    visit.staff.set([user, *staff])
    appeals = []
    for index, issue in enumerate(issues, start=1):
        try:
            appeals.append(
                appeal_submit(
                    user=user,
                    park=enterprise.park,
                    category=issue["category"],
                    title=issue.get("title", ""),
                    description=issue["description"],
                    enterprise=enterprise,
                    channel=AppealChannel.VISIT,
                    requester_name=issue.get("requester_name", ""),
                    requester_phone=issue.get("requester_phone", ""),
                    received_at=issue.get("received_at"),
                )
            )
        except ValidationError as exc:
            raise ValidationError(
                {
                    "issues": [
                        _("第 %(index)s 个问题:%(message)s") % {"index": index, "message": m}
                        for m in exc.messages
                    ]
                }
            ) from exc
    visit.appeals.set(appeals)
    return visit
