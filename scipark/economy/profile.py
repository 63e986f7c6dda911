"""Economy's panel of 企业画像: the enterprise's monthly returns, the trend of its accepted figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.contributions import Panel
from scipark.core.money import in_wan, wan_figure

from .models import MonthlyReturn

#: Months the trend draws (a year and the same month of the year before).
TREND_MONTHS = 13
#: Returns the panel's table lists, newest first.
TABLE_ROWS = 6


def chart_wan(value: Decimal | None) -> float | None:
    """元 → 万元 with two decimals, as ECharts reads it (``None`` stays a gap)."""
    amount = in_wan(value)
    return None if amount is None else float(amount)


def period_label(row: MonthlyReturn) -> str:
    """2024-03; a February return that carries January too reads 2024-01~02."""
    if row.months == 2:
        return f"{row.period:%Y}-01~02"
    return f"{row.period:%Y-%m}"


def trend_chart(current: list[MonthlyReturn]) -> dict[str, Any]:
    """The line chart's data (economy/dashboard.js ``line``): revenue and output by month, in 万元."""
    rows = sorted(current, key=lambda r: r.period)[-TREND_MONTHS:]
    series = [{"name": _("营业收入"), "data": [chart_wan(r.revenue) for r in rows]}]
    if any(r.industrial_output is not None for r in rows):
        series.append({"name": _("工业总产值"), "data": [chart_wan(r.industrial_output) for r in rows]})
    return {"labels": [period_label(r) for r in rows], "unit": _("万元"), "series": series}


def panel(user: Any, enterprise: Any) -> Panel | None:
    """经济运行: the latest returns as the viewer sees them on the return list, and the accepted trend."""
    if not access.has_permission(user, access.Domain.ECONOMY, access.Action.VIEW):
        return None
    visible = MonthlyReturn.objects.restrict(user, access.Action.VIEW).filter(enterprise=enterprise)
    latest = list(
        visible.exclude(status=MonthlyReturn.Status.SUPERSEDED).order_by("-period", "-revision")[:TABLE_ROWS]
    )
    current = list(visible.filter(is_current=True).order_by("-period")[:TREND_MONTHS])
    last = current[0] if current else None
    return Panel(
        title=gettext_lazy("经济运行"),
        template="economy/profile/_panel.html",
        facts=(
            (gettext_lazy("最近报告期"), period_label(latest[0]) if latest else ""),
            (gettext_lazy("报送状态"), latest[0].get_status_display() if latest else _("未报送")),
            (gettext_lazy("最近营业收入(万元)"), wan_figure(last.revenue, places=2) if last else None),
            (gettext_lazy("从业人员"), last.employees if last else None),
        ),
        rows=tuple((r, period_label(r), wan_figure(r.revenue, places=2)) for r in latest),
        link=f"{reverse('economy:return_list')}?{urlencode({'q': enterprise.credit_code})}",
        link_label=gettext_lazy("月度报表"),
        extra={
            "chart": trend_chart(current) if current else None,
            "chart_id": f"profile-economy-trend-{enterprise.pk}",
        },
        order=10,
        slug="economy",
    )
