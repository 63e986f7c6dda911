"""Filters shared by the 三员 pages and their exports: users, audit events, change-log entries."""

from __future__ import annotations

from typing import Any

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.changelog import business_models, masks_name
from scipark.core.models import AuditEvent
from scipark.core.roles import Role

from .models import PersonalToken, User

_INPUT = {"class": "form-control form-control-sm"}
_SELECT = {"class": "form-select form-select-sm"}
_DATE = {"class": "form-control form-control-sm", "type": "date"}


class TimestampRangeFilterSet(django_filters.FilterSet):
    """A date range on ``timestamp`` (both logs filter by it)."""

    date_from = django_filters.DateFilter(
        label=_("起始日期"),
        field_name="timestamp",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs=_DATE),
    )
    date_to = django_filters.DateFilter(
        label=pgettext_lazy("date range", "截止日期"),
        field_name="timestamp",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs=_DATE),
    )


def _parks(request: Any) -> QuerySet[Any]:
    return apps.get_model("parks", "Park")._default_manager.order_by("name")


class UserFilter(django_filters.FilterSet):
    """Search by name, username or phone; filter by role, park and status."""

    q = django_filters.CharFilter(label=_("搜索"), method="search", widget=forms.TextInput(attrs=_INPUT))
    role = django_filters.ChoiceFilter(
        label=_("角色"), choices=Role.choices, method="by_role", widget=forms.Select(attrs=_SELECT)
    )
    park = django_filters.ModelChoiceFilter(
        label=_("园区"), queryset=_parks, method="by_park", widget=forms.Select(attrs=_SELECT)
    )
    is_active = django_filters.BooleanFilter(
        label=_("状态"),
        widget=forms.Select(
            attrs=_SELECT, choices=[("", _("全部")), ("true", _("有效")), ("false", _("已停用"))]
        ),
    )

    class Meta:
        model = User
        fields: list[str] = []

    def search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value) | Q(phone__icontains=value)
        )

    def by_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(memberships__role=value, memberships__is_active=True).distinct()

    def by_park(self, queryset: QuerySet[User], name: str, value: Any) -> QuerySet[User]:
        return queryset.filter(memberships__park=value, memberships__is_active=True).distinct()


class AuditEventFilter(TimestampRangeFilterSet):
    """Kind, result, user, date range and address."""

    kind = django_filters.ChoiceFilter(
        label=_("事件"), choices=AuditEvent.Kind.choices, widget=forms.Select(attrs=_SELECT)
    )
    result = django_filters.ChoiceFilter(
        label=_("结果"), choices=AuditEvent.Result.choices, widget=forms.Select(attrs=_SELECT)
    )
    username = django_filters.CharFilter(
        label=_("用户"), lookup_expr="icontains", widget=forms.TextInput(attrs=_INPUT)
    )
    ip_address = django_filters.CharFilter(
        label=_("IP 地址"), lookup_expr="startswith", widget=forms.TextInput(attrs=_INPUT)
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []


ACTION_LABELS: dict[int, Any] = {
    LogEntry.Action.CREATE: _("新建"),
    LogEntry.Action.UPDATE: _("修改"),
    LogEntry.Action.DELETE: _("删除"),
    LogEntry.Action.ACCESS: _("查看"),
}


def _content_types(request: Any) -> QuerySet[ContentType]:
    used = LogEntry.objects.values_list("content_type_id", flat=True).distinct()
    return ContentType.objects.filter(pk__in=used).order_by("app_label", "model")


class LogEntryFilter(TimestampRangeFilterSet):
    """Object type, action, actor, request id, object and date range."""

    content_type = django_filters.ModelChoiceFilter(
        label=_("对象类型"), queryset=_content_types, widget=forms.Select(attrs=_SELECT)
    )
    action = django_filters.ChoiceFilter(
        label=_("操作"), choices=list(ACTION_LABELS.items()), widget=forms.Select(attrs=_SELECT)
    )
    actor = django_filters.CharFilter(
        label=_("操作人"),
        field_name="actor__username",
        lookup_expr="icontains",
        widget=forms.TextInput(attrs=_INPUT),
    )
    cid = django_filters.CharFilter(label=_("请求编号"), widget=forms.TextInput(attrs=_INPUT))
    object_repr = django_filters.CharFilter(
        label=_("对象"), method="by_object", widget=forms.TextInput(attrs=_INPUT)
    )

    class Meta:
        model = LogEntry
        fields: list[str] = []

    def by_object(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        # Rows named by masked values (a contact by its name) are not found by that name either.
        hidden = ContentType.objects.get_for_models(*[m for m in business_models() if masks_name(m)])
        return queryset.filter(object_repr__icontains=value).exclude(content_type__in=hidden.values())


class TokenFilter(django_filters.FilterSet):
    """Holder or token name, and state (live, expired, revoked)."""

    STATES = (("live", _("有效")), ("expired", _("已过期")), ("revoked", _("已吊销")))

    q = django_filters.CharFilter(label=_("搜索"), method="search", widget=forms.TextInput(attrs=_INPUT))
    state = django_filters.ChoiceFilter(
        label=_("状态"), choices=STATES, method="by_state", widget=forms.Select(attrs=_SELECT)
    )

    class Meta:
        model = PersonalToken
        fields: list[str] = []

    def search(self, queryset: QuerySet[PersonalToken], name: str, value: str) -> QuerySet[PersonalToken]:
        return queryset.filter(
            Q(user__username__icontains=value) | Q(name__icontains=value) | Q(key_prefix__startswith=value)
        )

    def by_state(self, queryset: QuerySet[PersonalToken], name: str, value: str) -> QuerySet[PersonalToken]:
        now = timezone.now()
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if value == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        return queryset.filter(revoked_at__isnull=True, expires_at__gt=now)
