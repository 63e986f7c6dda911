from django.urls import path

from . import pages

app_name = "core"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("healthz", pages.health, name="health"),
]
