"""The one FilterSet of Open311 clients, shared by the list page and its .xlsx export."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Datatype, Open311Client, ServiceAttribute

STATUS_CHOICES = (("active", _("有效")), ("revoked", _("已吊销")))


class ClientFilterSet(django_filters.FilterSet):
    """Search by name, contact or key prefix; filter by whether the key is still valid."""

    q = django_filters.CharFilter(
        label=_("搜索"), method="filter_search", help_text=_("名称、联系人或密钥前缀")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=STATUS_CHOICES, method="filter_status")

    class Meta:
        model = Open311Client
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(contact__icontains=value) | Q(key_prefix__startswith=value)
        )

    def filter_status(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "active":
            return queryset.filter(revoked_at__isnull=True)
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class AttributeFilterSet(django_filters.FilterSet):
    """Filter the services' questions by service code or datatype."""

    service = django_filters.CharFilter(label=_("服务代码"), field_name="category__code")
    datatype = django_filters.ChoiceFilter(label=_("数据类型"), choices=Datatype.choices)

    class Meta:
        model = ServiceAttribute
        fields: list[str] = []
