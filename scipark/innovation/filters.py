"""The one FilterSet per list, shared by the page and its .xlsx export."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Evaluation, Incubator, RuleVersion, TechArchive, Tier


class ArchiveFilterSet(django_filters.FilterSet):
    """Archives by year, state or part of the enterprise's name."""

    q = django_filters.CharFilter(label=_("企业"), field_name="enterprise__name", lookup_expr="icontains")
    year = django_filters.NumberFilter(label=_("年度"), min_value=2000, max_value=2100)
    state = django_filters.ChoiceFilter(label=_("状态"), choices=TechArchive.State.choices)

    class Meta:
        model = TechArchive
        fields = ["q", "year", "state"]


class EvaluationFilterSet(django_filters.FilterSet):
    """The API's evaluations of one enterprise, tier or year (``?enterprise=3&tier=high_tech``). The
    enterprise is a plain number: an id outside the reader's reach finds nothing, as an unknown one does."""

    enterprise = django_filters.NumberFilter(label=_("企业"), field_name="enterprise_id", min_value=1)
    tier = django_filters.ChoiceFilter(label=_("梯次"), choices=Tier.choices)
    year = django_filters.NumberFilter(label=_("年度"), min_value=2000, max_value=2100)

    class Meta:
        model = Evaluation
        fields = ["enterprise", "tier", "year"]


class IncubatorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Incubator.Kind.choices)

    class Meta:
        model = Incubator
        fields = ["q", "kind"]


class RuleFilterSet(django_filters.FilterSet):
    tier = django_filters.ChoiceFilter(label=_("梯次"), choices=Tier.choices)

    class Meta:
        model = RuleVersion
        fields = ["tier"]
