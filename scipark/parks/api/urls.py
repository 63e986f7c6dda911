"""API routes of the parks app, mounted under /api/v1/."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False  # the enterprises app has its own router under the same prefix
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("parks", views.ParkViewSet, basename="park")
router.register("departments", views.DepartmentViewSet, basename="department")
urlpatterns = router.urls
