"""Deadlines in working days, and the daily job: 临期提醒 (reminders) and 超期督办 (escalation)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from scipark.core.messages import Message, choice
from scipark.core.services import lock_for_change, save_changes
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify

from ..calendar import work_calendar
from ..models import OPEN_STATES, Appeal, AppealStep
from .common import appeal_url, dispatchers, handlers, leaders, record_step


def due_at_for(received_at: dt.datetime, days: int) -> dt.datetime:
    """The end (23:59:59, local time) of the ``days``-th working day after the day of ``received_at``."""
    local = timezone.localtime(received_at)
    due_day = work_calendar().add(local.date(), days)
    end = dt.datetime.combine(due_day, dt.time(23, 59, 59))
    return timezone.make_aware(end, timezone.get_current_timezone())


def appeals_escalate(*, now: dt.datetime | None = None) -> int:
    """超期督办: flag every open appeal past its deadline, tell the park leaders, the departments and
    企业服务; each appeal escalates once per deadline. Returns how many escalated."""
    now = now or timezone.now()
    count = 0
    pending = Appeal.objects.overdue(now).filter(escalated_at__isnull=True).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            locked = lock_for_change(Appeal, pk, user=None, related=("category",))
            if not locked.is_open or locked.escalated_at is not None or locked.due_at >= now:
                continue  # handled (or escalated) since the list was read
            save_changes(locked, overdue=True, escalated_at=now)
            due = f"{timezone.localtime(locked.due_at):%Y-%m-%d}"
            record_step(
                locked,
                action=AppealStep.Action.ESCALATE,
                from_state=locked.state,
                user=None,
                at=now,
                notes=f"超过办理期限 {due},已提请园区领导督办。",
            )
            notify(
                recipients=leaders(locked.park_id) + handlers(locked) + dispatchers(locked.park_id),
                kind=EventKind.APPEAL_OVERDUE,
                title=Message(gettext_noop("诉求超期督办:%(title)s"), {"title": locked.title}),
                body=Message(
                    gettext_noop("%(number)s(%(category)s)办理期限 %(due)s,现状态「%(state)s」。"),
                    {
                        "number": locked.number,
                        "category": locked.category.name,
                        "due": due,
                        "state": choice(Appeal, "state", locked.state),
                    },
                ),
                url=appeal_url(locked),
            )
            count += 1
    return count


def appeals_remind_deadlines(*, now: dt.datetime | None = None) -> int:
    """临期提醒: open appeals due by the end of the next working day, once each. Returns how many."""
    now = now or timezone.now()
    horizon_day = work_calendar().add(timezone.localtime(now).date(), 1)
    horizon = timezone.make_aware(dt.datetime.combine(horizon_day, dt.time(23, 59, 59)))
    count = 0
    pending = Appeal.objects.filter(
        state__in=OPEN_STATES,
        due_at__gte=now,
        due_at__lte=horizon,
        deadline_reminded_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            locked = lock_for_change(Appeal, pk, user=None)
            if locked.deadline_reminded_at is not None or not locked.is_open:
                continue
            save_changes(locked, deadline_reminded_at=now)
            notify(
                recipients=handlers(locked) or dispatchers(locked.park_id),
                kind=EventKind.APPEAL_DEADLINE,
                title=Message(gettext_noop("诉求即将到期:%(title)s"), {"title": locked.title}),
                body=Message(
                    gettext_noop("%(number)s 办理期限 %(due)s。"),
                    {"number": locked.number, "due": f"{timezone.localtime(locked.due_at):%Y-%m-%d %H:%M}"},
                ),
                url=appeal_url(locked),
            )
            count += 1
    return count
