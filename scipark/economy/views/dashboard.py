"""经济运行 dashboard: for a park or the whole zone, a period's headline KPIs, trends, industry breakdown,
target gauges, contributors, energy intensity and scale changes; every table exports to .xlsx.

Readers of reports reach it (zone viewers, park leaders, staff). Viewers without individual access
(zone viewers) get aggregates with small cells suppressed and no drill-down (SECURITY.md row 10); the
drill-down page lists the enterprises behind a number under the economy domain's own rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.money import in_wan
from scipark.core.views import ExportMixin, ScopedViewMixin, export_xlsx
from scipark.core.views.lists import export_query
from scipark.enterprises.models import Industry
from scipark.parks.models import Park

from .. import collection, dashboard, drill, kpi, selectors, services
from ..models import Measure, ScaleSet
from .base import due_period

FIRST_YEAR = 2000
EXPORT_TABLES = ("headlines", "trend", "breakdown", "targets", "contributors", "changes")


def _int(text: str | None, low: int, high: int) -> int | None:
    if text is None or not text.strip().isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def selection_for(request: HttpRequest) -> tuple[dashboard.Selection, list[Any], list[str]]:
    """The park (or zone), year and month asked for, within the user's reach; with the park choices
    and any problems with the request's parameters (shown, never a traceback)."""
    user = request.user
    # The parks whose reports the user reads: the same as the selectors' reach (zone viewers: the zone).
    parks = list(
        Park.objects.restrict(user, access.Action.VIEW, domain=access.Domain.REPORTS).order_by("name")
    )
    problems: list[str] = []
    wanted = request.GET.get("park", "")
    park: Any | None
    if wanted == "zone":
        park = None
    elif wanted:
        park = next((p for p in parks if str(p.pk) == wanted), None)
        if park is None:
            raise Http404
    else:
        zone_viewer = any(g.zone_id and g.park_id is None for g in access.scope_for(user).grants)
        park = None if zone_viewer or len(parks) != 1 else parks[0]
    reach = selectors.panel_reach(user, park)
    year = _int(request.GET.get("year"), FIRST_YEAR, 2100)
    month = _int(request.GET.get("month"), 1, 12)
    if (request.GET.get("year") and year is None) or (request.GET.get("month") and month is None):
        problems.append(_("年份或月份无法识别,已显示最近有数据的月份。"))
    if year is None or month is None:
        # The latest month the parks have closed (关账): its figures are final; else the latest with data.
        default = selectors.opening_period(reach) or due_period()
        year, month = default.year, default.month
    period = dt.date(year, month, 1)
    if period > services.current_period():
        problems.append(_("所选月份尚未到来,已显示本月。"))
        period = services.current_period()
    return dashboard.Selection(park, period, reach), parks, problems


@dataclass(frozen=True)
class CollectionState:
    """Whether the month shown is closed (its figures final) and, if not, how far its collection is."""

    closed: bool
    board: collection.Board | None


def collection_state(selection: dashboard.Selection) -> CollectionState:
    """The month's closing and, for a month still open, its reporting rate (shown prominently)."""
    park_ids = list(selection.reach.park_ids)
    if collection.closed_period(park_ids, selection.period) is not None:
        return CollectionState(True, None)
    return CollectionState(False, collection.reporting_board(park_ids=park_ids, period=selection.period))


