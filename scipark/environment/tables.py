"""The environment lists' columns (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scipark.core.tables import ACTIONS, FIGURE, labelled, stacked_table

from . import selectors
from .models import Boiler, Campaign, Certification, Finding


def profile_link(record: Any) -> str | None:
    """The record's enterprise's profile (企业画像); no link for a finding without an enterprise."""
    return (
        reverse("enterprises:enterprise_profile", args=[record.enterprise_id])
        if record.enterprise_id
        else None
    )


STATE_CSS = {
    "registered": "text-bg-secondary",
    "rectifying": "text-bg-warning",
    "review": "text-bg-info",
    "rectified": "text-bg-primary",
    "closed": "text-bg-success",
}


class FindingTable(tables.Table):
    number = tables.LinkColumn("environment:finding_detail", args=[tables.A("pk")], verbose_name=_("编号"))
    title = tables.Column(verbose_name=_("问题"))
    source = tables.Column(verbose_name=_("来源"), accessor="round_label", order_by=("source", "round_no"))
    kind = tables.Column(verbose_name=_("类别"))
    enterprise = tables.Column(
        verbose_name=_("责任企业"), accessor="enterprise__name", default="—", linkify=profile_link
    )
    deadline = tables.Column(verbose_name=_("整改期限"))
    state = tables.Column(verbose_name=_("状态"))

    class Meta:
        model = Finding
        fields = ("number", "title", "source", "kind", "enterprise", "deadline", "state")
        attrs = stacked_table("finding-table")
        empty_text = _("没有符合条件的事项。")

    def render_deadline(self, record: Finding) -> Any:
        overdue = record.is_open and record.deadline < timezone.localdate()
        return format_html(
            '<span class="{}">{}{}</span>', "text-danger fw-semibold" if overdue else "", record.deadline,
            " " + gettext("(逾期)") if overdue else "",
        )  # fmt: skip

    def render_state(self, record: Finding) -> Any:
        return format_html(
            '<span class="badge {}">{}</span>',
            STATE_CSS.get(record.state, "text-bg-light"),
            record.get_state_display(),
        )


def edit_column(url_name: str) -> tables.LinkColumn:
    """A 修改 link for the department (the list leaves it out for readers)."""
    return tables.LinkColumn(
        url_name,
        args=[tables.A("pk")],
        text=_("修改"),
        orderable=False,
        verbose_name="",
        exclude_from_export=True,
        attrs=ACTIONS,
    )


class BoilerTable(tables.Table):
    enterprise = tables.Column(verbose_name=_("企业"), accessor="enterprise__name", linkify=profile_link)
    name = tables.LinkColumn("environment:boiler_detail", args=[tables.A("pk")], verbose_name=_("锅炉编号"))
    capacity_tph = tables.Column(verbose_name=_("蒸吨/小时"), attrs=FIGURE)
    nox_before = tables.Column(verbose_name=_("改造前NOx"), attrs=FIGURE)
    nox_after = tables.Column(verbose_name=_("改造后NOx"), attrs=FIGURE, default="—")
    retrofit_completed_on = tables.Column(verbose_name=_("改造完成"), default="—")
    edit = edit_column("environment:boiler_edit")

    class Meta:
        model = Boiler
        fields = (
            "enterprise",
            "name",
            "capacity_tph",
            "nox_before",
            "nox_after",
            "retrofit_completed_on",
            "edit",
        )
        attrs = stacked_table("boiler-table")
        empty_text = _("没有锅炉记录。")


class CertificationTable(tables.Table):
    enterprise = tables.Column(verbose_name=_("企业"), accessor="enterprise__name", linkify=profile_link)
    kind = tables.Column(verbose_name=_("类型"))
    level = tables.Column(verbose_name=_("级别"))
    standard = tables.Column(verbose_name=_("评价标准"))
    issuer = tables.Column(verbose_name=_("认定机构"))
    granted_on = tables.Column(verbose_name=_("认定日期"))
    valid_until = tables.Column(verbose_name=_("有效期至"), default="—")
    distinction = tables.Column(verbose_name=_("特别说明"))
    edit = edit_column("environment:certification_edit")

    class Meta:
        model = Certification
        fields = (
            "enterprise",
            "kind",
            "level",
            "standard",
            "issuer",
            "granted_on",
            "valid_until",
            "distinction",
            "edit",
        )
        attrs = stacked_table("certification-table")
        empty_text = _("没有认证记录。")


def _number(**kwargs: Any) -> tables.Column:
    """A computed number, right-aligned; the database cannot sort it."""
    end = {"class": "text-end"}
    return tables.Column(empty_values=(), orderable=False, attrs=labelled({"th": end, "td": end}), **kwargs)


class CampaignTable(tables.Table):
    """Campaigns with their coverage, computed for the page's rows from prefetched targets, rounds and
    results (``selectors.with_coverage``)."""

    title = tables.LinkColumn("environment:campaign_detail", args=[tables.A("pk")], verbose_name=_("名称"))
    kind = tables.Column(verbose_name=_("类型"))
    year = tables.Column(verbose_name=_("年度"))
    planned = _number(verbose_name=_("应完成"))
    done = _number(verbose_name=_("已完成"))
    rate = _number(verbose_name=_("覆盖率"))

    class Meta:
        model = Campaign
        fields = ("title", "kind", "year", "planned", "done", "rate")
        attrs = stacked_table("campaign-table")
        empty_text = _("暂无全覆盖行动。")

    def render_planned(self, record: Campaign) -> int:
        return selectors.campaign_coverage(record).planned

    def render_done(self, record: Campaign) -> int:
        return selectors.campaign_coverage(record).done

    def render_rate(self, record: Campaign) -> str:
        return percent(selectors.campaign_coverage(record).rate)


def percent(rate: Any) -> str:
    """A 0..1 share as a whole percentage; ``None`` (nothing planned) as a dash."""
    return "—" if rate is None else f"{rate * 100:.0f}%"
