"""Open311 GeoReport v2 under /open311/v2/ (``services.json``, ``requests.xml`` …) and the service
department's clients pages under /open311/v2/clients/."""

from django.urls import path, re_path

from . import page_views, views

app_name = "open311"

FORMAT = r"\.(?P<format>[^/.]+)"

urlpatterns = [
    re_path(rf"^discovery{FORMAT}$", views.DiscoveryView.as_view(), name="discovery"),
    re_path(rf"^services{FORMAT}$", views.ServiceListView.as_view(), name="services"),
    re_path(
        rf"^services/(?P<service_code>[^/]+){FORMAT}$",
        views.ServiceDefinitionView.as_view(),
        name="service_definition",
    ),
    re_path(rf"^requests{FORMAT}$", views.RequestsView.as_view(), name="requests"),
    re_path(
        rf"^requests/(?P<service_request_id>[^/]+){FORMAT}$",
        views.RequestDetailView.as_view(),
        name="request",
    ),
    re_path(rf"^tokens/(?P<token>[^/]+){FORMAT}$", views.TokenView.as_view(), name="token"),
    path("clients/", page_views.ClientListView.as_view(), name="client_list"),
    path("clients/add/", page_views.ClientCreateView.as_view(), name="client_add"),
    path("clients/<int:pk>/revoke/", page_views.ClientRevokeView.as_view(), name="client_revoke"),
    path("attributes/", page_views.AttributeListView.as_view(), name="attribute_list"),
    path("attributes/add/", page_views.AttributeCreateView.as_view(), name="attribute_add"),
    path("attributes/<int:pk>/", page_views.AttributeEditView.as_view(), name="attribute_edit"),
    path("attributes/<int:pk>/delete/", page_views.AttributeDeleteView.as_view(), name="attribute_delete"),
    # Last: every other path under /open311/v2/ answers 404 in the GeoReport error format.
    re_path(r"^(?P<rest>(?!clients/|attributes/).*)$", views.NotFoundView.as_view()),
]
