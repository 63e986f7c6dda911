"""environment API routes (included under /api/v1/ by the root URLconf)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("environment-findings", views.FindingViewSet, basename="environment-finding")
router.register("environment-boilers", views.BoilerViewSet, basename="environment-boiler")
router.register(
    "environment-certifications", views.CertificationViewSet, basename="environment-certification"
)
router.register("environment-waste-records", views.WasteRecordViewSet, basename="environment-waste-record")
router.register("environment-campaigns", views.CampaignViewSet, basename="environment-campaign")
router.register("environment-results", views.CampaignResultViewSet, basename="environment-result")
router.register("environment-pipe-segments", views.PipeSegmentViewSet, basename="environment-pipe-segment")
urlpatterns = router.urls
