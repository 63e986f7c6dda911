"""The one FilterSet per list, shared by the page and its .xlsx export."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from scipark.core.filtersets import IdFilter

from .models import (
    Channel,
    Confirmation,
    Contract,
    FinancingRecord,
    Fund,
    FundsInPlace,
    Loan,
    Origin,
    Project,
    Stage,
    Target,
)


class YearFilter(django_filters.NumberFilter):
    """A year of 2000–2100: anything else is refused (400), never passed to the database's date functions."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class ProjectFilterSet(django_filters.FilterSet):
    """Projects by stage, origin, channel, chain, or part of the name or investor."""

    q = django_filters.CharFilter(label=_("项目/投资方"), method="search")
    stage = django_filters.ChoiceFilter(label=_("阶段"), choices=Stage.choices)
    origin = django_filters.ChoiceFilter(label=_("投资方来源"), choices=Origin.choices)
    channel = django_filters.ChoiceFilter(label=_("招商方式"), choices=Channel.choices)
    chain = django_filters.CharFilter(label=_("产业链"), lookup_expr="icontains")

    class Meta:
        model = Project
        fields = ["q", "stage", "origin", "channel", "chain"]

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return queryset.filter(Q(name__icontains=value) | Q(investor__icontains=value))


class FundFilterSet(django_filters.FilterSet):
    """Funds by kind, status, or part of the name or manager."""

    q = django_filters.CharFilter(label=_("基金/管理人"), method="search")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Fund.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Fund.Status.choices)

    class Meta:
        model = Fund
        fields = ["q", "kind", "status"]

    def search(self, queryset: QuerySet[Fund], name: str, value: str) -> QuerySet[Fund]:
        return queryset.filter(Q(name__icontains=value) | Q(manager__icontains=value))


class FinancingFilterSet(django_filters.FilterSet):
    """Financing records by confirmation status, year, or part of the enterprise's name."""

    q = django_filters.CharFilter(label=_("企业"), field_name="enterprise__name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("确认状态"), choices=Confirmation.choices)

    class Meta:
        model = Loan
        fields = ["q", "status"]


def financing_filterset(model: type[FinancingRecord]) -> type[FinancingFilterSet]:
    """The financing FilterSet bound to one kind of record (django-filter's API backend checks the model)."""
    meta = type("Meta", (FinancingFilterSet.Meta,), {"model": model})
    return type(f"{model.__name__}FilterSet", (FinancingFilterSet,), {"Meta": meta})


class ContractFilterSet(django_filters.FilterSet):
    """Contract revisions of one project."""

    project = IdFilter(label=_("项目"), field_name="project_id")

    class Meta:
        model = Contract
        fields = ["project"]


class FundsInPlaceFilterSet(django_filters.FilterSet):
    """Funds in place of one project, of one source class, or of one year."""

    project = IdFilter(label=_("项目"), field_name="project_id")
    source_class = django_filters.ChoiceFilter(label=_("资金来源"), choices=Origin.choices)
    year = YearFilter(label=_("年度"), field_name="arrived_on", lookup_expr="year")

    class Meta:
        model = FundsInPlace
        fields = ["project", "source_class", "year"]


class TargetFilterSet(django_filters.FilterSet):
    """Annual targets of a park, a year or an indicator."""

    park = django_filters.NumberFilter(label=_("园区"), field_name="park_id")
    year = YearFilter(label=_("年度"))
    indicator = django_filters.ChoiceFilter(label=_("指标"), choices=Target.Indicator.choices)

    class Meta:
        model = Target
        fields = ["park", "year", "indicator"]
