"""The investment lists' columns (django-tables2); amounts are shown in 亿元 / 万元 as the park writes them."""

from __future__ import annotations

from decimal import Decimal

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.tables import FIGURE, ActionsColumn, WanColumn, stacked_table

from .computations import in_yi, leverage
from .models import EquityRound, Fund, Listing, Loan, Project


class YiColumn(tables.Column):
    def render(self, value: Decimal) -> str:
        return f"{in_yi(value):,}"


class ProjectTable(tables.Table):
    name = tables.LinkColumn("investment:project_detail", args=[tables.A("pk")], verbose_name=_("项目名称"))
    investor = tables.Column(verbose_name=_("投资方"))
    origin = tables.Column(verbose_name=pgettext_lazy("investor origin", "来源"))
    planned_investment = YiColumn(verbose_name=_("计划总投资(亿元)"), attrs=FIGURE)
    channel = tables.Column(verbose_name=_("招商方式"))
    stage = tables.Column(verbose_name=_("阶段"))
    stage_since = tables.Column(verbose_name=_("进入本阶段"))
    tracker = tables.Column(verbose_name=_("跟踪人"), accessor="tracker__full_name", default="—")
    enterprise = tables.Column(
        verbose_name=_("投产企业"),
        accessor="enterprise__name",
        default="—",
        linkify=("enterprises:enterprise_profile", [tables.A("enterprise_id")]),
    )

    class Meta:
        model = Project
        fields = (
            "name",
            "investor",
            "origin",
            "planned_investment",
            "channel",
            "stage",
            "stage_since",
            "tracker",
            "enterprise",
        )
        attrs = stacked_table("project-table")
        empty_text = _("没有符合条件的项目。")


class FinancingTable(tables.Table):
    enterprise = tables.Column(
        verbose_name=_("企业"),
        accessor="enterprise__name",
        linkify=("enterprises:enterprise_profile", [tables.A("enterprise_id")]),
    )
    status = tables.Column(verbose_name=_("确认状态"))
    actions = ActionsColumn(template_name="investment/_financing_actions.html")


class LoanTable(FinancingTable):
    product = tables.Column(verbose_name=_("产品"), accessor="product__name")
    bank = tables.Column(verbose_name=_("银行"))
    amount = WanColumn(verbose_name=_("金额(万元)"), attrs=FIGURE)
    granted_on = tables.Column(verbose_name=_("放款日期"))

    class Meta:
        model = Loan
        fields = ("enterprise", "product", "bank", "amount", "granted_on", "status", "actions")
        attrs = stacked_table("loan-table")
        empty_text = _("没有贷款记录。")


class ListingTable(FinancingTable):
    class Meta:
        model = Listing
        fields = ("enterprise", "exchange", "board", "listed_on", "code", "status", "actions")
        attrs = stacked_table("listing-table")
        empty_text = _("没有挂牌上市记录。")


class EquityRoundTable(FinancingTable):
    amount = WanColumn(verbose_name=_("金额(万元)"), attrs=FIGURE)

    class Meta:
        model = EquityRound
        fields = ("enterprise", "round_name", "amount", "investors", "closed_on", "status", "actions")
        attrs = stacked_table("round-table")
        empty_text = _("没有股权融资记录。")


def fund_leverage_of(fund: Fund) -> Decimal | None:
    """A listed fund's leverage from its annotations (``selectors.with_leverage``)."""
    return leverage(fund.project_investment, fund.fund_money)  # type: ignore[attr-defined]


class LeverageColumn(tables.Column):
    def render(self, record: Fund) -> str:
        value = fund_leverage_of(record)
        return "—" if value is None else f"{value.quantize(Decimal('0.1')):,}"


class FundTable(tables.Table):
    name = tables.LinkColumn("investment:fund_detail", args=[tables.A("pk")], verbose_name=_("基金名称"))
    kind = tables.Column(verbose_name=_("类型"))
    manager = tables.Column(verbose_name=_("管理人(GP)"))
    size = YiColumn(verbose_name=_("基金规模(亿元)"), attrs=FIGURE)
    set_up_on = tables.Column(verbose_name=_("设立日期"))
    status = tables.Column(verbose_name=_("状态"))
    project_count = tables.Column(verbose_name=_("带动项目"), attrs=FIGURE)
    leverage = LeverageColumn(verbose_name=_("杠杆倍数"), accessor="pk", orderable=False, attrs=FIGURE)

    class Meta:
        model = Fund
        fields = ("name", "kind", "manager", "size", "set_up_on", "status", "project_count", "leverage")
        attrs = stacked_table("fund-table")
        empty_text = _("没有基金记录。")
