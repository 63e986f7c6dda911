"""Registry API routes (included under /api/v1/ by the root URLconf)."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("enterprise-statuses", views.EnterpriseStatusViewSet, basename="enterprise-status")
router.register("enterprise-contacts", views.ContactViewSet, basename="enterprise-contact")
router.register("industries", views.IndustryViewSet, basename="industry")
urlpatterns = router.urls
