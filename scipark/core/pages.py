"""The landing page after sign-in, and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.generic import TemplateView

from . import access


class HomeView(LoginRequiredMixin, TemplateView):
    """Where every signed-in user lands: their roles, parks and the menu they may use."""

    template_name = "core/home.html"
    domain = None  # every signed-in user may open it; what it shows comes from their scope

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["scope"] = access.scope_for(self.request.user)
        return context


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the reverse proxy; reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
