"""需求清单: the list, raising and editing a need, its page, the matching view and status changes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ServiceActionView

from .. import selectors, services
from ..filters import NeedFilterSet
from ..forms import JointActionFromMatchForm, NeedForm, NeedTransitionForm
from ..models import Need, Resource
from ..tables import NeedTable
from .base import AllianceDetailView, AllianceFormView
from .items import ItemCreateView, ItemEditView, MaskedListView


class NeedListView(MaskedListView):
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


class NeedCreateView(ItemCreateView):
    title = gettext_lazy("提出需求")
    form_class = NeedForm
    kind = "need"

    def save(self, request: HttpRequest, form: Any) -> str:
        assert self.alliance is not None
        self.saved = services.need_create(user=request.user, alliance=self.alliance, data=form.service_data())
        return _("已登记需求“%s”。") % self.saved.title


class NeedEditView(ItemEditView):
    object_model = Need
    title = gettext_lazy("编辑需求")
    form_class = NeedForm


class NeedDetailView(AllianceDetailView):
    """A need, its joint actions, and (for staff) the best suggested resources."""

    object_model = Need
    template_name = "alliance/need_detail.html"

    def describe(self, user: Any, need: Any) -> dict[str, Any]:
        staff = services.keeps(user, need.alliance)
        editable = access.can_reach(user, need, access.Action.CHANGE) and bool(
            services.item_editable_fields(user=user, item=need)
        )
        return {
            "title": need.title,
            "need": need,
            "provider": selectors.NameMasker(user).provider(need),
            "actions": selectors.action_list(user=user).filter(needs=need),
            "suggestions": selectors.need_suggestions(need=need, user=user, limit=5) if staff else [],
            "staff": staff,
            "can_edit": editable,
            "transitions": [
                (to, label)
                for to, label in Need.Status.choices
                if to in services.NEED_TRANSITIONS.get(need.status, frozenset())
            ]
            if staff
            else [],
            "can_withdraw": (not staff) and editable and need.status == Need.Status.OPEN,
        }


class NeedMatchView(AllianceFormView):
    """The matching view: suggested resources for a need, and the one-step joint action."""

    object_model = Need
    title = gettext_lazy("对接资源")
    template_name = "alliance/need_match.html"

    def suggestions(self) -> list[selectors.Suggestion]:
        if not hasattr(self, "_suggestions"):
            self._suggestions = selectors.need_suggestions(need=self.object, user=self.request.user, limit=10)
        return self._suggestions

    def get_form(self, data: Any = None, files: Any = None) -> JointActionFromMatchForm:
        ids = [s.resource.pk for s in self.suggestions()]
        return JointActionFromMatchForm(data, need=self.object, resources=Resource.objects.filter(pk__in=ids))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            need=self.object,
            suggestions=self.suggestions(),
            staff=services.keeps(self.request.user, self.object.alliance),
            picked={int(v) for v in self.request.POST.getlist("resources") if v.isdigit()},
        )
        return context

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        self.saved = services.joint_action_create(
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
        return _("已创建联合项目“%s”。") % self.saved.title


class NeedTransitionView(ServiceActionView):
    """Change a need's status (staff), or withdraw one's own open need."""

    domain = access.Domain.SERVICE
    object_model = Need

    def perform(self, request: HttpRequest, obj: Any) -> str:
        form = NeedTransitionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("未指定要改为的需求状态或版本,请刷新页面后重试。"))
        need = services.need_transition(
            user=request.user,
            need=obj,
            to=form.cleaned_data["to"],
            expected_version=form.cleaned_data["version"],
        )
        return _("需求状态已改为“%s”。") % need.get_status_display()
