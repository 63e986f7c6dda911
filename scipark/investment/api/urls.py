"""investment API routes (included under /api/v1/ by the root URLconf).

Under ``investment/``: economy's ``investment-projects`` are fixed-asset investment projects (固定资产投资),
a different thing; the pipeline's projects (招商项目) are ``investment/attraction-projects``.
"""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("investment/attraction-projects", views.ProjectViewSet, basename="attraction-project")
router.register("investment/contracts", views.ContractViewSet, basename="attraction-contract")
router.register("investment/funds-in-place", views.FundsInPlaceViewSet, basename="attraction-funds-in-place")
router.register("investment/targets", views.TargetViewSet, basename="attraction-target")
router.register("investment/funds", views.FundViewSet, basename="attraction-fund")
router.register("investment/loans", views.LoanViewSet, basename="financing-loan")
router.register("investment/listings", views.ListingViewSet, basename="financing-listing")
router.register("investment/equity-rounds", views.EquityRoundViewSet, basename="financing-round")
urlpatterns = router.urls
