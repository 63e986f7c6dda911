"""Pages of the appeals app."""

from django.urls import path  # noqa: F401

app_name = "appeals"

urlpatterns: list = []
