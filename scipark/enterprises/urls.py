"""Registry pages under /enterprises/."""

from django.urls import include, path

from .views import contacts, profile, registry, statuses, tags

app_name = "enterprises"

urlpatterns = [
    path("", registry.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", registry.EnterpriseCreateView.as_view(), name="enterprise_add"),
    path("<int:pk>/", registry.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("<int:pk>/profile/", profile.EnterpriseProfileView.as_view(), name="enterprise_profile"),
    path("<int:pk>/edit/", registry.EnterpriseUpdateView.as_view(), name="enterprise_edit"),
    path("<int:pk>/statuses/add/", statuses.EnterpriseStatusAddView.as_view(), name="status_add"),
    path("statuses/<int:pk>/end/", statuses.EnterpriseStatusEndView.as_view(), name="status_end"),
    path("<int:pk>/contacts/add/", contacts.ContactAddView.as_view(), name="contact_add"),
    path("contacts/<int:pk>/edit/", contacts.ContactEditView.as_view(), name="contact_edit"),
    path("tags/", tags.TagListView.as_view(), name="tag_list"),
    path("tags/add/", tags.TagCreateView.as_view(), name="tag_add"),
    path("tags/<int:pk>/", tags.TagEditView.as_view(), name="tag_edit"),
    # The import pages (template download, upload, preview, confirm) live in import_urls.py.
    path("import/", include("scipark.enterprises.import_urls")),
]
