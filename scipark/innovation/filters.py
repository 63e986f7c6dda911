"""The one FilterSet per list, shared by the page and its .xlsx export."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
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


class EvaluationListFilterSet(django_filters.FilterSet):
    """The 梯度培育测评 page's current evaluations: part of the enterprise's name, tier, year, outcome and how
    many conditions are missed (``Evaluation.gap_count``)."""

    q = django_filters.CharFilter(label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains")
    tier = django_filters.ChoiceFilter(label=_("梯次"), choices=Tier.choices)
    year = django_filters.NumberFilter(label=_("档案年度"), min_value=2000, max_value=2100)
    result = django_filters.ChoiceFilter(
        label=_("测评结果"),
        choices=(("eligible", _("符合条件")), ("open", _("待专家评分")), ("not_eligible", _("尚不符合"))),
        method="filter_result",
    )
    gaps = django_filters.ChoiceFilter(
        label=_("差距项数"),
        choices=(("0", _("无差距")), ("1", _("差 1 项")), ("2", _("差 2 项")), ("3", _("差 3 项及以上"))),
        method="filter_gaps",
    )

    class Meta:
        model = Evaluation
        fields = ["q", "tier", "year", "result", "gaps"]

    def filter_result(self, queryset: QuerySet[Evaluation], name: str, value: str) -> QuerySet[Evaluation]:
        qualifies = {"eligible": True, "not_eligible": False}.get(value)
        if value == "open":
            return queryset.filter(qualifies__isnull=True)
        return queryset.filter(qualifies=qualifies)

    def filter_gaps(self, queryset: QuerySet[Evaluation], name: str, value: str) -> QuerySet[Evaluation]:
        count = int(value)
        lookup = "gap_count__gte" if count >= 3 else "gap_count"
        return queryset.filter(**{lookup: min(count, 3)})


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
