"""The generic import pages: upload → preview (a dry run) → confirm (re-checks the stored file, writes).

An app mounts them for its importer::

    class EnterpriseImportView(ImportView):
        importer_class = EnterpriseImporter
        template_url_name = "enterprises:import_template"

or, for importers that need nothing else, with :func:`import_pages` (the page and its template's route).
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import quote

from django import forms
from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views import View

from .. import access
from ..exports import XLSX_CONTENT_TYPE
from ..views import ScopedViewMixin
from . import storage
from .importer import Importer
from .problems import ImportRefused
from .runner import ImportResult, run_import
from .template_xlsx import template_bytes


def import_parks(user: Any, domain: access.Domain) -> QuerySet[Any]:
    """The parks this user may import ``domain`` records into (import and add rights there)."""
    park_model = apps.get_model("parks", "Park")
    ids = [
        pk
        for pk in access.scope_for(user).park_ids(domain, access.Action.IMPORT)
        if access.can_add_in(user, domain, park_id=pk)
    ]
    return park_model.objects.filter(pk__in=ids).order_by("name")


class UploadForm(forms.Form):
    """The file and the park its rows go to (rows may name another park of the user's in a 园区 column)."""

    park: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="导入到园区", empty_label=None
    )
    file = forms.FileField(label="文件(.xlsx 或 .csv)")

    def __init__(self, *args: Any, parks: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["park"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parks
        field.widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx,.csv"})


class _ImporterViewMixin(ScopedViewMixin):
    importer_class: ClassVar[type[Importer]]
    action = access.Action.IMPORT

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "importer_class" in cls.__dict__ and "domain" not in cls.__dict__:
            cls.domain = cls.importer_class.domain


class ImportView(_ImporterViewMixin, View):
    """Upload, preview and confirm an import for ``importer_class`` (route rule: IMPORT on its domain)."""

    template_name: ClassVar[str] = "core/imports/import.html"
    template_url_name: ClassVar[str | None] = None
    list_url_name: ClassVar[str | None] = None

    def parks(self) -> QuerySet[Any]:
        return import_parks(self.request.user, self.importer_class.domain)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(form=UploadForm(parks=self.parks()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "token" in request.POST:
            return self.confirm(request, request.POST["token"])
        if "cancel" in request.POST:
            storage.discard(request.session, request.POST.get("cancel", ""))
            return self.get(request)
        form = UploadForm(request.POST, request.FILES, parks=self.parks())
        if not form.is_valid():
            return self.page(form=form, status=400)
        park = form.cleaned_data["park"]
        importer = self.importer_class(user=request.user, park=park, request=request)
        try:
            stored = storage.store_upload(
                request.session, form.cleaned_data["file"], kind=importer.kind, park_id=park.pk
            )
        except ImportRefused as refused:
            result = ImportResult(importer=importer.kind, filename=refused.problem.filename, dry_run=True)
            result.add(refused.problem)
            return self.page(form=form, result=result, status=400)
        result = run_import(importer, stored.path, filename=stored.filename, dry_run=True)
        if not result.ok or result.changed == 0:
            storage.discard(request.session, stored.token)
            return self.page(form=UploadForm(parks=self.parks()), result=result, park=park)
        return self.page(result=result, token=stored.token, park=park)

    def confirm(self, request: HttpRequest, token: str) -> HttpResponse:
        stored = storage.load_upload(request.session, token, kind=self.importer_class.kind)
        if stored is None:
            return self.page(form=UploadForm(parks=self.parks()), expired=True, status=400)
        park = self.parks().filter(pk=stored.park_id).first()
        if park is None:  # the user lost the right since the preview
            storage.discard(request.session, token)
            return self.page(form=UploadForm(parks=self.parks()), expired=True, status=403)
        importer = self.importer_class(user=request.user, park=park, request=request)
        try:
            result = run_import(importer, stored.path, filename=stored.filename, dry_run=False)
        finally:
            storage.discard(request.session, token)
        return self.page(result=result, park=park, done=result.written, status=200 if result.ok else 400)

    def page(self, *, status: int = 200, **context: Any) -> HttpResponse:
        importer = self.importer_class
        result: ImportResult | None = context.get("result")
        context.update(
            title=f"导入{importer.label}",
            importer=importer,
            template_url_name=self.template_url_name,
            list_url_name=self.list_url_name,
            preview_rows=_preview_rows(importer, result) if result else [],
            max_mb=round(_max_bytes() / 1048576, 1),
        )
        return render(self.request, self.template_name, context, status=status)


def _max_bytes() -> int:
    return int(settings.SCIPARK_UPLOAD_MAX_BYTES)


def _preview_rows(importer: type[Importer], result: ImportResult) -> list[dict[str, Any]]:
    """The first changed rows as the page shows them: row, key, label, action and each field's change."""
    shown = importer
    rows = []
    for change in result.preview:
        rows.append(
            {
                "row": change.row,
                "key": change.key,
                "label": change.label,
                "action": change.action,
                "changes": [
                    (shown.field_label(name), shown.display(name, before), shown.display(name, after))
                    for name, (before, after) in change.changes.items()
                ],
            }
        )
    return rows


class ImportTemplateView(_ImporterViewMixin, View):
    """The .xlsx template of ``importer_class``."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        importer = self.importer_class
        response = HttpResponse(template_bytes(importer), content_type=XLSX_CONTENT_TYPE)
        filename = f"{importer.label}导入模板-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = (
            f"attachment; filename=\"{importer.kind}-template.xlsx\"; filename*=UTF-8''{quote(filename)}"
        )
        return response


def import_pages(
    namespace: str, prefix: str, name: str, importer: type[Importer], list_url_name: str | None = None
) -> list[URLPattern]:
    """The import page of ``importer`` at ``<prefix>/import/`` (``<name>_import``) and its template at
    ``<prefix>/import/template/`` (``<name>_import_template``), in the app's URL ``namespace``."""
    page: type[ImportView] = type(
        f"{importer.__name__}View",
        (ImportView,),
        {
            "importer_class": importer,
            "template_url_name": f"{namespace}:{name}_import_template",
            "list_url_name": list_url_name,
            "__doc__": f"Import {importer.label}.",
        },
    )
    template: type[ImportTemplateView] = type(
        f"{importer.__name__}TemplateView", (ImportTemplateView,), {"importer_class": importer}
    )
    return [
        path(f"{prefix}/import/", page.as_view(), name=f"{name}_import"),
        path(f"{prefix}/import/template/", template.as_view(), name=f"{name}_import_template"),
    ]
