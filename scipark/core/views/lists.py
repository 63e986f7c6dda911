"""Lists and exports: a filtered, sortable, paginated list, and ``?export=xlsx`` on any page."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import FieldError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.exports import xlsx_response
from scipark.core.forms import style_form
from scipark.core.models import AuditEvent

from . import background
from .base import ScopedViewMixin

EXPORT_VALUE = "xlsx"
#: The most rows a list page shows, whatever ``?per_page`` asks (the API's ``max_page_size``): a page of a
#: park's hundreds of thousands of rows would be drawn in one response. The whole list is the export.
MAX_PER_PAGE = 500
_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"\d{4}")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # characters no file system takes in a name


def wants_export(request: HttpRequest) -> bool:
    """Whether the request asks for the page's table as .xlsx (``?export=xlsx``)."""
    return request.GET.get("export") == EXPORT_VALUE


def export_query(request: HttpRequest) -> str:
    """The page's own query string with ``export=xlsx`` (and without ``page``), for the export button."""
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = EXPORT_VALUE
    return params.urlencode()


def export_xlsx(
    request: HttpRequest,
    *,
    filename: str,
    sheet: str,
    headers: Sequence[str | Promise],
    rows: Iterable[Sequence[Any]],
    object_type: str,
    count: int | None = None,
    download_name: str | None = None,
) -> HttpResponse:
    """An .xlsx download of ``rows``, recorded as one EXPORT audit event (SECURITY.md rows 9 and 12).

    ``download_name`` is the Chinese file name without ``.xlsx`` (see :func:`export_download_name`);
    ``filename`` then only gives the ASCII fallback. Above ``SCIPARK_EXPORT_BACKGROUND_ROWS`` rows the sheet
    is made by a background task that replays this request (``background.py``): the page follows its progress.
    """
    if count is None:
        rows = list(rows)
        count = len(rows)
    run = background.replaying(request)
    if run is not None:  # inside the background task: the same sheet, kept for the run's user
        return background.write_export(
            request,
            run,
            filename=filename,
            sheet=sheet,
            headers=[str(h) for h in headers],
            rows=rows,
            object_type=object_type,
            count=count,
            download_name=download_name,
        )
    if background.goes_to_background(request, count):
        return background.start_export(request, title=download_name or filename, count=count)
    audit_event_record(
        kind=AuditEvent.Kind.EXPORT,
        request=request,
        object_type=object_type,
        detail={"rows": count, "query": request.GET.urlencode()[:500]},
    )
    return xlsx_response(filename, sheet, [str(h) for h in headers], rows, download_name=download_name)


def export_download_name(request: HttpRequest, title: str | Promise) -> str:
    """The file name (without ``.xlsx``) of a page's export (issue 10, item 10): its Chinese title and
    the period (``?period=2023-12``) or year (``?year=2023``) the list is filtered by, else today's date,
    e.g. ``月度报表-2023-12``."""
    period = request.GET.get("period", "").strip()
    year = request.GET.get("year", "").strip()
    if _PERIOD.fullmatch(period):
        when = period
    elif _YEAR.fullmatch(year):
        when = year
    else:
        when = timezone.localdate().isoformat()
    stem = _UNSAFE_NAME.sub("-", str(title)).strip(" -.") or "export"
    return f"{stem}-{when}"


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):  # a multiple choice, or the parts of a range
        return all(_blank(part) for part in value)
    return False  # a real value, including a "no" (False) chosen in a yes/no select


def active_filter_count(form: forms.BaseForm) -> int:
    """How many of a filter form's fields the request gives a value: the number on the phone's "筛选" button.

    Read through each widget, as the form reads it (a range's two inputs are one filter; a select left on its
    empty choice or a blank text filters nothing); ``page``, ``sort`` and ``per_page`` are not fields.
    """
    if not form.is_bound:
        return 0
    count = 0
    for name, field in form.fields.items():
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        if isinstance(field.widget, forms.CheckboxInput):
            count += value is True  # an unticked box reads as False, which filters nothing
        else:
            count += not _blank(value)
    return count


