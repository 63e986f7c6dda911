"""规上培育: enterprises approaching the above-scale thresholds (trailing 12 months, projected crossing
month), those that entered this year, and the statistics bureau's decisions, which staff record here."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.money import in_wan
from scipark.core.views import ExportMixin, ScopedViewMixin, export_xlsx
from scipark.parks.models import Park

from .. import collection, dashboard, kpi, selectors, services
from ..filters import parse_period
from ..forms import ScaleDecisionForm
from ..models import ScaleDecision
from ..pipeline import APPROACH_SHARE
from .base import EconomyFormView, due_period

#: The candidates' columns, in the UI language (the page's headers, a phone card's labels, the export's).
CANDIDATE_HEADERS = (
    gettext_lazy("企业"),
    gettext_lazy("目标范围"),
    pgettext_lazy("the measure a threshold is read on", "依据"),
    gettext_lazy("近12个月(万元)"),
    gettext_lazy("标准(万元)"),
    gettext_lazy("达标程度"),
    gettext_lazy("月均增量(万元)"),
    gettext_lazy("预计达标月份"),
)


class PipelineView(ExportMixin, ScopedViewMixin, TemplateView):
    """Candidates for a park (the latest complete month), this year's entrants, recorded decisions;
    ``?export=xlsx`` downloads the candidates."""

    domain = access.Domain.ECONOMY
    template_name = "economy/pipeline.html"

    def candidates(self, request: HttpRequest) -> dict[str, Any]:
        """The park asked for (the first in reach by default), its month, and its candidates as rows."""
        user = request.user
        parks = list(
            Park.objects.restrict(user, access.Action.VIEW, domain=access.Domain.ECONOMY).order_by("name")
        )
        wanted = request.GET.get("park", "")
        park = (
            next((p for p in parks if str(p.pk) == wanted), None) if wanted else (parks[0] if parks else None)
        )
        if wanted and park is None:
            raise Http404
        reach = selectors.panel_reach(user, park) if park is not None else selectors.Reach((), frozenset())
        text = request.GET.get("period", "").strip()
        asked = parse_period(text) if text else None
        problem = (
            _("报告期“%(text)s”无法识别,应写作“年-月”,如 2023-12;已显示默认月份。") % {"text": text[:20]}
            if text and asked is None
            else ""
        )
        default = selectors.opening_period(reach) if park is not None else None
        period = asked or default or due_period()
        closed = park is not None and collection.closed_period([park.pk], period) is not None
        board = (
            None if closed or park is None else collection.reporting_board(park_ids=[park.pk], period=period)
        )
        candidates = selectors.pipeline_candidates(user=user, park=park, period=period) if park else []
        rows = [
            [
                c.enterprise_name,
                c.scale_set_label,
                _("营业收入") if c.measure == "revenue" else _("销售额"),
                in_wan(c.projection.trailing),
                in_wan(c.projection.threshold),
                kpi.percent(c.projection.share),
                in_wan(c.projection.monthly_trend),
                _("已达标")
                if c.projection.crossed
                else (f"{c.crossing:%Y-%m}" if c.crossing else _("暂无法预计")),
            ]
            for c in candidates
        ]
        return {
            "parks": parks,
            "park": park,
            "reach": reach,
            "period": period,
            "candidates": candidates,
            "rows": rows,
            "problem": problem,
            "closed": closed,
            "board": board,
        }

    def export(self, request: HttpRequest) -> HttpResponse:
        found = self.candidates(request)
        return export_xlsx(
            request,
            filename=f"规上培育-{found['period']:%Y-%m}",
            sheet=_("规上培育"),
            headers=CANDIDATE_HEADERS,
            rows=found["rows"],
            object_type="economy.pipeline",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        found = self.candidates(self.request)
        park, period = found["park"], found["period"]
        changes = selectors.scale_changes(user=user, reach=found["reach"], year=period.year)
        decisions = (
            ScaleDecision.objects.restrict(user, access.Action.VIEW)
            .filter(park__in=[park] if park else [])
            .select_related("enterprise")
            .order_by("-effective_period", "enterprise__name")[:100]
        )
        return {
            **super().get_context_data(**kwargs),
            "title": _("规上培育"),
            "parks": found["parks"],
            "park": park,
            "period": period,
            "problem": found["problem"],
            "closed": found["closed"],
            "board": found["board"],
            "share": kpi.percent(APPROACH_SHARE, 0),
            # each cell with its column's header: a phone's card writes it beside the value (sp-stack-sm)
            "candidates": [
                (candidate, list(zip(CANDIDATE_HEADERS, dashboard.row_text(row), strict=True)))
                for candidate, row in zip(found["candidates"], found["rows"], strict=True)
            ],
            "headers": CANDIDATE_HEADERS,
            "entered": changes.entered,
            "left": changes.left,
            "decisions": decisions,
            "can_decide": park is not None and services.is_economy_staff(user, park.pk),
        }


class ScaleDecisionView(EconomyFormView):
    """Record the statistics bureau's decision (纳入/退出), which writes the enterprise's status history."""

    action = access.Action.ADD
    title = gettext_lazy("登记入规/退规决定")
    list_url_name = "economy:pipeline"

    def get_form(self, data: Any = None, files: Any = None) -> ScaleDecisionForm:
        request = self.request
        if data is not None:
            return ScaleDecisionForm(data, user=request.user)
        initial = {k: request.GET[k] for k in ("enterprise", "scale_set", "direction") if request.GET.get(k)}
        return ScaleDecisionForm(user=request.user, initial=initial)

    def save(self, request: HttpRequest, form: Any) -> str:
        # The form's fields are the service's arguments (enterprise, scale set, direction, dates, reason …).
        decision = services.scale_decision_record(user=request.user, **form.cleaned_data)
        return _("已登记:%(d)s") % {"d": str(decision)}
