"""innovation API routes (included under /api/v1/ by the root URLconf), under ``innovation/``."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("innovation/archives", views.ArchiveViewSet, basename="innovation-archive")
router.register("innovation/ip", views.IpViewSet, basename="innovation-ip")
router.register("innovation/certificates", views.CertificateViewSet, basename="innovation-certificate")
router.register("innovation/incubators", views.IncubatorViewSet, basename="innovation-incubator")
router.register("innovation/stays", views.StayViewSet, basename="innovation-stay")
router.register("innovation/evaluations", views.EvaluationViewSet, basename="innovation-evaluation")
for slug, viewset in views.RECORD_VIEWSETS.items():
    router.register(f"innovation/libraries/{slug}", viewset, basename=f"innovation-{slug}")
urlpatterns = router.urls
