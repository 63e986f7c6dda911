"""A month's closing history (关账记录): every closing (关账) and reopening (重新开放) of the month, in order.

The current closing is the ``ClosedPeriod`` row; each reopening keeps the closing it undid
(``PeriodReopening``), so the history is read from both without a log to replay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scipark.core import access

from ..models import ClosedPeriod
from ..models.records import PeriodReopening


@dataclass(frozen=True)
class PeriodEvent:
    """One closing or reopening of a park's month: when, by whom, and its counts or reason."""

    park_id: int
    park_name: str
    kind: str  # "closed" or "reopened"
    at: dt.datetime
    by: str
    received: int = 0
    expected: int = 0
    text: str = ""  # the closing's note, or the reopening's reason

    @property
    def reopened(self) -> bool:
        return self.kind == "reopened"


def _name(user: Any) -> str:
    return str(user.display_name) if user is not None else "—"


def period_history(*, user: Any, park_ids: Sequence[int], period: dt.date) -> list[PeriodEvent]:
    """The closings and reopenings of ``period`` in these parks that the user may see, by park then time."""
    events: list[PeriodEvent] = []
    reopenings = (
        PeriodReopening.objects.restrict(user, access.Action.VIEW)
        .filter(park_id__in=park_ids, period=period)
        .select_related("park", "closed_by", "reopened_by")
    )
    for r in reopenings:
        common: dict[str, Any] = {"park_id": r.park_id, "park_name": r.park.name}
        events.append(
            PeriodEvent(
                **common,
                kind="closed",
                at=r.closed_at,
                by=_name(r.closed_by),
                received=r.received,
                expected=r.expected,
                text=r.note,
            )
        )
        events.append(
            PeriodEvent(**common, kind="reopened", at=r.reopened_at, by=_name(r.reopened_by), text=r.reason)
        )
    closings = (
        ClosedPeriod.objects.restrict(user, access.Action.VIEW)
        .filter(park_id__in=park_ids, period=period)
        .select_related("park", "closed_by")
    )
    for c in closings:
        events.append(
            PeriodEvent(
                park_id=c.park_id,
                park_name=c.park.name,
                kind="closed",
                at=c.closed_at,
                by=_name(c.closed_by),
                received=c.received,
                expected=c.expected,
                text=c.note,
            )
        )
    return sorted(events, key=lambda e: (e.park_name, e.park_id, e.at, e.kind == "reopened"))
