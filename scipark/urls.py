"""Root URL configuration: pages per app, the REST API under /api/v1/, the schema and its docs."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from scipark.accounts.views import language as language_views
from scipark.core import views as core_views
from scipark.core.views.schema import CachedSchemaView

api_v1 = [
    path("", include("scipark.parks.api.urls")),
    path("", include("scipark.enterprises.api.urls")),
    path("", include("scipark.economy.api.urls")),
    path("", include("scipark.appeals.api.urls")),
    path("", include("scipark.alliance.api.urls")),
    path("", include("scipark.events.api.urls")),
    path("", include("scipark.investment.api.urls")),
    path("", include("scipark.innovation.api.urls")),
    path("", include("scipark.environment.api.urls")),
]

urlpatterns = [
    path("", include("scipark.core.urls")),
    path("accounts/", include("scipark.accounts.urls")),
    path("parks/", include("scipark.parks.urls")),
    path("enterprises/", include("scipark.enterprises.urls")),
    path("economy/", include("scipark.economy.urls")),
    path("appeals/", include("scipark.appeals.urls")),
    path("notifications/", include("scipark.notifications.urls")),
    path("open311/v2/", include("scipark.open311.urls")),
    path("alliance/", include("scipark.alliance.urls")),
    path("events/", include("scipark.events.urls")),
    path("investment/", include("scipark.investment.urls")),
    path("innovation/", include("scipark.innovation.urls")),
    path("environment/", include("scipark.environment.urls")),
    path("reports/", include("scipark.reports.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", CachedSchemaView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, so the strict CSP ('self') holds.
    # Swagger UI sets inline styles as it renders; only this page's CSP admits them (no user content).
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    # Django's language switch, which also keeps a signed-in user's choice on the account (their e-mail).
    path("i18n/setlang/", language_views.set_language, name="set_language"),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
