"""The enterprise list's columns (django-tables2): sortable, with money in 万元."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from scipark.core.tables import FIGURE, ActionsColumn, WanColumn, stacked_table

from .models import Enterprise, Tag


class EnterpriseTable(tables.Table):
    """One row per enterprise; the name links to its profile (企业画像)."""

    name = tables.LinkColumn(
        "enterprises:enterprise_profile", args=[tables.A("pk")], verbose_name=_("企业名称")
    )
    short_name = tables.Column(verbose_name=_("简称"))
    credit_code = tables.Column(verbose_name=_("统一社会信用代码"))
    industry = tables.Column(verbose_name=_("行业"), order_by=("industry__code",))
    activity_type = tables.Column(verbose_name=_("统计行业类型"))
    status = tables.Column(verbose_name=_("经营状态"))
    registered_capital = WanColumn(verbose_name=_("注册资本(万元)"), attrs=FIGURE)
    above_scale_now = tables.BooleanColumn(verbose_name=_("规上/限上"), yesno="✔,")
    incubating_now = tables.BooleanColumn(verbose_name=_("在孵"), yesno="✔,")
    tags = tables.Column(verbose_name=_("标签"), orderable=False, empty_values=())

    class Meta:
        model = Enterprise
        fields = (
            "name",
            "short_name",
            "credit_code",
            "industry",
            "activity_type",
            "status",
            "registered_capital",
            "above_scale_now",
            "incubating_now",
            "tags",
        )
        attrs = stacked_table("enterprise-table")
        empty_text = _("没有符合条件的企业。")

    def render_industry(self, record: Enterprise) -> str:
        return f"{record.industry.code} {record.industry.name}"

    def render_tags(self, record: Enterprise) -> Any:
        tags = record.tag_list
        if not tags:
            return ""
        badges = format_html_join(
            " ", '<span class="badge sp-tag sp-tag-{}">{}</span>', ((t.color, t.name) for t in tags)
        )
        # one element: a phone's card gives each element of a cell a line of its grid (the second tag would
        # fall under the label)
        return format_html("<span>{}</span>", badges)

    def render_status(self, record: Enterprise) -> Any:
        css = "text-bg-success" if record.status == Enterprise.Status.OPERATING else "text-bg-secondary"
        return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())


class TagTable(tables.Table):
    """A park's tags with how many enterprises carry each."""

    name = tables.Column(verbose_name=_("名称"))
    park = tables.Column(verbose_name=_("园区"), accessor="park__name")
    enterprise_count = tables.Column(verbose_name=_("企业数"), attrs=FIGURE)
    actions = ActionsColumn(template_name="enterprises/_tag_actions.html", empty_values=())

    class Meta:
        model = Tag
        fields = ("name", "park", "enterprise_count", "actions")
        attrs = stacked_table("tag-table")

    def render_name(self, record: Tag) -> Any:
        return format_html('<span class="badge sp-tag sp-tag-{}">{}</span>', record.color, record.name)
