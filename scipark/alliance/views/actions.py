"""项目清单: joint actions — the list, a joint action's page, editing, status changes and milestones."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from scipark.core import access
from scipark.core.views import ObjectListView

from .. import selectors, services
from ..filters import JointActionFilterSet
from ..forms import ActionTransitionForm, JointActionForm, MilestoneDoneForm, MilestoneForm
from ..models import JointAction, Milestone
from ..tables import JointActionTable
from .base import AllianceDetailView, AllianceFormView


class JointActionListView(ObjectListView):
    """项目清单."""

    model = JointAction
    domain = access.Domain.SERVICE
    table_class = JointActionTable
    filterset_class = JointActionFilterSet
    title = gettext_lazy("项目清单")
    export_filename = "alliance-joint-actions"
    export_columns = (
        (pgettext_lazy("joint action", "项目名称"), "title"),
        (gettext_lazy("联盟"), "alliance.name"),
        (gettext_lazy("产业链"), "chain.name"),
        (gettext_lazy("责任部门"), "owner_department.name"),
        (gettext_lazy("责任人"), "owner_person"),
        (gettext_lazy("进度(%)"), "progress"),
        (gettext_lazy("状态"), "status"),
        (gettext_lazy("开始日期"), "start_on"),
        (gettext_lazy("计划完成日期"), "due_on"),
        (gettext_lazy("完成日期"), "completed_on"),
        (gettext_lazy("成效"), "outcome"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.action_list(user=self.request.user)

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "progress":
            return selectors.action_progress(obj)
        return super().export_value(obj, accessor)


class JointActionDetailView(AllianceDetailView):
    """A joint action: needs and resources, partners, milestones and progress."""

    object_model = JointAction
    template_name = "alliance/action_detail.html"

    def describe(self, user: Any, action: Any) -> dict[str, Any]:
        masker = selectors.NameMasker(user)
        staff = services.keeps(user, action.alliance)
        open_action = action.status in services.ACTIVE_ACTION_STATES
        return {
            "title": action.title,
            "action": action,
            "progress": selectors.action_progress(action),
            "needs": [(n, masker.provider(n)) for n in selectors.need_list(user=user).filter(actions=action)],
            "resources": [
                (r, masker.provider(r)) for r in selectors.resource_list(user=user).filter(actions=action)
            ],
            "partners": [masker.name(e) for e in action.partners.all()],
            "partner_orgs": [masker.party_org(o) for o in action.partner_orgs.select_related("enterprise")],
            "milestones": action.milestones.all(),
            "staff": staff and open_action,
            "transition_form": ActionTransitionForm(initial={"version": action.version})
            if staff and open_action
            else None,
            "done_form": MilestoneDoneForm(),
        }


class JointActionEditView(AllianceFormView):
    object_model = JointAction
    title = gettext_lazy("编辑联合项目")
    form_class = JointActionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.object}

    def save(self, request: HttpRequest, form: Any) -> str:
        services.joint_action_update(
            user=request.user,
            action=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存。")


class JointActionTransitionView(AllianceFormView):
    """Start, complete (with its outcome) or cancel a joint action."""

    object_model = JointAction
    title = gettext_lazy("变更项目状态")
    form_class = ActionTransitionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"version": self.object.version}}

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        action = services.joint_action_transition(
            user=request.user,
            action=self.object,
            to=data["to"],
            expected_version=data["version"],
            on=data["on"],
            outcome=data["outcome"] or "",
        )
        return _("项目状态已改为“%s”。") % action.get_status_display()


class MilestoneAddView(AllianceFormView):
    object_model = JointAction
    title = gettext_lazy("新增项目节点")
    form_class = MilestoneForm

    def save(self, request: HttpRequest, form: Any) -> str:
        services.milestone_add(user=request.user, action=self.object, **form.cleaned_data)
        return _("已新增节点。")


class MilestoneDoneView(AllianceFormView):
    """Record a milestone as reached (posted from the joint action's page)."""

    object_model = Milestone
    title = gettext_lazy("完成项目节点")
    form_class = MilestoneDoneForm

    def save(self, request: HttpRequest, form: Any) -> str:
        services.milestone_done(
            user=request.user, milestone=self.object, done_on=form.cleaned_data["done_on"]
        )
        return _("节点已完成。")
