"""The indicator alerts of a park (``/reports/alerts/?park=bio&state=open``) with acknowledge and resolve
buttons for the park's leader and the indicator's owner department."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin, ServiceActionView

from .. import alert_services
from ..models import Alert
from .choice import chosen_park, member_parks

STATES = {"open": gettext_lazy("未解除"), "resolved": gettext_lazy("已解除"), "all": gettext_lazy("全部")}
SHOWN = 200  # a park has one alert per target and year: the list stays short


class AlertListView(ScopedViewMixin, TemplateView):
    """A park's alerts, open ones first by default."""

    domain = access.Domain.REPORTS
    template_name = "reports/alerts.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        parks = member_parks(user)
        context: dict[str, Any] = {
            **super().get_context_data(**kwargs),
            "title": _("指标预警"),
            "parks": parks,
        }
        if not parks.exists():
            return context  # zone viewers: the template says whose list this is
        park = chosen_park(self.request, parks)
        state = self.request.GET.get("state", "open")
        state = state if state in STATES else "open"
        rows = Alert.objects.restrict(user, access.Action.VIEW).filter(park=park)
        if state == "open":
            rows = rows.filter(resolved_at__isnull=True)
        elif state == "resolved":
            rows = rows.filter(resolved_at__isnull=False)
        latest = rows.select_related("park", "acknowledged_by", "resolved_by").order_by("-last_seen", "-pk")
        # Open before resolved, alarms before warnings (in Python: NULLs sort differently per database).
        alerts = sorted(latest[:SHOWN], key=lambda a: (not a.is_open, a.level != Alert.Level.ALARM))
        changeable = set(
            Alert.objects.restrict(user, access.Action.CHANGE)
            .filter(pk__in=[a.pk for a in alerts])
            .values_list("pk", flat=True)
        )
        return {
            **context,
            "park": park,
            "state": state,
            "states": STATES,
            "alerts": [(alert, alert.pk in changeable) for alert in alerts],
            "open_count": Alert.objects.restrict(user, access.Action.VIEW)
            .filter(park=park, resolved_at__isnull=True)
            .count(),
        }


class AlertActionView(ServiceActionView):
    """A button on one alert: the route is for every reader of reports, the alert itself for the park's
    leader and the owner department (403 for other readers, 404 out of reach)."""

    domain = access.Domain.REPORTS
    object_model = Alert
    action = access.Action.CHANGE  # the object's rule
    post_action = access.Action.VIEW  # the route's rule: reports is read-only in the core table

    def required_action(self, request: HttpRequest) -> access.Action:
        return self.post_action if request.method == "POST" else self.action


class AlertAcknowledgeView(AlertActionView):
    def perform(self, request: HttpRequest, obj: Any) -> str:
        alert_services.alert_acknowledge(
            user=request.user, alert=obj, expected_version=self.posted_version(request)
        )
        return _("已确认预警“%(alert)s”。") % {"alert": obj.subject_name}


class AlertResolveView(AlertActionView):
    def perform(self, request: HttpRequest, obj: Any) -> str:
        alert_services.alert_resolve(
            user=request.user, alert=obj, expected_version=self.posted_version(request)
        )
        return _("已解除预警“%(alert)s”。") % {"alert": obj.subject_name}
