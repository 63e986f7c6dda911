"""Financing pages: loans, listings and rounds (an enterprise sees and reports its own), confirmation and
sending back by the investment department; the funds list and a fund's page."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.roles import Role
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    ServiceActionView,
    ServiceFormView,
    object_or_404,
)

from .. import selectors, services
from ..filters import FinancingFilterSet, FundFilterSet
from ..forms import RejectForm, financing_form
from ..models import EquityRound, FinancingRecord, Fund, Listing, Loan
from ..services.common import keeps_investment
from ..tables import EquityRoundTable, FundTable, ListingTable, LoanTable, fund_leverage_of
from .common import PipelineMixin

NAMES = {Loan: "loan", Listing: "listing", EquityRound: "round"}


class FinancingListView(ObjectListView):
    domain = access.Domain.INVESTMENT
    filterset_class = FinancingFilterSet
    record: ClassVar[type[FinancingRecord]]

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.financing_list(self.record, user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        staff = any(
            g.role != Role.ENTERPRISE_USER and access.Action.CHANGE in g.actions(access.Domain.INVESTMENT)
            for g in access.scope_for(self.request.user).grants
        )
        return super().get_context_data(kind=NAMES[self.record], staff_can_confirm=staff, **kwargs)


class LoanListView(FinancingListView):
    model = record = Loan
    table_class = LoanTable
    title = gettext_lazy("企业贷款")
    export_filename = "loans"
    add_url_name = "investment:loan_add"
    import_url_name = "investment:loan_import"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("产品"), "product.name"),
        (gettext_lazy("银行"), "bank"),
        (gettext_lazy("金额(元)"), "amount"),
        (gettext_lazy("年利率(%)"), "rate"),
        (gettext_lazy("放款日期"), "granted_on"),
        (gettext_lazy("期限(月)"), "term_months"),
        (gettext_lazy("确认状态"), "status"),
    )


class ListingListView(FinancingListView):
    model = record = Listing
    table_class = ListingTable
    title = gettext_lazy("挂牌上市")
    export_filename = "listings"
    add_url_name = "investment:listing_add"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("交易场所"), "exchange"),
        (gettext_lazy("板块"), "board"),
        (gettext_lazy("挂牌日期"), "listed_on"),
        (gettext_lazy("确认状态"), "status"),
    )


class RoundListView(FinancingListView):
    model = record = EquityRound
    table_class = EquityRoundTable
    title = gettext_lazy("股权融资")
    export_filename = "equity-rounds"
    add_url_name = "investment:round_add"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("轮次"), "round_name"),
        (gettext_lazy("金额(元)"), "amount"),
        (gettext_lazy("投资方"), "investors"),
        (gettext_lazy("完成日期"), "closed_on"),
        (gettext_lazy("确认状态"), "status"),
    )


class FinancingReportView(ServiceFormView):
    """Report (an enterprise) or record (staff) a financing record."""

    domain = access.Domain.INVESTMENT
    action = access.Action.ADD
    record: ClassVar[type[FinancingRecord]]

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return financing_form(self.record)(data, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.financing_report(
            user=request.user,
            model=self.record,
            enterprise=form.cleaned_data["enterprise"],
            data=form.service_data(),
        )
        return _("已提交,待招商部门确认。") if self.saved.status == "reported" else _("已登记。")

    def get_cancel_url(self) -> str:
        return reverse(f"investment:{NAMES[self.record]}_list")

    def get_success_url(self) -> str:
        return self.get_cancel_url()


class LoanReportView(FinancingReportView):
    record = Loan
    title = gettext_lazy("填报贷款")


class ListingReportView(FinancingReportView):
    record = Listing
    title = gettext_lazy("填报挂牌上市")


class RoundReportView(FinancingReportView):
    record = EquityRound
    title = gettext_lazy("填报股权融资")


class FinancingConfirmView(ServiceActionView):
    """The department confirms a reported record."""

    domain = access.Domain.INVESTMENT
    action = access.Action.CHANGE
    record: ClassVar[type[FinancingRecord]]

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.financing_confirm(
            user=request.user, model=self.record, record=obj, version=self.posted_version(request)
        )
        return _("已确认:%s。") % obj

    def get_success_url(self, obj: Any) -> str:
        return reverse(f"investment:{NAMES[self.record]}_list")


class LoanConfirmView(FinancingConfirmView):
    object_model = record = Loan


class ListingConfirmView(FinancingConfirmView):
    object_model = record = Listing


class RoundConfirmView(FinancingConfirmView):
    object_model = record = EquityRound


class FinancingRejectView(ServiceFormView):
    """The department sends a record back with the reason."""

    domain = access.Domain.INVESTMENT
    action = access.Action.CHANGE
    form_class = RejectForm
    title = gettext_lazy("退回融资记录")
    record: ClassVar[type[FinancingRecord]]

    def get_form(self, data: Any = None, files: Any = None) -> RejectForm:
        if not keeps_investment(self.request.user, self.object.enterprise.park_id):
            raise PermissionDenied(_("只有园区招商部门可以退回融资记录。"))
        return RejectForm(data, initial={"version": self.object.version})

    def save(self, request: HttpRequest, form: Any) -> str:
        services.financing_reject(
            user=request.user,
            model=self.record,
            record=self.object,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
        return _("已退回。")

    def get_cancel_url(self) -> str:
        return reverse(f"investment:{NAMES[self.record]}_list")

    def get_success_url(self) -> str:
        return self.get_cancel_url()


class LoanRejectView(FinancingRejectView):
    object_model = record = Loan


class ListingRejectView(FinancingRejectView):
    object_model = record = Listing


class RoundRejectView(FinancingRejectView):
    object_model = record = EquityRound


class FundListView(PipelineMixin, ObjectListView):
    """投资基金: paginated and filtered like every list, each fund's leverage read in the same query."""

    model = Fund
    domain = access.Domain.INVESTMENT
    table_class = FundTable
    filterset_class = FundFilterSet
    title = gettext_lazy("投资基金")
    export_filename = "investment-funds"
    add_url_name = "investment:fund_add"
    export_columns = (
        (gettext_lazy("基金名称"), "name"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("管理人(GP)"), "manager"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("基金规模(元)"), "size"),
        (gettext_lazy("设立日期"), "set_up_on"),
        (gettext_lazy("状态"), "status"),
        (gettext_lazy("带动项目"), "project_count"),
        (gettext_lazy("项目投资(元)"), "project_investment"),
        (gettext_lazy("基金投入(元)"), "fund_money"),
        (gettext_lazy("杠杆倍数"), "leverage"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.fund_list(user=self.request.user)

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "leverage":
            return fund_leverage_of(obj)
        return super().export_value(obj, accessor)


class FundDetailView(PipelineMixin, ScopedViewMixin, TemplateView):
    domain = access.Domain.INVESTMENT
    object_model = Fund
    template_name = "investment/fund_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        fund = object_or_404(self.request, Fund, kwargs["pk"])
        return super().get_context_data(
            title=fund.name,
            fund=fund,
            lev=selectors.fund_leverage(fund),
            can_change=access.can_reach(self.request.user, fund, access.Action.CHANGE),
            partners=fund.partners.all(),
            investments=fund.investments.select_related("project", "enterprise"),
            **kwargs,
        )
