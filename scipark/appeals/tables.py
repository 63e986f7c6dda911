"""Columns of the appeal, category, visit and calendar lists."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from scipark.core.tables import ActionsColumn, EditLinkColumn, stacked_table

from .calendar import WorkCalendar, due_soon, work_calendar
from .models import Appeal, AppealCategory, CalendarDay, Visit


def profile_link(record: Any) -> str | None:
    """The record's enterprise's profile (企业画像); no link for an appeal without an enterprise."""
    return (
        reverse("enterprises:enterprise_profile", args=[record.enterprise_id])
        if record.enterprise_id
        else None
    )


class AppealTable(tables.Table):
    number = tables.LinkColumn("appeals:appeal_detail", args=[tables.A("pk")], verbose_name=_("编号"))
    title = tables.LinkColumn("appeals:appeal_detail", args=[tables.A("pk")], verbose_name=_("标题"))
    enterprise = tables.Column(verbose_name=_("企业"), order_by=("enterprise__name",), linkify=profile_link)
    category = tables.Column(verbose_name=_("类别"), order_by=("category__name",))
    channel = tables.Column(verbose_name=_("渠道"))
    state = tables.Column(verbose_name=_("状态"))
    lead_department = tables.Column(verbose_name=_("牵头部门"), order_by=("lead_department__kind",))
    received_at = tables.DateTimeColumn(verbose_name=_("受理时间"), format="Y-m-d H:i")
    due_at = tables.Column(verbose_name=_("办理期限"))

    class Meta:
        model = Appeal
        fields = (
            "number",
            "title",
            "enterprise",
            "category",
            "channel",
            "state",
            "lead_department",
            "received_at",
            "due_at",
        )
        # on a phone each appeal is a card of label and value lines (nine columns do not fit 390 px)
        attrs = stacked_table("appeal-table")
        empty_text = _("没有符合条件的诉求。")

    def render_state(self, record: Appeal) -> Any:
        return format_html(
            '<span class="badge sp-state sp-state-{}">{}</span>', record.state, record.get_state_display()
        )

    def render_due_at(self, record: Appeal) -> Any:
        due = timezone.localtime(record.due_at).date()
        text = due.strftime("%Y-%m-%d")
        # one element with its badge: a phone's card (sp-stack-sm) keeps the date and the badge on one line
        if record.is_overdue:
            return format_html(
                '<span>{} <span class="badge text-bg-danger" data-testid="overdue">{}</span></span>',
                text,
                _("超期"),
            )
        if record.is_open and due_soon(timezone.localdate(), due, self.calendar()):
            return format_html(
                '<span>{} <span class="badge text-bg-warning" data-testid="due-soon">{}</span></span>',
                text,
                _("即将到期"),
            )
        return text

    def before_render(self, request: Any) -> None:
        self.calendar()  # one query for the page whatever its rows, so the page's query count is fixed

    def calendar(self) -> WorkCalendar:
        """The work calendar, read once for the page (not once per row)."""
        if not hasattr(self, "_calendar"):
            self._calendar = work_calendar()
        return self._calendar


class CategoryTable(tables.Table):
    """A park's appeal categories; the name links to the edit page for those who may edit."""

    name = EditLinkColumn("appeals:category_edit", verbose_name=_("名称"))
    default_department = tables.Column(verbose_name=_("默认承办部门"))

    class Meta:
        model = AppealCategory
        fields = (
            "park",
            "code",
            "name",
            "group",
            "default_department",
            "time_limit_days",
            "is_active",
            "order",
        )
        attrs = stacked_table("category-table")
        empty_text = _("还没有诉求类别。")


class VisitTable(tables.Table):
    visited_on = tables.LinkColumn("appeals:visit_detail", args=[tables.A("pk")], verbose_name=_("走访日期"))
    enterprise = tables.Column(verbose_name=_("企业"), order_by=("enterprise__name",), linkify=profile_link)
    appeal_count = tables.Column(verbose_name=_("形成诉求"), empty_values=(), orderable=False)

    class Meta:
        model = Visit
        fields = ("visited_on", "enterprise", "department", "participants", "appeal_count")
        attrs = stacked_table("visit-table")
        empty_text = _("还没有走访记录。")

    def render_appeal_count(self, record: Visit) -> int:
        # The list view annotates the count (one query for the page); a bare queryset counts per row.
        total = getattr(record, "appeal_total", None)
        return record.appeals.count() if total is None else int(total)


class CalendarDayTable(tables.Table):
    weekday = tables.Column(verbose_name=_("星期"), empty_values=(), orderable=False)
    actions = ActionsColumn(template_name="appeals/_calendar_actions.html")

    class Meta:
        model = CalendarDay
        fields = ("date", "weekday", "kind", "name", "source")
        attrs = stacked_table("calendar-table")
        empty_text = _("该年没有节假日数据。")

    def render_weekday(self, record: CalendarDay) -> str:
        return "一二三四五六日"[record.date.weekday()]
