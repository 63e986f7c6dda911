"""Fixed-asset investment projects (固定资产投资): list with completed totals, detail with the monthly
completed investment, forms. In the statistics from a planned total of 500万元 (DOMAIN.md §1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.services import ConflictError
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    apply_service_errors,
    denied_as_http,
    object_for_change,
)

from . import services
from .filters import FixedAssetProjectFilterSet
from .forms import InvestmentForm, ProjectForm, to_wan, to_yuan
from .models import FixedAssetProject, ProjectMonthlyInvestment
from .tables import FixedAssetProjectTable, wan
from .views_base import EconomyFormView

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
            return wan(getattr(obj, accessor[4:]))
        if accessor == "in_scope_text":
            return _("是") if obj.in_scope else _("否")
        return super().export_value(obj, accessor)


class ProjectDetailView(ScopedViewMixin, View):
    """A project and its monthly completed investment, with the form to record a month."""

    domain = access.Domain.ECONOMY
    object_model = FixedAssetProject
    template_name = "economy/project_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(request, pk, InvestmentForm())

    def page(self, request: HttpRequest, pk: int, form: BaseForm, status: int = 200) -> HttpResponse:
        project = get_object_or_404(projects_in_reach(request.user), pk=pk)
        months = list(ProjectMonthlyInvestment.objects.filter(project=project).order_by("-period"))
        by_year: dict[int, Decimal] = {}
        for row in months:
            by_year[row.period.year] = by_year.get(row.period.year, ZERO) + row.amount
        context = {
            "title": project.name,
            "project": project,
            "months": [(row, wan(row.amount)) for row in months],
            "years": sorted(((y, wan(v)) for y, v in by_year.items()), reverse=True),
            "planned_wan": wan(project.planned_total),
            "completed_wan": wan(project.completed_total),
            "form": form,
            "can_change": services.is_economy_staff(request.user, project.park_id),
        }
        return render(request, self.template_name, context, status=status)


class ProjectInvestmentView(ProjectDetailView):
    """Record (or correct) one month's completed investment."""

    action = access.Action.CHANGE

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.project = object_for_change(request, FixedAssetProject, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = InvestmentForm(request.POST)
        if form.is_valid():
            amount = to_yuan(form.cleaned_data["amount"]) or ZERO
            try:
                services.project_investment_set(
                    user=request.user, project=self.project, period=form.cleaned_data["period"], amount=amount
                )
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                messages.success(
                    request, _("已保存 %(p)s 完成投资。") % {"p": f"{form.cleaned_data['period']:%Y-%m}"}
                )
                return redirect("economy:project_detail", pk=pk)
        return self.page(request, pk, form, status=400)


class ProjectCreateView(EconomyFormView):
    """Register a fixed-asset investment project."""

    action = access.Action.ADD
    heading = gettext_lazy("新增固定资产投资项目")

    def make_form(self, request: HttpRequest) -> BaseForm:
        data = request.POST if request.method == "POST" else None
        return ProjectForm(data, user=request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.project = services.project_create(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        return _("已新增项目“%(name)s”。") % {"name": self.project.name}

    def success_url(self) -> str:
        project = getattr(self, "project", None)
        if project is not None and project.pk:
            return reverse("economy:project_detail", args=[project.pk])
        return reverse("economy:project_list")

    def back_url(self) -> str:
        return reverse("economy:project_list")


class ProjectEditView(ProjectCreateView):
    """Change a project (optimistic lock on its version)."""

    object_model = FixedAssetProject
    action = access.Action.CHANGE
    heading = gettext_lazy("编辑固定资产投资项目")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.project = object_for_change(request, FixedAssetProject, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, request: HttpRequest) -> BaseForm:
        p = self.project
        initial = {
            "name": p.name,
            "enterprise": p.enterprise,
            "planned_total": to_wan(p.planned_total),
            "start_date": p.start_date,
            "end_date": p.end_date,
            "note": p.note,
            "version": p.version,
        }
        data = request.POST if request.method == "POST" else None
        return ProjectForm(data, user=request.user, creating=False, initial=initial)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.project_update(
            user=request.user,
            project=self.project,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存项目。")

    def back_url(self) -> str:
        return reverse("economy:project_detail", args=[self.project.pk])
