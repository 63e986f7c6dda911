"""scipark's URLs plus the floor view the benchmarks compare against."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/floor/enterprises/", views.enterprise_page_floor, name="bench-floor-enterprises"),
    path("", include("scipark.urls")),
]
