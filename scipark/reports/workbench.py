"""Reports on the workbench: open indicator alerts the person may acknowledge or resolve (to-dos), and the
person's department's key figures from the figures registry."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.figures import registered
from scipark.core.roles import Role
from scipark.core.terms import year_label
from scipark.core.workbench import KeyFigure, Todo, Urgency
from scipark.economy import selectors as economy
from scipark.parks.models import Park

from .catalogue import ROWS
from .cockpit import cockpit_period, registry_cards
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


#: At most this many of the department's rows are shown on the workbench.
KEY_FIGURES = 4


def key_figures(user: Any) -> list[KeyFigure]:
    """The person's department's rows of the figures registry (FIGURES.md) for their park, as they may
    see them, for the year of the park's latest returns (as the cockpit); the figures page holds the rest."""
    scope = access.scope_for(user)
    grant = next(
        (g for g in scope.grants if g.role == Role.DEPARTMENT_STAFF and g.park_id and g.department), None
    )
    if grant is None or grant.park_id is None or not scope.can(access.Domain.REPORTS, access.Action.VIEW):
        return []
    computed = {spec.row_id for spec in registered()}
    rows = [r.id for r in ROWS if r.section == grant.department and r.id in computed]
    if not rows:
        return []
    park = Park.objects.get(pk=grant.park_id)
    year = cockpit_period(economy.panel_reach(user, park)).year
    figures = reverse("reports:figures") + "?" + urlencode({"park": park.code, "year": year})
    found = []
    for card in registry_cards(park, year, rows[:KEY_FIGURES], viewer=user):
        level = "warning" if card.level == "warning" else ("muted" if card.missing or card.suppressed else "")
        found.append(KeyFigure(card.label, card.value, card.sub or year_label(year), level, figures))
    return found
