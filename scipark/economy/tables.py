"""Columns of the economy lists (django-tables2): money in 万元 as the park writes it, energy in tce."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from scipark.core.money import wan_figure
from scipark.core.tables import EditLinkColumn, WanColumn, labelled, stacked_table

from .models import AnnualTarget, FixedAssetProject, Indicator, MonthlyReturn, ScaleDecision

#: A figure's column; its cells keep their label on a phone's card (``labelled``).
NUM = labelled({"td": {"class": "sp-num"}, "th": {"class": "sp-num"}})


STATUS_BADGES = {
    MonthlyReturn.Status.DRAFT: "text-bg-light",
    MonthlyReturn.Status.SUBMITTED: "text-bg-primary",
    MonthlyReturn.Status.ACCEPTED: "text-bg-success",
    MonthlyReturn.Status.REJECTED: "text-bg-danger",
    MonthlyReturn.Status.SUPERSEDED: "text-bg-secondary",
}


def status_badge(record: MonthlyReturn) -> Any:
    css = STATUS_BADGES.get(record.status, "text-bg-light")  # type: ignore[call-overload]
    return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())


class MonthlyReturnTable(tables.Table):
    """One row per return revision; the enterprise links to its profile, the period to the return."""

    enterprise = tables.LinkColumn(
        "enterprises:enterprise_profile",
        args=[tables.A("enterprise_id")],
        verbose_name=_("企业"),
        order_by=("enterprise__name",),
    )
    period = tables.DateColumn(
        format="Y-m", verbose_name=_("报告期"), linkify=("economy:return_detail", [tables.A("pk")])
    )
    revision = tables.Column(verbose_name=_("修订号"), attrs=NUM)
    status = tables.Column(verbose_name=_("状态"))
    industrial_output = WanColumn(verbose_name=_("工业总产值(万元)"), attrs=NUM)
    revenue = WanColumn(verbose_name=_("营业收入(万元)"), attrs=NUM)
    sales = WanColumn(verbose_name=_("销售额(万元)"), attrs=NUM)
    energy_tce = tables.Column(verbose_name=_("综合能耗(吨标准煤)"), attrs=NUM)
    submitted_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("报送时间"))

    class Meta:
        model = MonthlyReturn
        fields = (
            "enterprise",
            "period",
            "revision",
            "status",
            "industrial_output",
            "revenue",
            "sales",
            "energy_tce",
            "submitted_at",
        )
        attrs = stacked_table("return-table")
        empty_text = _("没有符合条件的月度报表。")

    def render_status(self, record: MonthlyReturn) -> Any:
        return status_badge(record)


class FixedAssetProjectTable(tables.Table):
    """Projects with planned total and completed investment (annotated by the view's queryset)."""

    name = tables.LinkColumn("economy:project_detail", args=[tables.A("pk")], verbose_name=_("项目名称"))
    enterprise = tables.Column(
        verbose_name=_("建设单位"),
        order_by=("enterprise__name",),
        linkify=lambda record: (
            reverse("enterprises:enterprise_profile", args=[record.enterprise_id])
            if record.enterprise_id
            else None
        ),
    )
    planned_total = WanColumn(verbose_name=_("计划总投资(万元)"), attrs=NUM)
    completed_total = WanColumn(verbose_name=_("累计完成投资(万元)"), attrs=NUM, orderable=True)
    start_date = tables.DateColumn(format="Y-m-d", verbose_name=_("开工日期"))
    end_date = tables.DateColumn(format="Y-m-d", verbose_name=_("竣工日期"))
    in_scope = tables.BooleanColumn(verbose_name=_("纳入统计"), yesno="✔,")

    class Meta:
        model = FixedAssetProject
        fields = (
            "name",
            "enterprise",
            "planned_total",
            "completed_total",
            "start_date",
            "end_date",
            "in_scope",
        )
        attrs = stacked_table("project-table")
        empty_text = _("没有符合条件的项目。")


class AnnualTargetTable(tables.Table):
    """A park's annual targets; the indicator links to the edit page for those who may edit."""

    year = tables.Column(verbose_name=_("年度"))
    park = tables.Column(verbose_name=_("园区"), accessor="park__name")
    indicator = EditLinkColumn("economy:target_edit", verbose_name=_("指标"), order_by=("indicator__order",))
    value = tables.Column(verbose_name=_("目标值"), attrs=NUM)
    unit = tables.Column(verbose_name=_("单位"), accessor="indicator__unit", orderable=False)
    note = tables.Column(verbose_name=_("说明"))

    class Meta:
        model = AnnualTarget
        fields = ("year", "park", "indicator", "value", "unit", "note")
        attrs = stacked_table("target-table")
        empty_text = _("尚未设定年度目标。")

    def render_value(self, record: AnnualTarget) -> str:
        return target_value_text(record)

    def may_change(self, user: Any) -> bool:
        """The edit page's own rule besides the rows' reach: 经济发展 staff only (``EconomyFormView``)."""
        from .views.base import keeps_economy  # the views import this module

        return keeps_economy(user)

    def render_unit(self, record: AnnualTarget) -> str:
        return target_unit(record.indicator)


def target_unit(indicator: Indicator) -> str:
    """The unit a target is entered and shown in: 万元 for amounts kept in 元."""
    return "万元" if indicator.unit == "元" else indicator.unit


def target_value_text(target: AnnualTarget) -> str:
    if target.indicator.unit == "元":
        return wan_figure(target.value, places=2)
    return f"{target.value:,}"


class IndicatorTable(tables.Table):
    """The indicator catalogue, as its readers see it."""

    name = tables.Column(verbose_name=_("名称"))
    code = tables.Column(verbose_name=_("代码"))
    unit = tables.Column(verbose_name=_("单位"))
    owner_department = tables.Column(verbose_name=_("责任部门"))
    frequency = tables.Column(verbose_name=_("频率"))
    scale_set = tables.Column(verbose_name=_("统计范围"))
    warning_gap = tables.Column(verbose_name=_("预警差距(百分点)"), attrs=NUM)
    alarm_gap = tables.Column(verbose_name=_("告警差距(百分点)"), attrs=NUM)
    is_active = tables.BooleanColumn(verbose_name=_("启用"), yesno="✔,")

    class Meta:
        model = Indicator
        fields = (
            "name",
            "code",
            "unit",
            "owner_department",
            "frequency",
            "scale_set",
            "warning_gap",
            "alarm_gap",
            "is_active",
        )
        attrs = stacked_table("indicator-table")
        empty_text = _("指标目录为空。")


class IndicatorKeepTable(IndicatorTable):
    """The catalogue on its keeper's page: each name opens the indicator's form."""

    name = tables.LinkColumn("economy:indicator_edit", args=[tables.A("code")], verbose_name=_("名称"))

    class Meta(IndicatorTable.Meta):
        # a table's Meta is not inherited: without it the keeper's page drew a bare table (no table-sm, no
        # empty text), which a phone could not turn into cards
        pass


class ScaleDecisionTable(tables.Table):
    """The statistics bureau's decisions recorded for the park."""

    enterprise = tables.Column(
        verbose_name=_("企业"),
        order_by=("enterprise__name",),
        linkify=("enterprises:enterprise_profile", [tables.A("enterprise_id")]),
    )
    scale_set = tables.Column(verbose_name=_("统计范围"))
    direction = tables.Column(verbose_name=_("纳入/退出"))
    reason = tables.Column(verbose_name=_("原因"))
    effective_period = tables.DateColumn(format="Y-m", verbose_name=_("生效月份"))
    decided_on = tables.DateColumn(format="Y-m-d", verbose_name=_("决定日期"))
    document = tables.Column(verbose_name=_("文号"))

    class Meta:
        model = ScaleDecision
        fields = (
            "enterprise",
            "scale_set",
            "direction",
            "reason",
            "effective_period",
            "decided_on",
            "document",
        )
        attrs = stacked_table("decision-table")
        empty_text = _("暂无入规/退规决定。")
