"""Appeal pages: inbox, intake, detail with the timeline and the allowed steps, visits, categories,
the holiday calendar and the statistics. Thin: the services write, the selectors read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.exports import xlsx_response
from scipark.core.models import AuditEvent
from scipark.core.services import ConflictError
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    ServiceFormMixin,
    apply_service_errors,
    denied_as_http,
)

from . import selectors, services, workflow
from .filters import AppealFilterSet, CalendarDayFilterSet, CategoryFilterSet, VisitFilterSet
from .forms import (
    AppealForm,
    CalendarDayForm,
    CategoryForm,
    TransitionForm,
    VisitForm,
    field_of,
    is_enterprise_user,
)
from .models import Appeal, AppealAttachment, AppealCategory, AppealStep, CalendarDay, Visit
from .tables import AppealTable, CalendarDayTable, CategoryTable, VisitTable

Step = AppealStep.Action


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


class AppealCreateView(ScopedViewMixin, View):
    """提交诉求 (enterprise portal) / 代录诉求 (企业服务 staff, with the channel)."""

    domain = access.Domain.SERVICE
    action = access.Action.ADD
    template_name = "appeals/appeal_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.headers.get("HX-Request"):
            return similar_partial(request)
        return self.render_form(request, AppealForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AppealForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            category = data["category"]
            try:
                appeal = services.appeal_submit(
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
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("诉求 %(number)s 已提交。") % {"number": appeal.number})
                return redirect("appeals:appeal_detail", pk=appeal.pk)
        return self.render_form(request, form, status=400)

    def render_form(self, request: HttpRequest, form: AppealForm, status: int = 200) -> HttpResponse:
        title = _("提交诉求") if form.for_enterprise else _("代录诉求")
        return render(request, self.template_name, {"form": form, "title": title}, status=status)


def similar_partial(request: HttpRequest) -> HttpResponse:
    """The duplicate suggestions for the text being typed (htmx)."""
    text = request.GET.get("description", "")[:4000]
    form = AppealForm(user=request.user)
    enterprise = field_of(form, "enterprise").queryset.filter(pk=_int(request.GET.get("enterprise"))).first()
    category = field_of(form, "category").queryset.filter(pk=_int(request.GET.get("category"))).first()
    park = category.park if category else getattr(enterprise, "park", None)
    suggestions = (
        selectors.similar_open_appeals(
            user=request.user, park=park, text=text, enterprise=enterprise, category=category
        )
        if park is not None
        else []
    )
    return render(request, "appeals/_similar.html", {"suggestions": suggestions})


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class AppealDetailView(ScopedViewMixin, View):
    """One appeal: facts, requester (masked by role), timeline, attachments, and the allowed steps."""

    domain = access.Domain.SERVICE
    object_model = Appeal
    template_name = "appeals/appeal_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = selectors.appeal_get(request.user, pk)
        if appeal is None:
            raise Http404
        return render(request, self.template_name, appeal_context(request, appeal))


def appeal_context(
    request: HttpRequest, appeal: Appeal, form: TransitionForm | None = None
) -> dict[str, Any]:
    user = request.user
    actors = selectors.appeal_actors(user, appeal)
    staff = bool(actors - {workflow.Actor.REQUESTER}) or not is_enterprise_user(user)
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
        "actions": [(a, Step(a).label) for a in actions],
        "is_staff_view": staff,
        "form": form or TransitionForm(initial={"version": appeal.version}, park_id=appeal.park_id),
        "default_department": appeal.lead_department_id or appeal.category.default_department_id,
    }


class AppealTransitionView(ScopedViewMixin, View):
    """POST one workflow step with the version the user saw; the service decides whether it may happen."""

    domain = access.Domain.SERVICE
    object_model = Appeal
    action = access.Action.VIEW  # the part the user plays on this appeal decides (workflow.TRANSITIONS)
    post_action = access.Action.VIEW

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = selectors.appeal_get(request.user, pk)
        if appeal is None:
            raise Http404
        form = TransitionForm(request.POST, request.FILES, park_id=appeal.park_id)
        if form.is_valid():
            try:
                message = self.apply(request, appeal, form.cleaned_data)
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                messages.success(request, message)
                return redirect("appeals:appeal_detail", pk=appeal.pk)
        appeal.refresh_from_db()
        return render(
            request, "appeals/appeal_detail.html", appeal_context(request, appeal, form), status=400
        )

    def apply(self, request: HttpRequest, appeal: Appeal, data: dict[str, Any]) -> str:
        user, version, notes = request.user, data["version"], data.get("notes") or ""
        files = data.get("attachments") or []
        name = data["action"]
        if name == Step.ACCEPT:
            services.appeal_accept(user=user, appeal=appeal, version=version, notes=notes)
        elif name == Step.ASSIGN:
            lead = data.get("lead_department")
            if lead is None:
                raise ValidationError({"lead_department": _("请选择牵头部门。")})
            services.appeal_assign(
                user=user,
                appeal=appeal,
                version=version,
                lead_department=lead,
                co_departments=data.get("co_departments") or [],
                notes=notes,
            )
        elif name == Step.START:
            services.appeal_start(user=user, appeal=appeal, version=version, notes=notes)
        elif name == Step.RETURN:
            services.appeal_return(user=user, appeal=appeal, version=version, notes=notes)
        elif name == Step.RESOLVE:
            services.appeal_resolve(
                user=user,
                appeal=appeal,
                version=version,
                resolved=bool(data.get("resolved")),
                reply=notes,
                attachments=files,
            )
        elif name == Step.RATE:
            if not data.get("score"):
                raise ValidationError({"score": _("请选择满意度。")})
            services.appeal_rate(
                user=user, appeal=appeal, version=version, score=data["score"], comment=notes
            )
        elif name == Step.REOPEN:
            services.appeal_reopen(user=user, appeal=appeal, version=version, notes=notes)
        elif name == Step.ARCHIVE:
            services.appeal_archive(user=user, appeal=appeal, version=version, notes=notes)
        elif name == Step.NOTE:
            services.appeal_note(
                user=user,
                appeal=appeal,
                notes=notes,
                internal=bool(data.get("internal")),
                attachments=files,
            )
        else:
            raise ValidationError(_("未知的操作「%(name)s」。") % {"name": name})
        return _("已执行:%(step)s。") % {"step": Step(name).label}


class AttachmentDownloadView(ScopedViewMixin, View):
    """An attachment, to users who see its appeal (files of internal notes to staff only)."""

    domain = access.Domain.SERVICE
    object_model = AppealAttachment

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        attachment = (
            AppealAttachment.objects.restrict(request.user).filter(pk=pk).select_related("step").first()
        )
        if attachment is None:
            raise Http404
        if attachment.step is not None and attachment.step.internal and is_enterprise_user(request.user):
            raise Http404
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )


# --- categories ------------------------------------------------------------------------------------


class CategoryListView(ObjectListView):
    model = AppealCategory
    domain = access.Domain.SERVICE
    table_class = CategoryTable
    filterset_class = CategoryFilterSet
    title = gettext_lazy("诉求类别")
    export_filename = "appeal-categories"
    add_url_name = "appeals:category_add"
    export_columns = (
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("代码"), "code"),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("分组"), "group"),
        (gettext_lazy("默认承办部门"), "default_department.name"),
        (gettext_lazy("办理时限(工作日)"), "time_limit_days"),
        (gettext_lazy("启用"), "is_active"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.category_list(self.request.user)


class CategoryFormView(ServiceFormMixin, ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    action = access.Action.ADD
    template_name = "appeals/simple_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, CategoryForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        return self.submit(request, CategoryForm(request.POST, user=request.user))

    def save(self, request: HttpRequest, form: Any) -> str:
        data = {k: v for k, v in form.cleaned_data.items() if k != "park"}
        services.category_create(user=request.user, park=form.cleaned_data["park"], data=data)
        return _("已保存。")

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect("appeals:category_list")

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": _("新建诉求类别"), "cancel": reverse("appeals:category_list")}
        return render(request, self.template_name, context, status=status)


class CategoryEditView(ServiceFormMixin, ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    object_model = AppealCategory
    template_name = "appeals/simple_form.html"
    category: AppealCategory
    version: int | None = None

    def _object(self, request: HttpRequest, pk: int) -> AppealCategory:
        # Enterprise users read their park's categories but never edit them: out of reach is a 404.
        category = AppealCategory.objects.restrict(request.user, access.Action.CHANGE).filter(pk=pk).first()
        if category is None:
            raise Http404
        return category

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.category = self._object(request, pk)
        return self.render_form(request, CategoryForm(instance=self.category, user=request.user))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.category = self._object(request, pk)
        self.version = _int(request.POST.get("version"))
        form = CategoryForm(request.POST, instance=AppealCategory.objects.get(pk=pk), user=request.user)
        return self.submit(request, form)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = {k: v for k, v in form.cleaned_data.items() if k != "park"}
        services.category_update(
            user=request.user,
            category=self.category,
            data=data,
            version=self.version or self.category.version,
        )
        return _("已保存。")

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect("appeals:category_list")

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "title": _("编辑诉求类别"),
            "version": self.category.version,
            "cancel": reverse("appeals:category_list"),
        }
        return render(request, self.template_name, context, status=status)


# --- calendar --------------------------------------------------------------------------------------


class CalendarView(ObjectListView):
    """节假日与调休: the days that break the Monday-Friday rule; 企业服务 staff add and remove days."""

    model = CalendarDay
    domain = access.Domain.SERVICE
    table_class = CalendarDayTable
    filterset_class = CalendarDayFilterSet
    title = gettext_lazy("节假日与调休")
    export_filename = "holidays"
    template_name = "appeals/calendar.html"
    paginate_by = 100
    export_columns = (
        (gettext_lazy("日期"), "date"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("来源"), "source"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        year = _int(self.request.GET.get("year")) or timezone.localdate().year
        return CalendarDay.objects.filter(date__year=year)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _int(self.request.GET.get("year")) or timezone.localdate().year
        context.update(
            year=year,
            years=range(2020, timezone.localdate().year + 2),
            day_form=CalendarDayForm(),
            can_edit=bool(
                access.scope_for(self.request.user).park_ids(access.Domain.SERVICE, access.Action.ADD)
            ),
        )
        return context


class CalendarDayAddView(ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    action = access.Action.ADD

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            date = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            messages.error(request, _("日期无效:请按 年-月-日 填写,例如 2026-10-01。"))
            return redirect("appeals:calendar")
        try:
            day = services.calendar_day_save(
                user=request.user,
                date=date,
                kind=request.POST.get("kind", ""),
                name=request.POST.get("name", ""),
            )
        except ValidationError as exc:
            messages.error(request, "".join(exc.messages))
            return redirect("appeals:calendar")
        except access.AccessDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(request, _("已保存 %(date)s。") % {"date": day.date})
        return redirect(f"{reverse('appeals:calendar')}?year={day.date.year}")


class CalendarDayDeleteView(ScopedViewMixin, View):
    """POST ``date``: remove that day's exception (removing a day that is not listed changes nothing)."""

    domain = access.Domain.SERVICE
    action = access.Action.DELETE

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            date = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            messages.error(request, _("日期无效:请按 年-月-日 填写,例如 2026-10-01。"))
            return redirect("appeals:calendar")
        try:
            services.calendar_day_delete(user=request.user, date=date)
        except access.AccessDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(request, _("已删除 %(date)s。") % {"date": date})
        return redirect(f"{reverse('appeals:calendar')}?year={date.year}")


