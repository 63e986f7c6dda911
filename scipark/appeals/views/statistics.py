"""诉求统计: appeals by category, department and month, with charts and an .xlsx export."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.views import ExportMixin, ScopedViewMixin, export_xlsx
from scipark.parks.models import Park

from .. import selectors
from .common import int_or_none, year_param


class StatisticsPage(ScopedViewMixin, View):
    """The page itself (``StatisticsView`` adds its export)."""

    domain = access.Domain.SERVICE
    template_name = "appeals/statistics.html"

    def choice(self, request: HttpRequest) -> tuple[Any, Any, int]:
        """The parks the user may count the appeals of, the chosen one (or the first) and the year."""
        parks = Park.objects.restrict(request.user, access.Action.VIEW, domain=access.Domain.SERVICE)
        park = (
            parks.filter(pk=int_or_none(request.GET.get("park")) or 0).first() or parks.order_by("pk").first()
        )
        return parks, park, year_param(request)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        parks, park, year = self.choice(request)
        if park is None:
            return render(request, self.template_name, {"title": _("诉求统计"), "stats": None, "year": year})
        stats = selectors.appeal_statistics(request.user, park, year)
        chart = {
            "months": [r.label for r in stats.by_month],
            "received": [r.received for r in stats.by_month],
            "resolved": [r.resolved for r in stats.by_month],
            "categories": [{"name": r.label, "value": r.received} for r in stats.by_category],
            "departments": [r.label for r in stats.by_department],
            "department_closed": [r.closed for r in stats.by_department],
            "labels": {"received": _("受理"), "resolved": _("解决"), "closed": _("办结")},
        }
        context = {
            "title": _("诉求统计"),
            "stats": stats,
            "park": park,
            "parks": parks,
            "year": year,
            "years": range(timezone.localdate().year, 2019, -1),
            "chart": chart,
            "can_export": access.has_permission(request.user, self.domain, access.Action.EXPORT),
        }
        return render(request, self.template_name, context)


class StatisticsView(ExportMixin, StatisticsPage):
    """诉求统计, and the same tables as .xlsx with ``?export=xlsx`` (EXPORT needed, audited)."""

    def export(self, request: HttpRequest) -> HttpResponse:
        _parks, park, year = self.choice(request)
        stats = selectors.appeal_statistics(request.user, park, year) if park is not None else None
        return export_xlsx(
            request,
            filename=f"appeal-statistics-{year}",
            sheet=f"{park.name if park else ''} {year}".strip(),
            headers=HEADERS,
            rows=statistics_rows(stats) if stats is not None else [],
            object_type="appeals.statistics",
        )


HEADERS = (
    gettext_lazy("分组"),
    pgettext_lazy("row heading", "项目"),
    gettext_lazy("受理"),
    gettext_lazy("办结"),
    gettext_lazy("解决"),
    gettext_lazy("超期未办结"),
    gettext_lazy("按期办结率(%)"),
    gettext_lazy("平均办理工作日"),
    gettext_lazy("评价数"),
    gettext_lazy("平均满意度"),
    gettext_lazy("满意率(%)"),
)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def statistics_rows(stats: selectors.AppealStatistics) -> list[list[Any]]:
    rows = []
    for group, items in (
        (_("合计"), [stats.total]),
        (_("类别"), stats.by_category),
        (_("部门"), stats.by_department),
        (_("月份"), stats.by_month),
    ):
        for r in items:
            rows.append(
                [
                    str(group),
                    r.label,
                    r.received,
                    r.closed,
                    r.resolved,
                    r.overdue_open,
                    _pct(r.on_time_rate),
                    _num(r.average_days),
                    r.rated,
                    _num(r.average_score),
                    _pct(r.satisfaction_rate),
                ]
            )
    return rows
