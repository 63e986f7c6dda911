"""Fixed-asset investment projects (固定资产投资): list with completed totals, detail with the monthly
completed investment, forms. In the statistics from a planned total of 500万元 (DOMAIN.md §1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.money import from_wan, in_wan, wan_figure, wan_text
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormView

from .. import services
from ..filters import FixedAssetProjectFilterSet
from ..forms import InvestmentForm, ProjectForm
from ..models import FixedAssetProject, ProjectMonthlyInvestment
from ..tables import FixedAssetProjectTable
from .base import EconomyFormView

ZERO = Decimal(0)


def projects_in_reach(user: Any) -> models.QuerySet[Any]:
    return (
        FixedAssetProject.objects.restrict(user, access.Action.VIEW)
        .select_related("park", "enterprise")
        .annotate(
            completed_total=Coalesce(
                Sum("investments__amount"),
                ZERO,
                output_field=models.DecimalField(max_digits=22, decimal_places=2),
            )
        )
    )


class ProjectListView(ObjectListView):
    """固定资产投资: projects with planned and completed investment; .xlsx export."""

    model = FixedAssetProject
    domain = access.Domain.ECONOMY
    table_class = FixedAssetProjectTable
    filterset_class = FixedAssetProjectFilterSet
    title = gettext_lazy("固定资产投资项目")
    export_filename = "fixed-asset-projects"
    add_url_name = "economy:project_add"
    export_columns = (
        (gettext_lazy("项目名称"), "name"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("建设单位"), "enterprise.name"),
        (gettext_lazy("计划总投资(万元)"), "wan:planned_total"),
        (gettext_lazy("累计完成投资(万元)"), "wan:completed_total"),
        (gettext_lazy("开工日期"), "start_date"),
        (gettext_lazy("竣工日期"), "end_date"),
        (gettext_lazy("纳入统计"), "in_scope_text"),
        (gettext_lazy("说明"), "note"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return projects_in_reach(self.request.user).order_by("-start_date", "name")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor.startswith("wan:"):
            return in_wan(getattr(obj, accessor[4:]))
        if accessor == "in_scope_text":
            return _("是") if obj.in_scope else _("否")
        return super().export_value(obj, accessor)


def project_page(request: HttpRequest, pk: int, form: BaseForm) -> dict[str, Any]:
    """A project with its completed investment by month and by year, and the form to record a month."""
    project = get_object_or_404(projects_in_reach(request.user), pk=pk)
    months = list(ProjectMonthlyInvestment.objects.filter(project=project).order_by("-period"))
    by_year: dict[int, Decimal] = {}
    for row in months:
        by_year[row.period.year] = by_year.get(row.period.year, ZERO) + row.amount
    return {
        "title": project.name,
        "project": project,
        # To two places with separators, as the list writes them: the total is written again as the sum of
        # the rows, so one figure reads one way on the page (ADR 0013).
        "months": [(row, wan_figure(row.amount, places=2)) for row in months],
        "years": sorted(((y, wan_figure(v, places=2)) for y, v in by_year.items()), reverse=True),
        "planned_wan": wan_figure(project.planned_total, places=2),
        "completed_wan": wan_figure(project.completed_total, places=2),
        "form": form,
        "can_change": services.is_economy_staff(request.user, project.park_id),
    }


class ProjectDetailView(ScopedViewMixin, View):
    """A project and its monthly completed investment, with the form to record a month."""

    domain = access.Domain.ECONOMY
    object_model = FixedAssetProject
    template_name = "economy/project_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, project_page(request, pk, InvestmentForm()))


class ProjectInvestmentView(ServiceFormView):
    """Record (or correct) one month's completed investment: the form of the project's page."""

    domain = access.Domain.ECONOMY
    action = access.Action.CHANGE
    object_model = FixedAssetProject
    form_class = InvestmentForm
    template_name = "economy/project_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return project_page(self.request, self.object.pk, kwargs["form"])

    def save(self, request: HttpRequest, form: Any) -> str:
        period = form.cleaned_data["period"]
        services.project_investment_set(
            user=request.user,
            project=self.object,
            period=period,
            amount=from_wan(form.cleaned_data["amount"]) or ZERO,
        )
        return _("已保存 %(p)s 完成投资。") % {"p": f"{period:%Y-%m}"}

    def get_success_url(self) -> str:
        return reverse("economy:project_detail", args=[self.object.pk])


class ProjectCreateView(EconomyFormView):
    """Register a fixed-asset investment project."""

    action = access.Action.ADD
    title = gettext_lazy("新增固定资产投资项目")
    list_url_name = "economy:project_list"

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        return ProjectForm(data, user=self.request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.project_create(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        return _("已新增项目“%(name)s”。") % {"name": self.saved.name}

    def get_success_url(self) -> str:
        return reverse("economy:project_detail", args=[self.saved.pk])


class ProjectEditView(EconomyFormView):
    """Change a project (optimistic lock on its version)."""

    object_model = FixedAssetProject
    action = access.Action.CHANGE
    title = gettext_lazy("编辑固定资产投资项目")

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        p = self.object
        initial = {
            "name": p.name,
            "enterprise": p.enterprise,
            "planned_total": wan_text(p.planned_total),
            "start_date": p.start_date,
            "end_date": p.end_date,
            "note": p.note,
            "version": p.version,
        }
        return ProjectForm(data, user=self.request.user, creating=False, initial=initial)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.project_update(
            user=request.user,
            project=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存项目。")

    def get_success_url(self) -> str:
        return reverse("economy:project_detail", args=[self.object.pk])

    def get_cancel_url(self) -> str:
        return self.get_success_url()
