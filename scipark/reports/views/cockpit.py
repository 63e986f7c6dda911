"""The leader cockpit (``/reports/cockpit/``), its wall mode for the meeting room's big screen
(``/reports/cockpit/wall/``: 1920×1080, dark, refreshed every few minutes, no navigation) and the zone
cockpit (``/reports/zone/``: parks side by side, aggregates only)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin

from ..cockpit import park_cockpit, zone_cockpit
from ..models import Alert
from .choice import chosen_park, member_parks, report_parks

#: How often the wall refreshes itself (seconds): figures move with returns and appeals, not by the second.
WALL_REFRESH = 300


class CockpitView(ScopedViewMixin, TemplateView):
    """One park's headline figures, targets against time progress, trends and alerts with links."""

    domain = access.Domain.REPORTS
    template_name = "reports/cockpit.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        parks = member_parks(self.request.user)
        context: dict[str, Any] = {
            **super().get_context_data(**kwargs),
            "title": _("领导驾驶舱"),
            "parks": parks,
        }
        if not parks.exists():
            return context  # zone viewers: the template points to the zone cockpit
        park = chosen_park(self.request, parks)
        open_alerts = (
            Alert.objects.restrict(self.request.user, access.Action.VIEW)
            .filter(park=park, resolved_at__isnull=True)
            .count()
        )
        return {
            **context,
            "park": park,
            "cockpit": park_cockpit(self.request.user, park),
            "open_alerts": open_alerts,
        }


class WallView(CockpitView):
    """The cockpit full screen on a dark background for the meeting room; it reloads itself."""

    template_name = "reports/wall.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "refresh": WALL_REFRESH}


class ZoneCockpitView(ScopedViewMixin, TemplateView):
    """Every park of the viewer's reach side by side with the zone total and the ranking."""

    domain = access.Domain.REPORTS
    template_name = "reports/zone.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        parks = list(report_parks(self.request.user))
        return {
            **super().get_context_data(**kwargs),
            "title": _("园区对比驾驶舱"),
            "cockpit": zone_cockpit(self.request.user, parks) if parks else None,
        }
