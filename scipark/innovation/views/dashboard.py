"""The innovation department's dashboard: T1–T7 from the figures registry, the tier ladder with its
counts, this year's candidates and the certificates about to expire."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.figures import compute_figures
from scipark.core.views import ScopedViewMixin

from .. import selectors
from ..forms import default_year
from ..models import TechArchive
from .common import chosen_park, int_param

ROWS = ("T1", "T2", "T3", "T4", "T5", "T6", "T7")


def detail_lines(details: dict[str, Any]) -> list[str]:
    """A figure's details as short lines (“发明专利:12”), nested values one level deep."""
    lines = []
    for key, value in details.items():
        if isinstance(value, dict):
            inner = "、".join(f"{k} {v}" for k, v in value.items() if v not in (None, "", 0))
            if inner:
                lines.append(f"{key}:{inner}")
        elif value not in (None, ""):
            lines.append(f"{key}:{value}")
    return lines


class DashboardView(ScopedViewMixin, TemplateView):
    """科技创新总览 (staff: the park's figures and the ladder)."""

    domain = access.Domain.INNOVATION
    template_name = "innovation/dashboard.html"
    title = gettext_lazy("科技创新总览")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        park, parks = chosen_park(self.request)
        years = sorted(set(TechArchive.objects.filter(park=park).values_list("year", flat=True)))
        year = int_param(self.request, "year", default_year(years))
        figures = compute_figures(park, year, only=ROWS, viewer=user)
        today = timezone.localdate()
        context.update(
            title=self.title,
            park=park,
            parks=parks,
            year=year,
            years=sorted(set(years) | {year}),
            figures=[{**f, "lines": detail_lines(f.get("details") or {})} for f in figures.values()],
            ladder=selectors.ladder(user=user, park=park, on=today),
            candidates=selectors.candidates(user=user, park=park)[:50],
            expiring=list(selectors.expiring(user=user, park=park, today=today)[:50]),
            today=today,
        )
        return context
