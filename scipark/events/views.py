"""Event pages: list, statistics, detail with participants, create/edit, registration, posts, outcome.

Thin: forms validate, services write. Objects come from ``restrict`` for the page's action (an
out-of-reach object is a 404); enterprises the reader may not see in the registry are not named.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.services import ConflictError
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormMixin, denied_as_http

from . import selectors, services
from .filters import EventFilterSet, PostFilterSet
from .forms import EventForm, OutcomeForm, ParticipationForm, PostForm, PostFormSet
from .models import Event, Participation, Post
from .tables import EventTable, PostTable


def object_for(request: HttpRequest, model: type[models.Model], pk: Any, action: access.Action) -> Any:
    """The row if it is within the user's reach for ``action``; otherwise a 404."""
    manager: Any = model._default_manager
    obj = manager.restrict(request.user, action).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


class EventListView(ObjectListView):
    """活动与招聘会."""

    model = Event
    domain = access.Domain.SERVICE
    table_class = EventTable
    filterset_class = EventFilterSet
    title = gettext_lazy("活动与招聘会")
    export_filename = "events"
    add_url_name = "events:event_add"
    export_columns = (
        (gettext_lazy("名称"), "title"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("开始时间"), "starts_local"),
        (gettext_lazy("地点"), "place"),
        (gettext_lazy("主办部门"), "organiser.name"),
        (gettext_lazy("参会企业"), "enterprise_count"),
        (gettext_lazy("到场人数"), "attendees"),
        (gettext_lazy("状态"), "status"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.event_list(user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Enterprise users may add to events (register), not create them: offer "new" to staff only.
        context["can_add"] = bool(
            access.scope_for(self.request.user).park_ids(access.Domain.SERVICE, access.Action.ADD)
        )
        return context

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "starts_local":
            return timezone.localtime(obj.starts_at).strftime("%Y-%m-%d %H:%M")
        return super().export_value(obj, accessor)


class PostListView(ObjectListView):
    """岗位: the posts offered at events (an enterprise user sees its own)."""

    model = Post
    domain = access.Domain.SERVICE
    table_class = PostTable
    filterset_class = PostFilterSet
    title = gettext_lazy("活动岗位")
    export_filename = "event-posts"
    export_columns = (
        (gettext_lazy("岗位"), "title"),
        (gettext_lazy("活动"), "participation.event.title"),
        (gettext_lazy("企业"), "participation.enterprise.name"),
        (gettext_lazy("招聘人数"), "headcount"),
        (gettext_lazy("月薪下限(元)"), "salary_min"),
        (gettext_lazy("月薪上限(元)"), "salary_max"),
        (gettext_lazy("任职要求"), "requirements"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.post_list(user=self.request.user)


class EventStatsView(ScopedViewMixin, TemplateView):
    """Events per kind per year, enterprises, posts offered, résumés and hires (with .xlsx export)."""

    domain = access.Domain.SERVICE
    template_name = "events/stats.html"
    headers = (
        gettext_lazy("年份"),
        gettext_lazy("类型"),
        gettext_lazy("活动场次"),
        gettext_lazy("参会企业(家次)"),
        gettext_lazy("岗位数"),
        gettext_lazy("招聘人数"),
        gettext_lazy("收到简历"),
        gettext_lazy("达成录用"),
    )

    def required_action(self, request: HttpRequest) -> access.Action:
        return access.Action.EXPORT if request.GET.get("export") == "xlsx" else access.Action.VIEW

    def rows(self) -> list[selectors.KindYear]:
        return selectors.event_statistics(user=self.request.user)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "xlsx":
            from scipark.core.audit import audit_event_record
            from scipark.core.exports import xlsx_response
            from scipark.core.models import AuditEvent

            rows = self.rows()
            audit_event_record(
                kind=AuditEvent.Kind.EXPORT,
                request=request,
                object_type="events.event",
                detail={"rows": len(rows)},
            )
            data = [
                [r.year, r.label, r.events, r.enterprises, r.posts, r.headcount, r.resumes, r.hires]
                for r in rows
            ]
            return xlsx_response("event-statistics", _("活动统计"), [str(h) for h in self.headers], data)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("活动统计"),
            rows=self.rows(),
            headers=self.headers,
            can_export=access.has_permission(self.request.user, self.domain, access.Action.EXPORT),
        )
        return context


class EventDetailView(ScopedViewMixin, TemplateView):
    """An event: details, participating enterprises with their posts, résumés and hires."""

    domain = access.Domain.SERVICE
    object_model = Event
    template_name = "events/event_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        event = object_for(self.request, Event, kwargs["pk"], access.Action.VIEW)
        rows = selectors.event_participants(event=event, user=user)
        staff = services.is_event_staff(user=user, park_id=event.park_id)
        own = access.scope_for(user).enterprise_ids()
        upcoming = event.status == Event.Status.SCHEDULED and event.starts_at > timezone.now()
        registered = {r.participation.enterprise_id for r in rows}
        context.update(
            title=event.title,
            event=event,
            rows=rows,
            totals={
                "enterprises": len(rows),
                "headcount": sum(r.headcount for r in rows),
                "resumes": sum(r.participation.resumes or 0 for r in rows),
                "hires": sum(r.participation.hires or 0 for r in rows),
            },
            staff=staff,
            upcoming=upcoming,
            can_register=staff
            or (
                upcoming
                and event.registration_open
                and bool(own - registered)
                and access.has_permission(user, access.Domain.SERVICE, access.Action.ADD)
            ),
            can_edit_rows=staff or upcoming,
            own=own,
        )
        return context


class FormPage(ScopedViewMixin, ServiceFormMixin, View):
    """A form whose save is one service call; the object is looked up for the page's action."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    template_name = "events/form.html"
    title: ClassVar[Any] = ""
    object: Any = None
    success_url: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        allowed = request.user.is_authenticated and access.has_permission(
            request.user, self.domain, self.action
        )
        if allowed and self.object_model is not None and "pk" in kwargs:
            self.object = object_for(request, self.object_model, kwargs["pk"], self.action)
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        raise NotImplementedError

    def cancel_url(self) -> str:
        return reverse("events:event_list")

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.render_form(request, self.make_form(request, None))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.submit(request, self.make_form(request, request.POST))

    def extra_context(self) -> dict[str, Any]:
        return {}

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        conflict = any("他人修改" in str(e) for e in form.non_field_errors())
        context = {"form": form, "title": self.title, "object": self.object, "cancel_url": self.cancel_url()}
        context.update(self.extra_context())
        return render(request, self.template_name, context, status=409 if conflict else status)

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect(self.success_url or self.cancel_url())


class EventCreateView(FormPage):
    action = access.Action.ADD
    title = gettext_lazy("新建活动")

    def load_parks(self, request: HttpRequest) -> None:
        if not access.scope_for(request.user).park_ids(access.Domain.SERVICE, access.Action.ADD):
            raise PermissionDenied(_("只有园区工作人员可以新建活动。"))

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.load_parks(request)
        return super().get(request, **kwargs)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.load_parks(request)
        return super().post(request, **kwargs)

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return EventForm(data, user=request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        event = services.event_create(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        self.success_url = reverse("events:event_detail", args=[event.pk])
        return _("已新建活动“%s”。") % event.title


class EventEditView(FormPage):
    object_model = Event
    title = gettext_lazy("编辑活动")

    def cancel_url(self) -> str:
        return reverse("events:event_detail", args=[self.object.pk])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return EventForm(data, instance=self.object, user=request.user, creating=False)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.event_update(
            user=request.user,
            event=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        self.success_url = self.cancel_url()
        return _("已保存。")


class EventCancelView(ScopedViewMixin, View):
    """Cancel an event (POST)."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    object_model = Event

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = object_for(request, Event, pk, access.Action.CHANGE)
        try:
            services.event_cancel(user=request.user, event=event)
        except access.AccessDenied as exc:
            raise denied_as_http(exc) from exc
        except (ValidationError, ConflictError) as exc:
            messages.error(request, "".join(getattr(exc, "messages", [str(exc)])))
            return redirect("events:event_detail", pk=pk)
        messages.success(request, _("活动已取消。"))
        return redirect("events:event_detail", pk=pk)


class ParticipateView(FormPage):
    """Register an enterprise and the posts it offers (the enterprise itself, or staff)."""

    object_model = Event
    action = access.Action.ADD  # adding a participation to the event
    title = gettext_lazy("报名参加活动")
    template_name = "events/participate.html"

    def cancel_url(self) -> str:
        return reverse("events:event_detail", args=[self.object.pk])

    def staff(self, request: HttpRequest) -> bool:
        return services.is_event_staff(user=request.user, park_id=self.object.park_id)

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return ParticipationForm(data, event=self.object, user=request.user, staff=self.staff(request))

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.formset = PostFormSet(prefix="posts")
        return super().get(request, **kwargs)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.formset = PostFormSet(request.POST, prefix="posts")
        form = self.make_form(request, request.POST)
        if not self.formset.is_valid():
            form.is_valid()
            return self.render_form(request, form, status=400)
        return self.submit(request, form)

    def extra_context(self) -> dict[str, Any]:
        return {"formset": self.formset, "event": self.object}

    def save(self, request: HttpRequest, form: Any) -> str:
        posts = [f.cleaned_data for f in self.formset.forms if f.cleaned_data and f.cleaned_data.get("title")]
        part = services.participation_register(
            user=request.user,
            event=self.object,
            enterprise=form.cleaned_data["enterprise"],
            posts=posts,
            note=form.cleaned_data["note"],
        )
        self.success_url = self.cancel_url()
        return _("已报名:%(name)s,岗位 %(n)s 个。") % {"name": part.enterprise.name, "n": len(posts)}


class PostAddView(FormPage):
    """Add a post to a participation."""

    object_model = Participation
    title = gettext_lazy("新增岗位")

    def cancel_url(self) -> str:
        return reverse("events:event_detail", args=[self.object.event_id])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return PostForm(data)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.post_add(user=request.user, participation=self.object, data=form.cleaned_data)
        self.success_url = self.cancel_url()
        return _("已新增岗位。")


class _PostOnly(ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    action = access.Action.CHANGE

    def run(self, request: HttpRequest, obj: Any) -> str:
        raise NotImplementedError

    def event_id(self, obj: Any) -> int:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assert self.object_model is not None
        obj = object_for(request, self.object_model, pk, access.Action.CHANGE)
        event_id = self.event_id(obj)
        try:
            message = self.run(request, obj)
        except access.AccessDenied as exc:
            raise denied_as_http(exc) from exc
        except ValidationError as exc:
            messages.error(request, "".join(exc.messages))
        else:
            messages.success(request, message)
        return redirect("events:event_detail", pk=event_id)


class PostRemoveView(_PostOnly):
    object_model = Post

    def event_id(self, obj: Any) -> int:
        return int(obj.participation.event_id)

    def run(self, request: HttpRequest, obj: Any) -> str:
        services.post_remove(user=request.user, post=obj)
        return _("已删除岗位。")


class WithdrawView(_PostOnly):
    object_model = Participation

    def event_id(self, obj: Any) -> int:
        return int(obj.event_id)

    def run(self, request: HttpRequest, obj: Any) -> str:
        services.participation_withdraw(user=request.user, participation=obj)
        return _("已撤回报名。")


class OutcomeView(FormPage):
    """After the event: attendees, résumés and hires per enterprise (staff)."""

    object_model = Event
    title = gettext_lazy("登记活动成效")

    def cancel_url(self) -> str:
        return reverse("events:event_detail", args=[self.object.pk])

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        parts = list(
            Participation.objects.filter(event=self.object).select_related("enterprise").order_by("id")
        )
        return OutcomeForm(
            data,
            participations=parts,
            initial={"attendees": self.object.attendees, "version": self.object.version},
        )

    def save(self, request: HttpRequest, form: Any) -> str:
        services.event_record_outcome(
            user=request.user,
            event=self.object,
            attendees=form.cleaned_data["attendees"],
            results=form.results(),
            expected_version=form.cleaned_data["version"],
        )
        self.success_url = self.cancel_url()
        return _("已登记活动成效。")
