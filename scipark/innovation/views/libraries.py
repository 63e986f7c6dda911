"""The ten tech-service libraries: one search box over all of them and the registry (highlighted,
faceted by library), each library's list with .xlsx export, and one record. Experts' and talents' names
and contacts are masked for readers whose work does not need them; an unmasked view is audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.forms import is_yuan_amount, wan_label
from scipark.core.models import AuditEvent
from scipark.core.money import wan_figure
from scipark.core.views import ExportMixin, ScopedViewMixin, export_xlsx, object_or_404
from scipark.core.views.lists import export_query

from .. import search, selectors
from ..forms import staff_park_ids
from ..libraries import BY_SLUG, LIBRARIES, REGISTRY, Library, text_of
from ..models import IntellectualProperty

PERSONAL = ("name", "phone", "email")


def library_or_404(slug: str) -> Library:
    library = BY_SLUG.get(slug)
    if library is None:
        raise Http404
    return library


def hit_url(library: str, object_id: int) -> str:
    if library == REGISTRY:
        return reverse("innovation:enterprise_profile", args=[object_id])
    return reverse("innovation:record_detail", args=[library, object_id])


def shown_value(row: Any, name: str) -> str:
    """A field of a record as a page shows it: amounts with thousands separators (the Chinese locale
    groups none, so 1200000.00 read as one unbroken number), an amount in 元 in 万元, yes/no in words,
    choices by their label."""
    value = getattr(row, name, None)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Decimal) and is_yuan_amount(row._meta.get_field(name)):
        return wan_figure(value)  # in 万元, as the record's form takes it
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return text_of(row, (name,)) or "—"


def label_of(model: Any, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def cells(row: Any, library: Library, person: dict[str, str] | None) -> list[str]:
    """The list columns of ``row`` as shown (a person's name masked unless ``person`` unmasks it)."""
    out = []
    for name in library.columns:
        if person is not None and name in PERSONAL:
            out.append(person[name])
        else:
            out.append(text_of(row, (name,)) or "—")
    return out


def audit_unmasked(request: HttpRequest, rows: list[Any], model: Any) -> None:
    if rows:
        audit_event_record(
            kind=AuditEvent.Kind.VIEW_PERSONAL,
            request=request,
            object_type=model._meta.label_lower,
            detail={"rows": [r.pk for r in rows][:200]},
        )


class LibraryView(ExportMixin, ScopedViewMixin, TemplateView):
    """十大科技服务能力提升库: without a query, a library's records; with one, the search's top results."""

    domain = access.Domain.INNOVATION
    template_name = "innovation/libraries.html"
    paginate_by = 50

    def library(self) -> Library:
        return library_or_404(self.kwargs.get("library") or LIBRARIES[0].slug)

    def rows(self) -> Any:
        library = self.library()
        rows = library.model.objects.restrict(self.request.user, access.Action.VIEW)
        related = [f for f in ("enterprise", "owner") if f in {x.name for x in library.model._meta.fields}]
        return rows.select_related(*related)

    def shown(self, rows: list[Any]) -> tuple[list[tuple[Any, str, list[str]]], list[Any]]:
        """Each row with its title and cells, and the rows whose personal fields are shown unmasked.

        The title is the library's title field, never ``str(row)``: an expert's is their name."""
        library = self.library()
        unmasked = []
        out = []
        for row in rows:
            person = None
            if library.personal:
                sees = selectors.sees_person(self.request.user, row)
                person = selectors.person_view(row, unmasked=sees)
                if sees:
                    unmasked.append(row)
            out.append((row, text_of(row, library.title), cells(row, library, person)))
        return out, unmasked

    def export(self, request: HttpRequest) -> HttpResponse:
        library = self.library()
        rows = list(self.rows())
        shown, unmasked = self.shown(rows)
        audit_unmasked(request, unmasked, library.model)
        return export_xlsx(
            request,
            filename=f"library-{library.slug}",
            sheet=library.label,
            headers=[
                label_of(library.model, library.title[0]),
                *(label_of(library.model, n) for n in library.columns),
            ],
            rows=[[title, *c] for _r, title, c in shown],
            object_type=library.model._meta.label_lower,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        library = self.library()
        query = self.request.GET.get("q", "").strip()[:100]
        context.update(title=_("科技服务能力提升库"), library=library, libraries=LIBRARIES, query=query)
        if query:
            facet = self.request.GET.get("in", "")
            results = search.search(user=self.request.user, query=query, library=facet or None)
            context.update(
                results=results,
                facet=facet,
                hits=[(h, hit_url(h.library, h.object_id)) for h in results.hits],
            )
            return context
        page = Paginator(self.rows(), self.paginate_by).get_page(self.request.GET.get("page"))
        shown, unmasked = self.shown(list(page.object_list))
        audit_unmasked(self.request, unmasked, library.model)
        headers = [label_of(library.model, n) for n in library.columns]
        context.update(
            page=page,
            # each cell with its column's header: a phone's card writes it beside the value (sp-stack-sm)
            shown=[(row, title, list(zip(headers, cells, strict=True))) for row, title, cells in shown],
            headers=headers,
            title_header=label_of(library.model, library.title[0]),
            import_url=reverse(f"innovation:{library.slug}_import")
            if access.has_permission(self.request.user, self.domain, access.Action.IMPORT)
            else "",
            can_add=access.has_permission(self.request.user, self.domain, access.Action.ADD)
            and (library.enterprise_field is not None or bool(staff_park_ids(self.request.user))),
            export_query=export_query(self.request),
        )
        return context


class RecordDetailView(ScopedViewMixin, TemplateView):
    """One record of a library, all its fields (a person's masked unless the reader's work needs them).

    The URL names the library; the route matrix walks the patent library (``object_model``)."""

    domain = access.Domain.INNOVATION
    object_model = IntellectualProperty
    template_name = "innovation/record_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        library = library_or_404(kwargs["library"])
        row = object_or_404(self.request, library.model, kwargs["pk"])
        person = None
        if library.personal:
            sees = selectors.sees_person(self.request.user, row)
            person = selectors.person_view(row, unmasked=sees)
            if sees:
                audit_event_record(
                    kind=AuditEvent.Kind.VIEW_PERSONAL, request=self.request, obj=row, detail={}
                )
        fields = []
        for field in library.model._meta.fields:
            if field.name in {"id", "park", "version", "created_at", "updated_at"} or field.name.endswith(
                "_ptr"
            ):
                continue
            if person is not None and field.name in PERSONAL:
                value: Any = person[field.name]
            else:
                value = shown_value(row, field.name)
            fields.append(
                (wan_label(field.verbose_name) if is_yuan_amount(field) else field.verbose_name, value)
            )
        agreements = (
            row.agreements.restrict(self.request.user, access.Action.VIEW).select_related("enterprise")
            if library.slug == "institutions"
            else None
        )
        context.update(
            title=str(person["name"]) if person else text_of(row, library.title),
            library=library,
            row=row,
            fields=fields,
            masked=person is not None and not selectors.sees_person(self.request.user, row),
            agreements=agreements,
            can_edit=access.can_reach(self.request.user, row, access.Action.CHANGE),
        )
        return context
