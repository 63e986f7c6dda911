"""Read-only API of zones, parks and departments: rows from ``restrict``, like the pages."""

from __future__ import annotations

from typing import ClassVar

from scipark.core import access
from scipark.core.api.viewsets import ScopedReadOnlyViewSet

from ..filters import DepartmentFilterSet, ParkFilterSet, ZoneFilterSet
from ..models import Department, Park, Zone
from .serializers import DepartmentSerializer, ParkSerializer, ZoneSerializer


class ZoneViewSet(ScopedReadOnlyViewSet):
    """Zones the user's memberships reach."""

    domain: ClassVar[access.Domain] = access.Domain.PARKS
    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer
    filterset_class = ZoneFilterSet
    ordering_fields = ("name",)


class ParkViewSet(ScopedReadOnlyViewSet):
    """Parks: a zone viewer's whole zone, staff their own park."""

    domain: ClassVar[access.Domain] = access.Domain.PARKS
    queryset = Park.objects.select_related("zone")
    serializer_class = ParkSerializer
    filterset_class = ParkFilterSet
    ordering_fields = ("name", "code")


class DepartmentViewSet(ScopedReadOnlyViewSet):
    """Departments of the parks the user reaches."""

    domain: ClassVar[access.Domain] = access.Domain.PARKS
    queryset = Department.objects.select_related("park")
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilterSet
    ordering_fields = ("park", "kind")
