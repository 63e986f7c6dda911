"""The environment import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline."""

from django.urls import path

from scipark.core.imports.views import ImportTemplateView, ImportView

from .importers import BoilerImporter, FindingImporter


class FindingImportView(ImportView):
    """Import the ledger of an inspection round."""

    importer_class = FindingImporter
    template_url_name = "environment:finding_import_template"
    list_url_name = "environment:finding_list"


class FindingImportTemplateView(ImportTemplateView):
    importer_class = FindingImporter


class BoilerImportView(ImportView):
    """Import boilers and their measurements."""

    importer_class = BoilerImporter
    template_url_name = "environment:boiler_import_template"
    list_url_name = "environment:boiler_list"


class BoilerImportTemplateView(ImportTemplateView):
    importer_class = BoilerImporter


urlpatterns = [
    path("findings/import/", FindingImportView.as_view(), name="finding_import"),
    path("findings/import/template/", FindingImportTemplateView.as_view(), name="finding_import_template"),
    path("boilers/import/", BoilerImportView.as_view(), name="boiler_import"),
    path("boilers/import/template/", BoilerImportTemplateView.as_view(), name="boiler_import_template"),
]
