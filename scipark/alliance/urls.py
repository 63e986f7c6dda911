"""Pages of the alliance app."""

from django.urls import path  # noqa: F401

app_name = "alliance"

urlpatterns: list = []
