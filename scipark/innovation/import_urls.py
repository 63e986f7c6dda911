"""The libraries' import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline:
``libraries/<library>/import/`` for each of the ten libraries."""

from typing import Any

from django.urls import URLPattern, path

from scipark.core.imports.views import ImportTemplateView, ImportView

from .importers import IMPORTERS


def import_pages(slug: str) -> list[URLPattern]:
    importer = IMPORTERS[slug]
    page: Any = type(f"{importer.__name__}View", (ImportView,), {
        "importer_class": importer,
        "template_url_name": f"innovation:{slug}_import_template",
        "list_url_name": None,
        "__doc__": f"Import {importer.label}.",
    })  # fmt: skip
    template: Any = type(
        f"{importer.__name__}TemplateView", (ImportTemplateView,), {"importer_class": importer}
    )
    return [
        path(f"libraries/{slug}/import/", page.as_view(), name=f"{slug}_import"),
        path(f"libraries/{slug}/import/template/", template.as_view(), name=f"{slug}_import_template"),
    ]


urlpatterns = [pattern for slug in IMPORTERS for pattern in import_pages(slug)]
