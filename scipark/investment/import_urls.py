"""The investment import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline."""

from django.urls import path

from scipark.core.imports.views import ImportTemplateView, ImportView

from .importers import LoanImporter, ProjectImporter


class ProjectImportView(ImportView):
    """Import the department's project ledger."""

    importer_class = ProjectImporter
    template_url_name = "investment:project_import_template"
    list_url_name = "investment:project_list"


class ProjectImportTemplateView(ImportTemplateView):
    importer_class = ProjectImporter


class LoanImportView(ImportView):
    """Import the loans of the park's enterprises from the banks' ledgers."""

    importer_class = LoanImporter
    template_url_name = "investment:loan_import_template"
    list_url_name = "investment:loan_list"


class LoanImportTemplateView(ImportTemplateView):
    importer_class = LoanImporter


urlpatterns = [
    path("projects/import/", ProjectImportView.as_view(), name="project_import"),
    path("projects/import/template/", ProjectImportTemplateView.as_view(), name="project_import_template"),
    path("loans/import/", LoanImportView.as_view(), name="loan_import"),
    path("loans/import/template/", LoanImportTemplateView.as_view(), name="loan_import_template"),
]
