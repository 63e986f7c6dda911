"""能效对标: every reporting enterprise's energy intensity against its industry's benchmark, and E6."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin, ServiceFormView
from scipark.parks.models import Park

from .. import selectors, services
from ..forms import BenchmarkForm
from ..models import EnergyBenchmark


def chosen_park_and_year(request: HttpRequest) -> tuple[Any, Any, int]:
    """The parks the user may read, the one asked for (``?park=``) or the first, and ``?year=`` (last year)."""
    parks = Park.objects.restrict(
        request.user, access.Action.VIEW, domain=access.Domain.ENVIRONMENT
    ).order_by("pk")
    raw_park = request.GET.get("park", "")
    park = parks.filter(pk=int(raw_park)).first() if raw_park.isdigit() else None
    raw_year = request.GET.get("year", "")
    year = (
        int(raw_year)
        if raw_year.isdigit() and 1990 <= int(raw_year) <= 2100
        else timezone.localdate().year - 1
    )
    return parks, park or parks.first(), year


class EnergyView(ScopedViewMixin, TemplateView):
    domain = access.Domain.ENVIRONMENT
    template_name = "environment/energy.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        parks, park, year = chosen_park_and_year(self.request)
        found = selectors.energy_benchmarking(user=self.request.user, park=park, year=year) if park else None
        context.update(
            title=gettext_lazy("能效对标"),
            parks=parks,
            park=park,
            year=year,
            found=found,
            benchmarks=EnergyBenchmark.objects.restrict(self.request.user, access.Action.VIEW)
            .filter(park=park)
            .select_related("industry")
            .order_by("industry_id", "-valid_from")[:200],
            keeps_records=selectors.keeps_records(self.request.user),
        )
        return context


class BenchmarkCreateView(ServiceFormView):
    domain = access.Domain.ENVIRONMENT
    action = access.Action.ADD
    title = gettext_lazy("设定行业能耗基准值")

    def get_form(self, data: Any = None, files: Any = None) -> BenchmarkForm:
        return BenchmarkForm(data, files, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = dict(form.cleaned_data)
        self.saved = services.benchmark_save(user=request.user, park=data.pop("park"), data=data)
        return _("已设定行业 %(code)s 的基准值。") % {"code": self.saved.industry_id}

    def get_cancel_url(self) -> str:
        return reverse("environment:energy")
