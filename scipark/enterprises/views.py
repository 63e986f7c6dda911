"""Registry pages: list, detail, create/edit, status periods and contacts. Thin: services do the writes."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.services import ConflictError
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    ServiceFormMixin,
    apply_service_errors,
    denied_as_http,
    object_for_change,
)

from . import selectors, services
from .filters import EnterpriseFilterSet
from .forms import ContactForm, EnterpriseForm, EnterpriseStatusEndForm, EnterpriseStatusForm
from .models import Contact, Enterprise, EnterpriseStatus
from .tables import EnterpriseTable


class EnterpriseListView(ObjectListView):
    """企业名录: search, filters, sortable columns, 50 a page, .xlsx export with the same filters."""

    model = Enterprise
    domain = access.Domain.ENTERPRISES
    table_class = EnterpriseTable
    filterset_class = EnterpriseFilterSet
    title = gettext_lazy("企业名录")
    export_filename = "enterprises"
    add_url_name = "enterprises:enterprise_add"
    import_url_name = "enterprises:import"
    export_columns = (
        (gettext_lazy("企业名称"), "name"),
        (gettext_lazy("简称"), "short_name"),
        (gettext_lazy("统一社会信用代码"), "credit_code"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("行业代码"), "industry.code"),
        (gettext_lazy("行业名称"), "industry.name"),
        (gettext_lazy("统计行业类型"), "activity_type"),
        (gettext_lazy("经营状态"), "status"),
        (gettext_lazy("成立日期"), "registration_date"),
        (gettext_lazy("注册资本(万元)"), "registered_capital_wan"),
        (gettext_lazy("法定代表人"), "legal_representative"),
        (gettext_lazy("地址"), "address"),
        (gettext_lazy("规上/限上(当前)"), "above_scale_now"),
        (gettext_lazy("在孵(当前)"), "incubating_now"),
        (gettext_lazy("标签"), "tags"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.enterprise_list(user=self.request.user)

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "tags":
            return "、".join(t.name for t in obj.tag_list)
        if accessor in {"above_scale_now", "incubating_now"}:
            return _("是") if getattr(obj, accessor) else _("否")
        return super().export_value(obj, accessor)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context.get("can_import"):
            try:  # the import pages live in import_urls.py; a missing route must not break the list
                reverse(self.import_url_name or "")
            except NoReverseMatch:
                context["can_import"] = False
        return context


class EnterpriseDetailView(ScopedViewMixin, DetailView):
    """An enterprise's registry data, status periods, contacts (masked by role) and change history."""

    object_model = Enterprise

    domain = access.Domain.ENTERPRISES
    action = access.Action.VIEW
    template_name = "enterprises/enterprise_detail.html"
    context_object_name = "enterprise"

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.enterprise_list(user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        enterprise: Enterprise = self.object
        user = self.request.user
        contacts, unmasked = selectors.enterprise_contacts(user=user, enterprise=enterprise)
        if unmasked and contacts:
            audit_event_record(
                kind=AuditEvent.Kind.VIEW_PERSONAL,
                request=self.request,
                obj=enterprise,
                detail={"contacts": [c.pk for c in contacts]},
            )
        can_change = access.can_reach(user, enterprise, access.Action.CHANGE)
        context.update(
            title=enterprise.name,
            statuses=selectors.enterprise_statuses(enterprise=enterprise),
            contacts=contacts,
            contacts_unmasked=unmasked,
            history=selectors.enterprise_change_history(enterprise=enterprise),
            can_change=can_change,
            can_keep_registry=can_change
            and services.enterprise_registry_editable(user=user, park_id=enterprise.park_id),
        )
        return context


class EnterpriseCreateView(ScopedViewMixin, View):
    """New enterprise (staff of the departments keeping the registry)."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.ADD
    template_name = "enterprises/enterprise_form.html"

    def _form(self, request: HttpRequest) -> EnterpriseForm:
        data = request.POST if request.method == "POST" else None
        return EnterpriseForm(data, user=request.user, editable=services.REGISTRY_FIELDS, creating=True)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request), "title": _("新建企业")})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            try:
                enterprise = services.enterprise_create(
                    user=request.user, park=form.cleaned_data["park"], data=form.service_data()
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                messages.success(request, _("已新建企业“%(name)s”。") % {"name": enterprise.name})
                return redirect("enterprises:enterprise_detail", pk=enterprise.pk)
        return render(request, self.template_name, {"form": form, "title": _("新建企业")}, status=400)


class EnterpriseUpdateView(ScopedViewMixin, View):
    """Edit an enterprise: registry fields for its keepers, address/website/description for the enterprise."""

    object_model = Enterprise

    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    template_name = "enterprises/enterprise_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.enterprise = object_for_change(request, Enterprise, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _form(self, request: HttpRequest) -> EnterpriseForm:
        editable = services.enterprise_editable_fields(user=request.user, enterprise=self.enterprise)
        data = request.POST if request.method == "POST" else None
        return EnterpriseForm(data, instance=self.enterprise, user=request.user, editable=editable)

    def _render(self, request: HttpRequest, form: EnterpriseForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "enterprise": self.enterprise,
            "title": _("编辑企业:%s") % self.enterprise.name,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            try:
                services.enterprise_update(
                    user=request.user,
                    enterprise=self.enterprise,
                    data=form.service_data(),
                    expected_version=form.cleaned_data["version"],
                )
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                messages.success(request, _("已保存。"))
                return redirect("enterprises:enterprise_detail", pk=self.enterprise.pk)
        return self._render(request, form, status=409 if _has_conflict(form) else 400)


def _has_conflict(form: BaseForm) -> bool:
    return any("他人修改" in str(e) for e in form.non_field_errors())


class SmallFormView(ScopedViewMixin, ServiceFormMixin, View):
    """A short form on an enterprise (status period, contact): full page, or its fragment for htmx."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    template_name = "enterprises/small_form.html"
    heading: ClassVar[Any] = ""
    deletable: ClassVar[bool] = False

    enterprise: Enterprise

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "enterprise": self.enterprise,
            "title": self.heading,
            "action_url": request.get_full_path(),
            "deletable": self.deletable,
        }
        # htmx loads the bare form into the detail page; without it the form is a page of its own.
        if getattr(request, "htmx", False):  # htmx swaps only 2xx answers: errors come back as 200
            return render(request, "enterprises/_small_form.html", context)
        return render(request, self.template_name, context, status=status)

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        url = reverse("enterprises:enterprise_detail", args=[self.enterprise.pk])
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


