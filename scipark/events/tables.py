"""The event lists' columns (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from scipark.core.tables import FIGURE, stacked_table

from .models import Event, Post

STATUS_CSS = {"scheduled": "text-bg-info", "held": "text-bg-success", "cancelled": "text-bg-secondary"}


class EventTable(tables.Table):
    title = tables.LinkColumn("events:event_detail", args=[tables.A("pk")], verbose_name=_("名称"))
    kind = tables.Column(verbose_name=_("类型"))
    starts_at = tables.Column(verbose_name=_("开始时间"))
    place = tables.Column(verbose_name=_("地点"))
    organiser = tables.Column(verbose_name=_("主办部门"), accessor="organiser__name")
    enterprise_count = tables.Column(verbose_name=_("参会企业"), attrs=FIGURE)
    attendees = tables.Column(verbose_name=_("到场人数"), attrs=FIGURE)
    status = tables.Column(verbose_name=_("状态"))

    class Meta:
        model = Event
        fields = (
            "title",
            "kind",
            "starts_at",
            "place",
            "organiser",
            "enterprise_count",
            "attendees",
            "status",
        )
        attrs = stacked_table("event-table")
        empty_text = _("没有符合条件的活动。")

    def render_starts_at(self, record: Event) -> str:
        return timezone.localtime(record.starts_at).strftime("%Y-%m-%d %H:%M")

    def render_status(self, record: Event) -> Any:
        return format_html(
            '<span class="badge {}">{}</span>',
            STATUS_CSS.get(record.status, "text-bg-light"),
            record.get_status_display(),
        )


class PostTable(tables.Table):
    title = tables.Column(verbose_name=_("岗位"))
    event = tables.LinkColumn(
        "events:event_detail",
        args=[tables.A("participation__event_id")],
        accessor="participation__event__title",
        verbose_name=_("活动"),
    )
    enterprise = tables.Column(verbose_name=_("企业"), accessor="participation__enterprise__name")
    headcount = tables.Column(verbose_name=_("招聘人数"), attrs=FIGURE)
    salary = tables.Column(verbose_name=_("月薪(元)"), accessor="salary_range", orderable=False)
    requirements = tables.Column(verbose_name=_("任职要求"))

    class Meta:
        model = Post
        fields = ("title", "event", "enterprise", "headcount", "salary", "requirements")
        attrs = stacked_table("post-table")
        empty_text = _("没有符合条件的岗位。")
