"""Boilers, campaigns, certifications and hazardous waste pages, and the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.figures import compute_figures, unit_text
from scipark.core.terms import data_term
from scipark.core.views import ObjectListView, ScopedViewMixin, object_or_404
from scipark.parks.models import Park

from .. import selectors
from ..filters import BoilerFilterSet, CampaignFilterSet, CertificationFilterSet
from ..models import Boiler, Campaign, CampaignResult, CampaignTarget, Certification, WasteRecord
from ..nox import NoxInputError, nox_reduction
from ..tables import BoilerTable, CampaignTable, CertificationTable, percent
from .network import map_context

G_ROWS = ["G1", "G2", "G3", "G4", "G5", "G6", "G7"]


class BoilerListView(ObjectListView):
    model = Boiler
    domain = access.Domain.ENVIRONMENT
    table_class = BoilerTable
    filterset_class = BoilerFilterSet
    title = gettext_lazy("锅炉与低氮改造")
    add_url_name = "environment:boiler_add"
    import_url_name = "environment:boiler_import"
    export_filename = "environment-boilers"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("锅炉编号"), "name"),
        (gettext_lazy("额定蒸发量(蒸吨/小时)"), "capacity_tph"),
        (gettext_lazy("年运行小时"), "operating_hours"),
        (gettext_lazy("平均负荷率"), "load_factor"),
        (gettext_lazy("改造前实测NOx(mg/m³)"), "nox_before"),
        (gettext_lazy("改造前实测氧含量(%)"), "o2_before"),
        (gettext_lazy("改造后实测NOx(mg/m³)"), "nox_after"),
        (gettext_lazy("改造后实测氧含量(%)"), "o2_after"),
        (gettext_lazy("改造完成日期"), "retrofit_completed_on"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().select_related("enterprise")

    def get_table_kwargs(self) -> dict[str, Any]:
        return {} if selectors.keeps_records(self.request.user) else {"exclude": ("edit",)}


class BoilerDetailView(ScopedViewMixin, TemplateView):
    """A boiler with its NOx cut worked out step by step under the factors in force."""

    domain = access.Domain.ENVIRONMENT
    object_model = Boiler
    template_name = "environment/boiler_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        boiler = object_or_404(self.request, Boiler, kwargs["pk"])
        on = boiler.retrofit_completed_on or timezone.localdate()
        method = selectors.nox_method(boiler.park, on)
        result, problem = None, ""
        if method is None:
            problem = _("没有适用的氮氧化物核算参数。")
        elif boiler.nox_after is None:
            problem = _("尚未填写改造后实测浓度。")
        else:
            try:
                result = nox_reduction(selectors.measurement(boiler), selectors.as_method(method))
            except NoxInputError as exc:
                problem = exc.message
        can_change = Boiler.objects.restrict(self.request.user, access.Action.CHANGE).filter(pk=boiler.pk)
        context.update(
            title=str(boiler),
            boiler=boiler,
            method=method,
            result=result,
            problem=problem,
            can_change=can_change.exists(),
        )
        return context


class CampaignListView(ObjectListView):
    """Campaigns, a page at a time, with coverage = done / planned computed for the page's rows from
    prefetched targets, rounds and results (a fixed number of queries)."""

    model = Campaign
    domain = access.Domain.ENVIRONMENT
    table_class = CampaignTable
    filterset_class = CampaignFilterSet
    title = gettext_lazy("全覆盖行动")
    add_url_name = "environment:campaign_add"
    export_filename = "environment-campaigns"
    export_columns = (
        (gettext_lazy("名称"), "title"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("年度"), "year"),
        (gettext_lazy("应完成"), "planned"),
        (gettext_lazy("已完成"), "done"),
        (gettext_lazy("覆盖率"), "rate"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.with_coverage(super().get_queryset()).order_by("-year", "kind", "id")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor in ("planned", "done", "rate"):
            found = selectors.campaign_coverage(obj)
            return percent(found.rate) if accessor == "rate" else getattr(found, accessor)
        return super().export_value(obj, accessor)


class CampaignDetailView(ScopedViewMixin, TemplateView):
    domain = access.Domain.ENVIRONMENT
    object_model = Campaign
    template_name = "environment/campaign_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaign = object_or_404(self.request, Campaign, kwargs["pk"])
        user = self.request.user
        # An enterprise user sees its own row only (the targets and results are restricted too).
        targets = CampaignTarget.objects.restrict(user, access.Action.VIEW).filter(campaign=campaign)
        results = {
            (r.target_id, r.round_id): r
            for r in CampaignResult.objects.restrict(user, access.Action.VIEW).filter(
                target__campaign=campaign
            )
        }
        changeable = set(
            CampaignResult.objects.restrict(user, access.Action.CHANGE)
            .filter(target__campaign=campaign)
            .values_list("pk", flat=True)
        )
        rounds = list(campaign.rounds.order_by("number"))
        rows = [
            (t, [results.get((t.pk, r.pk)) for r in rounds])
            for t in targets.select_related("enterprise").order_by("enterprise__name")
        ]
        context.update(
            title=campaign.title,
            campaign=campaign,
            keeps_records=selectors.keeps_records(user)
            and Campaign.objects.restrict(user, access.Action.ADD).filter(pk=campaign.pk).exists(),
            rounds=rounds,
            rows=rows,
            changeable=changeable,
            coverage=selectors.campaign_coverage(campaign),
            rule=selectors.rule_text(campaign),
        )
        return context


class CertificationListView(ObjectListView):
    model = Certification
    domain = access.Domain.ENVIRONMENT
    table_class = CertificationTable
    filterset_class = CertificationFilterSet
    title = gettext_lazy("绿色认证")
    template_name = "environment/certification_list.html"
    add_url_name = "environment:certification_add"
    export_filename = "environment-certifications"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("级别"), "level"),
        (gettext_lazy("评价标准"), "standard"),
        (gettext_lazy("认定机构"), "issuer"),
        (gettext_lazy("文号"), "document_no"),
        (gettext_lazy("认定日期"), "granted_on"),
        (gettext_lazy("有效期至"), "valid_until"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().select_related("enterprise")

    def get_table_kwargs(self) -> dict[str, Any]:
        return {} if selectors.keeps_records(self.request.user) else {"exclude": ("edit",)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["expiring"] = self.get_queryset().filter(
            valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=90)
        )
        return context


class WasteListView(ScopedViewMixin, TemplateView):
    """Hazardous waste per year and category: generated, treated, stored."""

    domain = access.Domain.ENVIRONMENT
    template_name = "environment/waste_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        records = WasteRecord.objects.restrict(self.request.user, access.Action.VIEW)
        rows = (
            records.values("year", "category", "producer__is_key")
            .annotate(generated=Sum("generated_t"), treated=Sum("treated_t"), stored=Sum("stored_t"))
            .order_by("-year", "category", "-producer__is_key")
        )
        ledgers = records.select_related("producer__enterprise").order_by(
            "-year", "producer__enterprise__name", "category"
        )
        context.update(
            title=gettext_lazy("危险废物"),
            rows=rows,
            ledgers=ledgers[:200],
            keeps_records=selectors.keeps_records(self.request.user),
        )
        return context


class DashboardView(ScopedViewMixin, TemplateView):
    """The department's year: G1–G7 for a park and year, the ledger by round and state, and the map."""

    domain = access.Domain.ENVIRONMENT
    template_name = "environment/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        parks = Park.objects.restrict(user, access.Action.VIEW, domain=access.Domain.ENVIRONMENT).order_by(
            "pk"
        )
        park = (
            parks.filter(pk=self.request.GET.get("park") or 0).first()
            if self.request.GET.get("park", "").isdigit()
            else None
        )
        park = park or parks.first()
        raw_year = self.request.GET.get("year", "")
        year = (
            int(raw_year)
            if raw_year.isdigit() and 1990 <= int(raw_year) <= 2100
            else timezone.localdate().year - 1
        )
        findings = selectors.finding_list(user=user)
        context.update(
            title=gettext_lazy("生态环境监管"),
            parks=parks,
            park=park,
            year=year,
            figures=_titled(compute_figures(park, year, only=G_ROWS, viewer=user))
            if park is not None
            else {},
            **map_context(user),
            counts=selectors.ledger_counts(findings),
            overdue=selectors.overdue(findings, timezone.localdate()).count(),
        )
        return context


def _titled(figures: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The registry's figures with each title and unit in the reader's language (titles are catalogue
    strings, units Chinese keys; the notes and bases were worded when the figures were computed)."""
    return {
        key: {**figure, "title": data_term(figure["title"]), "unit": unit_text(figure["unit"])}
        for key, figure in figures.items()
    }
