"""Writes of the indicator alerts: the daily evaluation (raise, refresh, resolve, notify) and a person's
acknowledge and resolve.

The evaluation reads the park's annual targets through economy's selectors (``target_progress_list``,
with its thresholds from the indicator catalogue) as the park's leader reads them — the alerts are what
the leader would be shown — turns them into plain facts, and lets ``indicator_alerts`` decide. Running it
twice on one day writes nothing the second time. Notifications go through the notifications app's
``notify`` to the owner department's staff and the park's leaders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from scipark.accounts.selectors import members
from scipark.core import access
from scipark.core.messages import Message, term
from scipark.core.roles import DepartmentKind, Role
from scipark.core.services import lock_for_change, save_changes
from scipark.economy import selectors as economy
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify
from scipark.parks.models import Park

from . import indicator_alerts as rules
from .models import Alert


@dataclass
class Evaluation:
    """What one park's evaluation did (``skipped``: why it could not read the park's targets)."""

    park: Park
    period: dt.date | None = None
    created: int = 0
    refreshed: int = 0
    resolved: int = 0
    notified: int = 0
    skipped: str = ""


def reader_for(park: Park) -> Any | None:
    """Whom the evaluation reads the targets as: the park's leader, else its economy staff."""
    found = members(role=Role.PARK_LEADER, park_id=park.pk) or members(
        park_id=park.pk, department_kind=DepartmentKind.ECONOMY
    )
    return min(found, key=lambda u: u.pk) if found else None


def evaluation_period(reader: Any, park: Park, today: dt.date) -> dt.date | None:
    """The month evaluated: the latest with returns in the park, but not one that ``today`` has not
    yet seen end (for a run dated in the past)."""
    latest = economy.latest_period(economy.panel_reach(reader, park))
    if latest is None:
        return None
    last_closed = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return min(latest, last_closed)


def target_facts(reader: Any, park: Park, period: dt.date) -> list[rules.TargetFacts]:
    """The park's targets of ``period``'s year as plain facts (economy's selector, the catalogue's gaps)."""
    facts = []
    for row in economy.target_progress_list(user=reader, park=park, period=period):
        indicator = row.indicator
        facts.append(
            rules.TargetFacts(
                code=indicator.code,
                name=indicator.name,
                department=indicator.owner_department,
                growth=row.progress is None,
                year=period.year,
                month=period.month,
                target=Decimal(row.target.value),
                actual=row.actual,
                warning_gap=Decimal(indicator.warning_gap),
                alarm_gap=Decimal(indicator.alarm_gap),
            )
        )
    return facts


def _kept(
    park: Park,
) -> tuple[dict[tuple[str, str, int], rules.Known], dict[tuple[str, str, int], list[Alert]]]:
    """The alerts that still matter per key: open ones, and those a person resolved while they held."""
    rows = Alert.objects.filter(park=park).exclude(resolved_at__isnull=False, resolved_by__isnull=True)
    rows = rows.filter(cleared_on__isnull=True).order_by("pk")
    by_key: dict[tuple[str, str, int], list[Alert]] = defaultdict(list)
    for alert in rows:
        by_key[(alert.kind, alert.subject, alert.year)].append(alert)
    known = {}
    for key, alerts in by_key.items():
        open_levels = [a.level for a in alerts if a.is_open]
        held = [a.level for a in alerts if not a.is_open]
        known[key] = rules.Known(
            open_level=open_levels[-1] if open_levels else None,
            held_level=max(held, key=lambda level: rules.RANK[level]) if held else None,
        )
    return known, by_key


def alerts_url(park: Park) -> str:
    return f"{reverse('reports:alerts')}?park={park.code}"


