"""The base API viewset: rows from ``restrict``, writes through service functions (NetBox's pattern)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rest_framework import viewsets

from .. import access
from .permissions import required_action


class ScopedViewSetMixin:
    """Declare ``domain`` and ``queryset``; every action sees only the rows the user may act on."""

    domain: ClassVar[access.Domain]
    queryset: models.QuerySet[Any]
    required_actions: ClassVar[dict[str, str]] = {}

    def get_queryset(self) -> models.QuerySet[Any]:
        base = super().get_queryset()  # type: ignore[misc]
        action = required_action(self, self.request)  # type: ignore[arg-type,attr-defined]
        # Reads and writes alike: a row outside the reach of *this* action is a 404.
        return base.restrict(self.request.user, action)  # type: ignore[attr-defined]


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    """List and retrieve only."""


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):  # type: ignore[misc]
    """Full CRUD; subclasses route ``perform_create/update/destroy`` through services."""
