"""API routes of the parks app, mounted under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(
    trailing_slash=True
)  # no format suffixes, no root view: every route is a scoped viewset
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("parks", views.ParkViewSet, basename="park")
router.register("departments", views.DepartmentViewSet, basename="department")
urlpatterns = router.urls
