"""The enterprise import pages: upload → preview → confirm, and the template download."""

from django.urls import path

from scipark.core.imports.views import ImportTemplateView, ImportView

from .importers import EnterpriseImporter


class EnterpriseImportView(ImportView):
    """Import enterprises from Excel or CSV."""

    importer_class = EnterpriseImporter
    template_url_name = "enterprises:import_template"


class EnterpriseImportTemplateView(ImportTemplateView):
    """The enterprise import template (.xlsx)."""

    importer_class = EnterpriseImporter


urlpatterns = [
    path("", EnterpriseImportView.as_view(), name="import"),
    path("template/", EnterpriseImportTemplateView.as_view(), name="import_template"),
]