class EnterpriseStatusAddView(SmallFormView):
    """Add a status period (registry keepers only)."""

    object_model = Enterprise

    heading = gettext_lazy("新增企业状态")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.enterprise = object_for_change(request, Enterprise, kwargs["pk"])
            if not services.enterprise_registry_editable(user=request.user, park_id=self.enterprise.park_id):
                raise PermissionDenied(_("只有负责企业名录的部门可以维护企业状态。"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_form(request, EnterpriseStatusForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.submit(request, EnterpriseStatusForm(request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.enterprise_status_add(user=request.user, enterprise=self.enterprise, **form.cleaned_data)
        return _("已新增企业状态。")


class EnterpriseStatusEndView(SmallFormView):
    """End an open status period."""

    object_model = EnterpriseStatus

    heading = gettext_lazy("结束企业状态")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.status = object_for_change(request, EnterpriseStatus, kwargs["pk"])
            self.enterprise = self.status.enterprise
            if not services.enterprise_registry_editable(user=request.user, park_id=self.enterprise.park_id):
                raise PermissionDenied(_("只有负责企业名录的部门可以维护企业状态。"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_form(request, EnterpriseStatusEndForm(initial={"version": self.status.version}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.submit(request, EnterpriseStatusEndForm(request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.enterprise_status_end(
            user=request.user,
            status=self.status,
            valid_to=form.cleaned_data["valid_to"],
            expected_version=form.cleaned_data["version"],
        )
        return _("已结束企业状态。")


class ContactAddView(SmallFormView):
    """Add a contact person (registry keepers and the enterprise itself)."""

    object_model = Enterprise

    heading = gettext_lazy("新增联系人")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.enterprise = object_for_change(request, Enterprise, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_form(request, ContactForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.submit(request, ContactForm(request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.contact_create(user=request.user, enterprise=self.enterprise, data=form.service_data())
        return _("已新增联系人。")


class ContactEditView(SmallFormView):
    """Edit a contact person; the form shows the real values only to roles that may see them."""

    object_model = Contact

    heading = gettext_lazy("编辑联系人")
    deletable = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.contact = object_for_change(request, Contact, kwargs["pk"])
            self.enterprise = self.contact.enterprise
            if not selectors.sees_personal_data(user=request.user, enterprise=self.enterprise):
                raise PermissionDenied(_("您的角色不能查看或修改联系人的个人信息。"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_form(request, ContactForm(instance=self.contact))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.POST.get("delete"):
            try:
                services.contact_delete(user=request.user, contact=self.contact)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            return self.done(request, _("已删除联系人。"))
        return self.submit(request, ContactForm(request.POST, instance=self.contact))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.contact_update(
            user=request.user,
            contact=self.contact,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存联系人。")
