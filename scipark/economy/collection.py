"""Collecting the month's returns: who is expected to report, who has not by the deadline, reminders.

The deadline is a configurable day of the month after the period (``SCIPARK_RETURN_DEADLINE_DAY``,
default the 10th, as statistics offices usually ask). Who owes a return is ``selectors.expected_reporters``
(the above-scale sets, and whoever reported the month before); a draft or a return sent back does not
count as received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from scipark.accounts.selectors import members_by_enterprise
from scipark.core import access
from scipark.core.messages import Message
from scipark.core.messages import day as notice_day
from scipark.core.messages import month as notice_month
from scipark.enterprises.models import Contact, Enterprise
from scipark.enterprises.selectors import ContactView, contact_view
from scipark.notifications.services import notify
from scipark.parks.models import Park

from . import kpi, selectors
from .models import ClosedPeriod, MonthlyReturn

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
class Board:
    """Where a month's collection stands over some parks (the expected reporters only)."""

    expected: int
    accepted: int  # a revision counts (审核通过)
    submitted: int  # submitted, awaiting review, nothing counting yet
    returned: int  # sent back, not resubmitted
    missing: int  # expected, neither submitted nor accepted (drafts and returned ones included)
    late: int  # first submissions after the deadline
    rate: Decimal | None  # 报送率 = (accepted + submitted) / expected

    @property
    def received(self) -> int:
        return self.accepted + self.submitted

    @property
    def rate_text(self) -> str:
        return kpi.percent(self.rate) if self.rate is not None else "—"


def reporting_board(*, park_ids: list[int], period: dt.date) -> Board:
    """The board of ``period`` over these parks: expected, accepted, submitted, returned, missing, late
    (counted in the database: ``selectors.board_states``)."""
    limit = timezone.make_aware(dt.datetime.combine(deadline_for(period) + dt.timedelta(days=1), dt.time()))
    counts = selectors.board_states(park_ids, period, limit)
    expected = counts.get("expected", 0)
    accepted, submitted = counts.get("accepted", 0), counts.get(MonthlyReturn.Status.SUBMITTED, 0)
    return Board(
        expected=expected,
        accepted=accepted,
        submitted=submitted,
        returned=counts.get(MonthlyReturn.Status.REJECTED, 0),
        missing=expected - accepted - submitted,
        late=counts.get("late", 0),
        rate=kpi.reporting_rate(accepted + submitted, expected),
    )


def closed_period(park_ids: list[int], period: dt.date) -> ClosedPeriod | None:
    """The closing record of ``period`` when every one of these parks has closed it (else ``None``)."""
    if not park_ids:
        return None
    closed = list(
        ClosedPeriod.objects.filter(park_id__in=park_ids, period=period).select_related("closed_by")
    )
    return closed[0] if len(closed) == len(set(park_ids)) else None


def contacts_for_calls(*, user: Any, enterprises: list[Enterprise]) -> dict[int, ContactView]:
    """Each enterprise's contact to phone for 催报 (the primary one first), masked unless the user's role
    needs the number (SECURITY.md row 20: 经济发展 and 企业服务 staff of the park see it)."""
    scope = access.scope_for(user)
    found: dict[int, ContactView] = {}
    by_pk = {e.pk: e for e in enterprises}
    contacts = Contact.objects.filter(enterprise_id__in=list(by_pk)).exclude(phone="")
    for contact in contacts.order_by("enterprise_id", "-is_primary", "name"):
        if contact.enterprise_id in found:
            continue
        enterprise = by_pk[contact.enterprise_id]
        unmasked = scope.sees_personal_data(park_id=enterprise.park_id, enterprise_id=enterprise.pk)
        found[contact.enterprise_id] = contact_view(contact, unmasked=unmasked)
    return found


def returned_notes(enterprise_ids: list[int], period: dt.date) -> dict[int, str]:
    """The enterprises whose latest revision of ``period`` was sent back, with the reviewer's reason."""
    latest: dict[int, tuple[str, str]] = {}
    rows = (
        MonthlyReturn.objects.filter(enterprise_id__in=enterprise_ids, period=period)
        .order_by("enterprise_id", "revision")
        .values_list("enterprise_id", "status", "review_note")
    )
    for enterprise_id, status, note in rows:
        latest[enterprise_id] = (status, note)
    return {pk: note for pk, (status, note) in latest.items() if status == MonthlyReturn.Status.REJECTED}


def reminder_text(
    name: str, period: dt.date, due: dt.date, returned_note: str | None
) -> tuple[Message, Message]:
    """The 催报 message (title, body): "returned, please resubmit" (with the reason) when the month was sent
    back; worded in each reader's language."""
    values = {"enterprise": name, "month": notice_month(period), "due": notice_day(due)}
    if returned_note is not None:
        return (
            Message(gettext_noop("%(month)s月度统计报表已退回,请修改后重新报送"), values),
            Message(
                gettext_noop(
                    "%(enterprise)s:%(month)s的月度统计报表已退回,请修改后重新报送。退回原因:%(reason)s。"
                    "报送截止日期为%(due)s。"
                ),
                {**values, "reason": returned_note or "—"},
            ),
        )
    return (
        Message(gettext_noop("请报送%(month)s月度统计报表"), values),
        Message(
            gettext_noop(
                "%(enterprise)s:%(month)s的月度统计报表尚未报送,报送截止日期为%(due)s,请尽快登录平台填报。"
            ),
            values,
        ),
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
    sent_back = returned_notes([e.pk for e in missing], period)
    recipients = 0
    without: list[str] = []
    for enterprise in missing:
        people = users.get(enterprise.pk, [])
        if not people:
            without.append(enterprise.name)
            continue
        title, body = reminder_text(enterprise.name, period, due, sent_back.get(enterprise.pk))
        notify(
            recipients=people,
            kind=REMINDER_KIND,
            title=title,
            body=body,
            url=f"{url}?enterprise={enterprise.pk}",
            exclude=user,
        )
        recipients += len(people)
    return ReminderResult(len(missing) - len(without), recipients, without)
