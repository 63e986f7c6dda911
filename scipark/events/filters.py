"""The one FilterSet per list, shared by the page and its .xlsx export."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Event, Post


class EventFilterSet(django_filters.FilterSet):
    """Events by kind, status, year, or part of the name."""

    q = django_filters.CharFilter(label=_("名称"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Event.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Event.Status.choices)
    year = django_filters.NumberFilter(
        label=_("年份"), field_name="starts_at__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "status", "year"]


class PostFilterSet(django_filters.FilterSet):
    """Posts by event kind, year, or part of the title."""

    q = django_filters.CharFilter(label=_("岗位"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("活动类型"), choices=Event.Kind.choices, field_name="participation__event__kind"
    )
    year = django_filters.NumberFilter(
        label=_("年份"), field_name="participation__event__starts_at__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Post
        fields = ["q", "kind", "year"]
