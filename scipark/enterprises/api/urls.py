"""Registry API routes (included under /api/v1/ by the root URLconf)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(
    trailing_slash=True
)  # no format suffixes, no root view: every route is a scoped viewset
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("enterprise-statuses", views.EnterpriseStatusViewSet, basename="enterprise-status")
router.register("enterprise-contacts", views.ContactViewSet, basename="enterprise-contact")
router.register("industries", views.IndustryViewSet, basename="industry")
urlpatterns = router.urls
