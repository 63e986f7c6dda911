"""The appeal, category and visit filters, shared by the list pages, the .xlsx export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    OPEN_STATES,
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealState,
    CalendarDay,
    Visit,
)
from .selectors import handled_by_my_departments

BOXES = (
    ("mine", _("转办给我的部门")),
    ("todo", _("待受理")),
    ("open", _("办理中(全部未办结)")),
    ("overdue", _("已超期")),
    ("closed", _("已办结")),
)


class AppealFilterSet(django_filters.FilterSet):
    box = django_filters.ChoiceFilter(
        label=_("收件箱"), choices=BOXES, method="filter_box", empty_label=_("全部")
    )
    q = django_filters.CharFilter(
        label=_("搜索"), method="filter_search", help_text=_("编号、标题、内容或企业")
    )
    state = django_filters.ChoiceFilter(label=_("状态"), choices=AppealState.choices)
    category = django_filters.ModelChoiceFilter(label=_("类别"), queryset=AppealCategory.objects.none())
    channel = django_filters.ChoiceFilter(label=_("渠道"), choices=AppealChannel.choices)
    received_after = django_filters.DateFilter(
        label=_("受理起"), field_name="received_at", lookup_expr="date__gte"
    )
    received_before = django_filters.DateFilter(
        label=_("受理止"), field_name="received_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Appeal
        fields = ["box", "q", "state", "category", "channel"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            self.filters["category"].queryset = AppealCategory.objects.restrict(user)

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value)
            | Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(enterprise__name__icontains=value)
        )

    def filter_box(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "todo":
            return queryset.filter(state=AppealState.SUBMITTED)
        if value == "open":
            return queryset.filter(state__in=OPEN_STATES)
        if value == "overdue":
            return queryset.filter(
                Q(overdue=True, state__in=OPEN_STATES) | Q(state__in=OPEN_STATES, due_at__lt=timezone.now())
            )
        if value == "closed":
            return queryset.exclude(state__in=OPEN_STATES)
        if value == "mine":
            return queryset.filter(handled_by_my_departments(self.user))
        return queryset


class CategoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    is_active = django_filters.BooleanFilter(label=_("启用"))

    class Meta:
        model = AppealCategory
        fields = ["q", "is_active"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(name__icontains=value) | Q(code__icontains=value) | Q(keywords__icontains=value)
        )


class VisitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业"), field_name="enterprise__name", lookup_expr="icontains")
    visited_after = django_filters.DateFilter(label=_("走访起"), field_name="visited_on", lookup_expr="gte")
    visited_before = django_filters.DateFilter(label=_("走访止"), field_name="visited_on", lookup_expr="lte")

    class Meta:
        model = Visit
        fields = ["q"]


class CalendarDayFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=CalendarDay.Kind.choices)

    class Meta:
        model = CalendarDay
        fields = ["kind"]
