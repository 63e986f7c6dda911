"""What the alliance's pages share: the service domain, where "cancel" leads, how a detail page finds
its row."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin, ServiceFormView, object_or_404


class AllianceFormView(ServiceFormView):
    """A form page of the alliance: cancel goes back to the object's page, or to the alliance home."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE

    def get_cancel_url(self) -> str:
        if self.object is not None and hasattr(self.object, "get_absolute_url"):
            return str(self.object.get_absolute_url())
        return reverse("alliance:home")


class AllianceDetailView(ScopedViewMixin, TemplateView):
    """A page about one row of the alliance, found for reading (out of reach: 404)."""

    domain = access.Domain.SERVICE

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assert self.object_model is not None
        obj = object_or_404(self.request, self.object_model, kwargs["pk"])
        context.update(self.describe(self.request.user, obj))
        return context

    def describe(self, user: Any, obj: Any) -> dict[str, Any]:
        """What the page shows about ``obj`` to ``user``."""
        raise NotImplementedError
