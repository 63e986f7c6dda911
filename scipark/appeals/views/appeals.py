"""The appeal pages: the inbox, intake (with live duplicate suggestions), the detail page with its
timeline and the steps the user may take, one step posted, and attachment downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    ServiceActionView,
    ServiceFormView,
    object_or_404,
)
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Department

from .. import selectors, services
from ..filters import AppealFilterSet
from ..forms import AppealForm, TransitionForm, field_of, is_enterprise_user
from ..models import Appeal, AppealAttachment, AppealChannel, AppealStep
from ..tables import AppealTable
from ..workflow import Actor
from .common import int_or_none


class AppealListView(ObjectListView):
    """诉求: the inbox (my department / overdue / open / all) for staff, one's own appeals for enterprises."""

    model = Appeal
    domain = access.Domain.SERVICE
    table_class = AppealTable
    filterset_class = AppealFilterSet
    title = gettext_lazy("企业诉求")
    export_filename = "appeals"
    add_url_name = "appeals:appeal_add"
    template_name = "appeals/appeal_list.html"
    export_columns = (
        (gettext_lazy("编号"), "number"),
        (gettext_lazy("标题"), "title"),
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("类别"), "category.name"),
        (gettext_lazy("渠道"), "channel"),
        (gettext_lazy("状态"), "state"),
        (gettext_lazy("牵头部门"), "lead_department.name"),
        (gettext_lazy("受理时间"), "received_at"),
        (gettext_lazy("办理期限"), "due_at"),
        (gettext_lazy("办结时间"), "closed_at"),
        (gettext_lazy("已解决"), "resolved"),
        (gettext_lazy("超期"), "is_overdue"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.appeal_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class: Any) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def export_value(self, obj: Any, accessor: str) -> Any:
        value = super().export_value(obj, accessor)
        if isinstance(value, bool):
            return _("是") if value else _("否")
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return value

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["box"] = self.request.GET.get("box", "")
        context["is_enterprise"] = is_enterprise_user(self.request.user)
        return context


class AppealCreateView(ServiceFormView):
    """提交诉求 (enterprise portal) / 代录诉求 (企业服务 staff, with the channel)."""

    domain = access.Domain.SERVICE
    action = access.Action.ADD
    form_class = AppealForm
    template_name = "appeals/appeal_form.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.headers.get("HX-Request"):
            return similar_partial(request)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("提交诉求") if context["form"].for_enterprise else _("代录诉求")
        return context

    def get_cancel_url(self) -> str:
        return reverse("appeals:appeal_list")

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        category = data["category"]
        self.saved = services.appeal_submit(
            user=request.user,
            park=category.park,
            category=category,
            enterprise=data.get("enterprise"),
            channel=data.get("channel") or "portal",
            title=data.get("title", ""),
            description=data["description"],
            requester_name=data.get("requester_name", ""),
            requester_phone=data.get("requester_phone", ""),
            requester_email=data.get("requester_email", ""),
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            attachments=data.get("attachments") or [],
        )
        return _("诉求 %(number)s 已提交。") % {"number": self.saved.number}


def similar_partial(request: HttpRequest) -> HttpResponse:
    """The duplicate suggestions for the text being typed (htmx)."""
    text = request.GET.get("description", "")[:4000]
    form = AppealForm(user=request.user)
    enterprises = field_of(form, "enterprise").queryset
    categories = field_of(form, "category").queryset
    enterprise = enterprises.filter(pk=int_or_none(request.GET.get("enterprise"))).first()
    category = categories.filter(pk=int_or_none(request.GET.get("category"))).first()
    park = category.park if category else getattr(enterprise, "park", None)
    suggestions = (
        selectors.similar_open_appeals(
            user=request.user, park=park, text=text, enterprise=enterprise, category=category
        )
        if park is not None
        else []
    )
    return render(request, "appeals/_similar.html", {"suggestions": suggestions})


class AppealDetailView(ScopedViewMixin, View):
    """One appeal: facts, requester (masked by role), timeline, attachments, and the allowed steps."""

    domain = access.Domain.SERVICE
    object_model = Appeal
    template_name = "appeals/appeal_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = object_or_404(request, Appeal, pk)
        return render(request, self.template_name, appeal_context(request, appeal))


