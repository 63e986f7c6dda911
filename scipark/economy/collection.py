"""Collecting the month's returns: who is expected to report, who has not by the deadline, reminders.

The deadline is a configurable day of the month after the period (``SCIPARK_RETURN_DEADLINE_DAY``,
default the 10th, as statistics offices usually ask). Who owes a return is ``selectors.expected_reporters``
(the above-scale sets, and whoever reported the month before); a draft or a return sent back does not
count as received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from scipark.accounts.selectors import members_by_enterprise
from scipark.enterprises.models import Enterprise
from scipark.notifications.services import notify
from scipark.parks.models import Park

from . import selectors
from .models import MonthlyReturn

DEFAULT_DEADLINE_DAY = 10
REMINDER_KIND = "return_reminder"


def deadline_day() -> int:
    """The day of the following month by which a return is due (1–28)."""
    day = int(getattr(settings, "SCIPARK_RETURN_DEADLINE_DAY", DEFAULT_DEADLINE_DAY))
    return min(max(day, 1), 28)


def deadline_for(period: dt.date) -> dt.date:
    """The last day to submit the return of ``period``."""
    following = dt.date(period.year + (period.month == 12), period.month % 12 + 1, 1)
    return following.replace(day=deadline_day())


@dataclass(frozen=True)
class Outstanding:
    """An enterprise that has not (validly) reported the period, and what it has done so far."""

    enterprise: Enterprise
    state: str  # "none", "draft" or "rejected"
    last_period: dt.date | None


def missing_returns(*, user: Any, park_ids: list[int], period: dt.date) -> list[Outstanding]:
    """The expected reporters of these parks without a submitted or accepted return (``selectors``)."""
    found: list[Outstanding] = []
    parks = Park.objects.filter(pk__in=park_ids).order_by("name")
    for park in parks:
        rows = selectors.missing_returns(user=user, park=park, period=period)
        enterprises = Enterprise.objects.in_bulk([r.enterprise_id for r in rows])
        for row in rows:
            state = row.status if row.status in ("draft", "rejected") else "none"
            found.append(Outstanding(enterprises[row.enterprise_id], state, row.last_period))
    return found


def expected_count(*, park_ids: list[int], period: dt.date) -> int:
    """How many enterprises owe a return for ``period`` in these parks."""
    return len(selectors.expected_reporters(park_ids, period))


def late_returns(*, park_ids: list[int], period: dt.date) -> list[MonthlyReturn]:
    """First submissions of ``period`` that came after its deadline (for the collection record)."""
    limit = timezone.make_aware(dt.datetime.combine(deadline_for(period) + dt.timedelta(days=1), dt.time()))
    return list(
        MonthlyReturn.objects.filter(park_id__in=park_ids, period=period, revision=1, submitted_at__gte=limit)
        .select_related("enterprise")
        .order_by("enterprise__name")
    )


@dataclass(frozen=True)
class ReminderResult:
    enterprises: int  # enterprises reminded
    recipients: int  # users notified
    without_account: list[str]  # enterprises with no active enterprise user to remind


def returns_remind(
    *, user: Any, park_ids: list[int], period: dt.date, enterprise_ids: list[int] | None = None
) -> ReminderResult:
    """Remind the enterprises still owing ``period``'s return (all of them, or those chosen).

    Only enterprises within the user's reach that are really missing are reminded; each of their
    enterprise users gets an in-app message (and e-mail as they chose) through the notifications app.
    """
    missing = [o.enterprise for o in missing_returns(user=user, park_ids=park_ids, period=period)]
    if enterprise_ids is not None:
        wanted = set(enterprise_ids)
        missing = [e for e in missing if e.pk in wanted]
    users = members_by_enterprise(e.pk for e in missing)
    due = deadline_for(period)
    url = reverse("economy:portal_return", args=[f"{period:%Y-%m}"])
    recipients = 0
    without: list[str] = []
    for enterprise in missing:
        people = users.get(enterprise.pk, [])
        if not people:
            without.append(enterprise.name)
            continue
        notify(
            recipients=people,
            kind=REMINDER_KIND,
            title=f"请报送{period:%Y年%m月}月度统计报表",
            body=(
                f"{enterprise.name}:{period:%Y年%m月}的月度统计报表尚未报送,"
                f"报送截止日期为{due:%Y年%m月%d日},请尽快登录平台填报。"
            ),
            url=f"{url}?enterprise={enterprise.pk}",
            exclude=user,
        )
        recipients += len(people)
    return ReminderResult(len(missing) - len(without), recipients, without)
