"""Reports' to-dos on the workbench: open indicator alerts the person may acknowledge or resolve."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.workbench import Todo, Urgency

from .models import Alert


def todos(user: Any) -> list[Todo]:
    if not access.has_permission(user, access.Domain.REPORTS, access.Action.VIEW):
        return []
    waiting = Alert.objects.restrict(user, access.Action.CHANGE).filter(resolved_at__isnull=True)
    unseen = waiting.filter(acknowledged_at__isnull=True)
    alarms = unseen.filter(level=Alert.Level.ALARM).count()
    warnings = unseen.exclude(level=Alert.Level.ALARM).count()
    url = reverse("reports:alerts")
    return [
        Todo(_("指标预警"), _("告警未确认"), alarms, url, Urgency.OVERDUE),
        Todo(_("指标预警"), _("预警未确认"), warnings, url, Urgency.DUE_SOON),
    ]
