"""The investment import pages (upload → preview → confirm, and the .xlsx templates) on core's pipeline."""

from scipark.core.imports.views import import_pages

from .importers import LoanImporter, ProjectImporter

urlpatterns = [
    *import_pages("investment", "projects", "project", ProjectImporter, "investment:project_list"),
    *import_pages("investment", "loans", "loan", LoanImporter, "investment:loan_list"),
]
