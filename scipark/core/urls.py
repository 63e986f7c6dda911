from django.urls import path

from . import pages
from .imports.views import TaskRunView
from .views.runs import TaskRunFileView

app_name = "core"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("healthz", pages.health, name="health"),
    path("runs/<str:token>/", TaskRunView.as_view(), name="task_run"),
    path("runs/<str:token>/download/", TaskRunFileView.as_view(), name="task_run_file"),
]
