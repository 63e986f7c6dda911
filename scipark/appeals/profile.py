"""Appeals' panel of 企业画像: the enterprise's appeals and the park's visits to it, as the viewer sees them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel

from . import selectors
from .models import OPEN_STATES

#: Appeals and visits the panel lists, newest first.
APPEAL_ROWS = 5
VISIT_ROWS = 3


def panel(user: Any, enterprise: Any) -> Panel | None:
    """企业诉求与走访: counts, the latest appeals and visits (an enterprise user reads no visit records)."""
    if not access.has_permission(user, access.Domain.SERVICE, access.Action.VIEW):
        return None
    appeals = selectors.appeal_list(user).filter(enterprise=enterprise)
    still_open = Q(state__in=OPEN_STATES)
    counts = appeals.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=still_open),
        overdue=Count("pk", filter=still_open & Q(due_at__lt=timezone.now())),
    )
    visits = list(
        selectors.visit_list(user).filter(enterprise=enterprise).order_by("-visited_on", "-id")[:VISIT_ROWS]
    )
    query = urlencode({"q": enterprise.name})
    return Panel(
        title=_("企业诉求与走访"),
        template="appeals/profile/_panel.html",
        facts=(
            (_("诉求总数"), counts["total"]),
            (_("未办结"), counts["open"]),
            (_("已超期"), counts["overdue"]),
        ),
        rows=tuple(appeals.order_by("-received_at", "-id")[:APPEAL_ROWS]),
        link=f"{reverse('appeals:appeal_list')}?{query}",
        link_label=_("企业诉求"),
        extra={"visits": visits, "visit_link": f"{reverse('appeals:visit_list')}?{query}"},
        order=20,
        slug="appeals",
    )
