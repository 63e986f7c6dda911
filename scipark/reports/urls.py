"""Pages of the reports app."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("figures/", views.FiguresView.as_view(), name="figures"),
]
