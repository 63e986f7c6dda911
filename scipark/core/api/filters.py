"""django-filter's API backend, skipped when a request names none of the view's filters.

Building a FilterSet deep-copies every filter and builds its form (choices included) on every
request; a plain page of a list needs none of it, and it was a large share of a list request's time
(see docs/benchmarks.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend


class QuickFilterBackend(DjangoFilterBackend):
    """Filter through the view's FilterSet only when the query string uses one of its filters."""

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(filterset_class.base_filters).intersection(
            request.query_params
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)
