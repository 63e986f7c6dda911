"""The department's overview: targets against time progress, the funnel, the reserve by band, overdue
projects, breakdowns by industry, origin and channel, and the funds' leverage."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin

from .. import computations as calc
from .. import selectors
from ..models import Fund, Origin, Target
from .common import PipelineMixin


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
            for target in Target.objects.filter(park=park, year=year).order_by("indicator", "event"):
                actual = self._actual(park, year, target)
                p = calc.progress(actual, target.value, year=year, today=today)
                gauges.append({"target": target, "actual": actual, "progress": p})
        reserve, bands = selectors.reserve_on(park, today) if park else ([], [])
        funds = [selectors.fund_leverage(f) for f in Fund.objects.restrict(user, access.Action.VIEW)]
        return super().get_context_data(
            title=_("招商工作台"),
            year=year,
            park=park,
            gauges=gauges,
            funnel=selectors.funnel(projects),
            bands=bands,
            reserve_count=len(reserve),
            overdue=selectors.overdue_projects(projects, today),
            by_chain=selectors.breakdown(projects, "chain"),
            by_province=selectors.breakdown(projects, "origin_province"),
            by_channel=selectors.breakdown(projects, "channel"),
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
