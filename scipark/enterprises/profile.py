"""The registry's panel of 企业画像: registry data and the history of status periods."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel
from scipark.core.money import wan_figure

from . import selectors
from .models import Enterprise


def panel(user: Any, enterprise: Enterprise) -> Panel | None:
    """登记信息与状态: the registry's data and each status period (newest first within a kind)."""
    if not access.has_permission(user, access.Domain.ENTERPRISES, access.Action.VIEW):
        return None
    # in 万元 as its form shows it (a detail's rule, core.money)
    capital = None if enterprise.registered_capital is None else wan_figure(enterprise.registered_capital)
    return Panel(
        title=_("登记信息与状态"),
        template="enterprises/profile/_panel.html",
        facts=(
            (
                _("行业"),
                f"{enterprise.industry.code} {enterprise.industry.name}" if enterprise.industry_id else "",
            ),
            (_("统计行业类型"), enterprise.get_activity_type_display()),
            (_("成立日期"), enterprise.registration_date),
            (_("注册资本(万元)"), capital),
            (_("法定代表人"), enterprise.legal_representative),
            (_("地址"), enterprise.address),
        ),
        rows=tuple(selectors.enterprise_statuses(enterprise=enterprise)),
        link=reverse("enterprises:enterprise_detail", args=[enterprise.pk]),
        link_label=_("登记详情"),
        order=0,
        slug="registry",
    )
