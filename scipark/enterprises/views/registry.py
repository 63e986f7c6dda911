"""企业名录 pages: the list, one enterprise's page, and the create and edit forms. Services do the writes."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.money import wan_figure
from scipark.core.terms import joined
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormView

from .. import selectors, services
from ..filters import EnterpriseFilterSet
from ..forms import EnterpriseForm
from ..models import Enterprise
from ..tables import EnterpriseTable
from .base import detail_url


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
            return joined(t.name for t in obj.tag_list)
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


class EnterprisePage(ScopedViewMixin, DetailView):
    """A page of one enterprise, looked up within the viewer's registry reach (out of reach → 404, a role
    without the registry → 403): its registry page and its profile."""

    object_model = Enterprise
    domain = access.Domain.ENTERPRISES
    action = access.Action.VIEW
    context_object_name = "enterprise"

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.enterprise_list(user=self.request.user)


class EnterpriseDetailView(EnterprisePage):
    """An enterprise's registry data, status periods, contacts (masked by role) and change history."""

    template_name = "enterprises/enterprise_detail.html"

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
            # in 万元 with the decimals it was typed with, as its form shows it (core.money)
            registered_capital=wan_figure(enterprise.registered_capital),
            can_change=can_change,
            can_keep_registry=can_change
            and services.enterprise_registry_editable(user=user, park_id=enterprise.park_id),
        )
        return context


class EnterpriseCreateView(ServiceFormView):
    """New enterprise (staff of the departments keeping the registry)."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.ADD
    title = gettext_lazy("新建企业")

    def get_form(self, data: Any = None, files: Any = None) -> EnterpriseForm:
        return EnterpriseForm(data, user=self.request.user, editable=services.REGISTRY_FIELDS, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.enterprise_create(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        return _("已新建企业“%(name)s”。") % {"name": self.saved.name}

    def get_success_url(self) -> str:
        return detail_url(self.saved)

    def get_cancel_url(self) -> str:
        return reverse("enterprises:enterprise_list")


class EnterpriseUpdateView(ServiceFormView):
    """Edit an enterprise: registry fields for its keepers, address/website/description for the enterprise."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    object_model = Enterprise
    title = gettext_lazy("编辑企业")

    def get_form(self, data: Any = None, files: Any = None) -> EnterpriseForm:
        editable = services.enterprise_editable_fields(user=self.request.user, enterprise=self.object)
        return EnterpriseForm(data, instance=self.object, user=self.request.user, editable=editable)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.enterprise_update(
            user=request.user,
            enterprise=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存。")

    def get_cancel_url(self) -> str:
        return detail_url(self.object)

    get_success_url = get_cancel_url
