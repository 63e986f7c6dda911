"""Event pages: list, statistics, detail with participants, create/edit, registration, posts, outcome.

Thin: forms validate, services write. Objects come from core's ``object_or_404`` (out of reach 404,
not allowed 403); form pages are ``ServiceFormView`` and buttons ``ServiceActionView``, so the error
policy (the form, 409 on a stale version) is core's. Enterprises the reader may not see in the registry
are not named (``core.masking``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import (
    ExportMixin,
    ObjectListView,
    ScopedViewMixin,
    ServiceActionView,
    ServiceFormView,
    export_xlsx,
    object_or_404,
)

from . import selectors, services
from .filters import EventFilterSet, PostFilterSet
from .forms import EventForm, OutcomeForm, ParticipationForm, PostForm, PostFormSet
from .models import Event, Participation, Post
from .tables import EventTable, PostTable


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
        context["can_add"] = selectors.parks_for_new_events(user=self.request.user).exists()
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


class EventStatsView(ExportMixin, ScopedViewMixin, TemplateView):
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

    def rows(self) -> list[selectors.KindYear]:
        return selectors.event_statistics(user=self.request.user)

    def export(self, request: HttpRequest) -> HttpResponse:
        return export_xlsx(
            request,
            filename="event-statistics",
            sheet=_("活动统计"),
            headers=self.headers,
            rows=[
                [r.year, r.label, r.events, r.enterprises, r.posts, r.headcount, r.resumes, r.hires]
                for r in self.rows()
            ],
            object_type="events.event",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("活动统计"),
            rows=self.rows(),
            headers=self.headers,
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
        event = object_or_404(self.request, Event, kwargs["pk"])
        rows = selectors.event_participants(event=event, user=user)
        staff = services.keeps(user, event)
        own = access.scope_for(user).enterprise_ids()
        upcoming = event.status == Event.Status.SCHEDULED and event.starts_at > timezone.now()
        registered = {r.participation.enterprise_id for r in rows}
        # A row's 添加岗位 / 撤回报名 / 删除 only for a reader who may change that participation (the pages
        # behind them look it up for CHANGE): a park leader or another department reading an upcoming event
        # was shown them on every row, each answering 403.
        editable = (
            access.reachable_keys(
                Participation, user, access.Action.CHANGE, (r.participation.pk for r in rows)
            )
            if staff or upcoming
            else frozenset()
        )
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
            editable=editable,
            offers_posts=services.offers_posts(event),
            own=own,
        )
        return context


class EventFormView(ServiceFormView):
    """A form page about events: cancel goes back to the event's page, or to the list."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE

    def get_cancel_url(self) -> str:
        if self.object is not None:
            return str(self.object.get_absolute_url())
        return reverse("events:event_list")


class EventCreateView(EventFormView):
    action = access.Action.ADD
    title = gettext_lazy("新建活动")

    def get_form(self, data: Any = None, files: Any = None) -> EventForm:
        # Enterprise users may add to events (register) but not announce them.
        if not selectors.parks_for_new_events(user=self.request.user).exists():
            raise PermissionDenied(_("只有园区工作人员可以新建活动。"))
        return EventForm(data, user=self.request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.event_create(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        return _("已新建活动“%s”。") % self.saved.title


class EventEditView(EventFormView):
    object_model = Event
    title = gettext_lazy("编辑活动")

    def get_form(self, data: Any = None, files: Any = None) -> EventForm:
        return EventForm(data, instance=self.object, user=self.request.user, creating=False)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.event_update(
            user=request.user,
            event=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存。")


class EventCancelView(ServiceActionView):
    """Cancel an event."""

    domain = access.Domain.SERVICE
    object_model = Event

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.event_cancel(user=request.user, event=obj, expected_version=self.posted_version(request))
        return _("活动已取消。")


class ParticipateView(EventFormView):
    """Register an enterprise and the posts it offers (the enterprise itself, or staff)."""

    object_model = Event
    action = access.Action.ADD  # adding a participation to the event
    title = gettext_lazy("报名参加活动")
    template_name = "events/participate.html"

    def get_form(self, data: Any = None, files: Any = None) -> ParticipationForm:
        staff = services.keeps(self.request.user, self.object)
        return ParticipationForm(data, event=self.object, user=self.request.user, staff=staff)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Posts only at a job fair: a training's or a briefing's sign-up is the registration alone.
        self.formset = PostFormSet(prefix="posts") if services.offers_posts(self.object) else None
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Two forms on one page: the posts must be valid before the registration is saved.
        offers = services.offers_posts(self.object)
        self.formset = PostFormSet(request.POST, prefix="posts") if offers else None
        form = self.get_form(request.POST)
        if self.formset is not None and not self.formset.is_valid():
            form.is_valid()
            return self.render_form(request, form, status=400)
        return self.submit(request, form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(formset=self.formset, event=self.object, **kwargs)

    def save(self, request: HttpRequest, form: Any) -> str:
        forms = self.formset.forms if self.formset is not None else []
        posts = [f.cleaned_data for f in forms if f.cleaned_data and f.cleaned_data.get("title")]
        part = services.participation_register(
            user=request.user,
            event=self.object,
            enterprise=form.cleaned_data["enterprise"],
            posts=posts,
            note=form.cleaned_data["note"],
        )
        if self.formset is None:
            return _("已报名:%(name)s。") % {"name": part.enterprise.name}
        return _("已报名:%(name)s,岗位 %(n)s 个。") % {"name": part.enterprise.name, "n": len(posts)}


class PostAddView(EventFormView):
    """Add a post to a participation."""

    object_model = Participation
    title = gettext_lazy("新增岗位")
    form_class = PostForm

    def save(self, request: HttpRequest, form: Any) -> str:
        services.post_add(user=request.user, participation=self.object, data=form.cleaned_data)
        return _("已新增岗位。")


class PostRemoveView(ServiceActionView):
    """Remove a post from an enterprise's participation."""

    domain = access.Domain.SERVICE
    object_model = Post

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.post_remove(user=request.user, post=obj)
        return _("已删除岗位。")


class WithdrawView(ServiceActionView):
    """Withdraw an enterprise from an event before it starts."""

    domain = access.Domain.SERVICE
    object_model = Participation

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.participation_withdraw(user=request.user, participation=obj)
        return _("已撤回报名。")


class OutcomeView(EventFormView):
    """After the event: attendees, résumés and hires per enterprise (staff)."""

    object_model = Event
    title = gettext_lazy("登记活动成效")

    def get_form(self, data: Any = None, files: Any = None) -> OutcomeForm:
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
        return _("已登记活动成效。")
