"""The innovation department's dashboard: T1–T7 from the figures registry, the tier ladder with its
counts, this year's candidates and the certificates about to expire."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop, pgettext
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.figures import compute_figures
from scipark.core.terms import data_term
from scipark.core.views import ScopedViewMixin

from .. import selectors
from ..forms import default_year
from ..models import IntellectualProperty, Level, TechArchive, Tier
from ..tier_results import tier_summary
from .common import chosen_park, int_param

ROWS = ("T1", "T2", "T3", "T4", "T5", "T6", "T7")
#: The T figures' titles and units as the registry gives them (scipark/innovation/figures.py), marked so the
#: catalogue keeps them: the page shows them through ``data_term`` in the UI language (the English page read
#: 孵化载体在孵企业数 … 家 among English words).
FIGURE_TERMS = (
    gettext_noop("孵化载体在孵企业数"),
    gettext_noop("新增认定的梯次培育企业"),
    gettext_noop("与高校签订合作协议"),
    gettext_noop("新认定的科技创新平台"),
    gettext_noop("授权专利"),
    gettext_noop("建立科技档案的企业"),
    gettext_noop("科技服务能力提升库"),
    gettext_noop("家"),
    gettext_noop("个"),
    gettext_noop("件"),
    gettext_noop("所"),
)
#: The candidates the page lists; the card says how many there are in all when there are more.
CANDIDATES_SHOWN = 50


#: A figure's detail keys (scipark/innovation/figures.py) as the page names them; the codes a detail counts by
#: (tiers, patent kinds, platform levels) read through their own choices. ``labels`` is the tier names T2
#: carries for its by-tier counts: not a line of its own.
DETAIL_LABELS = {
    "by_incubator": gettext_lazy("各载体"),
    "by_tier": gettext_lazy("按梯次"),
    "by_kind": gettext_lazy("按类型"),
    "previous_year": gettext_lazy("上年"),
    "universities": gettext_lazy("高校"),
    "agreements": gettext_lazy("与本省高校协议(份)"),
    "all_universities": gettext_lazy("与各地高校协议(份)"),
    "platforms": gettext_lazy("平台"),
    "rd_by_level": gettext_lazy("研发平台按级别"),
    "this_year": gettext_lazy("本年度档案"),
    "accepted": gettext_lazy("其中已审核"),
    "records": gettext_lazy("各库记录"),
    "total": gettext_lazy("记录合计"),
}
HIDDEN_DETAILS = {"labels"}


def _code_labels() -> dict[str, str]:
    """The codes a figure's details count by, by their labels (tiers, patent kinds, platform levels)."""
    choices = [*Tier.choices, *IntellectualProperty.Kind.choices, *Level.choices]
    return {str(code): str(label) for code, label in choices}


def _detail_value(value: Any, codes: dict[str, str]) -> str:
    """One detail as read: a count by key (“发明专利 3、实用新型专利 2”, zeros left out), a list of names or of
    platforms (“名称(研发中心·省级·2025-03-01)”), or a plain value; ``""`` when there is nothing to show."""
    if isinstance(value, dict):
        # a key is a code (a tier, a patent kind) or a name kept as data (a library's, in the UI language)
        return pgettext("enumeration", "、").join(
            f"{codes.get(str(k)) or data_term(str(k))} {v}"
            for k, v in value.items()
            if v not in (None, "", 0)
        )
    if isinstance(value, list | tuple):
        items = []
        for item in value:
            if isinstance(item, dict):
                extra = "·".join(str(item[k]) for k in ("kind", "level", "date") if item.get(k))
                items.append(f"{item.get('name', '')}({extra})" if extra else str(item.get("name", "")))
            else:
                items.append(str(item))
        return pgettext("enumeration", "、").join(i for i in items if i)
    if value in (None, ""):
        return ""
    return str(value)


def detail_lines(details: dict[str, Any]) -> list[str]:
    """A figure's details as short labelled lines (“按类型:发明专利 12”): keys by their Chinese names
    (the walk found ``by_incubator:``, ``universities:[]``, ``labels:tech_sme 科技型中小企业…`` on the cards),
    codes by their labels, empty counts and lists left out."""
    codes = _code_labels()
    lines = []
    for key, value in details.items():
        if key in HIDDEN_DETAILS:
            continue
        shown = _detail_value(value, codes)
        if shown:
            lines.append(
                gettext("%(label)s:%(value)s") % {"label": DETAIL_LABELS.get(key, key), "value": shown}
            )
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
        candidates = selectors.candidates(user=user, park=park)
        context.update(
            title=self.title,
            park=park,
            parks=parks,
            year=year,
            years=sorted(set(years) | {year}),
            figures=[
                {
                    **f,
                    "title": data_term(str(f.get("title") or "")),
                    "unit": data_term(str(f.get("unit") or "")),
                    "lines": detail_lines(f.get("details") or {}),
                }
                for f in figures.values()
            ],
            ladder=tier_summary(user=user, park=park, on=today),
            candidates=candidates[:CANDIDATES_SHOWN],
            candidate_count=len(candidates),
            expiring=list(selectors.expiring(user=user, park=park, today=today)[:50]),
            today=today,
        )
        return context
