"""appeals API routes (included under /api/v1/ by the root URLconf)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("appeals", views.AppealViewSet, basename="appeal")
router.register("appeal-categories", views.CategoryViewSet, basename="appeal-category")
urlpatterns = router.urls
