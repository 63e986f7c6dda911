"""Pages of the investment app under /investment/.

No page sits at /investment/ itself: the menu marks an item active when the path starts with its URL,
so a list there would be marked on every page of the app (the project pages are under projects/)."""

from django.urls import include, path

from .views import dashboard, financing, projects, settings

app_name = "investment"

urlpatterns = [
    path("", include("scipark.investment.import_urls")),
    path("projects/", projects.ProjectListView.as_view(), name="project_list"),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("board/", projects.ProjectBoardView.as_view(), name="board"),
    path("projects/add/", projects.ProjectCreateView.as_view(), name="project_add"),
    path("projects/<int:pk>/", projects.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", projects.ProjectEditView.as_view(), name="project_edit"),
    path("projects/<int:pk>/step/", projects.ProjectStepView.as_view(), name="project_step"),
    path("projects/<int:pk>/funds/add/", projects.FundsRecordView.as_view(), name="funds_add"),
    path("funds/", financing.FundListView.as_view(), name="fund_list"),
    path("funds/add/", settings.FundAddView.as_view(), name="fund_add"),
    path("funds/<int:pk>/", financing.FundDetailView.as_view(), name="fund_detail"),
    path("funds/<int:pk>/edit/", settings.FundEditView.as_view(), name="fund_edit"),
    path("funds/<int:pk>/partners/add/", settings.FundPartnerAddView.as_view(), name="fund_partner_add"),
    path(
        "funds/<int:pk>/investments/add/",
        settings.FundInvestmentAddView.as_view(),
        name="fund_investment_add",
    ),
    path("settings/", settings.SettingsView.as_view(), name="settings"),
    path("settings/approval-levels/", settings.ApprovalLevelSetView.as_view(), name="approval_level_set"),
    path("settings/stage-limits/", settings.StageLimitSetView.as_view(), name="stage_limit_set"),
    path("settings/reserve-bands/", settings.ReserveBandSetView.as_view(), name="reserve_band_set"),
    path("settings/targets/", settings.TargetSetView.as_view(), name="target_set"),
    path("settings/loan-products/add/", settings.LoanProductAddView.as_view(), name="loan_product_add"),
    path(
        "settings/loan-products/<int:pk>/", settings.LoanProductEditView.as_view(), name="loan_product_edit"
    ),
    path("loans/", financing.LoanListView.as_view(), name="loan_list"),
    path("loans/add/", financing.LoanReportView.as_view(), name="loan_add"),
    path("loans/<int:pk>/confirm/", financing.LoanConfirmView.as_view(), name="loan_confirm"),
    path("loans/<int:pk>/reject/", financing.LoanRejectView.as_view(), name="loan_reject"),
    path("listings/", financing.ListingListView.as_view(), name="listing_list"),
    path("listings/add/", financing.ListingReportView.as_view(), name="listing_add"),
    path("listings/<int:pk>/confirm/", financing.ListingConfirmView.as_view(), name="listing_confirm"),
    path("listings/<int:pk>/reject/", financing.ListingRejectView.as_view(), name="listing_reject"),
    path("rounds/", financing.RoundListView.as_view(), name="round_list"),
    path("rounds/add/", financing.RoundReportView.as_view(), name="round_add"),
    path("rounds/<int:pk>/confirm/", financing.RoundConfirmView.as_view(), name="round_confirm"),
    path("rounds/<int:pk>/reject/", financing.RoundRejectView.as_view(), name="round_reject"),
]
