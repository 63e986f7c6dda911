"""The libraries' import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline:
``libraries/<library>/import/`` for each of the ten libraries, with a link back to the library's list."""

from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, path, reverse

from scipark.core.imports.views import import_pages

from .importers import IMPORTERS


def _with_way_back(page: URLPattern) -> URLPattern:
    """Core's import page of a library, drawn with a link back to that library's list (core's page
    links back only through a URL name without arguments; a library's list names its library)."""
    base: Any = page.callback.view_class  # type: ignore[attr-defined]

    def draw(self: Any, *, status: int = 200, **context: Any) -> HttpResponse:
        library = self.importer_class.library
        context.setdefault("back_url", reverse("innovation:library_list", args=[library.slug]))
        context.setdefault("back_label", library.label)
        response: HttpResponse = base.page(self, status=status, **context)
        return response

    view: Any = type(
        base.__name__, (base,), {"template_name": "innovation/library_import.html", "page": draw}
    )
    return path(str(page.pattern), view.as_view(), name=page.name)


urlpatterns = []
for slug, importer in IMPORTERS.items():
    page, template = import_pages("innovation", f"libraries/{slug}", slug, importer)
    urlpatterns += [_with_way_back(page), template]