# --- statistics ------------------------------------------------------------------------------------


class StatisticsView(ScopedViewMixin, View):
    """诉求统计 by category, department and month, with charts and .xlsx export."""

    domain = access.Domain.SERVICE
    template_name = "appeals/statistics.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        from scipark.parks.models import Park

        parks = Park.objects.filter(pk__in=access.scope_for(request.user).park_ids(access.Domain.SERVICE))
        park = parks.filter(pk=_int(request.GET.get("park")) or 0).first() or parks.order_by("pk").first()
        year = _int(request.GET.get("year")) or timezone.localdate().year
        if park is None:
            return render(request, self.template_name, {"title": _("诉求统计"), "stats": None, "year": year})
        stats = selectors.appeal_statistics(request.user, park, year)
        if request.GET.get("export") == "xlsx":
            if not access.has_permission(request.user, access.Domain.SERVICE, access.Action.EXPORT):
                raise PermissionDenied
            audit_event_record(
                kind=AuditEvent.Kind.EXPORT,
                request=request,
                object_type="appeals.statistics",
                detail={"year": year},
            )
            return statistics_xlsx(stats, park.name)
        chart = {
            "months": [r.label for r in stats.by_month],
            "received": [r.received for r in stats.by_month],
            "resolved": [r.resolved for r in stats.by_month],
            "categories": [{"name": r.label, "value": r.received} for r in stats.by_category],
            "departments": [r.label for r in stats.by_department],
            "department_closed": [r.closed for r in stats.by_department],
            "labels": {"received": _("受理"), "resolved": _("解决"), "closed": _("办结")},
        }
        context = {
            "title": _("诉求统计"),
            "stats": stats,
            "park": park,
            "parks": parks,
            "year": year,
            "years": range(timezone.localdate().year, 2019, -1),
            "chart": chart,
        }
        return render(request, self.template_name, context)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def statistics_xlsx(stats: selectors.AppealStatistics, park_name: str) -> HttpResponse:
    headers = [
        _("分组"),
        _("项目"),
        _("受理"),
        _("办结"),
        _("解决"),
        _("按期办结率(%)"),
        _("平均办理工作日"),
        _("评价数"),
        _("平均满意度"),
        _("满意率(%)"),
    ]
    rows = []
    for group, items in (
        (_("合计"), [stats.total]),
        (_("类别"), stats.by_category),
        (_("部门"), stats.by_department),
        (_("月份"), stats.by_month),
    ):
        for r in items:
            rows.append(
                [
                    str(group),
                    r.label,
                    r.received,
                    r.closed,
                    r.resolved,
                    _pct(r.on_time_rate),
                    _num(r.average_days),
                    r.rated,
                    _num(r.average_score),
                    _pct(r.satisfaction_rate),
                ]
            )
    return xlsx_response(
        f"appeal-statistics-{stats.year}", f"{park_name} {stats.year}", [str(h) for h in headers], rows
    )


