"""environment API routes (included under /api/v1/ by the root URLconf)."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter(trailing_slash=True)
urlpatterns = router.urls
