"""Pages of the environment app under /environment/."""

from django.urls import URLPattern

app_name = "environment"

urlpatterns: list[URLPattern] = []
