"""The department's settings as pages: the approval levels before a signing, the days a project may sit in
each stage, the reserve bands, the annual targets, the loan products, and the funds (with their partners
and investments). Every save is one service call (``services.settings``, ``money``, ``financing``,
``funds``); the pages are for the park's investment staff."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ScopedViewMixin, ServiceFormView
from scipark.parks.models import Park

from .. import selectors, services
from ..forms import (
    ApprovalLevelForm,
    FundForm,
    FundInvestmentForm,
    FundPartnerForm,
    LoanProductForm,
    ReserveBandForm,
    StageLimitForm,
    TargetForm,
)
from ..models import ApprovalLevel, Fund, LoanProduct, StageLimit, Target
from .common import PipelineMixin


class SettingsView(PipelineMixin, ScopedViewMixin, TemplateView):
    """招商设置: per park within reach, what the department has set, with the links to change it."""

    domain = access.Domain.INVESTMENT
    template_name = "investment/settings.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        year = timezone.localdate().year
        parks = Park.objects.restrict(user, access.Action.VIEW, domain=access.Domain.INVESTMENT).order_by(
            "name"
        )
        editable = set(
            Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.INVESTMENT).values_list(
                "pk", flat=True
            )
        )
        sections = [
            {
                "park": park,
                "editable": park.pk in editable,
                "levels": ApprovalLevel.objects.filter(park=park).order_by("order"),
                "limits": StageLimit.objects.filter(park=park).order_by("stage"),
                "bands": selectors.bands_of(park),
                "targets": Target.objects.filter(park=park, year__gte=year - 1).order_by(
                    "-year", "indicator"
                ),
                "products": LoanProduct.objects.filter(park=park).order_by("name"),
            }
            for park in parks
        ]
        return super().get_context_data(title=_("招商设置"), sections=sections, year=year, **kwargs)


class SettingFormView(PipelineMixin, ServiceFormView):
    """A setting of one park: the department's (ADD on the domain in that park, checked by the service)."""

    domain = access.Domain.INVESTMENT
    action = access.Action.ADD
    form: ClassVar[type[Any]]

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form(data, user=self.request.user, initial=self.request.GET.dict() or None)

    def get_cancel_url(self) -> str:
        return reverse("investment:settings")

    def get_success_url(self) -> str:
        return self.get_cancel_url()


class ApprovalLevelSetView(SettingFormView):
    title = gettext_lazy("设置签约审批环节")
    form = ApprovalLevelForm

    def save(self, request: HttpRequest, form: Any) -> str:
        level = services.approval_level_save(user=request.user, **form.cleaned_data)
        return _("已设置审批环节:%(order)s. %(title)s。") % {"order": level.order, "title": level.title}


class StageLimitSetView(SettingFormView):
    title = gettext_lazy("设置阶段停留时限")
    form = StageLimitForm

    def save(self, request: HttpRequest, form: Any) -> str:
        limit = services.stage_limit_save(user=request.user, **form.cleaned_data)
        return _("已设置:%s。") % limit if limit is not None else _("已取消该阶段的停留时限。")


class ReserveBandSetView(SettingFormView):
    title = gettext_lazy("设置储备项目档位")
    form = ReserveBandForm

    def save(self, request: HttpRequest, form: Any) -> str:
        band = services.reserve_band_save(
            user=request.user, park=form.cleaned_data["park"], **form.service_data()
        )
        return _("已设置档位「%s」。") % band.label


class TargetSetView(SettingFormView):
    title = gettext_lazy("设置年度目标")
    form = TargetForm

    def save(self, request: HttpRequest, form: Any) -> str:
        target = services.target_save(user=request.user, **form.service_data())
        return _("已设置目标:%s。") % target


class LoanProductAddView(SettingFormView):
    title = gettext_lazy("新增贷款产品")
    form = LoanProductForm

    def save(self, request: HttpRequest, form: Any) -> str:
        product = services.loan_product_save(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        return _("已新增贷款产品「%s」。") % product.name


class LoanProductEditView(SettingFormView):
    action = access.Action.CHANGE
    object_model = LoanProduct
    title = gettext_lazy("编辑贷款产品")

    def get_form(self, data: Any = None, files: Any = None) -> LoanProductForm:
        return LoanProductForm(data, instance=self.object, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.loan_product_save(
            user=request.user,
            product=self.object,
            version=form.cleaned_data["version"],
            data=form.service_data(),
        )
        return _("已保存。")


class FundAddView(SettingFormView):
    title = gettext_lazy("新增投资基金")
    form = FundForm

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.fund_save(
            user=request.user, park=form.cleaned_data["park"], data=form.service_data()
        )
        return _("已新增基金「%s」。") % self.saved.name

    def get_success_url(self) -> str:
        return str(self.saved.get_absolute_url())

    def get_cancel_url(self) -> str:
        return reverse("investment:fund_list")


class FundPageView(PipelineMixin, ServiceFormView):
    """A form about one fund: the department changes it (CHANGE on the fund's park)."""

    domain = access.Domain.INVESTMENT
    action = access.Action.CHANGE
    object_model = Fund

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())

    def get_success_url(self) -> str:
        return self.get_cancel_url()


class FundEditView(FundPageView):
    title = gettext_lazy("编辑投资基金")

    def get_form(self, data: Any = None, files: Any = None) -> FundForm:
        return FundForm(data, instance=self.object, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.fund_save(
            user=request.user,
            fund=self.object,
            version=form.cleaned_data["version"],
            data=form.service_data(),
        )
        return _("已保存。")


class FundPartnerAddView(FundPageView):
    title = gettext_lazy("新增基金合伙人")
    form_class = FundPartnerForm

    def save(self, request: HttpRequest, form: Any) -> str:
        partner = services.fund_partner_add(user=request.user, fund=self.object, data=form.cleaned_data)
        return _("已新增合伙人「%s」。") % partner.name


class FundInvestmentAddView(FundPageView):
    title = gettext_lazy("登记基金投资")

    def get_form(self, data: Any = None, files: Any = None) -> FundInvestmentForm:
        return FundInvestmentForm(data, fund=self.object, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        investment = services.fund_investment_add(user=request.user, fund=self.object, data=form.cleaned_data)
        return _("已登记基金投资 %s 元。") % f"{investment.amount:,.2f}"
