"""Pages of the reports app."""

from django.urls import path

from .views import alerts, cockpit, figures, summary

app_name = "reports"

urlpatterns = [
    path("figures/", figures.FiguresView.as_view(), name="figures"),
    path("summary/", summary.SummaryView.as_view(), name="summary"),
    path("summary/narrative/", summary.NarrativeView.as_view(), name="narrative"),
    path("summary/generate/", summary.SummaryGenerateView.as_view(), name="summary_generate"),
    path("summary/<int:pk>/download/", summary.SummaryDownloadView.as_view(), name="summary_download"),
    path("cockpit/", cockpit.CockpitView.as_view(), name="cockpit"),
    path("cockpit/wall/", cockpit.WallView.as_view(), name="wall"),
    path("zone/", cockpit.ZoneCockpitView.as_view(), name="zone"),
    path("alerts/", alerts.AlertListView.as_view(), name="alerts"),
    path("alerts/<int:pk>/acknowledge/", alerts.AlertAcknowledgeView.as_view(), name="alert_acknowledge"),
    path("alerts/<int:pk>/resolve/", alerts.AlertResolveView.as_view(), name="alert_resolve"),
]
