"""Pages for a park's enterprise tags: list with usage counts, create, rename or recolour, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    ServiceFormMixin,
    denied_as_http,
    object_for_change,
)

from . import services
from .filters import TagFilterSet
from .forms import TagForm
from .models import Tag
from .tables import TagTable


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


class TagFormView(ScopedViewMixin, ServiceFormMixin, View):
    """The tag form page: one service call per save, back to the list when done."""

    domain = access.Domain.ENTERPRISES
    title: Any = ""
    tag: Tag | None = None

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "tag": self.tag,
            "tag_usage": self.tag.enterprises.count() if self.tag else 0,
            "title": self.title,
        }
        return render(request, "enterprises/tag_form.html", context, status=status)

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect("enterprises:tag_list")


class TagCreateView(TagFormView):
    """Create a tag in one of the parks whose registry the user keeps."""

    action = access.Action.ADD
    title = gettext_lazy("新建标签")

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, TagForm(user=request.user, creating=True))

    def post(self, request: HttpRequest) -> HttpResponse:
        return self.submit(request, TagForm(request.POST, user=request.user, creating=True))

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        tag = services.tag_create(
            user=request.user, park=data["park"], name=data["name"], color=data["color"]
        )
        return _("已新建标签“%(name)s”。") % {"name": tag.name}


class TagEditView(TagFormView):
    """Rename, recolour or delete a tag (deleting takes it off every enterprise)."""

    action = access.Action.CHANGE
    object_model = Tag
    title = gettext_lazy("编辑标签")

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.tag = tag = object_for_change(request, Tag, pk)
        initial = {"name": tag.name, "color": tag.color, "version": tag.version}
        return self.render_form(request, TagForm(initial=initial, user=request.user, creating=False))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.tag = tag = object_for_change(request, Tag, pk)
        if request.POST.get("delete"):
            try:
                used_by = services.tag_delete(user=request.user, tag=tag)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            message = _("已删除标签“%(name)s”(%(n)d 家企业不再带有它)。") % {"name": tag.name, "n": used_by}
            return self.done(request, message)
        return self.submit(request, TagForm(request.POST, user=request.user, creating=False))

    def save(self, request: HttpRequest, form: Any) -> str:
        assert self.tag is not None
        services.tag_update(
            user=request.user,
            tag=self.tag,
            name=form.cleaned_data["name"],
            color=form.cleaned_data["color"],
            expected_version=form.cleaned_data["version"] or self.tag.version,
        )
        return _("已保存标签。")
