"""资源清单: the list, offering and editing a resource, its page, and withdrawing it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ServiceActionView

from .. import selectors, services
from ..filters import ResourceFilterSet
from ..forms import ResourceForm
from ..models import Resource
from ..tables import ResourceTable
from .base import AllianceDetailView
from .items import ItemCreateView, ItemEditView, MaskedListView


class ResourceListView(MaskedListView):
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


class ResourceCreateView(ItemCreateView):
    title = gettext_lazy("登记资源")
    form_class = ResourceForm
    kind = "resource"

    def save(self, request: HttpRequest, form: Any) -> str:
        assert self.alliance is not None
        self.saved = services.resource_create(
            user=request.user, alliance=self.alliance, data=form.service_data()
        )
        return _("已登记资源“%s”。") % self.saved.title


class ResourceEditView(ItemEditView):
    object_model = Resource
    title = gettext_lazy("编辑资源")
    form_class = ResourceForm


class ResourceDetailView(AllianceDetailView):
    """A resource and the joint actions it serves."""

    object_model = Resource
    template_name = "alliance/resource_detail.html"

    def describe(self, user: Any, resource: Any) -> dict[str, Any]:
        editable = access.can_reach(user, resource, access.Action.CHANGE) and bool(
            services.item_editable_fields(user=user, item=resource)
        )
        return {
            "title": resource.title,
            "resource": resource,
            "provider": selectors.NameMasker(user).provider(resource),
            "actions": selectors.action_list(user=user).filter(resources=resource),
            "can_edit": editable,
        }


class ResourceWithdrawView(ServiceActionView):
    """Withdraw a resource (its provider or staff)."""

    domain = access.Domain.SERVICE
    object_model = Resource

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.resource_withdraw(
            user=request.user, resource=obj, expected_version=self.posted_version(request)
        )
        return _("已撤回资源。")
