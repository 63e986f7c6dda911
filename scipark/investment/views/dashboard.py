"""The department's overview: targets against time progress, the funnel, the reserve by band, overdue
projects, breakdowns by industry, origin and channel, and the funds' leverage."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin
from scipark.economy.kpi import Alert, TargetProgress

from .. import computations as calc
from .. import selectors
from ..models import COUNTED_INDICATORS, Channel, Fund, Origin, Target
from ..tables import fund_leverage_of
from .common import PipelineMixin


def _percent(fraction: Decimal | None) -> float | None:
    return None if fraction is None else float((fraction * 100).quantize(Decimal("0.1")))


def _shown(indicator: str, value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    if indicator in COUNTED_INDICATORS:
        return _("%s 个") % f"{Decimal(value):,.0f}"
    return _("%s 亿元") % f"{calc.in_yi(Decimal(value)):,}"


def gauge(chart_id: str, target: Target, actual: Decimal | int | None, p: TargetProgress) -> dict[str, Any]:
    """One target's gauge: completion against time progress (the economy's rule), the values as the park
    writes them, and the chart's data (``dashboard.js`` draws completion with time progress marked)."""
    behind = p.alert in (Alert.WARNING, Alert.ALARM)
    return {
        "id": chart_id,
        "target": target,
        "progress": p,
        "behind": behind,
        "target_shown": _shown(target.indicator, target.value),
        "actual_shown": _shown(target.indicator, actual),
        "completion": _percent(p.completion),
        "time_progress": _percent(p.time_progress),
        "chart": {
            "completion": _percent(p.completion),
            "time_progress": _percent(p.time_progress),
            "behind": behind,
            "time_label": _("时间进度 %s%%") % _percent(p.time_progress),
        },
    }


class DashboardView(PipelineMixin, ScopedViewMixin, TemplateView):
    domain = access.Domain.INVESTMENT
    template_name = "investment/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year") or today.year)
        except ValueError:
            year = today.year
        year = min(max(year, 2000), 2100)
        projects = selectors.project_list(user=user)
        parks = sorted({p.park for p in projects.select_related("park")}, key=lambda p: p.pk)
        park = parks[0] if parks else None
        gauges = []
        if park is not None:
            for number, target in enumerate(
                Target.objects.filter(park=park, year=year).order_by("indicator", "event")
            ):
                actual = self._actual(park, year, target)
                p = calc.progress(actual, target.value, year=year, today=today)
                gauges.append(gauge(f"gauge-{number}", target, actual, p))
        funnel = selectors.funnel(projects)
        open_rows = funnel[:-1]  # the pipeline's stages; 终止/流失 is not a step down the funnel
        reached = calc.reached_at_least([row["count"] for row in open_rows])
        reserve, bands = selectors.reserve_on(park, today) if park else ([], [])
        channels = dict(Channel.choices)
        by_channel = [
            {**row, "label": channels.get(row["channel"], row["channel"])}
            for row in selectors.breakdown(projects, "channel")
        ]
        funds = [
            {"fund": f, "count": f.project_count, "leverage": fund_leverage_of(f)}  # type: ignore[attr-defined]
            for f in selectors.with_leverage(Fund.objects.restrict(user, access.Action.VIEW))
        ]
        return super().get_context_data(
            title=_("招商工作台"),
            year=year,
            park=park,
            gauges=gauges,
            funnel=funnel,
            funnel_chart=[
                {"name": row["label"], "value": n} for row, n in zip(open_rows, reached, strict=True)
            ],
            bands=[{"label": b.band.label, "count": b.count, "total": b.total} for b in bands],
            reserve_count=len(reserve),
            overdue=selectors.overdue_projects(projects, today),
            by_chain=selectors.breakdown(projects, "chain"),
            by_province=selectors.breakdown(projects, "origin_province"),
            by_channel=by_channel,
            funds=funds,
            **kwargs,
        )

    @staticmethod
    def _actual(park: Any, year: int, target: Target) -> Any:
        kind = Target.Indicator
        if target.indicator == kind.EVENT_SIGNED_AMOUNT:
            return selectors.signed_in(park, year, event=target.event).total
        if target.indicator == kind.SIGNED_AMOUNT:
            return selectors.signed_in(park, year).total
        if target.indicator == kind.FUNDS_OTHER_PROVINCE:
            return selectors.total(selectors.funds_arrived_in(park, year, Origin.OTHER_PROVINCE))
        if target.indicator == kind.FUNDS_ABROAD:
            return selectors.total(selectors.funds_arrived_in(park, year, Origin.ABROAD))
        if target.indicator == kind.LANDED_INDUSTRIAL:
            return len(selectors.landed_industrial_in(park, year))
        return len(selectors.landed_industrial_in(park, year, minimum=calc.HUNDRED_MILLION))
