"""诉求类别: the park's kinds of appeal, kept by 企业服务 staff."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ObjectListView, ServiceFormView

from .. import selectors, services
from ..filters import CategoryFilterSet
from ..forms import CategoryForm, service_parks
from ..models import AppealCategory
from ..tables import CategoryTable


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


class CategoryFormView(ServiceFormView):
    """What the add and edit pages share: the form, and back to the list."""

    domain = access.Domain.SERVICE
    form_class = CategoryForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user, "instance": self.object}

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def get_cancel_url(self) -> str:
        return reverse("appeals:category_list")


class CategoryCreateView(CategoryFormView):
    action = access.Action.ADD
    title = gettext_lazy("新建诉求类别")

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        # Enterprise users may add appeals on the service domain, but categories are park staff's.
        if not service_parks(self.request.user).exists():
            raise PermissionDenied(_("只有园区企业服务工作人员可以新建诉求类别。"))
        return super().get_form(data, files)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.category_create(user=request.user, park=form.cleaned_data["park"], data=form.service_data())
        return _("已保存。")


class CategoryEditView(CategoryFormView):
    """Edit with the version the page showed; enterprise users, who read categories, get a 404."""

    action = access.Action.CHANGE
    object_model = AppealCategory
    title = gettext_lazy("编辑诉求类别")

    def save(self, request: HttpRequest, form: Any) -> str:
        services.category_update(
            user=request.user,
            category=self.object.pk,
            data=form.service_data(),
            version=form.cleaned_data["version"],
        )
        return _("已保存。")
