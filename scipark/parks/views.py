"""Park pages: the list (a zone viewer compares the zone's parks) and one park's detail.

Rows come from ``Park.objects.restrict``: a zone viewer sees the parks of the zone, staff their own
park; another park's detail is a 404. Enterprise counts are aggregates, shown to the roles that read
reports (zone viewer, park leader, staff), never to enterprise users or the 三员.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from scipark.core import access
from scipark.core.views import ObjectListView, ScopedViewMixin

from .filters import ParkFilterSet
from .models import Park
from .selectors import park_summary, parks_with_enterprise_counts
from .tables import ParkTable

BASE_EXPORT_COLUMNS: tuple[tuple[str | Promise, str], ...] = (
    (gettext_lazy("园区名称"), "name"),
    (gettext_lazy("简称"), "short_name"),
    (gettext_lazy("代码"), "code"),
    (gettext_lazy("开发区"), "zone.name"),
    (gettext_lazy("地址"), "address"),
)


def reads_aggregates(user: Any) -> bool:
    """Whether the user's roles read reports, and so the parks' enterprise counts."""
    return access.has_permission(user, access.Domain.REPORTS, access.Action.VIEW)


class ParkListView(ObjectListView):
    """The parks the user may see; with enterprise counts for the roles that read aggregates."""

    model = Park
    domain = access.Domain.PARKS
    table_class = ParkTable
    filterset_class = ParkFilterSet
    export_filename = "parks"
    export_columns = BASE_EXPORT_COLUMNS

    def get_queryset(self) -> QuerySet[Park]:
        parks = (
            Park.objects.restrict(self.request.user, access.Action.VIEW)
            .select_related("zone")
            .order_by("zone__name", "name")
        )
        return parks_with_enterprise_counts(parks) if reads_aggregates(self.request.user) else parks

    def get_table_kwargs(self) -> dict[str, Any]:
        return {} if reads_aggregates(self.request.user) else {"exclude": ("enterprise_count",)}

    def export(self, request: HttpRequest) -> HttpResponse:
        # The count column depends on the role, so the columns are chosen per request.
        if reads_aggregates(request.user):
            self.export_columns = (*BASE_EXPORT_COLUMNS, (gettext_lazy("企业数"), "enterprise_count"))  # type: ignore[misc]
        return super().export(request)


class ParkDetailView(ScopedViewMixin, DetailView):
    """One park: its departments and (for roles that read aggregates) counts of its enterprises."""

    object_model = Park

    domain = access.Domain.PARKS
    template_name = "parks/park_detail.html"
    context_object_name = "park"

    def get_queryset(self) -> QuerySet[Park]:
        return Park.objects.restrict(self.request.user, access.Action.VIEW).select_related("zone")

    def summary_date(self) -> date:
        requested = parse_date(self.request.GET.get("on", "") or "")
        return requested or timezone.localdate()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        park: Park = self.object
        context["title"] = park.name
        context["departments"] = park.departments.order_by("kind")
        if reads_aggregates(self.request.user):
            context["summary"] = park_summary(park, on=self.summary_date())
        return context
