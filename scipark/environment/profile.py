"""The environment's panel of 企业画像: inspection findings the enterprise must rectify."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel

from .models import Finding, FindingState

#: Findings the panel lists, newest first.
ROWS = 5


def panel(user: Any, enterprise: Any) -> Panel | None:
    """生态环境监管: the findings (督察整改), how many are open and past their deadline."""
    if not access.has_permission(user, access.Domain.ENVIRONMENT, access.Action.VIEW):
        return None
    findings = Finding.objects.restrict(user, access.Action.VIEW).filter(enterprise=enterprise)
    still_open = ~Q(state=FindingState.CLOSED)
    counts = findings.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=still_open),
        late=Count("pk", filter=still_open & Q(deadline__lt=timezone.localdate())),
    )
    return Panel(
        title=_("生态环境监管"),
        template="environment/profile/_panel.html",
        facts=(
            (_("督察整改问题"), counts["total"]),
            (_("未销号"), counts["open"]),
            (_("超过整改期限"), counts["late"]),
        ),
        rows=tuple(findings.order_by("-received_on", "-pk")[:ROWS]),
        link=f"{reverse('environment:finding_list')}?{urlencode({'q': enterprise.name})}",
        link_label=_("督察整改台账"),
        order=70,
        slug="environment",
    )
