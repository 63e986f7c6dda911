"""The landing page after sign-in, and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.views.generic import TemplateView

from . import access
from .workbench import home_page_for, key_figures_for, recent_changes_for, todos_for


class HomeView(LoginRequiredMixin, TemplateView):
    """Where every signed-in user lands: the workbench (工作台) of what is waiting for them today, or the
    page their roles have instead (a park leader's cockpit)."""

    template_name = "core/home.html"
    domain = None  # every signed-in user may open it; what it shows comes from their scope

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        home = home_page_for(request.user)
        if home is not None:
            return HttpResponseRedirect(home)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        scope = access.scope_for(self.request.user)
        context["scope"] = scope
        context["has_roles"] = bool(scope.grants)
        context["todos"] = todos_for(self.request.user) if scope.grants else []
        context["key_figures"] = key_figures_for(self.request.user) if scope.grants else []
        context["recent"] = recent_changes_for(self.request.user)
        context["today"] = timezone.localdate()
        return context


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the reverse proxy; reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
