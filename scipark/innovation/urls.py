"""Pages of the innovation app under /innovation/."""

from django.urls import URLPattern

app_name = "innovation"

urlpatterns: list[URLPattern] = []