class ExportMixin:
    """A page whose ``?export=xlsx`` answers with its table as .xlsx: the route then needs ``EXPORT``.

    Subclasses implement :meth:`export` (usually one :func:`export_xlsx` call).
    """

    def required_action(self, request: HttpRequest) -> access.Action:
        if wants_export(request):
            return access.Action.EXPORT
        return super().required_action(request)  # type: ignore[misc]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if wants_export(request):
            return self.export(request)
        return super().get(request, *args, **kwargs)  # type: ignore[misc]

    def export(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """``can_export``: whether the page may offer its 导出 Excel button (the export needs ``EXPORT``,
        which a reader of the page may lack: an enterprise reads its own 未报 list but exports nothing)."""
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        user, domain = self.request.user, self.domain  # type: ignore[attr-defined]
        context["can_export"] = access.has_permission(user, domain, access.Action.EXPORT)
        return context


class BoundedPaginator(Paginator):
    """The table's paginator, at most :data:`MAX_PER_PAGE` rows a page (``?per_page=`` is the reader's)."""

    def __init__(self, object_list: Any, per_page: int | str, *args: Any, **kwargs: Any) -> None:
        super().__init__(object_list, min(int(per_page), MAX_PER_PAGE), *args, **kwargs)


class ObjectListView(ExportMixin, ScopedViewMixin, SingleTableMixin, FilterView):
    """A filtered, sortable, paginated list that exports to .xlsx with the same filters and rows."""

    model: type[models.Model]
    template_name = "core/object_list.html"
    paginate_by = 50
    paginator_class = BoundedPaginator  # the table's (django-tables2 reads it)
    export_filename: ClassVar[str] = "export"
    export_columns: ClassVar[Sequence[tuple[str | Promise, str]]] = ()  # (header, accessor)
    title: ClassVar[str | Promise] = ""
    add_url_name: ClassVar[str | None] = None
    import_url_name: ClassVar[str | None] = None

    def get_queryset(self) -> models.QuerySet[Any]:
        return self.model.objects.restrict(self.request.user, access.Action.VIEW)  # type: ignore[attr-defined]

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, Any, Any, bool]:
        """Leave the paging to the table (django-tables2's ``RequestConfig``, whose ``table.paginator`` and
        ``table.page`` the templates read): paging here as well counted every list's rows twice, a second
        ``COUNT(*)`` over a park's hundreds of thousands of rows on the large lists. A page past the end
        shows the last page (the table's way) instead of a 404."""
        return None, None, queryset, False

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
        # Only the columns the page sorts by (a column may refuse: its order would tell what it hides).
        sortable = {c.name for c in self.get_table_class()(data=[]).columns if c.orderable}
        if sort and sort.lstrip("-") in sortable:
            with contextlib.suppress(FieldError):  # a column that is not a field: keep the default order
                queryset = queryset.order_by(sort)
        return export_xlsx(
            request,
            filename=self.export_filename,
            sheet=str(self.model._meta.verbose_name_plural),
            headers=[header for header, _accessor in self.export_columns],
            rows=self.export_rows(queryset),
            object_type=self.model._meta.label_lower,
            count=queryset.count(),
            download_name=self.export_download_name(request),
        )

    def export_download_name(self, request: HttpRequest) -> str | None:
        """The export's Chinese file name: the page's title and the period or year it is filtered by.

        A view that set a Chinese ``export_filename`` itself keeps it (``<export_filename>-<date>.xlsx``).
        """
        if not self.export_filename.isascii():
            return None
        return export_download_name(request, self.title or self.model._meta.verbose_name_plural or "")

    def get_filterset(self, filterset_class: Any) -> Any:
        filterset = super().get_filterset(filterset_class)
        style_form(filterset.form, small=True)
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=self.title or self.model._meta.verbose_name_plural,
            can_add=bool(self.add_url_name) and access.has_permission(user, self.domain, access.Action.ADD),
            can_import=bool(self.import_url_name)
            and access.has_permission(user, self.domain, access.Action.IMPORT),
            add_url_name=self.add_url_name,
            import_url_name=self.import_url_name,
            export_query=export_query(self.request),
        )
        filterset = context.get("filter")
        if filterset is not None:
            form = filterset.form
            # On a phone the filters fold behind one button: it counts what is applied, and a field the
            # form refused opens the panel, or its error would be hidden behind the button.
            context.update(
                active_filters=active_filter_count(form),
                filters_open=form.is_bound and bool(form.errors),
            )
        return context
