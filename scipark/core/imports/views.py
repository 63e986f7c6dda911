"""The generic import pages: upload → preview (a dry run) → confirm (re-checks the stored file, writes).

Both the check and the write run as background tasks (``core.tasks.import_file``, ADR 0011): the page
answers at once with the run's progress, which polls :class:`TaskRunView` every second until the run ends
with the preview, the result or the located errors. Under the tests' immediate back end the run has ended
before the page is drawn, so the answer is the result itself.

An app mounts them for its importer::

    class EnterpriseImportView(ImportView):
        importer_class = EnterpriseImporter
        template_url_name = "enterprises:import_template"

or, for importers that need nothing else, with :func:`import_pages` (the page and its template's route).
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import quote, urlencode

from django import forms
from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .. import access
from ..contributions import run_page_for
from ..exports import XLSX_CONTENT_TYPE
from ..models import TaskRun
from ..views import ScopedViewMixin
from . import storage
from .importer import Importer
from .problems import ImportRefused
from .runner import ImportResult
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
        queryset=None, label=gettext_lazy("导入到园区"), empty_label=None
    )
    file = forms.FileField(label=gettext_lazy("文件(.xlsx 或 .csv)"))

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
        importer = self.importer_class
        try:
            stored = storage.store_upload(
                request.session, form.cleaned_data["file"], kind=importer.kind, park_id=park.pk
            )
        except ImportRefused as refused:
            result = ImportResult(importer=importer.kind, filename=refused.problem.filename, dry_run=True)
            result.add(refused.problem)
            return self.page(form=form, result=result, status=400)
        run = start_import(request, importer, park, stored, dry_run=True)
        if run.finished and not run.result.get("token"):
            storage.discard(request.session, stored.token)
        return self.page(**run_context(run, self.parks()))

    def confirm(self, request: HttpRequest, token: str) -> HttpResponse:
        stored = storage.load_upload(request.session, token, kind=self.importer_class.kind)
        if stored is None:
            return self.page(form=UploadForm(parks=self.parks()), expired=True, status=400)
        park = self.parks().filter(pk=stored.park_id).first()
        if park is None:  # the user lost the right since the preview
            storage.discard(request.session, token)
            return self.page(form=UploadForm(parks=self.parks()), expired=True, status=403)
        storage.hand_over(request.session, token)  # one confirmation per upload; the task removes the file
        run = start_import(request, self.importer_class, park, stored, dry_run=False)
        context = run_context(run, self.parks())
        status = 400 if run.state == TaskRun.State.FAILED else 200
        return self.page(status=status, **context)

    def page(self, *, status: int = 200, **context: Any) -> HttpResponse:
        importer = self.importer_class
        result = context.get("result")
        if "preview_rows" not in context:
            context["preview_rows"] = (
                _preview_rows(importer, result) if isinstance(result, ImportResult) else []
            )
        what = _(importer.label)  # an importer's label is a catalogue's string (月度报表, 企业 …)
        context.update(
            title=_("导入%(what)s") % {"what": what},
            importer=importer,
            template_url_name=self.template_url_name,
            list_url_name=self.list_url_name,
            max_mb=storage.upload_cap_mb(),
        )
        return render(self.request, self.template_name, context, status=status)


def start_import(
    request: HttpRequest, importer: type[Importer], park: Any, stored: storage.StoredUpload, *, dry_run: bool
) -> TaskRun:
    """Record a run for this check (``dry_run``) or write and hand it to the task worker."""
    from ..tasks import import_file

    run = TaskRun.objects.create(
        kind=f"import:{importer.kind}",
        label=(_("检查%(what)s:%(file)s") if dry_run else _("导入%(what)s:%(file)s"))
        % {"what": _(importer.label), "file": stored.filename},
        user_id=request.user.pk,
        park=park,
        result_url=request.path,
    )
    import_file.enqueue(
        run_id=run.pk,
        kind=importer.kind,
        path=str(stored.path),
        filename=stored.filename,
        dry_run=dry_run,
        language=translation.get_language() or "",
    )
    run.refresh_from_db()
    return run


class RunResult:
    """An ended import run's outcome, shaped as the page's ``result`` (the counts and the problems)."""

    def __init__(self, run: TaskRun) -> None:
        data = run.result
        self.filename: str = data.get("filename", "")
        self.rows: int = data.get("rows", 0)
        self.created: int = data.get("created", 0)
        self.updated: int = data.get("updated", 0)
        self.unchanged: int = data.get("unchanged", 0)
        self.truncated: bool = data.get("truncated", False)
        self.ignored_headers: list[str] = data.get("ignored_headers", [])
        self.written: bool = data.get("written", False)
        self.problems: list[str] = [e["text"] for e in run.errors]
        if run.state == TaskRun.State.FAILED and not self.problems:
            self.problems = [run.message]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> int:
        return self.created + self.updated


def run_context(run: TaskRun, parks: QuerySet[Any] | None = None) -> dict[str, Any]:
    """What the import page (or its polled fragment) shows for a run: its progress, or once it ended the
    preview with its confirmation, the result, or the located errors with a fresh upload form."""
    if not run.finished:
        return {"run": run, "stage": STAGE_LABELS.get(run.stage, "")}
    result = RunResult(run)
    token = run.result.get("token", "") if result.ok else ""
    context: dict[str, Any] = {
        "run": run,
        "result": result,
        "park": run.park,
        "preview_rows": run.result.get("preview_rows", []),
        "token": token,
        "done": result.ok and result.written,
    }
    if not token and not context["done"] and parks is not None:
        context["form"] = UploadForm(parks=parks)
    return context


STAGE_LABELS = {"validate": gettext_lazy("检查"), "write": gettext_lazy("写入")}


def result_payload(importer: type[Importer], result: ImportResult) -> dict[str, Any]:
    """An :class:`ImportResult` as JSON for the run row: counts, the preview as shown, located problems."""
    return {
        "filename": result.filename,
        "dry_run": result.dry_run,
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "changed": result.changed,
        "truncated": result.truncated,
        "ignored_headers": list(result.ignored_headers),
        "written": result.written,
        "preview_rows": [
            {**row, "changes": [[str(v) for v in change] for change in row["changes"]]}
            for row in _preview_rows(importer, result)
        ],
        "problems": [
            {
                "text": str(p),
                "message": p.message,
                "sheet": p.sheet,
                "row": p.row,
                "column": p.column_letter,
                "header": p.header,
            }
            for p in result.problems
        ],
    }


class TaskRunView(LoginRequiredMixin, View):
    """The polled fragment of a run: its progress bar, then its outcome. Only who started it reads it."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        run = TaskRun.objects.own(request.user, token).select_related("park").first()
        if run is None:
            raise Http404
        own_page = run_page_for(run.kind)
        if own_page is not None:
            # A kind whose app follows its runs on a page of its own (the network import's segments and
            # metres): the owner goes there; an htmx poll is told to navigate rather than swap a page in.
            url = f"{reverse(own_page)}?{urlencode({'run': run.token.hex})}"
            if request.headers.get("HX-Request") == "true":
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
        parks = None
        if run.kind.startswith("import:"):
            from .registry import importers

            importer = importers().get(run.kind.removeprefix("import:"))
            parks = import_parks(request.user, importer.domain) if importer else None
        context = run_context(run, parks)
        context["max_mb"] = storage.upload_cap_mb()
        return render(request, "core/tasks/run.html", context)


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
