"""规上培育: enterprises approaching the above-scale thresholds (trailing 12 months, projected crossing
month), those that entered this year, and the statistics bureau's decisions, which staff record here."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.exports import xlsx_response
from scipark.core.models import AuditEvent
from scipark.core.views import ScopedViewMixin
from scipark.parks.models import Park

from . import dashboard, kpi, selectors, services
from .forms import ScaleDecisionForm
from .models import ScaleDecision
from .pipeline import APPROACH_SHARE
from .views_base import EconomyFormView
from .views_returns import due_period

CANDIDATE_HEADERS = (
    "企业",
    "目标范围",
    "依据",
    "近12个月(万元)",
    "标准(万元)",
    "达标程度",
    "月均增量(万元)",
    "预计达标月份",
)


class PipelineView(ScopedViewMixin, View):
    """Candidates for a park (the latest complete month), this year's entrants, recorded decisions."""

    domain = access.Domain.ECONOMY
    template_name = "economy/pipeline.html"

    def required_action(self, request: HttpRequest) -> access.Action:
        return access.Action.EXPORT if request.GET.get("export") == "xlsx" else access.Action.VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        parks = list(
            Park.objects.filter(
                pk__in=access.scope_for(user).park_ids(access.Domain.ECONOMY, access.Action.VIEW)
            ).order_by("name")
        )
        wanted = request.GET.get("park", "")
        park = (
            next((p for p in parks if str(p.pk) == wanted), None) if wanted else (parks[0] if parks else None)
        )
        if wanted and park is None:
            raise Http404
        reach = selectors.panel_reach(user, park) if park is not None else selectors.Reach((), frozenset())
        period = (selectors.latest_period(reach) if park is not None else None) or due_period()
        candidates = selectors.pipeline_candidates(user=user, park=park, period=period) if park else []
        changes = selectors.scale_changes(user=user, reach=reach, year=period.year)
        decisions = (
            ScaleDecision.objects.restrict(user, access.Action.VIEW)
            .filter(park__in=[park] if park else [])
            .select_related("enterprise")
            .order_by("-effective_period", "enterprise__name")[:100]
        )
        rows = [
            [
                c.enterprise_name,
                c.scale_set_label,
                _("营业收入") if c.measure == "revenue" else _("销售额"),
                dashboard.wan_number(c.projection.trailing),
                dashboard.wan_number(c.projection.threshold),
                kpi.percent(c.projection.share),
                dashboard.wan_number(c.projection.monthly_trend),
                _("已达标")
                if c.projection.crossed
                else (f"{c.crossing:%Y-%m}" if c.crossing else _("暂无法预计")),
            ]
            for c in candidates
        ]
        if request.GET.get("export") == "xlsx":
            audit_event_record(
                kind=AuditEvent.Kind.EXPORT,
                request=request,
                object_type="economy.pipeline",
                detail={"rows": len(rows), "period": f"{period:%Y-%m}"},
            )
            return xlsx_response("above-scale-pipeline", str(_("规上培育")), list(CANDIDATE_HEADERS), rows)
        can_decide = park is not None and services.is_economy_staff(user, park.pk)
        context = {
            "title": _("规上培育"),
            "parks": parks,
            "park": park,
            "period": period,
            "share": kpi.percent(APPROACH_SHARE, 0),
            "candidates": list(zip(candidates, rows, strict=True)),
            "headers": CANDIDATE_HEADERS,
            "entered": changes.entered,
            "left": changes.left,
            "decisions": decisions,
            "can_decide": can_decide,
        }
        return render(request, self.template_name, context)


class ScaleDecisionView(EconomyFormView):
    """Record the statistics bureau's decision (纳入/退出), which writes the enterprise's status history."""

    action = access.Action.ADD
    heading = gettext_lazy("登记入规/退规决定")

    def make_form(self, request: HttpRequest) -> Any:
        if request.method == "POST":
            return ScaleDecisionForm(request.POST, user=request.user)
        initial = {k: request.GET[k] for k in ("enterprise", "scale_set", "direction") if request.GET.get(k)}
        return ScaleDecisionForm(user=request.user, initial=initial)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        decision = services.scale_decision_record(
            user=request.user,
            enterprise=data["enterprise"],
            scale_set=data["scale_set"],
            direction=data["direction"],
            effective_period=data["effective_period"],
            decided_on=data["decided_on"],
            reason=data["reason"],
            document=data["document"],
            note=data["note"],
        )
        return _("已登记:%(d)s") % {"d": str(decision)}

    def success_url(self) -> str:
        return reverse("economy:pipeline")
