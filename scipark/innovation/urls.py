"""Pages of the innovation app under /innovation/."""

from django.urls import include, path

from . import views

app_name = "innovation"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("portal/", views.PortalView.as_view(), name="portal"),
    path("archives/", views.ArchiveListView.as_view(), name="archive_list"),
    path("archives/add/", views.ArchiveOpenView.as_view(), name="archive_add"),
    path("archives/<int:pk>/", views.ArchiveDetailView.as_view(), name="archive_detail"),
    path("archives/<int:pk>/edit/", views.ArchiveEditView.as_view(), name="archive_edit"),
    path("archives/<int:pk>/step/", views.ArchiveStepView.as_view(), name="archive_step"),
    path("enterprises/<int:pk>/", views.EnterpriseProfileView.as_view(), name="enterprise_profile"),
    path("libraries/", views.LibraryView.as_view(), name="library_index"),
    path("libraries/<slug:library>/", views.LibraryView.as_view(), name="library_list"),
    path("libraries/<slug:library>/add/", views.RecordAddView.as_view(), name="record_add"),
    path("libraries/<slug:library>/<int:pk>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("libraries/<slug:library>/<int:pk>/edit/", views.RecordEditView.as_view(), name="record_edit"),
    path("certificates/add/", views.CertificateAddView.as_view(), name="certificate_add"),
    path("certificates/<int:pk>/edit/", views.CertificateEditView.as_view(), name="certificate_edit"),
    path("awards/add/", views.AwardAddView.as_view(), name="award_add"),
    path("awards/<int:pk>/edit/", views.AwardEditView.as_view(), name="award_edit"),
    path("standards/add/", views.StandardAddView.as_view(), name="standard_add"),
    path("standards/<int:pk>/edit/", views.StandardEditView.as_view(), name="standard_edit"),
    path("stays/add/", views.StayAddView.as_view(), name="stay_add"),
    path("stays/<int:pk>/edit/", views.StayEditView.as_view(), name="stay_edit"),
    path("incubators/", views.IncubatorListView.as_view(), name="incubator_list"),
    path("incubators/add/", views.IncubatorAddView.as_view(), name="incubator_add"),
    path("incubators/<int:pk>/", views.IncubatorDetailView.as_view(), name="incubator_detail"),
    path("incubators/<int:pk>/edit/", views.IncubatorEditView.as_view(), name="incubator_edit"),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/run/", views.EvaluationRunView.as_view(), name="evaluation_run"),
    path("rules/", views.RuleListView.as_view(), name="rule_list"),
    path("", include("scipark.innovation.import_urls")),
]
