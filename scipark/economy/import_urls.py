"""The monthly-return import pages (kind ``monthly``): upload → preview → confirm, and the template."""

from django.urls import path

from scipark.core.imports.registry import importers
from scipark.core.imports.views import ImportTemplateView, ImportView

MonthlyImporter = importers()["monthly"]


class MonthlyReturnImportView(ImportView):
    """Import a whole month of returns from .xlsx or GB18030 CSV."""

    importer_class = MonthlyImporter
    template_url_name = "economy:return_import_template"
    list_url_name = "economy:return_list"


class MonthlyReturnImportTemplateView(ImportTemplateView):
    """The monthly-return import template (.xlsx)."""

    importer_class = MonthlyImporter


urlpatterns = [
    path("", MonthlyReturnImportView.as_view(), name="return_import"),
    path("template/", MonthlyReturnImportTemplateView.as_view(), name="return_import_template"),
]
