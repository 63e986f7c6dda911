"""企业标签: a park's enterprise tags with their usage counts; create, rename or recolour, delete."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ObjectListView, ServiceFormView

from .. import services
from ..filters import TagFilterSet
from ..forms import TagForm
from ..models import Tag
from ..tables import TagTable
from .base import DeletableFormView


class TagListView(ObjectListView):
    """The tags of the user's parks, with how many enterprises carry each."""

    model = Tag
    domain = access.Domain.ENTERPRISES
    table_class = TagTable
    filterset_class = TagFilterSet
    title = gettext_lazy("企业标签")
    add_url_name = "enterprises:tag_add"
    export_filename = "tags"
    export_columns = (
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("企业数"), "enterprise_count"),
    )

    def get_queryset(self) -> QuerySet[Tag]:
        return (
            Tag.objects.restrict(self.request.user, access.Action.VIEW)
            .select_related("park")
            .annotate(enterprise_count=Count("enterprises"))
            .order_by("park__name", "name")
        )

    def get_table_kwargs(self) -> dict[str, Any]:
        return (
            {}
            if access.has_permission(self.request.user, self.domain, access.Action.CHANGE)
            else {"exclude": ("actions",)}
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change_tags"] = access.has_permission(
            self.request.user, self.domain, access.Action.CHANGE
        )
        return context


class TagCreateView(ServiceFormView):
    """Create a tag in one of the parks whose registry the user keeps."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.ADD
    title = gettext_lazy("新建标签")

    def get_form(self, data: Any = None, files: Any = None) -> TagForm:
        return TagForm(data, user=self.request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        tag = services.tag_create(
            user=request.user, park=data["park"], name=data["name"], color=data["color"]
        )
        return _("已新建标签“%(name)s”。") % {"name": tag.name}

    def get_cancel_url(self) -> str:
        return reverse("enterprises:tag_list")

    get_success_url = get_cancel_url


class TagEditView(DeletableFormView):
    """Rename, recolour or delete a tag (deleting takes it off every enterprise)."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    object_model = Tag
    title = gettext_lazy("编辑标签")
    template_name = "enterprises/tag_form.html"

    def get_form(self, data: Any = None, files: Any = None) -> TagForm:
        tag = self.object
        initial = {"name": tag.name, "color": tag.color, "version": tag.version}
        return TagForm(data, initial=initial, user=self.request.user, creating=False)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            tag_usage=self.object.enterprises.count(), tag_version=self.object.version, **kwargs
        )

    def save_form(self, request: HttpRequest, form: Any) -> str:
        services.tag_update(
            user=request.user,
            tag=self.object,
            name=form.cleaned_data["name"],
            color=form.cleaned_data["color"],
            expected_version=form.cleaned_data["version"] or self.object.version,
        )
        return _("已保存标签。")

    def delete(self, request: HttpRequest) -> str:
        used_by = services.tag_delete(
            user=request.user, tag=self.object, expected_version=self.expected_version
        )
        return _("已删除标签“%(name)s”(%(n)d 家企业不再带有它)。") % {"name": self.object.name, "n": used_by}

    def get_cancel_url(self) -> str:
        return reverse("enterprises:tag_list")

    get_success_url = get_cancel_url
