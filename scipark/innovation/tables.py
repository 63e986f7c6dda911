"""The innovation lists' columns (django-tables2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from scipark.core.forms import wan_label
from scipark.core.tables import WanColumn, labelled, stacked_table

from .models import Evaluation, Incubator, RuleVersion, TechArchive
from .models.rules import unmet
from .wording import tier_text

STATE_CSS = {
    "draft": "text-bg-light",
    "submitted": "text-bg-warning",
    "accepted": "text-bg-success",
    "returned": "text-bg-danger",
}
#: Column attributes of the lists below: each keeps the label its cell shows on a phone card (``labelled``).
NUMBER = labelled({"td": {"class": "text-end"}, "th": {"class": "text-end"}})
#: A name column keeps a readable width (scipark.css .sp-name-col): at 390 px the archive list broke the
#: enterprise's name two characters a line.
NAME = labelled({"td": {"class": "sp-name-col"}, "th": {"class": "sp-name-col"}})
#: A date (or a short label) on one line: the rule list at 1440 px broke 2016-01-01 after its month, the
#: long source column taking the width.
NOWRAP = labelled({"td": {"class": "text-nowrap"}})


def grouped(value: Any) -> str:
    """An amount or count with thousands separators (the Chinese locale groups none: 140010000.00 read as
    one unbroken number in the list while the archive's own page wrote 140,010,000.00)."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return f"{value:,}"


class ArchiveTable(tables.Table):
    enterprise = tables.LinkColumn(
        "enterprises:enterprise_profile",
        args=[tables.A("enterprise_id")],
        accessor="enterprise__name",
        verbose_name=_("企业"),
        attrs=NAME,
    )
    year = tables.Column(verbose_name=_("年度"), linkify=("innovation:archive_detail", [tables.A("pk")]))
    state = tables.Column(verbose_name=_("状态"))
    # in 万元, as the archive's form takes them (研发费用(万元), R&D expense (10,000 yuan))
    rd_expense = WanColumn(verbose_name=wan_label(_("研发费用(元)")), attrs=NUMBER)
    sales = WanColumn(verbose_name=wan_label(_("销售收入(元)")), attrs=NUMBER)
    employees = tables.Column(verbose_name=_("职工总数"), attrs=NUMBER)
    tech_staff = tables.Column(verbose_name=_("科技人员数"), attrs=NUMBER)
    submitted_at = tables.DateTimeColumn(verbose_name=_("提交时间"), format="Y-m-d H:i", attrs=NOWRAP)

    class Meta:
        model = TechArchive
        fields = (
            "enterprise",
            "year",
            "state",
            "rd_expense",
            "sales",
            "employees",
            "tech_staff",
            "submitted_at",
        )
        attrs = stacked_table("archive-table")
        empty_text = _("没有符合条件的科技档案。")

    def render_employees(self, value: Any) -> str:
        return grouped(value)

    def render_tech_staff(self, value: Any) -> str:
        return grouped(value)

    def render_state(self, record: TechArchive) -> Any:
        return format_html(
            '<span class="badge {}">{}</span>', STATE_CSS.get(record.state, ""), record.get_state_display()
        )


class IncubatorTable(tables.Table):
    name = tables.LinkColumn(
        "innovation:incubator_detail", args=[tables.A("pk")], verbose_name=_("名称"), attrs=NAME
    )
    kind = tables.Column(verbose_name=_("类型"))
    level = tables.Column(verbose_name=_("级别"))
    operator = tables.Column(verbose_name=_("运营单位"), accessor="operator__name")
    area_m2 = tables.Column(verbose_name=_("孵化场地面积(m²)"), attrs=NUMBER)
    current = tables.Column(verbose_name=_("在孵企业"), attrs=NUMBER, orderable=False, empty_values=())

    class Meta:
        model = Incubator
        fields = ("name", "kind", "level", "operator", "area_m2", "current")
        attrs = stacked_table("incubator-table")
        empty_text = _("没有孵化载体。")

    def render_area_m2(self, value: Any) -> str:
        return grouped(value)

    def render_current(self, record: Any) -> int:
        return int(getattr(record, "current", 0) or 0)


class RuleTable(tables.Table):
    tier = tables.Column(verbose_name=_("梯次"), attrs=NOWRAP)
    name = tables.Column(verbose_name=_("版本名称"), attrs=NOWRAP)
    source = tables.Column(verbose_name=_("依据文件"))
    valid_from = tables.DateColumn(verbose_name=_("生效日期"), format="Y-m-d", attrs=NOWRAP)
    valid_to = tables.DateColumn(verbose_name=_("失效日期"), format="Y-m-d", attrs=NOWRAP)
    confirmed = tables.BooleanColumn(verbose_name=_("已核对公开文本"))

    class Meta:
        model = RuleVersion
        fields = ("tier", "name", "source", "valid_from", "valid_to", "confirmed")
        attrs = stacked_table("rule-table")
        empty_text = _("尚未录入培育规则。")

    # The seeded versions' names and source documents in the UI language (a park's own reads as typed).
    def render_name(self, value: str) -> str:
        return tier_text(value)

    def render_source(self, value: str) -> str:
        return tier_text(value)


#: A result's badge colour: qualifies, open (an expert-scored part decides), not yet.
RESULT_CSS = {True: "text-bg-success", None: "text-bg-warning", False: "text-bg-light"}


def result_label(qualifies: bool | None) -> str:
    """符合条件 / 待专家评分 / 尚不符合, in the UI language."""
    if qualifies is None:
        return str(_("待专家评分"))
    return str(_("符合条件") if qualifies else _("尚不符合"))


def gap_summary(evaluation: Evaluation) -> str:
    """The first unmet condition in the UI language, and how many more (“… 等 3 项”); ``""`` when none."""
    gaps = unmet(evaluation.gaps)
    if not gaps:
        return ""
    first = tier_text(str(gaps[0].get("message", "")))
    if len(gaps) == 1:
        return first
    return str(_("%(first)s 等 %(count)s 项")) % {"first": first, "count": len(gaps)}


class EvaluationTable(tables.Table):
    """梯度培育测评: each current evaluation, linking to the enterprise's innovation page."""

    enterprise = tables.LinkColumn(
        "innovation:enterprise_profile",
        args=[tables.A("enterprise_id")],
        accessor="enterprise__name",
        verbose_name=_("企业"),
        attrs=NAME,
    )
    tier = tables.Column(verbose_name=_("梯次"), attrs=NOWRAP)
    qualifies = tables.Column(verbose_name=_("测评结果"), attrs=NOWRAP, empty_values=())
    # Sorted by the gaps, rows of equal gaps follow their id (the index's order, models.rules): without a
    # tie-breaker a row could show on two pages or on none.
    gap_count = tables.Column(
        verbose_name=_("差距"), attrs=labelled({"td": {"class": "sp-gap-col"}}), order_by=("gap_count", "id")
    )
    year = tables.Column(verbose_name=_("档案年度"), attrs=NOWRAP)
    evaluated_at = tables.DateTimeColumn(verbose_name=_("测评时间"), format="Y-m-d H:i", attrs=NOWRAP)

    class Meta:
        model = Evaluation
        fields = ("enterprise", "tier", "qualifies", "gap_count", "year", "evaluated_at")
        # on a phone each evaluation is a card of label and value lines (six columns do not fit 390 px)
        attrs = stacked_table("evaluation-table")
        empty_text = _("没有符合条件的测评结果。")

    def render_qualifies(self, record: Evaluation) -> Any:
        badge = format_html(
            '<span class="badge {}" data-testid="result">{}</span>',
            RESULT_CSS[record.qualifies],
            result_label(record.qualifies),
        )
        if getattr(record, "held", False):
            # one element: a card on a phone gives a cell's value one line of its grid
            return format_html(
                '<span>{} <span class="badge text-bg-primary" data-testid="held">{}</span></span>',
                badge,
                _("已认定"),
            )
        return badge

    def render_gap_count(self, record: Evaluation) -> Any:
        text = gap_summary(record)
        if not text:
            return "—"
        return format_html('<span class="small" data-testid="gap">{}</span>', text)