class DashboardView(ExportMixin, ScopedViewMixin, TemplateView):
    """The dashboard page (and ``?export=xlsx&table=…`` for each of its tables)."""

    domain = access.Domain.REPORTS
    template_name = "economy/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        request = self.request
        selection, parks, problems = selection_for(request)
        individual = selection.reach.individual
        years = list(range(services.current_period().year, FIRST_YEAR - 1, -1))[:15]
        return {
            **super().get_context_data(**kwargs),
            "title": _("经济运行"),
            "selection": selection,
            "parks": parks,
            "problems": problems,
            "individual": individual,
            "years": years,
            "months": range(1, 13),
            "period_label": kpi.period_label((selection.period.year, selection.period.month)),
            "cumulative_label": kpi.cumulative_label((selection.period.year, selection.period.month)),
            "export_base": selection.query(export="xlsx"),
            "collection": collection_state(selection),
            **self.content(request, selection, individual),
        }

    def content(
        self, request: HttpRequest, selection: dashboard.Selection, individual: bool
    ) -> dict[str, Any]:
        user = request.user
        kpi_choice = _int(request.GET.get("kpi"), 0, len(dashboard.CHART_KPIS) - 1) or 0
        scale_set, measure, phrase = dashboard.CHART_KPIS[kpi_choice]
        level = "division" if request.GET.get("level") == "division" else "section"
        trend, trend_rows = dashboard.trend_chart(selection, scale_set, measure)
        lines = dashboard.breakdown(selection, scale_set, measure, level, individual=individual)
        contributions = selectors.contributors(
            user=user, reach=selection.reach, period=selection.period, scale_set=scale_set, measure=measure
        )
        changes = selectors.scale_changes(user=user, reach=selection.reach, year=selection.period.year)
        gauges = dashboard.target_gauges(user, selection)
        cards = dashboard.headline_cards(selection, individual=individual)
        cards.append(dashboard.investment_card(selection, individual=individual))
        cards.append(dashboard.energy_card(selection, individual=individual))
        contributor_rows = dashboard.contributor_rows(contributions)
        charts = {
            "trend_month": trend["month"],
            "trend_cumulative": trend["cumulative"],
            "breakdown": dashboard.breakdown_chart(lines),
            "contributors": dashboard.contributor_chart(contributions) if contributions.available else None,
            **{g.id: g.chart for g in gauges},
        }
        return {
            "cards": cards,
            "kpi_choice": kpi_choice,
            "kpi_choices": [(i, k[2]) for i, k in enumerate(dashboard.CHART_KPIS)],
            "kpi_phrase": phrase,
            "level": level,
            "trend_rows": trend_rows,
            "trend_lines": [dashboard.row_text(row) for row in trend_rows],
            "trend_headers": dashboard.TREND_HEADERS,
            "breakdown": lines,
            "breakdown_headers": dashboard.BREAKDOWN_HEADERS,
            "gauges": gauges,
            "contributions": contributions,
            "contributor_rows": contributor_rows,
            "contributor_headers": dashboard.CONTRIBUTOR_HEADERS,
            # each cell with its column's header: a phone's card writes it beside the value (sp-stack-sm)
            "contributor_lines": [
                list(zip(dashboard.CONTRIBUTOR_HEADERS, dashboard.row_text(row), strict=True))
                for row in contributor_rows
            ],
            "contributors_growth": kpi.percent(contributions.growth) if contributions.available else "",
            "change_counts": dashboard.change_counts(changes),
            "changes": changes,
            "change_headers": dashboard.CHANGE_HEADERS,
            # each change with its column's header: a phone's card writes it beside the value (sp-stack-sm)
            "change_lines": [
                list(zip(dashboard.CHANGE_HEADERS, row, strict=True))
                for row in dashboard.change_rows(changes)
            ]
            if individual
            else [],
            "charts": charts,
            "chart_ids": [g.id for g in gauges],
            "kpi_scale_set": scale_set,
            "kpi_measure": measure,
        }

    def export(self, request: HttpRequest) -> HttpResponse:
        table = request.GET.get("table", "")
        if table not in EXPORT_TABLES:
            raise Http404
        selection, _parks, _problems = selection_for(request)
        content = self.content(request, selection, selection.reach.individual)
        headers: tuple[str | Promise, ...]
        rows: list[list[Any]]
        if table == "headlines":
            headers = (
                _("指标"),
                _("表述"),
                _("期间"),
                _("累计"),
                _("增速(同口径)"),
                _("增速(总量)"),
                _("报送企业数"),
            )
            rows = [
                [c.title, c.sentence, c.period_label, c.value, c.comparable, c.plain, c.reporting]
                for c in content["cards"]
            ]
        elif table == "trend":
            headers, rows = dashboard.TREND_HEADERS, content["trend_rows"]
        elif table == "breakdown":
            headers = dashboard.BREAKDOWN_HEADERS
            rows = [[b.code, b.name, b.value, b.comparable, b.plain, b.share] for b in content["breakdown"]]
        elif table == "targets":
            headers = dashboard.TARGET_HEADERS
            rows = [
                [g.name, g.target, g.actual, g.completion, g.time_progress, g.alert_label]
                for g in content["gauges"]
            ]
        elif table == "contributors":
            if not selection.reach.individual:
                raise PermissionDenied(_("您的角色不能查看个体企业数据。"))
            headers, rows = dashboard.CONTRIBUTOR_HEADERS, content["contributor_rows"]
        else:
            headers = (_("统计范围"), _("当年纳入"), _("当年退出"))
            rows = [[c.label, c.entered, c.left] for c in content["change_counts"]]
            if selection.reach.individual:
                rows += [[], list(dashboard.CHANGE_HEADERS), *dashboard.change_rows(content["changes"])]
        return export_xlsx(
            request,
            filename=f"economy-{table}",
            sheet=_("经济运行"),
            headers=headers,
            rows=rows,
            object_type=f"economy.dashboard.{table}",
        )


