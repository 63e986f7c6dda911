"""The Open311 clients list's columns (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.tables import ACTIONS, FIGURE, EditLinkColumn, stacked_table
from scipark.core.terms import joined

from .models import Open311Client, ServiceAttribute


class ClientTable(tables.Table):
    """One row per client; a valid key can be revoked from its row."""

    name = tables.Column(verbose_name=_("名称"))
    park = tables.Column(verbose_name=_("园区"), order_by=("park__name",))
    key_prefix = tables.Column(verbose_name=_("密钥前缀"), orderable=False)
    contact = tables.Column(verbose_name=_("联系人及联系方式"), orderable=False)
    created_at = tables.DateTimeColumn(verbose_name=_("创建时间"), format="Y-m-d H:i")
    last_used_at = tables.DateTimeColumn(verbose_name=_("最近使用"), format="Y-m-d H:i")
    request_count = tables.Column(verbose_name=_("提交诉求数"), attrs=FIGURE)
    status = tables.Column(verbose_name=_("状态"), empty_values=(), order_by=("revoked_at",))
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False, attrs=ACTIONS)

    class Meta:
        model = Open311Client
        fields = (
            "name",
            "park",
            "key_prefix",
            "contact",
            "created_at",
            "last_used_at",
            "request_count",
            "status",
            "actions",
        )
        attrs = stacked_table("open311-client-table")
        empty_text = _("还没有 Open311 客户端。")

    def render_key_prefix(self, value: str) -> Any:
        return format_html("<code>{}…</code>", value)

    def render_status(self, record: Open311Client) -> Any:
        if record.is_active:
            return format_html('<span class="badge text-bg-success">{}</span>', _("有效"))
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("已吊销"))

    def render_actions(self, record: Open311Client) -> Any:
        if not record.is_active:
            return ""
        url = reverse("open311:client_revoke", args=[record.pk])
        return format_html(
            '<a class="btn btn-outline-danger btn-sm" href="{}" data-testid="revoke-{}">{}</a>',
            url,
            record.pk,
            _("吊销"),
        )


class AttributeTable(tables.Table):
    """One row per question, grouped by service; the code links to its edit page for those who may edit."""

    category = tables.Column(verbose_name=_("服务"), order_by=("category__park__name", "category__code"))
    code = EditLinkColumn("open311:attribute_edit", verbose_name=_("代码"))
    datatype = tables.Column(verbose_name=_("数据类型"))
    required = tables.BooleanColumn(verbose_name=_("必填"), yesno="✔,")
    order = tables.Column(verbose_name=_("顺序"))
    description = tables.Column(verbose_name=pgettext_lazy("service attribute", "问题"), orderable=False)
    values = tables.Column(verbose_name=_("选项"), orderable=False, empty_values=())

    class Meta:
        model = ServiceAttribute
        fields = ("category", "code", "datatype", "required", "order", "description", "values")
        attrs = stacked_table("open311-attribute-table")
        empty_text = _("还没有服务属性。")

    def render_category(self, record: ServiceAttribute) -> str:
        return f"{record.category.park.short_name or record.category.park.name} · {record.category.code} {record.category.name}"

    def render_values(self, record: ServiceAttribute) -> str:
        return joined(f"{v['key']}={v['name']}" for v in record.values)
