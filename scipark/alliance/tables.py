"""The alliance lists' columns (django-tables2). Providers are named as the reader may read them."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.tables import FIGURE, stacked_table

from .models import JointAction, Need, PartyOrganization, Resource
from .selectors import NameMasker, action_progress

STATUS_CSS = {
    "open": "text-bg-warning",
    "matched": "text-bg-info",
    "met": "text-bg-success",
    "closed": "text-bg-secondary",
    "available": "text-bg-success",
    "withdrawn": "text-bg-secondary",
    "planned": "text-bg-light",
    "in_progress": "text-bg-info",
    "done": "text-bg-success",
    "cancelled": "text-bg-secondary",
}


def status_badge(record: Any) -> Any:
    return format_html(
        '<span class="badge {}">{}</span>',
        STATUS_CSS.get(record.status, "text-bg-light"),
        record.get_status_display(),
    )


class _MaskedTable(tables.Table):
    def __init__(self, *args: Any, masker: NameMasker | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.masker = masker

    def render_provider(self, record: Any) -> str:
        return self.masker.provider(record) if self.masker else ""


class NeedTable(_MaskedTable):
    title = tables.LinkColumn("alliance:need_detail", args=[tables.A("pk")], verbose_name=_("需求"))
    chain = tables.Column(verbose_name=_("产业链"), order_by=("chain__position",))
    category = tables.Column(verbose_name=_("类别"))
    provider = tables.Column(verbose_name=_("提出方"), orderable=False, empty_values=())
    urgency = tables.Column(verbose_name=_("紧急程度"))
    status = tables.Column(verbose_name=_("状态"))
    raised_on = tables.DateColumn(verbose_name=_("提出日期"), format="Y-m-d")
    met_on = tables.DateColumn(verbose_name=_("解决日期"), format="Y-m-d")

    class Meta:
        model = Need
        fields = ("title", "chain", "category", "provider", "urgency", "status", "raised_on", "met_on")
        attrs = stacked_table("need-table")
        empty_text = _("没有符合条件的需求。")

    def render_status(self, record: Need) -> Any:
        return status_badge(record)


class ResourceTable(_MaskedTable):
    title = tables.LinkColumn("alliance:resource_detail", args=[tables.A("pk")], verbose_name=_("资源"))
    chain = tables.Column(verbose_name=_("产业链"), order_by=("chain__position",))
    category = tables.Column(verbose_name=_("类别"))
    provider = tables.Column(verbose_name=_("提供方"), orderable=False, empty_values=())
    capacity = tables.Column(verbose_name=_("可提供能力"))
    valid_from = tables.DateColumn(verbose_name=_("有效期起"), format="Y-m-d")
    valid_to = tables.DateColumn(verbose_name=_("有效期止"), format="Y-m-d")
    status = tables.Column(verbose_name=_("状态"))

    class Meta:
        model = Resource
        fields = ("title", "chain", "category", "provider", "capacity", "valid_from", "valid_to", "status")
        attrs = stacked_table("resource-table")
        empty_text = _("没有符合条件的资源。")

    def render_status(self, record: Resource) -> Any:
        return status_badge(record)


class JointActionTable(tables.Table):
    title = tables.LinkColumn(
        "alliance:action_detail",
        args=[tables.A("pk")],
        verbose_name=pgettext_lazy("joint action", "项目名称"),
    )
    chain = tables.Column(verbose_name=_("产业链"))
    owner_department = tables.Column(verbose_name=_("责任部门"), accessor="owner_department__name")
    owner_person = tables.Column(verbose_name=_("责任人"))
    progress = tables.Column(verbose_name=_("进度"), orderable=False, empty_values=())
    status = tables.Column(verbose_name=_("状态"))
    start_on = tables.DateColumn(verbose_name=_("开始日期"), format="Y-m-d")
    due_on = tables.DateColumn(verbose_name=_("计划完成"), format="Y-m-d")
    completed_on = tables.DateColumn(verbose_name=_("完成日期"), format="Y-m-d")

    class Meta:
        model = JointAction
        fields = (
            "title",
            "chain",
            "owner_department",
            "owner_person",
            "progress",
            "status",
            "start_on",
            "due_on",
            "completed_on",
        )
        attrs = stacked_table("action-table")
        empty_text = _("没有符合条件的联合项目。")

    def render_progress(self, record: JointAction) -> str:
        return f"{action_progress(record)}%"

    def render_status(self, record: JointAction) -> Any:
        return status_badge(record)


class PartyOrgTable(tables.Table):
    name = tables.Column(verbose_name=_("名称"))
    kind = tables.Column(verbose_name=_("组织类型"))
    secretary = tables.Column(verbose_name=_("书记"))
    member_count = tables.Column(verbose_name=_("党员人数"), attrs=FIGURE)
    belongs_to = tables.Column(verbose_name=_("所属单位"), orderable=False, empty_values=())
    alliance = tables.Column(verbose_name=_("联盟"))

    class Meta:
        model = PartyOrganization
        fields = ("name", "kind", "secretary", "member_count", "belongs_to", "alliance")
        attrs = stacked_table("party-org-table")
        empty_text = _("暂无党组织。")
