"""Pages of the economy app, under /economy/."""

from django.urls import include, path

from .views import dashboard, pipeline, portal, projects, returns, targets

app_name = "economy"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("drill/", dashboard.DrillView.as_view(), name="drill"),
    # the enterprise portal (我的月报)
    path("portal/", portal.PortalView.as_view(), name="portal"),
    path("portal/<str:period>/", portal.PortalReturnView.as_view(), name="portal_return"),
    # monthly returns (staff)
    path("returns/", returns.ReturnListView.as_view(), name="return_list"),
    path("returns/<int:pk>/", returns.ReturnDetailView.as_view(), name="return_detail"),
    path("returns/<int:pk>/accept/", returns.ReturnAcceptView.as_view(), name="return_accept"),
    path("returns/<int:pk>/send-back/", returns.ReturnSendBackView.as_view(), name="return_send_back"),
    path("returns/missing/", returns.MissingReturnsView.as_view(), name="missing_returns"),
    path("returns/missing/remind/", returns.RemindView.as_view(), name="remind"),
    path("returns/close/", returns.PeriodCloseView.as_view(), name="period_close"),
    path("returns/reopen/", returns.PeriodReopenView.as_view(), name="period_reopen"),
    path("returns/import/", include("scipark.economy.import_urls")),
    # the above-scale pipeline
    path("pipeline/", pipeline.PipelineView.as_view(), name="pipeline"),
    path("pipeline/decisions/add/", pipeline.ScaleDecisionView.as_view(), name="decision_add"),
    # indicators and targets
    path("targets/", targets.TargetListView.as_view(), name="target_list"),
    path("targets/add/", targets.TargetCreateView.as_view(), name="target_add"),
    path("targets/<int:pk>/edit/", targets.TargetEditView.as_view(), name="target_edit"),
    path("indicators/", targets.IndicatorListView.as_view(), name="indicator_list"),
    # the shared catalogue's keeper (the system administrator)
    path("indicators/keep/", targets.IndicatorKeepView.as_view(), name="indicator_keep"),
    path("indicators/add/", targets.IndicatorCreateView.as_view(), name="indicator_add"),
    path(
        "indicators/<slug:indicator_code>/edit/",
        targets.IndicatorEditView.as_view(),
        name="indicator_edit",
    ),
    # fixed-asset investment
    path("projects/", projects.ProjectListView.as_view(), name="project_list"),
    path("projects/add/", projects.ProjectCreateView.as_view(), name="project_add"),
    path("projects/<int:pk>/", projects.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", projects.ProjectEditView.as_view(), name="project_edit"),
    path(
        "projects/<int:pk>/investment/",
        projects.ProjectInvestmentView.as_view(),
        name="project_investment",
    ),
]
