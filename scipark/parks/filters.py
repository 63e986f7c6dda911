"""The one FilterSet per model of the parks app, shared by the list page, the API and the export."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from scipark.core.roles import DepartmentKind

from .models import Department, Park, Zone


class ZoneFilterSet(django_filters.FilterSet):
    """Zones by name or region code."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")

    class Meta:
        model = Zone
        fields = ["q", "region_code"]

    def filter_search(self, queryset: QuerySet[Zone], name: str, value: str) -> QuerySet[Zone]:
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class ParkFilterSet(django_filters.FilterSet):
    """Parks by name, code or zone."""

    q = django_filters.CharFilter(
        label=_("搜索"), method="filter_search", help_text=_("园区名称、简称或代码")
    )
    zone = django_filters.ModelChoiceFilter(label=_("开发区"), queryset=Zone.objects.all())

    class Meta:
        model = Park
        fields = ["q", "zone", "code"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["zone"].queryset = Zone.objects.restrict(user)

    def filter_search(self, queryset: QuerySet[Park], name: str, value: str) -> QuerySet[Park]:
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__icontains=value)
        )


class DepartmentFilterSet(django_filters.FilterSet):
    """Departments by park and kind."""

    kind = django_filters.ChoiceFilter(label=_("类别"), choices=DepartmentKind.choices)

    class Meta:
        model = Department
        fields = ["park", "kind"]