def industry_label(code: str) -> str:
    """``"行业 35 专用设备制造业"`` for a division's or a section's code (the code alone if the catalogue lacks
    it); ``""`` for none."""
    if not code:
        return ""
    name = Industry.objects.filter(code=code).values_list("name", flat=True).first()
    return f"{_('行业')} {code} {name}" if name else f"{_('行业')} {code}"


class DrillView(ExportMixin, ScopedViewMixin, TemplateView):
    """The enterprises behind one number of the dashboard (individual data: economy domain's rules).

    Reading it is recorded as a view of confidential data; ``?export=xlsx`` as one export instead.
    """

    domain = access.Domain.ECONOMY
    template_name = "economy/drill.html"

    def drill(self, request: HttpRequest) -> dict[str, Any]:
        """The selection, what it is drilled by, and the rows behind the number."""
        selection, _parks, problems = selection_for(request)
        if not selection.reach.individual:
            raise PermissionDenied(_("您的角色只能查看汇总数据,不能查看个体企业数据。"))
        scale_set = request.GET.get("scale_set") or ScaleSet.ABOVE_SCALE_INDUSTRY
        measure = request.GET.get("measure") or Measure.INDUSTRIAL_OUTPUT
        if (
            scale_set not in ScaleSet.values
            or measure not in Measure.values
            or measure == Measure.FIXED_ASSET_INVESTMENT
        ):
            raise Http404
        division = (request.GET.get("division") or "")[:2]
        section = (request.GET.get("section") or "")[:1]
        # GB/T 4754: a division (大类) is two digits, a section (门类) one capital letter.
        if division and not (division.isascii() and division.isdigit()):
            problems.append(_("行业大类代码“%(code)s”无法识别,已显示全部行业。") % {"code": division})
            division = ""
        if section and not ("A" <= section <= "Z"):
            problems.append(_("行业门类代码“%(code)s”无法识别,已显示全部行业。") % {"code": section})
            section = ""
        rows, total, previous = drill.drill_rows(
            user=request.user,
            selection=selection,
            scale_set=scale_set,
            measure=measure,
            division=division,
            section=section,
        )
        table = [
            [
                r.name,
                r.credit_code,
                in_wan(r.current),
                in_wan(r.previous),
                kpi.percent(r.growth),
                float(r.points.quantize(dashboard.Decimal("0.01"))) if r.points is not None else None,
            ]
            for r in rows
        ]
        return {
            "selection": selection,
            "problems": problems,
            "scale_set": scale_set,
            "measure": measure,
            "industry": division or section,
            "rows": rows,
            "table": table,
            # each enterprise with its cells as the page writes them (names link)
            "lines": [(r, dashboard.row_text(cells)) for r, cells in zip(rows, table, strict=True)],
            "total": total,
            "previous": previous,
        }

    def export(self, request: HttpRequest) -> HttpResponse:
        found = self.drill(request)
        return export_xlsx(
            request,
            filename="economy-drill",
            sheet=_("明细"),
            headers=drill.DRILL_HEADERS,
            rows=found["table"],
            object_type="economy.monthlyreturn",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        request = self.request
        found = self.drill(request)
        selection = found["selection"]
        audit_event_record(
            kind=AuditEvent.Kind.VIEW_CONFIDENTIAL,
            request=request,
            object_type="economy.monthlyreturn",
            detail={"rows": len(found["rows"]), "query": request.GET.urlencode()[:500]},
        )
        where = " · ".join(
            part
            for part in (
                selection.park.name if selection.park is not None else _("全部园区"),
                str(ScaleSet(found["scale_set"]).label),
                str(Measure(found["measure"]).label),
                industry_label(found["industry"]),
                kpi.cumulative_label((selection.period.year, selection.period.month)),
            )
            if part
        )
        return {
            **super().get_context_data(**kwargs),
            "title": _("数据明细"),
            "where": where,
            "problems": found["problems"],
            "rows": found["rows"],
            "table": found["table"],
            "lines": found["lines"],
            "headers": drill.DRILL_HEADERS,
            "total": dashboard.money_text(found["total"]),
            "previous": dashboard.money_text(found["previous"]),
            "growth": kpi.percent(kpi.growth(found["total"], found["previous"])),
            "export_query": export_query(request),
            "back_query": selection.query(),
        }
