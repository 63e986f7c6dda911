from django.urls import include, path

app_name = "enterprises"

urlpatterns = [
    # The import pages (template download, upload, preview, confirm) live in import_urls.py.
    path("import/", include("scipark.enterprises.import_urls")),
]
