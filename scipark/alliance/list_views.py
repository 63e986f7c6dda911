"""The three lists' pages: needs (with the matching view), resources and joint actions (with milestones)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.services import ConflictError
from scipark.core.views import ObjectListView, ScopedViewMixin, denied_as_http

from . import selectors, services
from .filters import JointActionFilterSet, NeedFilterSet, ResourceFilterSet
from .forms import (
    ActionTransitionForm,
    AllianceChoiceForm,
    JointActionForm,
    JointActionFromMatchForm,
    MilestoneDoneForm,
    MilestoneForm,
    NeedForm,
    NeedTransitionForm,
    ResourceForm,
)
from .models import Alliance, JointAction, Milestone, Need, Resource
from .querysets import member_alliance_ids, member_enterprise_ids
from .tables import JointActionTable, NeedTable, ResourceTable
from .views import FormPage, object_for


class _MaskedListView(ObjectListView):
    """A list whose provider column names enterprises only for readers who may see them."""

    domain = access.Domain.SERVICE

    def masker(self) -> selectors.NameMasker:
        if not hasattr(self, "_masker"):
            self._masker = selectors.NameMasker(self.request.user)
        return self._masker

    def get_table_kwargs(self) -> dict[str, Any]:
        return {**super().get_table_kwargs(), "masker": self.masker()}

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "provider":
            return self.masker().provider(obj)
        if accessor == "published":
            return _("是") if obj.published else _("否")
        return super().export_value(obj, accessor)


class NeedListView(_MaskedListView):
    """需求清单."""

    model = Need
    table_class = NeedTable
    filterset_class = NeedFilterSet
    title = gettext_lazy("需求清单")
    export_filename = "alliance-needs"
    add_url_name = "alliance:need_add"
    export_columns = (
        (gettext_lazy("需求"), "title"),
        (gettext_lazy("联盟"), "alliance.name"),
        (gettext_lazy("产业链"), "chain.name"),
        (gettext_lazy("类别"), "category"),
        (gettext_lazy("关键词"), "keywords"),
        (gettext_lazy("说明"), "description"),
        (gettext_lazy("提出方"), "provider"),
        (gettext_lazy("紧急程度"), "urgency"),
        (gettext_lazy("状态"), "status"),
        (gettext_lazy("提出日期"), "raised_on"),
        (gettext_lazy("解决日期"), "met_on"),
        (gettext_lazy("在联盟内公开"), "published"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.need_list(user=self.request.user)


class ResourceListView(_MaskedListView):
    """资源清单."""

    model = Resource
    table_class = ResourceTable
    filterset_class = ResourceFilterSet
    title = gettext_lazy("资源清单")
    export_filename = "alliance-resources"
    add_url_name = "alliance:resource_add"
    export_columns = (
        (gettext_lazy("资源"), "title"),
        (gettext_lazy("联盟"), "alliance.name"),
        (gettext_lazy("产业链"), "chain.name"),
        (gettext_lazy("类别"), "category"),
        (gettext_lazy("关键词"), "keywords"),
        (gettext_lazy("说明"), "description"),
        (gettext_lazy("提供方"), "provider"),
        (gettext_lazy("可提供能力"), "capacity"),
        (gettext_lazy("有效期起"), "valid_from"),
        (gettext_lazy("有效期止"), "valid_to"),
        (gettext_lazy("状态"), "status"),
        (gettext_lazy("在联盟内公开"), "published"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.resource_list(user=self.request.user)


class JointActionListView(ObjectListView):
    """项目清单."""

    model = JointAction
    domain = access.Domain.SERVICE
    table_class = JointActionTable
    filterset_class = JointActionFilterSet
    title = gettext_lazy("项目清单")
    export_filename = "alliance-joint-actions"
    export_columns = (
        (gettext_lazy("项目名称"), "title"),
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


# --- needs and resources: create, detail, edit --------------------------------------------------


def alliances_for_new_items(user: Any) -> models.QuerySet[Alliance]:
    """Alliances in which the user may raise a need or offer a resource (staff's parks, or membership)."""
    staff_parks = access.scope_for(user).park_ids(access.Domain.SERVICE, access.Action.ADD)
    members = member_enterprise_ids(user)
    query = models.Q(park_id__in=staff_parks)
    if members:
        query |= models.Q(pk__in=member_alliance_ids(members))
    return Alliance.objects.filter(query).order_by("park")


ItemFormType = NeedForm | ResourceForm


class ItemCreateView(FormPage):
    """A new need or resource; the alliance comes from ``?alliance=`` when the user reaches several."""

    action = access.Action.ADD
    form_class: ClassVar[type[ItemFormType]]
    kind: ClassVar[str]
    alliance: Alliance | None = None

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        alliances = alliances_for_new_items(request.user)
        self.choices = alliances
        wanted = request.GET.get("alliance") or request.POST.get("alliance")
        if wanted and str(wanted).isdigit():
            self.alliance = alliances.filter(pk=int(wanted)).first()
        elif alliances.count() == 1:
            self.alliance = alliances.first()

    def cancel_url(self) -> str:
        return reverse(f"alliance:{self.kind}_list")

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if self.alliance is None:
            return render(
                request,
                "alliance/choose_alliance.html",
                {
                    "title": self.title,
                    "form": AllianceChoiceForm(alliances=self.choices),
                    "none": not self.choices,
                },
            )
        return super().get(request, **kwargs)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if self.alliance is None:
            return render(
                request,
                "alliance/choose_alliance.html",
                {
                    "title": self.title,
                    "form": AllianceChoiceForm(alliances=self.choices),
                    "none": not self.choices,
                },
                status=400,
            )
        return super().post(request, **kwargs)

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        assert self.alliance is not None
        staff = services.is_alliance_staff(user=request.user, park_id=self.alliance.park_id)
        fields: tuple[str, ...] = tuple(self.form_class._meta.fields or ())
        editable = tuple(fields) if staff else tuple(f for f in fields if f in services.MEMBER_FIELDS)
        return self.form_class(
            data, alliance=self.alliance, user=request.user, editable=editable, creating=True
        )


class NeedCreateView(ItemCreateView):
    title = gettext_lazy("提出需求")
    form_class = NeedForm
    kind = "need"

    def save(self, request: HttpRequest, form: Any) -> str:
        assert self.alliance is not None
        need = services.need_create(user=request.user, alliance=self.alliance, data=form.service_data())
        self.success_url = reverse("alliance:need_detail", args=[need.pk])
        return _("已登记需求“%s”。") % need.title


class ResourceCreateView(ItemCreateView):
    title = gettext_lazy("登记资源")
    form_class = ResourceForm
    kind = "resource"

    def save(self, request: HttpRequest, form: Any) -> str:
        assert self.alliance is not None
        resource = services.resource_create(
            user=request.user, alliance=self.alliance, data=form.service_data()
        )
        self.success_url = reverse("alliance:resource_detail", args=[resource.pk])
        return _("已登记资源“%s”。") % resource.title


class ItemEditView(FormPage):
    """Edit a need or a resource (staff; its enterprise while it is open)."""

    form_class: ClassVar[type[ItemFormType]]
    kind: ClassVar[str]

    def cancel_url(self) -> str:
        return reverse(f"alliance:{self.kind}_detail", args=[self.object.pk])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        editable = services.item_editable_fields(user=request.user, item=self.object)
        return self.form_class(
            data,
            instance=self.object,
            alliance=self.object.alliance,
            user=request.user,
            editable=editable,
            creating=False,
        )

    def save(self, request: HttpRequest, form: Any) -> str:
        services.item_update(
            user=request.user,
            item=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        self.success_url = self.cancel_url()
        return _("已保存。")


class NeedEditView(ItemEditView):
    object_model = Need
    title = gettext_lazy("编辑需求")
    form_class = NeedForm
    kind = "need"


class ResourceEditView(ItemEditView):
    object_model = Resource
    title = gettext_lazy("编辑资源")
    form_class = ResourceForm
    kind = "resource"


class NeedDetailView(ScopedViewMixin, TemplateView):
    """A need, its joint actions, and (for staff) the best suggested resources."""

    domain = access.Domain.SERVICE
    object_model = Need
    template_name = "alliance/need_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        need = object_for(self.request, Need, kwargs["pk"], access.Action.VIEW)
        staff = services.is_alliance_staff(user=user, park_id=need.alliance.park_id)
        masker = selectors.NameMasker(user)
        editable = access.can_reach(user, need, access.Action.CHANGE) and bool(
            services.item_editable_fields(user=user, item=need)
        )
        context.update(
            title=need.title,
            need=need,
            provider=masker.provider(need),
            actions=selectors.action_list(user=user).filter(needs=need),
            suggestions=selectors.need_suggestions(need=need, user=user, limit=5) if staff else [],
            staff=staff,
            can_edit=editable,
            transitions=[
                (to, label)
                for to, label in Need.Status.choices
                if to in services.NEED_TRANSITIONS.get(need.status, frozenset())
            ]
            if staff
            else [],
            can_withdraw=(not staff) and editable and need.status == Need.Status.OPEN,
        )
        return context


class NeedMatchView(FormPage):
    """The matching view: suggested resources for a need, and the one-step joint action."""

    object_model = Need
    title = gettext_lazy("对接资源")
    template_name = "alliance/need_match.html"

    def cancel_url(self) -> str:
        return reverse("alliance:need_detail", args=[self.object.pk])

    def suggestions(self, request: HttpRequest) -> list[selectors.Suggestion]:
        if not hasattr(self, "_suggestions"):
            self._suggestions = selectors.need_suggestions(need=self.object, user=request.user, limit=10)
        return self._suggestions

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        ids = [s.resource.pk for s in self.suggestions(request)]
        return JointActionFromMatchForm(data, need=self.object, resources=Resource.objects.filter(pk__in=ids))

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        staff = services.is_alliance_staff(user=request.user, park_id=self.object.alliance.park_id)
        context = {
            "form": form,
            "title": self.title,
            "need": self.object,
            "suggestions": self.suggestions(request),
            "staff": staff,
            "cancel_url": self.cancel_url(),
            "picked": {int(v) for v in request.POST.getlist("resources") if v.isdigit()},
        }
        return render(request, self.template_name, context, status=status)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        action = services.joint_action_create(
            user=request.user,
            needs=[self.object],
            resources=list(data["resources"]),
            title=data["title"],
            owner_department=data["owner_department"],
            owner_person=data["owner_person"],
            start_on=data["start_on"],
            due_on=data["due_on"],
            published=data["published"],
        )
        self.success_url = reverse("alliance:action_detail", args=[action.pk])
        return _("已创建联合项目“%s”。") % action.title


class NeedTransitionView(FormPage):
    """Change a need's status (staff), or withdraw one's own open need (POST)."""

    object_model = Need
    title = gettext_lazy("变更需求状态")

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.http_method_not_allowed(request, **kwargs)

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return NeedTransitionForm(data)

    def cancel_url(self) -> str:
        return reverse("alliance:need_detail", args=[self.object.pk])

    def save(self, request: HttpRequest, form: Any) -> str:
        need = services.need_transition(
            user=request.user,
            need=self.object,
            to=form.cleaned_data["to"],
            expected_version=form.cleaned_data["version"],
        )
        self.success_url = self.cancel_url()
        return _("需求状态已改为“%s”。") % need.get_status_display()


class ResourceDetailView(ScopedViewMixin, TemplateView):
    """A resource and the joint actions it serves."""

    domain = access.Domain.SERVICE
    object_model = Resource
    template_name = "alliance/resource_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        resource = object_for(self.request, Resource, kwargs["pk"], access.Action.VIEW)
        editable = access.can_reach(user, resource, access.Action.CHANGE) and bool(
            services.item_editable_fields(user=user, item=resource)
        )
        context.update(
            title=resource.title,
            resource=resource,
            provider=selectors.NameMasker(user).provider(resource),
            actions=selectors.action_list(user=user).filter(resources=resource),
            can_edit=editable,
        )
        return context


class ResourceWithdrawView(ScopedViewMixin, View):
    """Withdraw a resource (POST)."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    object_model = Resource

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        resource = object_for(request, Resource, pk, access.Action.CHANGE)
        version = request.POST.get("version", "")
        try:
            services.resource_withdraw(
                user=request.user,
                resource=resource,
                expected_version=int(version) if version.isdigit() else None,
            )
        except access.AccessDenied as exc:
            raise denied_as_http(exc) from exc
        except (ValidationError, ConflictError) as exc:
            messages.error(request, "".join(getattr(exc, "messages", [str(exc)])))
            return redirect("alliance:resource_detail", pk=pk)
        messages.success(request, _("已撤回资源。"))
        return redirect("alliance:resource_detail", pk=pk)


# --- joint actions ------------------------------------------------------------------------------


class JointActionDetailView(ScopedViewMixin, TemplateView):
    """A joint action: needs and resources, partners, milestones and progress."""

    domain = access.Domain.SERVICE
    object_model = JointAction
    template_name = "alliance/action_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        action = object_for(self.request, JointAction, kwargs["pk"], access.Action.VIEW)
        masker = selectors.NameMasker(user)
        staff = services.is_alliance_staff(user=user, park_id=action.alliance.park_id)
        open_action = action.status in services.ACTIVE_ACTION_STATES
        context.update(
            title=action.title,
            action=action,
            progress=selectors.action_progress(action),
            needs=[(n, masker.provider(n)) for n in selectors.need_list(user=user).filter(actions=action)],
            resources=[
                (r, masker.provider(r)) for r in selectors.resource_list(user=user).filter(actions=action)
            ],
            partners=[masker.enterprise(e) for e in action.partners.all()],
            partner_orgs=[masker.party_org(o) for o in action.partner_orgs.select_related("enterprise")],
            milestones=action.milestones.all(),
            staff=staff and open_action,
            transition_form=ActionTransitionForm(initial={"version": action.version})
            if staff and open_action
            else None,
            done_form=MilestoneDoneForm(),
        )
        return context


class JointActionEditView(FormPage):
    object_model = JointAction
    title = gettext_lazy("编辑联合项目")

    def cancel_url(self) -> str:
        return reverse("alliance:action_detail", args=[self.object.pk])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return JointActionForm(data, instance=self.object)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.joint_action_update(
            user=request.user,
            action=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        self.success_url = self.cancel_url()
        return _("已保存。")


class JointActionTransitionView(FormPage):
    """Start, complete (with its outcome) or cancel a joint action."""

    object_model = JointAction
    title = gettext_lazy("变更项目状态")

    def cancel_url(self) -> str:
        return reverse("alliance:action_detail", args=[self.object.pk])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return ActionTransitionForm(data, initial={"version": self.object.version})

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
        self.success_url = self.cancel_url()
        return _("项目状态已改为“%s”。") % action.get_status_display()


class MilestoneAddView(FormPage):
    object_model = JointAction
    title = gettext_lazy("新增项目节点")

    def cancel_url(self) -> str:
        return reverse("alliance:action_detail", args=[self.object.pk])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return MilestoneForm(data)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.milestone_add(user=request.user, action=self.object, **form.cleaned_data)
        self.success_url = self.cancel_url()
        return _("已新增节点。")


class MilestoneDoneView(FormPage):
    """Record a milestone as reached (POST from the action page)."""

    object_model = Milestone
    title = gettext_lazy("完成项目节点")

    def cancel_url(self) -> str:
        return reverse("alliance:action_detail", args=[self.object.action_id])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return MilestoneDoneForm(data)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.milestone_done(
            user=request.user, milestone=self.object, done_on=form.cleaned_data["done_on"]
        )
        self.success_url = self.cancel_url()
        return _("节点已完成。")
