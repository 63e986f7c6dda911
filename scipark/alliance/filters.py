"""The one FilterSet per list, shared by the list page and its .xlsx export."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core import access

from .models import Category, Chain, JointAction, Need, PartyOrganization, Resource


class _ChainFilterMixin(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("产业链"), queryset=Chain.objects.none())
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search", help_text=_("标题、关键词或说明"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["chain"].queryset = Chain.objects.restrict(user, access.Action.VIEW).order_by(
            "alliance", "position"
        )

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(keywords__icontains=value) | Q(description__icontains=value)
        )


class NeedFilterSet(_ChainFilterMixin):
    """Needs by chain, category, urgency, status, year raised, or a search."""

    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    urgency = django_filters.ChoiceFilter(label=_("紧急程度"), choices=Need.Urgency.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Need.Status.choices)
    year = django_filters.NumberFilter(
        label=_("提出年份"), field_name="raised_on__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Need
        fields = ["q", "chain", "category", "urgency", "status", "year"]


class ResourceFilterSet(_ChainFilterMixin):
    """Resources by chain, category, status, or a search."""

    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Resource.Status.choices)

    class Meta:
        model = Resource
        fields = ["q", "chain", "category", "status"]


class JointActionFilterSet(django_filters.FilterSet):
    """Joint actions by chain, status, year started, or a search in the name."""

    q = django_filters.CharFilter(
        label=pgettext_lazy("joint action", "项目名称"), field_name="title", lookup_expr="icontains"
    )
    chain = django_filters.ModelChoiceFilter(label=_("产业链"), queryset=Chain.objects.none())
    status = django_filters.ChoiceFilter(label=_("状态"), choices=JointAction.Status.choices)
    year = django_filters.NumberFilter(
        label=_("开始年份"), field_name="start_on__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = JointAction
        fields = ["q", "chain", "status", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["chain"].queryset = Chain.objects.restrict(user, access.Action.VIEW)


class PartyOrgFilterSet(django_filters.FilterSet):
    """Party organisations by kind or part of the name."""

    q = django_filters.CharFilter(label=_("名称"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("组织类型"), choices=PartyOrganization.Kind.choices)

    class Meta:
        model = PartyOrganization
        fields = ["q", "kind"]
