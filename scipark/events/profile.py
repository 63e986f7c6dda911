"""Events' panel of 企业画像: the events and job fairs the enterprise took part in."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel

from .models import Participation

#: Participations the panel lists, latest event first.
ROWS = 5


def panel(user: Any, enterprise: Any) -> Panel | None:
    """活动与招聘会: how often it took part, résumés and hires, and the latest events."""
    if not access.has_permission(user, access.Domain.SERVICE, access.Action.VIEW):
        return None
    taken = Participation.objects.restrict(user, access.Action.VIEW).filter(enterprise=enterprise)
    totals = taken.aggregate(events=Count("pk"), resumes=Sum("resumes"), hires=Sum("hires"))
    return Panel(
        title=_("活动与招聘会"),
        template="events/profile/_panel.html",
        facts=(
            (_("参加活动"), totals["events"]),
            (_("收到简历"), totals["resumes"]),
            (_("达成录用"), totals["hires"]),
        ),
        rows=tuple(taken.select_related("event").order_by("-event__starts_at", "-pk")[:ROWS]),
        link=reverse("events:event_list"),
        link_label=_("活动与招聘会"),
        order=30,
        slug="events",
    )
