"""The alliance's panel of 企业画像: the chains the enterprise is a member of."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel

from .models import ChainMember


def panel(user: Any, enterprise: Any) -> Panel | None:
    """产业链党建联盟: each chain it belongs to, where it sits and what it does there."""
    if not access.has_permission(user, access.Domain.SERVICE, access.Action.VIEW):
        return None
    memberships = tuple(
        ChainMember.objects.restrict(user, access.Action.VIEW)
        .filter(enterprise=enterprise, kind=ChainMember.Kind.ENTERPRISE)
        .select_related("chain__alliance")
        .order_by("chain__alliance_id", "chain__position", "pk")
    )
    return Panel(
        title=_("产业链党建联盟"),
        template="alliance/profile/_panel.html",
        facts=((_("所在产业链"), len(memberships)),),
        rows=memberships,
        link=reverse("alliance:home"),
        link_label=_("产业链党建联盟"),
        order=40,
        slug="alliance",
    )
