"""Pages of the open311 app."""

from django.urls import path  # noqa: F401

app_name = "open311"

urlpatterns: list = []
