"""Base page views: every page declares its domain and action; the mixin enforces them (SECURITY.md 1-2).

Lists, detail pages, edit forms and exports all take their rows from ``Model.objects.restrict``;
an object outside the user's reach is a 404, a route the user's roles do not allow is a 403.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import access
from .audit import audit_event_record
from .exports import xlsx_response
from .forms import style_form
from .models import AuditEvent
from .services import ConflictError


class ScopedViewMixin(LoginRequiredMixin):
    """Sign-in, then the route-level rule: the user's roles must allow ``action`` on ``domain``."""

    domain: ClassVar[access.Domain]
    action: ClassVar[access.Action] = access.Action.VIEW
    #: The model whose primary key the URL carries (``<int:pk>``), for views that act on one object.
    object_model: ClassVar[type[models.Model] | None] = None
    raise_exception = False  # anonymous users are sent to the login page

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.has_permission(request.user, self.domain, self.required_action(request)):
            raise PermissionDenied(_("您的角色无权访问此页面。"))
        return super().dispatch(request, *args, **kwargs)

    def required_action(self, request: HttpRequest) -> access.Action:
        return self.action


class ObjectListView(ScopedViewMixin, SingleTableMixin, FilterView):
    """A filtered, sortable, paginated list that exports to .xlsx with the same filters and rows."""

    model: type[models.Model]
    template_name = "core/object_list.html"
    paginate_by = 50
    export_filename: ClassVar[str] = "export"
    export_columns: ClassVar[Sequence[tuple[str | Promise, str]]] = ()  # (header, accessor)
    title: ClassVar[str | Promise] = ""
    add_url_name: ClassVar[str | None] = None
    import_url_name: ClassVar[str | None] = None

    def required_action(self, request: HttpRequest) -> access.Action:
        return access.Action.EXPORT if request.GET.get("export") == "xlsx" else access.Action.VIEW

    def get_queryset(self) -> models.QuerySet[Any]:
        return self.model.objects.restrict(self.request.user, access.Action.VIEW)  # type: ignore[attr-defined]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "xlsx":
            return self.export(request)
        return super().get(request, *args, **kwargs)

    def export_rows(self, queryset: models.QuerySet[Any]) -> Any:
        for obj in queryset.iterator(chunk_size=2000):
            yield [self.export_value(obj, accessor) for _header, accessor in self.export_columns]

    def export_value(self, obj: Any, accessor: str) -> Any:
        value: Any = obj
        for part in accessor.split("."):
            if value is None:
                return None
            display = getattr(value, f"get_{part}_display", None)
            value = display() if callable(display) else getattr(value, part)
            if callable(value) and not isinstance(value, models.Model):
                value = value()
        return value

    def export(self, request: HttpRequest) -> HttpResponse:
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        sort = request.GET.get("sort")
        if sort and sort.lstrip("-") in {c.name for c in self.get_table_class()(data=[]).columns}:
            with contextlib.suppress(FieldError):  # a column that is not a field: keep the default order
                queryset = queryset.order_by(sort)
        count = queryset.count()
        audit_event_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            object_type=self.model._meta.label_lower,
            detail={"rows": count, "query": request.GET.urlencode()[:500]},
        )
        headers = [str(header) for header, _accessor in self.export_columns]
        return xlsx_response(
            self.export_filename,
            str(self.model._meta.verbose_name_plural),
            headers,
            self.export_rows(queryset),
        )

    def get_filterset(self, filterset_class: Any) -> Any:
        filterset = super().get_filterset(filterset_class)
        style_form(filterset.form, small=True)
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=self.title or self.model._meta.verbose_name_plural,
            can_export=access.has_permission(user, self.domain, access.Action.EXPORT),
            can_add=bool(self.add_url_name) and access.has_permission(user, self.domain, access.Action.ADD),
            can_import=bool(self.import_url_name)
            and access.has_permission(user, self.domain, access.Action.IMPORT),
            add_url_name=self.add_url_name,
            import_url_name=self.import_url_name,
            export_query=_export_query(self.request),
        )
        return context


def _export_query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return params.urlencode()


def object_for_change(request: HttpRequest, model: type[models.Model], pk: Any) -> Any:
    """The row, if the user may change it: out of reach is a 404, visible but not editable a 403."""
    manager: Any = model._default_manager
    obj = manager.restrict(request.user, access.Action.VIEW).filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not manager.restrict(request.user, access.Action.CHANGE).filter(pk=pk).exists():
        raise PermissionDenied(_("您没有权限修改此记录。"))
    return obj


def apply_service_errors(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form when the field is not shown)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def denied_as_http(exc: access.AccessDenied) -> Exception:
    """A service's AccessDenied as the page answers it: 404 out of reach, 403 otherwise."""
    return Http404() if exc.not_found else PermissionDenied(str(exc))


class ServiceFormMixin:
    """A form page whose save is one service call: errors from the service go back onto the form,
    a stale version is a conflict message, an out-of-reach object is a 404; nothing is half-saved."""

    def submit(self, request: HttpRequest, form: BaseForm) -> HttpResponse:
        if form.is_valid():
            try:
                message = self.save(request, form)
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                return self.done(request, message)
        return self.render_form(request, form, status=400)

    def save(self, request: HttpRequest, form: Any) -> str:
        """Call the service for a valid form; return the success message."""
        raise NotImplementedError

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        raise NotImplementedError

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        raise NotImplementedError


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """A friendly error page, or a JSON error under /api/: never a traceback (SECURITY.md row 19)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400, _("请求有误,请检查后重试。"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("您没有权限访问此页面。")
    return error_page(request, 403, message)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404, _("页面不存在,或不在您的权限范围内。"))


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500, _("服务器内部错误,已记录,请稍后重试。"))
