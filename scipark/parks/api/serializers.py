"""Serializers of zones, parks and departments (structure only: no enterprise data)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Department, Park, Zone


class ZoneSerializer(serializers.ModelSerializer[Zone]):
    """A development zone."""

    class Meta:
        model = Zone
        fields = ["id", "name", "short_name", "region_code"]


class ParkSerializer(serializers.ModelSerializer[Park]):
    """A park, with its zone's id and name."""

    zone_name = serializers.CharField(source="zone.name", read_only=True)

    class Meta:
        model = Park
        fields = [
            "id",
            "zone",
            "zone_name",
            "name",
            "short_name",
            "code",
            "address",
            "area_km2",
            "latitude",
            "longitude",
        ]


class DepartmentSerializer(serializers.ModelSerializer[Department]):
    """A department of a park's administration."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "park", "kind", "kind_display", "name"]
