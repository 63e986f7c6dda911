"""Project pages: the list (filters, .xlsx), the kanban, a project with its timeline and stage buttons,
the lead and edit forms, one form per stage action, funds in place."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormView, object_or_404

from .. import selectors, services
from ..filters import ProjectFilterSet
from ..forms import FundsForm, ProjectForm, StepForm
from ..models import PIPELINE, Approval, Contract, Project, StageChange
from ..services.money import signed_amount
from ..services.steps import missing_approvals, offered_actions
from ..tables import ProjectTable
from ..workflow import FLOW, project_actors
from .common import PipelineMixin


class ProjectListView(PipelineMixin, ObjectListView):
    """招商项目."""

    model = Project
    domain = access.Domain.INVESTMENT
    table_class = ProjectTable
    filterset_class = ProjectFilterSet
    title = gettext_lazy("招商项目")
    export_filename = "investment-projects"
    add_url_name = "investment:project_add"
    import_url_name = "investment:project_import"
    export_columns = (
        (gettext_lazy("项目名称"), "name"),
        (gettext_lazy("投资方"), "investor"),
        (gettext_lazy("投资方来源"), "origin"),
        (gettext_lazy("来源省份/国家"), "origin_province"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("产业链"), "chain"),
        (gettext_lazy("计划总投资(元)"), "planned_investment"),
        (gettext_lazy("招商方式"), "channel"),
        (gettext_lazy("展会/会议"), "source_event"),
        (gettext_lazy("阶段"), "stage"),
        (gettext_lazy("进入本阶段日期"), "stage_since"),
        (gettext_lazy("引进人"), "introducer"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.project_list(user=self.request.user)


class ProjectBoardView(PipelineMixin, ScopedViewMixin, TemplateView):
    """The kanban: open projects in one column per stage."""

    domain = access.Domain.INVESTMENT
    template_name = "investment/board.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        projects = list(selectors.project_list(user=self.request.user).order_by("stage_since", "pk"))
        columns = [(stage, [p for p in projects if p.stage == stage]) for stage in PIPELINE]
        return super().get_context_data(title=_("项目看板"), columns=columns, **kwargs)


class ProjectDetailView(PipelineMixin, ScopedViewMixin, TemplateView):
    """A project: its facts, the stage timeline, approvals, contract revisions, funds in place, buttons."""

    domain = access.Domain.INVESTMENT
    object_model = Project
    template_name = "investment/project_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = object_or_404(self.request, Project, kwargs["pk"])
        actors = project_actors(self.request.user, project)
        offered = offered_actions(self.request.user, project)
        return super().get_context_data(
            title=project.name,
            project=project,
            steps=StageChange.objects.filter(project=project)
            .select_related("by")
            .order_by("happened_on", "pk"),
            contracts=Contract.objects.filter(project=project).order_by("revision"),
            approvals=Approval.objects.filter(project=project).select_related("level", "by"),
            pending_approvals=missing_approvals(project),
            funds=project.funds_in_place.order_by("arrived_on", "pk"),
            signed=signed_amount(project),
            actions=[(a, FLOW.label(a)) for a in offered],
            can_change="staff" in actors,
            **kwargs,
        )


class ProjectFormView(ServiceFormView):
    domain = access.Domain.INVESTMENT
    action = access.Action.CHANGE
    template_name = "core/form.html"

    def get_cancel_url(self) -> str:
        if self.object is not None:
            return str(self.object.get_absolute_url())
        return reverse("investment:project_list")


class ProjectCreateView(PipelineMixin, ProjectFormView):
    action = access.Action.ADD
    title = gettext_lazy("录入招商线索")

    def get_form(self, data: Any = None, files: Any = None) -> ProjectForm:
        return ProjectForm(data, user=self.request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.project_create(
            user=request.user,
            park=form.cleaned_data["park"],
            data=form.service_data(),
            found_on=form.cleaned_data.get("found_on"),
        )
        return _("已录入项目“%s”。") % self.saved.name


class ProjectEditView(PipelineMixin, ProjectFormView):
    object_model = Project
    title = gettext_lazy("编辑项目")

    def get_form(self, data: Any = None, files: Any = None) -> ProjectForm:
        return ProjectForm(data, instance=self.object, user=self.request.user, creating=False)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.project_update(
            user=request.user,
            project=self.object,
            version=form.cleaned_data["version"],
            data=form.service_data(),
        )
        return _("已保存。")


class ProjectStepView(PipelineMixin, ProjectFormView):
    """One stage action (``?action=sign``): its fields, then ``services.project_step``.

    Leaders reach this page for the approval step; the table decides who may take which action.
    """

    object_model = Project
    action = access.Action.VIEW
    template_name = "investment/step_form.html"

    @property
    def step(self) -> str:
        step = self.request.GET.get("action") or self.request.POST.get("step") or ""
        if step not in FLOW.transitions:
            raise Http404
        return step

    @property
    def title(self) -> str:  # type: ignore[override]
        return FLOW.label(self.step)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Without ``?action=`` the page offers the actions the user may take now (maybe none)."""
        if request.GET.get("action"):
            return super().get(request, *args, **kwargs)
        actions = offered_actions(request.user, self.object)
        return render(
            request,
            "investment/step_choice.html",
            {
                "title": _("项目进展"),
                "project": self.object,
                "actions": [(a, FLOW.label(a)) for a in actions],
            },
        )

    def get_form(self, data: Any = None, files: Any = None) -> StepForm:
        return StepForm(data, files, action=self.step, project=self.object, user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(step=self.step, project=self.object, **kwargs)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.project_step(
            user=request.user,
            project=self.object,
            action=self.step,
            version=form.cleaned_data["version"],
            note=form.cleaned_data.get("note", ""),
            evidence=form.cleaned_data.get("evidence"),
            **services.step_data(self.step, form.service_data()),
        )
        return _("已完成:%s。") % FLOW.label(self.step)


class FundsRecordView(PipelineMixin, ProjectFormView):
    """登记到位资金 for a signed project."""

    object_model = Project
    title = gettext_lazy("登记到位资金")
    form_class = FundsForm

    def save(self, request: HttpRequest, form: Any) -> str:
        entry = services.funds_record(user=request.user, project=self.object, data=form.cleaned_data)
        return _("已登记到位资金 %s 元。") % f"{entry.amount:,.2f}"
