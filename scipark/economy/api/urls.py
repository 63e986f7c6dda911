"""Economy API routes (included under /api/v1/ by the root URLconf)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("monthly-returns", views.MonthlyReturnViewSet, basename="monthly-return")
router.register("investment-projects", views.FixedAssetProjectViewSet, basename="investment-project")
router.register("economy-targets", views.AnnualTargetViewSet, basename="economy-target")
router.register("economy-indicators", views.IndicatorViewSet, basename="economy-indicator")
router.register("economy-kpi", views.KpiViewSet, basename="economy-kpi")
urlpatterns = router.urls
