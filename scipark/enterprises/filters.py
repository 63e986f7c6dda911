"""The one FilterSet per model, shared by the list page, the API and the .xlsx export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.filtersets import IdFilter
from scipark.core.search import name_candidates

from .models import ActivityType, Contact, Enterprise, EnterpriseStatus, Industry, Tag
from .selectors import current_status_exists

YES_NO = (("yes", _("是")), ("no", _("否")))


def _sections() -> list[tuple[str, str]]:
    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.filter(level=Industry.Level.SECTION)]


def _divisions() -> list[tuple[str, str]]:
    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.filter(level=Industry.Level.DIVISION)]


class EnterpriseFilterSet(django_filters.FilterSet):
    """Search by name, short name or credit code; filter by industry, type, status, current statuses, tag."""

    q = django_filters.CharFilter(
        label=_("搜索"), method="filter_search", help_text=_("企业名称、简称或统一社会信用代码")
    )
    industry_section = django_filters.ChoiceFilter(
        label=_("行业门类"), choices=_sections, field_name="industry__section"
    )
    industry_division = django_filters.ChoiceFilter(
        label=_("行业大类"), choices=_divisions, method="filter_division"
    )
    industry = django_filters.CharFilter(label=_("行业代码"), method="filter_industry_code")
    activity_type = django_filters.ChoiceFilter(label=_("统计行业类型"), choices=ActivityType.choices)
    status = django_filters.ChoiceFilter(label=_("经营状态"), choices=Enterprise.Status.choices)
    above_scale = django_filters.ChoiceFilter(
        label=_("规上/限上(当前)"), choices=YES_NO, method="filter_above_scale"
    )
    incubating = django_filters.ChoiceFilter(
        label=_("在孵(当前)"), choices=YES_NO, method="filter_incubating"
    )
    tag = django_filters.ModelChoiceFilter(label=_("标签"), queryset=Tag.objects.none(), field_name="tags")

    class Meta:
        model = Enterprise
        fields = ["q", "industry_section", "industry_division", "industry", "activity_type", "status", "tag"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["tag"].queryset = Tag.objects.restrict(user, access.Action.VIEW).order_by("name")

    def filter_search(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        # "西宁 众和": every word must match (the name, the short name or the credit code), in any order.
        # A word of Han characters is looked up in the bigram index first (ADR 0014): the few candidates
        # it names are then checked with the same condition, so the rows are exactly the scan's.
        user = getattr(self.request, "user", None)
        for word in value.split():
            matches = (
                Q(name__icontains=word)
                | Q(short_name__icontains=word)
                | Q(credit_code__icontains=word.upper())
            )
            candidates = name_candidates(user=user, word=word)
            if candidates is not None:
                queryset = queryset.filter(pk__in=candidates)
            queryset = queryset.filter(matches)
        return queryset

    def filter_division(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        # Enterprises point at a 小类 (or any level); a division's codes all start with its two digits.
        return queryset.filter(industry__code__startswith=value) if value else queryset

    def filter_industry_code(
        self, queryset: QuerySet[Enterprise], name: str, value: str
    ) -> QuerySet[Enterprise]:
        value = value.strip().upper()
        if not value:
            return queryset
        if value.isalpha():
            return queryset.filter(industry__section=value)
        return queryset.filter(industry__code__startswith=value)

    def filter_above_scale(
        self, queryset: QuerySet[Enterprise], name: str, value: str
    ) -> QuerySet[Enterprise]:
        return self._by_flag(queryset, EnterpriseStatus.ABOVE_SCALE_KINDS, value)

    def filter_incubating(
        self, queryset: QuerySet[Enterprise], name: str, value: str
    ) -> QuerySet[Enterprise]:
        return self._by_flag(queryset, [EnterpriseStatus.Kind.INCUBATION], value)

    @staticmethod
    def _by_flag(queryset: QuerySet[Enterprise], kinds: Iterable[str], value: str) -> QuerySet[Enterprise]:
        # An EXISTS filter of its own, so that it works on any enterprise queryset (annotated or not).
        if value == "yes":
            return queryset.filter(current_status_exists(kinds))
        if value == "no":
            return queryset.filter(~current_status_exists(kinds))
        return queryset


class EnterpriseStatusFilterSet(django_filters.FilterSet):
    """Status periods by enterprise and kind."""

    enterprise = IdFilter(label=_("企业"), field_name="enterprise_id")

    class Meta:
        model = EnterpriseStatus
        fields = ["enterprise", "kind"]


class IndustryFilterSet(django_filters.FilterSet):
    """Industry codes by level, parent, section, or a code/name search."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")

    class Meta:
        model = Industry
        fields = ["level", "parent", "section"]

    def filter_search(self, queryset: QuerySet[Industry], name: str, value: str) -> QuerySet[Industry]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__startswith=value.upper()) | Q(name__icontains=value))


class ContactFilterSet(django_filters.FilterSet):
    """Contact persons by enterprise."""

    enterprise = IdFilter(label=_("企业"), field_name="enterprise_id")

    class Meta:
        model = Contact
        fields = ["enterprise"]


class TagFilterSet(django_filters.FilterSet):
    """Tags by part of their name."""

    q = django_filters.CharFilter(label=_("名称"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Tag
        fields = ["q"]
