"""The FilterSets of the economy pages (one per model), shared by the list pages and their .xlsx exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from scipark.enterprises.models import Industry

from .models import AnnualTarget, FixedAssetProject, Indicator, MonthlyReturn, ScaleDecision

YES_NO = (("yes", _("是")), ("no", _("否")))


def _sections() -> list[tuple[str, str]]:
    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.filter(level=Industry.Level.SECTION)]


class PeriodField(forms.CharField):
    """A month typed as ``2023-12`` (what ``<input type="month">`` sends); a clear message otherwise."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2023-12"})

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_period(text)
        if parsed is None:
            raise forms.ValidationError(_("报告期应写作“年-月”,如 2023-12。"))
        return parsed


def parse_period(text: str) -> dt.date | None:
    """``"2023-12"`` (or ``"2023-12-01"``) → 2023-12-01; ``None`` when it is not a month of 1990–2100."""
    parts = text.strip().split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    year, month = int(parts[0]), int(parts[1])
    if not (1990 <= year <= 2100 and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


class PeriodFilter(django_filters.Filter):
    """Filter a date field holding the first day of a month by a typed month."""

    field_class = PeriodField


class MonthlyReturnFilterSet(django_filters.FilterSet):
    """Returns by period, status, enterprise (name or credit code), industry section, revision state."""

    period = PeriodFilter(label=_("报告期"), field_name="period")
    q = django_filters.CharFilter(
        label=_("企业"), method="filter_search", help_text=_("企业名称或统一社会信用代码")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MonthlyReturn.Status.choices)
    section = django_filters.ChoiceFilter(
        label=_("行业门类"), choices=_sections, field_name="enterprise__industry__section"
    )
    current = django_filters.ChoiceFilter(label=_("现行数据"), choices=YES_NO, method="filter_current")

    class Meta:
        model = MonthlyReturn
        fields = ["period", "q", "status", "section", "current"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(enterprise__name__icontains=value) | Q(enterprise__credit_code__icontains=value.upper())
        )

    def filter_current(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "yes":
            return queryset.filter(is_current=True)
        if value == "no":
            return queryset.filter(is_current=False)
        return queryset


class FixedAssetProjectFilterSet(django_filters.FilterSet):
    """Projects by name or builder, whether in the statistics, and start year."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search", help_text=_("项目名称或建设单位"))
    in_scope = django_filters.ChoiceFilter(label=_("纳入统计"), choices=YES_NO, method="filter_in_scope")
    start_year = django_filters.NumberFilter(
        label=_("开工年度"), field_name="start_date__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = FixedAssetProject
        fields = ["q", "in_scope", "start_year"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(enterprise__name__icontains=value))

    def filter_in_scope(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value in ("yes", "no"):
            return queryset.filter(in_scope=value == "yes")
        return queryset


class AnnualTargetFilterSet(django_filters.FilterSet):
    """Targets by year and indicator."""

    year = django_filters.NumberFilter(label=_("年度"), min_value=1990, max_value=2100)
    indicator = django_filters.ModelChoiceFilter(label=_("指标"), queryset=Indicator.objects.all())

    class Meta:
        model = AnnualTarget
        fields = ["year", "indicator"]


class IndicatorFilterSet(django_filters.FilterSet):
    """The catalogue by name, frequency and whether in use."""

    q = django_filters.CharFilter(label=_("名称"), method="filter_search")
    frequency = django_filters.ChoiceFilter(label=_("频率"), choices=Indicator.Frequency.choices)
    is_active = django_filters.BooleanFilter(label=_("启用"))

    class Meta:
        model = Indicator
        fields = ["q", "frequency", "is_active"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value)) if value else queryset


class ScaleDecisionFilterSet(django_filters.FilterSet):
    """Decisions by set, direction and the year they take effect."""

    scale_set = django_filters.ChoiceFilter(
        label=_("统计范围"), choices=ScaleDecision._meta.get_field("scale_set").choices
    )
    direction = django_filters.ChoiceFilter(label=_("纳入/退出"), choices=ScaleDecision.Direction.choices)
    year = django_filters.NumberFilter(
        label=_("生效年度"), field_name="effective_period__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = ScaleDecision
        fields = ["scale_set", "direction", "year"]
