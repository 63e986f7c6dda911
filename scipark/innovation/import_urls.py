"""The libraries' import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline:
``libraries/<library>/import/`` for each of the ten libraries."""

from scipark.core.imports.views import import_pages

from .importers import IMPORTERS

urlpatterns = [
    pattern
    for slug, importer in IMPORTERS.items()
    for pattern in import_pages("innovation", f"libraries/{slug}", slug, importer)
]
