"""The figures page: every FIGURES.md row for one park and year — computed ones with value, basis and
sources, the others marked 尚未计算 with the department whose module will provide them.

Readers of reports (zone viewer, park leader, staff) choose among the parks in their reach. The page
shows values, bases and how many records each figure came from; it does not list the records
themselves (drill-down belongs to each module's pages, under that module's access rules). The seed
article's wording is shown only for the park and year it describes.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.figures import UnknownFigures, compute_figures
from scipark.core.terms import joined
from scipark.core.views import ScopedViewMixin, export_xlsx
from scipark.core.views.lists import wants_export
from scipark.parks.models import Park

from ..figures import page_rows, rows_asked, table_headers, table_rows
from .choice import chosen_park, chosen_year, report_parks, year_choices


class FiguresView(ScopedViewMixin, TemplateView):
    """``/reports/figures/?park=bio&year=2023[&only=E1,S1]`` — add ``&export=xlsx`` for a workbook."""

    domain = access.Domain.REPORTS
    template_name = "reports/figures.html"

    def required_action(self, request: HttpRequest) -> access.Action:
        return access.Action.EXPORT if wants_export(request) else access.Action.VIEW

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        parks = report_parks(request.user)
        park = chosen_park(request, parks)
        year = chosen_year(request.GET.get("year"))
        only = rows_asked(request.GET.get("only", "")[:200])
        context: dict[str, Any] = {
            "parks": parks,
            "park": park,
            "year": year,
            "years": year_choices(),
            "only": ",".join(only),
            "can_export": access.has_permission(request.user, self.domain, access.Action.EXPORT),
        }
        try:
            # As this user may see them: confidential values suppressed (SECURITY.md row 10).
            figures = list(compute_figures(park, year, only or None, viewer=request.user).values())
        except UnknownFigures as error:
            # A mistyped row answers with what was wrong, not with an empty table or a server error.
            message = _("未知的数据项编号:%(rows)s(可选:%(known)s)。") % {
                "rows": joined(error.row_ids),
                "known": joined(error.known),
            }
            context.update(figures=[], error=message)
            return self.render_to_response(self.get_context_data(**context), status=400)
        if wants_export(request):
            return self.export(request, park, year, figures)
        rows = page_rows(figures, park_name=park.name, year=year, only=only)
        return self.render_to_response(self.get_context_data(figures=figures, rows=rows, **context))

    def export(
        self, request: HttpRequest, park: Park, year: int, figures: list[dict[str, Any]]
    ) -> HttpResponse:
        return export_xlsx(
            request,
            filename=f"figures-{park.code}-{year}",
            sheet=_("年度数据"),
            headers=table_headers(),
            rows=table_rows(figures),
            object_type="reports.figure",
            count=len(figures),
        )
