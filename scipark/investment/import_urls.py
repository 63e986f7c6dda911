"""The investment import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline."""

from typing import Any

from django.urls import URLPattern, path

from scipark.core.imports.importer import Importer
from scipark.core.imports.views import ImportTemplateView, ImportView

from .importers import LoanImporter, ProjectImporter


def import_pages(prefix: str, name: str, importer: type[Importer], list_url_name: str) -> list[URLPattern]:
    """The import page of one importer and its template, at ``<prefix>/import/`` (``<name>_import``)."""
    page: Any = type(f"{importer.__name__}View", (ImportView,), {
        "importer_class": importer,
        "template_url_name": f"investment:{name}_import_template",
        "list_url_name": list_url_name,
        "__doc__": f"Import {importer.label}.",
    })  # fmt: skip
    template: Any = type(
        f"{importer.__name__}TemplateView", (ImportTemplateView,), {"importer_class": importer}
    )
    return [
        path(f"{prefix}/import/", page.as_view(), name=f"{name}_import"),
        path(f"{prefix}/import/template/", template.as_view(), name=f"{name}_import_template"),
    ]


urlpatterns = [
    *import_pages("projects", "project", ProjectImporter, "investment:project_list"),
    *import_pages("loans", "loan", LoanImporter, "investment:loan_list"),
]
