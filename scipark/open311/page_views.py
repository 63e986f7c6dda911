"""The service department's Open311 pages: clients (list, create with the key shown once, revoke) and the
questions each service asks (list, add, edit, delete). Built on core's page pieces and error policy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from scipark.core import access
from scipark.core.views import ObjectListView, ServiceActionView, ServiceFormView
from scipark.parks.models import Park

from .client_services import client_create, client_revoke
from .filters import AttributeFilterSet, ClientFilterSet
from .forms import AttributeForm, ClientForm
from .models import Open311Client, ServiceAttribute
from .services import service_attribute_create, service_attribute_delete, service_attribute_update
from .tables import AttributeTable, ClientTable


class StaffOnlyMixin:
    """Clients are the administration's business: enterprise users, who hold the service domain for
    their own appeals, get a 403 here."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if (
            user.is_authenticated
            and not Park.objects.restrict(user, access.Action.VIEW, domain=access.Domain.SERVICE).exists()
        ):
            raise PermissionDenied(_("Open311 客户端由园区工作人员管理。"))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ClientListView(StaffOnlyMixin, ObjectListView):
    """The clients of the user's parks, with how many appeals each has filed."""

    model = Open311Client
    domain = access.Domain.SERVICE
    table_class = ClientTable
    filterset_class = ClientFilterSet
    title = gettext_lazy("Open311 客户端")
    add_url_name = "open311:client_add"
    export_filename = "open311-clients"
    export_columns = (
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("密钥前缀"), "key_prefix"),
        (gettext_lazy("联系人及联系方式"), "contact"),
        (gettext_lazy("创建时间"), "created_at"),
        (gettext_lazy("最近使用"), "last_used_at"),
        (gettext_lazy("吊销时间"), "revoked_at"),
        (gettext_lazy("提交诉求数"), "request_count"),
    )

    def get_queryset(self) -> QuerySet[Open311Client]:
        return (
            Open311Client.objects.restrict(self.request.user, access.Action.VIEW)
            .select_related("park")
            .annotate(request_count=Count("submissions"))
            .order_by("park__name", "name")
        )

    def get_table_kwargs(self) -> dict[str, Any]:
        can_change = access.has_permission(self.request.user, self.domain, access.Action.CHANGE)
        return {} if can_change else {"exclude": ("actions",)}


class ClientCreateView(StaffOnlyMixin, ServiceFormView):
    """Register a client; its key is shown on the answer page once and never again."""

    domain = access.Domain.SERVICE
    action = access.Action.ADD
    form_class = ClientForm
    template_name = "open311/client_form.html"
    title = gettext_lazy("新建 Open311 客户端")
    key = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_cancel_url(self) -> str:
        return reverse("open311:client_list")

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        self.saved, self.key = client_create(
            park=data["park"], name=data["name"], contact=data["contact"], user=request.user, request=request
        )
        return _("已创建客户端“%(name)s”。") % {"name": self.saved.name}

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        # Rendered, not redirected: the key must not travel in a URL or rest in the session.
        response = render(
            request,
            "open311/client_key.html",
            {"title": message, "client": self.saved, "key": self.key},
            status=201,
        )
        response["Cache-Control"] = "no-store"
        return response


class ClientRevokeView(ServiceActionView):
    """GET: confirm; POST: revoke the client's key, so that its next call gets 403."""

    http_method_names = ["get", "post"]
    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    object_model = Open311Client

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = {"client": self.object, "title": _("吊销密钥")}
        return render(request, "open311/client_revoke.html", context)

    def perform(self, request: HttpRequest, obj: Open311Client) -> str:
        if client_revoke(client=obj, user=request.user, request=request):
            return _("已吊销客户端“%(name)s”的密钥。") % {"name": obj.name}
        messages.info(request, _("客户端“%(name)s”的密钥此前已被吊销。") % {"name": obj.name})
        return ""

    def get_success_url(self, obj: Any) -> str:
        return reverse("open311:client_list")


class AttributeListView(StaffOnlyMixin, ObjectListView):
    """The questions the park's services ask Open311 clients."""

    model = ServiceAttribute
    domain = access.Domain.SERVICE
    table_class = AttributeTable
    filterset_class = AttributeFilterSet
    title = gettext_lazy("Open311 服务属性")
    add_url_name = "open311:attribute_add"
    export_filename = "open311-attributes"
    export_columns = (
        (gettext_lazy("园区"), "category.park.name"),
        (gettext_lazy("服务代码"), "category.code"),
        (gettext_lazy("服务名称"), "category.name"),
        (gettext_lazy("代码"), "code"),
        (gettext_lazy("数据类型"), "datatype"),
        (gettext_lazy("必填"), "required"),
        (gettext_lazy("顺序"), "order"),
        (pgettext_lazy("service attribute", "问题"), "description"),
    )

    def get_queryset(self) -> QuerySet[ServiceAttribute]:
        return (
            ServiceAttribute.objects.restrict(self.request.user, access.Action.VIEW)
            .select_related("category", "category__park")
            .order_by("category__park__name", "category__code", "order", "code")
        )


class AttributeFormView(ServiceFormView):
    """Shared by add and edit: one service call per save, back to the list when done."""

    domain = access.Domain.SERVICE
    form_class = AttributeForm
    template_name = "open311/attribute_form.html"

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def get_cancel_url(self) -> str:
        return reverse("open311:attribute_list")


class AttributeCreateView(StaffOnlyMixin, AttributeFormView):
    action = access.Action.ADD
    title = gettext_lazy("新建服务属性")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def save(self, request: HttpRequest, form: Any) -> str:
        attribute = service_attribute_create(
            user=request.user, category=form.cleaned_data["category"], data=form.service_data()
        )
        return _("已新建服务属性“%(code)s”。") % {"code": attribute.code}


class AttributeEditView(AttributeFormView):
    """Edit with the version the page showed (a form without it is refused)."""

    action = access.Action.CHANGE
    object_model = ServiceAttribute
    title = gettext_lazy("编辑服务属性")

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        initial = AttributeForm.initial_for(self.object) if data is None else None
        return AttributeForm(data, initial=initial, user=self.request.user, editing=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        service_attribute_update(
            user=request.user,
            attribute=self.object.pk,
            data=form.service_data(),
            version=form.cleaned_data["version"],
        )
        return _("已保存服务属性“%(code)s”。") % {"code": form.cleaned_data["code"]}


class AttributeDeleteView(ServiceActionView):
    domain = access.Domain.SERVICE
    action = access.Action.DELETE
    object_model = ServiceAttribute

    def perform(self, request: HttpRequest, obj: ServiceAttribute) -> str:
        service_attribute_delete(user=request.user, attribute=obj.pk)
        return _("已删除服务属性“%(code)s”。") % {"code": obj.code}

    def get_success_url(self, obj: Any) -> str:
        return reverse("open311:attribute_list")
