"""Pages for a park's enterprise tags: list with usage counts, create, rename or recolour, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.services import ConflictError
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    apply_service_errors,
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


class TagCreateView(ScopedViewMixin, View):
    """Create a tag in one of the parks whose registry the user keeps."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, TagForm(user=request.user, creating=True))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TagForm(request.POST, user=request.user, creating=True)
        if form.is_valid():
            try:
                tag = services.tag_create(
                    user=request.user,
                    park=form.cleaned_data["park"],
                    name=form.cleaned_data["name"],
                    color=form.cleaned_data["color"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                messages.success(request, _("已新建标签“%(name)s”。") % {"name": tag.name})
                return redirect("enterprises:tag_list")
        return self.render(request, form, status=400)

    def render(self, request: HttpRequest, form: TagForm, status: int = 200) -> HttpResponse:
        return render(
            request, "enterprises/tag_form.html", {"form": form, "title": _("新建标签")}, status=status
        )


class TagEditView(ScopedViewMixin, View):
    """Rename, recolour or delete a tag (deleting takes it off every enterprise)."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    object_model = Tag

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        tag = object_for_change(request, Tag, pk)
        form = TagForm(
            initial={"name": tag.name, "color": tag.color, "version": tag.version},
            user=request.user,
            creating=False,
        )
        return self.render(request, form, tag)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        tag = object_for_change(request, Tag, pk)
        if request.POST.get("delete"):
            try:
                used_by = services.tag_delete(user=request.user, tag=tag)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            messages.success(
                request,
                _("已删除标签“%(name)s”(%(n)d 家企业不再带有它)。") % {"name": tag.name, "n": used_by},
            )
            return redirect("enterprises:tag_list")
        form = TagForm(request.POST, user=request.user, creating=False)
        if form.is_valid():
            try:
                services.tag_update(
                    user=request.user,
                    tag=tag,
                    name=form.cleaned_data["name"],
                    color=form.cleaned_data["color"],
                    expected_version=form.cleaned_data["version"] or tag.version,
                )
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                messages.success(request, _("已保存标签。"))
                return redirect("enterprises:tag_list")
        return self.render(request, form, tag, status=400)

    def render(self, request: HttpRequest, form: TagForm, tag: Tag, status: int = 200) -> HttpResponse:
        context = {"form": form, "tag": tag, "tag_usage": tag.enterprises.count(), "title": _("编辑标签")}
        return render(request, "enterprises/tag_form.html", context, status=status)