def _notify(park: Park, condition: rules.Condition) -> int:
    recipients = members(role=Role.PARK_LEADER, park_id=park.pk) + members(
        park_id=park.pk, department_kind=condition.department
    )
    title = (
        gettext_noop("指标告警:%(park)s %(indicator)s")
        if condition.level == rules.ALARM
        else gettext_noop("指标预警:%(park)s %(indicator)s")
    )
    values = {"park": park.short_name or park.name, "indicator": term(condition.subject_name)}
    sent = notify(
        recipients=recipients,
        kind=EventKind.INDICATOR_ALERT,
        title=Message(title, values),
        body=condition.sentence,  # the alert's own sentence, as its page shows it
        url=alerts_url(park),
    )
    return len(sent)


def alerts_evaluate(*, park: Park, today: dt.date | None = None) -> Evaluation:
    """Evaluate the park's targets as of ``today`` and bring its kept alerts in line (idempotent)."""
    today = today or timezone.localdate()
    result = Evaluation(park)
    reader = reader_for(park)
    if reader is None:
        result.skipped = "园区没有在职的领导或经济发展部门人员,无法读取年度目标"
        return result
    result.period = evaluation_period(reader, park, today)
    conditions = []
    if result.period is not None:
        conditions = rules.evaluate(target_facts(reader, park, result.period))
    with transaction.atomic():
        known, by_key = _kept(park)
        plan = rules.plan(conditions, known)
        period = result.period or today.replace(day=1)
        for condition in plan.create:
            Alert.objects.create(
                park=park,
                kind=condition.kind,
                subject=condition.subject,
                subject_name=condition.subject_name,
                year=condition.year,
                department=condition.department,
                level=condition.level,
                message=condition.message[:300],
                message_msg=condition.sentence.msg,
                params=dict(condition.sentence.params),
                period=period,
                first_seen=today,
                last_seen=today,
            )
            result.created += 1
        for condition in plan.refresh:
            alert = next(a for a in by_key[condition.key] if a.is_open)
            changes = {
                "level": condition.level,
                "message": condition.message[:300],
                "message_msg": condition.sentence.msg,
                "params": dict(condition.sentence.params),
                "period": period,
                "last_seen": max(alert.last_seen, today),
                "subject_name": condition.subject_name,
            }
            changed = {k: v for k, v in changes.items() if getattr(alert, k) != v}
            if changed:
                save_changes(lock_for_change(Alert, alert.pk, user=None), **changed)
                result.refreshed += 1
        now = timezone.now()
        for key in plan.cleared:
            for alert in by_key[key]:
                locked = lock_for_change(Alert, alert.pk, user=None)
                if locked.is_open:
                    save_changes(locked, resolved_at=now, cleared_on=today)
                    result.resolved += 1
                else:
                    save_changes(locked, cleared_on=today)
        for condition in plan.notify:
            result.notified += _notify(park, condition)
    return result


# --- a person's steps ------------------------------------------------------------------------------


def _locked_open(user: Any, alert: Alert, expected_version: int | None) -> Alert:
    locked = lock_for_change(
        Alert, alert.pk, user=user, action=access.Action.CHANGE, expected_version=expected_version
    )
    if not locked.is_open:
        raise ValidationError(_("该预警已解除,无需再处理。"))
    return locked


def alert_acknowledge(*, user: Any, alert: Alert, expected_version: int | None = None) -> Alert:
    """The leader or the owner department has seen the alert and is on it (the alert stays open)."""
    with transaction.atomic():
        locked = _locked_open(user, alert, expected_version)
        if locked.acknowledged_at is not None:
            return locked  # acknowledged already: nothing to change
        return save_changes(locked, acknowledged_at=timezone.now(), acknowledged_by=user)


def alert_resolve(*, user: Any, alert: Alert, expected_version: int | None = None) -> Alert:
    """Close the alert by hand; the daily evaluation keeps it closed while the condition holds at the same
    level (it raises a new alert if the level worsens, or when the condition returns after clearing)."""
    with transaction.atomic():
        locked = _locked_open(user, alert, expected_version)
        changes: dict[str, Any] = {"resolved_at": timezone.now(), "resolved_by": user}
        if locked.acknowledged_at is None:
            changes.update(acknowledged_at=changes["resolved_at"], acknowledged_by=user)
        return save_changes(locked, **changes)
