"""Registry pages under /enterprises/."""

from django.urls import include, path

from . import tag_views, views

app_name = "enterprises"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", views.EnterpriseCreateView.as_view(), name="enterprise_add"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("<int:pk>/edit/", views.EnterpriseUpdateView.as_view(), name="enterprise_edit"),
    path("<int:pk>/statuses/add/", views.EnterpriseStatusAddView.as_view(), name="status_add"),
    path("statuses/<int:pk>/end/", views.EnterpriseStatusEndView.as_view(), name="status_end"),
    path("<int:pk>/contacts/add/", views.ContactAddView.as_view(), name="contact_add"),
    path("contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contact_edit"),
    # The import pages (template download, upload, preview, confirm) live in import_urls.py.
    path("tags/", tag_views.TagListView.as_view(), name="tag_list"),
    path("tags/add/", tag_views.TagCreateView.as_view(), name="tag_add"),
    path("tags/<int:pk>/", tag_views.TagEditView.as_view(), name="tag_edit"),
    path("import/", include("scipark.enterprises.import_urls")),
]
