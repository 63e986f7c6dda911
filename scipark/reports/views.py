"""The figures page: every FIGURES.md row scipark computes, for one park and year, with its basis.

Readers of reports (zone viewer, park leader, staff) choose among the parks in their reach. The page
shows values, bases and how many records each figure came from; it does not list the records
themselves (drill-down belongs to each module's pages, under that module's access rules).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.exports import xlsx_response
from scipark.core.figures import UnknownFigures, compute_figures
from scipark.core.models import AuditEvent
from scipark.core.views import ScopedViewMixin
from scipark.parks.models import Park

from .figures import rows_asked, table_headers, table_rows

FIRST_YEAR = 2000


def report_parks(user: Any) -> QuerySet[Park]:
    """The parks whose reports the user reads."""
    return Park.objects.restrict(user, access.Action.VIEW).order_by("name")


def chosen_year(raw: str | None) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(raw or this_year - 1)
    except ValueError:
        return this_year - 1
    return year if FIRST_YEAR <= year <= this_year else this_year - 1


class FiguresView(ScopedViewMixin, TemplateView):
    """``/reports/figures/?park=bio&year=2023[&only=E1,S1]`` — add ``&export=xlsx`` for a workbook."""

    domain = access.Domain.REPORTS
    template_name = "reports/figures.html"

    def required_action(self, request: HttpRequest) -> access.Action:
        return access.Action.EXPORT if request.GET.get("export") == "xlsx" else access.Action.VIEW

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        parks = report_parks(request.user)
        code = request.GET.get("park")
        park = parks.filter(code=code).first() if code else parks.first()
        if park is None:
            raise Http404(_("找不到该园区,或您无权查看。"))
        year = chosen_year(request.GET.get("year"))
        only = rows_asked(request.GET.get("only", "")[:200])
        this_year = timezone.localdate().year
        context: dict[str, Any] = {
            "parks": parks,
            "park": park,
            "year": year,
            "years": range(this_year, FIRST_YEAR + 15, -1),
            "only": ",".join(only),
            "can_export": access.has_permission(request.user, self.domain, access.Action.EXPORT),
        }
        try:
            figures = list(compute_figures(park, year, only or None).values())
        except UnknownFigures as error:
            # A mistyped row answers with what was wrong, not with an empty table or a server error.
            message = _("未知的数据项编号:%(rows)s(可选:%(known)s)。") % {
                "rows": "、".join(error.row_ids),
                "known": "、".join(error.known),
            }
            context.update(figures=[], error=message)
            return self.render_to_response(self.get_context_data(**context), status=400)
        if request.GET.get("export") == "xlsx":
            return self.export(request, park, year, figures)
        return self.render_to_response(self.get_context_data(figures=figures, **context))

    def export(
        self, request: HttpRequest, park: Park, year: int, figures: list[dict[str, Any]]
    ) -> HttpResponse:
        audit_event_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            object_type="reports.figure",
            detail={"rows": len(figures), "park": park.code, "year": year},
        )
        return xlsx_response(
            f"figures-{park.code}-{year}", _("年度数据"), table_headers(), table_rows(figures)
        )
