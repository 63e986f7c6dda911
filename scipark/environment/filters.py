"""The one FilterSet per list, shared by the page and its .xlsx export."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Boiler, Campaign, Certification, Finding, FindingState
from .selectors import due_soon, overdue


class FindingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("问题"), field_name="title", lookup_expr="icontains")
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Finding.Source.choices)
    round_no = django_filters.NumberFilter(label=_("督察轮次"), min_value=1, max_value=20)
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=Finding.Kind.choices)
    state = django_filters.ChoiceFilter(label=_("状态"), choices=FindingState.choices)
    due = django_filters.ChoiceFilter(
        label=_("整改期限"),
        choices=[("overdue", _("已超期")), ("soon", _("14天内到期"))],
        method="by_deadline",
    )

    class Meta:
        model = Finding
        fields = ["q", "source", "round_no", "kind", "state", "due"]

    def by_deadline(self, queryset: QuerySet[Finding], name: str, value: str) -> QuerySet[Finding]:
        """Open findings past their deadline, or due within 14 days (the workbench's links)."""
        today = timezone.localdate()
        return overdue(queryset, today) if value == "overdue" else due_soon(queryset, today)


class BoilerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业"), field_name="enterprise__name", lookup_expr="icontains")
    year = django_filters.NumberFilter(
        label=_("改造年份"), field_name="retrofit_completed_on__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Boiler
        fields = ["q", "year"]


class CertificationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业"), field_name="enterprise__name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Certification.Kind.choices)
    level = django_filters.ChoiceFilter(label=_("级别"), choices=Certification.Level.choices)
    year = django_filters.NumberFilter(
        label=_("认定年份"), field_name="granted_on__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Certification
        fields = ["q", "kind", "level", "year"]


class CampaignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Campaign.Kind.choices)
    year = django_filters.NumberFilter(label=_("年度"), min_value=1990, max_value=2100)

    class Meta:
        model = Campaign
        fields = ["q", "kind", "year"]
