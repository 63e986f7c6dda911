"""Pages of the economy app, under /economy/."""

from django.urls import include, path

from . import views_dashboard, views_pipeline, views_portal, views_projects, views_returns, views_targets

app_name = "economy"

urlpatterns = [
    path("", views_dashboard.DashboardView.as_view(), name="dashboard"),
    path("drill/", views_dashboard.DrillView.as_view(), name="drill"),
    # the enterprise portal (我的月报)
    path("portal/", views_portal.PortalView.as_view(), name="portal"),
    path("portal/<str:period>/", views_portal.PortalReturnView.as_view(), name="portal_return"),
    # monthly returns (staff)
    path("returns/", views_returns.ReturnListView.as_view(), name="return_list"),
    path("returns/<int:pk>/", views_returns.ReturnDetailView.as_view(), name="return_detail"),
    path("returns/<int:pk>/review/", views_returns.ReturnReviewView.as_view(), name="return_review"),
    path("returns/missing/", views_returns.MissingReturnsView.as_view(), name="missing_returns"),
    path("returns/missing/remind/", views_returns.RemindView.as_view(), name="remind"),
    path("returns/import/", include("scipark.economy.import_urls")),
    # the above-scale pipeline
    path("pipeline/", views_pipeline.PipelineView.as_view(), name="pipeline"),
    path("pipeline/decisions/add/", views_pipeline.ScaleDecisionView.as_view(), name="decision_add"),
    # indicators and targets
    path("targets/", views_targets.TargetListView.as_view(), name="target_list"),
    path("targets/add/", views_targets.TargetCreateView.as_view(), name="target_add"),
    path("targets/<int:pk>/edit/", views_targets.TargetEditView.as_view(), name="target_edit"),
    path("indicators/", views_targets.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/add/", views_targets.IndicatorCreateView.as_view(), name="indicator_add"),
    path(
        "indicators/<slug:indicator_code>/edit/",
        views_targets.IndicatorEditView.as_view(),
        name="indicator_edit",
    ),
    # fixed-asset investment
    path("projects/", views_projects.ProjectListView.as_view(), name="project_list"),
    path("projects/add/", views_projects.ProjectCreateView.as_view(), name="project_add"),
    path("projects/<int:pk>/", views_projects.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views_projects.ProjectEditView.as_view(), name="project_edit"),
    path(
        "projects/<int:pk>/investment/",
        views_projects.ProjectInvestmentView.as_view(),
        name="project_investment",
    ),
]