def appeal_context(request: HttpRequest, appeal: Appeal) -> dict[str, Any]:
    user = request.user
    actors = selectors.appeal_actors(user, appeal)
    staff = bool(actors - {Actor.REQUESTER}) or not is_enterprise_user(user)
    steps = appeal.steps.select_related("actor").prefetch_related("attachments")
    if not staff:
        steps = steps.filter(internal=False)
    requester = selectors.appeal_requester(user, appeal)
    if not requester.masked and appeal.requester_name:
        audit_event_record(kind=AuditEvent.Kind.VIEW_PERSONAL, request=request, obj=appeal, detail={})
    actions = selectors.appeal_actions(user, appeal)
    return {
        "appeal": appeal,
        "title": f"{appeal.number} {appeal.title}",
        "steps": steps,
        "requester": requester,
        "co_handlers": [c.department for c in appeal.co_handling.select_related("department")],
        "attachments": appeal.attachments.filter(step__internal=False)
        if not staff
        else appeal.attachments.all(),
        "ratings": appeal.ratings.all(),
        "actions": [(a, AppealStep.Action(a).label) for a in actions],
        "is_staff_view": staff,
        "departments": Department.objects.filter(park_id=appeal.park_id).order_by("kind") if actions else [],
        "enterprises": accept_enterprises(user, appeal) if "accept" in actions else [],
        "accept_enterprise": appeal.enterprise_id or appeal.claimed_enterprise_id,
        "score_choices": TransitionForm.base_fields["score"].choices,  # type: ignore[attr-defined]
        "default_department": appeal.lead_department_id or appeal.category.default_department_id,
    }


def accept_enterprises(user: Any, appeal: Appeal) -> Any:
    """For 受理 of an Open311 appeal: the park's enterprises the dispatcher may link it to (the one the
    requester named comes preselected); other appeals keep the enterprise they were filed for."""
    if appeal.channel != AppealChannel.OPEN311:
        return []
    served = Enterprise.objects.restrict(user, access.Action.ADD, domain=access.Domain.SERVICE)
    return served.filter(park_id=appeal.park_id).order_by("name").only("pk", "name", "credit_code")


class AppealTransitionView(ServiceActionView):
    """POST one workflow step with the version the user saw: ``services.appeal_step`` decides."""

    domain = access.Domain.SERVICE
    object_model = Appeal
    action = access.Action.VIEW  # the part the user plays on this appeal decides (workflow.FLOW)

    http_method_names = ["get", "post"]
    #: What the service said when it refused the step (shown at the step's form, where the kept text is).
    refusal: list[str] | None = None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The address a refused step is shown at, opened again (a reload, the language switch): the
        appeal's page."""
        return redirect(self.get_success_url(self.object))

    def perform(self, request: HttpRequest, obj: Appeal) -> str:
        form = TransitionForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors_as_messages())
            data = form.cleaned_data
            action = data["action"]
            services.appeal_step(
                user=request.user,
                appeal=obj,
                action=action,
                version=data["version"],
                **services.step_data(action, data),
            )
        except ValidationError as exc:
            self.refusal = exc.messages
            return ""
        return _("已执行:%(step)s。") % {"step": AppealStep.Action(action).label}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A refused step shows the page again with what was typed into its form (a reply, a reason, a
        score), and the refusal in that form, above the kept text, focused so the page opens there: at
        the top of the page a phone showed it a screen or more above the form. Only the files have to be
        chosen again. A step no longer offered has no form: its refusal is the page's message."""
        response = super().post(request, *args, **kwargs)
        if self.refusal is None:
            return response
        appeal = object_or_404(request, Appeal, self.object.pk)
        context = appeal_context(request, appeal)
        context["posted"] = posted = posted_step(request)
        if any(name == posted["action"] for name, _label in context["actions"]):
            context["refusal"] = self.refusal
        else:
            messages.error(request, " ".join(self.refusal))
        return render(request, AppealDetailView.template_name, context, status=400)


def posted_step(request: HttpRequest) -> dict[str, Any]:
    """What a refused step's form held, to fill it in again (the form it came from is named by action)."""
    post = request.POST
    return {
        "action": post.get("action", ""),
        "notes": post.get("notes", ""),
        "score": post.get("score", ""),
        "resolved": bool(post.get("resolved")),
        "internal": bool(post.get("internal")),
        "lead_department": int_or_none(post.get("lead_department")),
        "co_departments": [i for i in (int_or_none(v) for v in post.getlist("co_departments")) if i],
        "enterprise": int_or_none(post.get("enterprise")),
    }


class AttachmentDownloadView(ScopedViewMixin, View):
    """An attachment, to users who see its appeal (files of internal notes to staff only)."""

    domain = access.Domain.SERVICE
    object_model = AppealAttachment

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        attachment: AppealAttachment = object_or_404(request, AppealAttachment, pk)
        step = attachment.step
        if step is not None and step.internal and is_enterprise_user(request.user):
            raise Http404
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )
