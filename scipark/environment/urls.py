"""Pages of the environment app under /environment/."""

from django.urls import include, path

from .views import editing, energy, findings, network, records

app_name = "environment"

urlpatterns = [
    path("", records.DashboardView.as_view(), name="dashboard"),
    path("findings/", findings.FindingListView.as_view(), name="finding_list"),
    path("", include("scipark.environment.import_urls")),
    path("findings/add/", findings.FindingCreateView.as_view(), name="finding_add"),
    path("findings/<int:pk>/", findings.FindingDetailView.as_view(), name="finding_detail"),
    path("findings/<int:pk>/<slug:action>/", findings.FindingStepView.as_view(), name="finding_step"),
    path("evidence/<int:pk>/", findings.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("boilers/", records.BoilerListView.as_view(), name="boiler_list"),
    path("boilers/add/", editing.BoilerCreateView.as_view(), name="boiler_add"),
    path("boilers/<int:pk>/", records.BoilerDetailView.as_view(), name="boiler_detail"),
    path("boilers/<int:pk>/edit/", editing.BoilerEditView.as_view(), name="boiler_edit"),
    path("campaigns/", records.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/add/", editing.CampaignCreateView.as_view(), name="campaign_add"),
    path("campaigns/<int:pk>/", records.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/rule/", editing.CampaignRuleView.as_view(), name="campaign_rule"),
    path("campaigns/<int:pk>/results/add/", editing.CampaignResultCreateView.as_view(), name="result_add"),
    path("results/<int:pk>/edit/", editing.CampaignResultEditView.as_view(), name="result_edit"),
    path("results/<int:pk>/evidence/", editing.ResultEvidenceView.as_view(), name="result_evidence"),
    path("certifications/", records.CertificationListView.as_view(), name="certification_list"),
    path("certifications/add/", editing.CertificationCreateView.as_view(), name="certification_add"),
    path(
        "certifications/<int:pk>/edit/",
        editing.CertificationEditView.as_view(),
        name="certification_edit",
    ),
    path("waste/", records.WasteListView.as_view(), name="waste_list"),
    path("waste/add/", editing.WasteRecordCreateView.as_view(), name="waste_add"),
    path("waste/<int:pk>/edit/", editing.WasteRecordEditView.as_view(), name="waste_edit"),
    path("energy/", energy.EnergyView.as_view(), name="energy"),
    path("energy/benchmarks/add/", energy.BenchmarkCreateView.as_view(), name="benchmark_add"),
    path("map/", network.MapView.as_view(), name="map"),
    path("map/layers/<slug:layer>/", network.LayerView.as_view(), name="map_layer"),
    path("map/import/", network.NetworkImportView.as_view(), name="network_import"),
    path("segments/<int:pk>/", network.SegmentDetailView.as_view(), name="segment_detail"),
    path("points/<int:pk>/", network.PointDetailView.as_view(), name="point_detail"),
]