# --- visits ----------------------------------------------------------------------------------------


class VisitListView(ObjectListView):
    model = Visit
    domain = access.Domain.SERVICE
    table_class = VisitTable
    filterset_class = VisitFilterSet
    title = gettext_lazy("走访记录")
    export_filename = "visits"
    add_url_name = "appeals:visit_add"
    export_columns = (
        (gettext_lazy("走访日期"), "visited_on"),
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("走访部门"), "department.name"),
        (gettext_lazy("参加人员"), "participants"),
        (gettext_lazy("走访记录"), "notes"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.visit_list(self.request.user)


class VisitCreateView(ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    action = access.Action.ADD
    template_name = "appeals/simple_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, VisitForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = VisitForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                visit = services.visit_record(
                    user=request.user,
                    enterprise=data["enterprise"],
                    visited_on=data["visited_on"],
                    notes=data["notes"],
                    participants=data.get("participants", ""),
                    issues=form.issues(),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("走访已记录,形成诉求 %(n)s 件。") % {"n": visit.appeals.count()})
                return redirect("appeals:visit_detail", pk=visit.pk)
        return self._render(request, form, status=400)

    def _render(self, request: HttpRequest, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": _("记录走访"), "cancel": reverse("appeals:visit_list")}
        return render(request, self.template_name, context, status=status)


class VisitDetailView(ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    object_model = Visit

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        visit = selectors.visit_list(request.user).filter(pk=pk).first()
        if visit is None:
            raise Http404
        appeals = selectors.appeal_list(request.user).filter(visits=visit)
        context = {"visit": visit, "appeals": appeals, "title": _("走访记录"), "staff": visit.staff.all()}
        return render(request, "appeals/visit_detail.html", context)
