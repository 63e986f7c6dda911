"""Forms of the investment pages: they parse and offer choices; the services decide and write.

Amounts are typed in 万元, as the park's staff keep them and as every list and dashboard shows them, and
stored in 元 (``core.forms.WanYuanField``: each ModelForm's ``formfield_callback`` is ``yuan_as_wan``);
the reserve bands and the annual targets are typed in 亿元, as the park names them (10亿–30亿元)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import BootstrapMixin, ServiceValidatedMixin, WanYuanField, wan_label, yuan_as_wan
from scipark.core.roles import STAFF_ROLES
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from .computations import YI
from .models import (
    COUNTED_INDICATORS,
    PIPELINE,
    ApprovalLevel,
    EquityRound,
    FinancingRecord,
    Fund,
    FundPartner,
    FundsInPlace,
    Listing,
    Loan,
    LoanProduct,
    Origin,
    Project,
    Target,
)
from .services import PROJECT_FIELDS
from .services.funds import FUND_FIELDS
from .workflow import StepAction


class ChoicesMixin(BootstrapMixin):
    """Choices narrowed to the user's reach, and Bootstrap's classes on every widget (``_style``)."""

    fields: dict[str, Any]

    def _choices(self, name: str) -> Any:
        """A choice field, typed loosely so its ``queryset`` can be narrowed to the user's reach."""
        return self.fields[name]


def trackers(park_ids: list[int], *, keep: int | None = None) -> Any:
    """Who may track a project: the active staff and leaders of its park (not enterprise users,
    administrators, zone viewers or another park's staff), and whoever tracks it now."""
    staff = Q(
        is_active=True,
        memberships__is_active=True,
        memberships__role__in=STAFF_ROLES,
        memberships__park_id__in=park_ids,
    )
    return get_user_model().objects.filter(staff | Q(pk=keep) if keep else staff).distinct().order_by("pk")


class ProjectForm(ChoicesMixin, forms.ModelForm):
    """A lead's descriptive fields; a new one also names its park and the day it came in."""

    park = forms.ModelChoiceField(label=_("园区"), queryset=Park.objects.none())
    found_on = forms.DateField(label=_("线索日期"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        formfield_callback = yuan_as_wan
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.INVESTMENT)
            self._choices("park").queryset = parks.order_by("name")
            if parks.count() == 1:
                self.fields["park"].initial = parks.first()
            park_ids = list(parks.values_list("pk", flat=True))
        else:
            del self.fields["park"], self.fields["found_on"]
            self.fields["version"].initial = self.instance.version
            park_ids = [self.instance.park_id]
        self._choices("tracker").queryset = trackers(
            park_ids, keep=getattr(self.instance, "tracker_id", None)
        )
        self.fields["industry"].widget = forms.TextInput(
            attrs={"placeholder": _("GB/T 4754 小类代码,如 2740")}
        )
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS if name in self.cleaned_data}


class StepForm(ChoicesMixin, forms.Form):
    """The data of one stage action; only the fields that action takes are shown."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    happened_on = forms.DateField(label=_("日期"), required=False)
    signed_on = forms.DateField(label=_("签约日期"), required=False)
    amount_signed = WanYuanField(label=wan_label(_("合同投资额(元)")), required=False)
    signing_party = forms.CharField(label=_("签约主体"), required=False, max_length=150)
    event = forms.CharField(label=_("签约活动"), required=False, max_length=60)
    site = forms.CharField(label=_("落地地块/载体"), required=False, max_length=150)
    enterprise = forms.ModelChoiceField(
        label=_("关联已有企业"), queryset=Enterprise.objects.none(), required=False
    )
    new_name = forms.CharField(label=_("或登记新企业:名称"), required=False, max_length=200)
    new_credit_code = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=18)
    reason = forms.CharField(label=_("终止/流失原因"), required=False, max_length=300)
    note = forms.CharField(
        label=_("说明"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(label=_("佐证材料(合同、用地或租赁文件)"), required=False)

    FIELDS: dict[str, tuple[str, ...]] = {
        StepAction.ENGAGE: ("happened_on", "note"),
        StepAction.APPROVE: ("happened_on", "note"),
        StepAction.SIGN: ("signed_on", "amount_signed", "signing_party", "event", "note", "evidence"),
        StepAction.AMEND: ("signed_on", "amount_signed", "signing_party", "note", "evidence"),
        StepAction.LAND: ("happened_on", "site", "note", "evidence"),
        StepAction.START: ("happened_on", "note", "evidence"),
        StepAction.PRODUCE: ("happened_on", "enterprise", "new_name", "new_credit_code", "note", "evidence"),
        StepAction.TERMINATE: ("happened_on", "reason", "note"),
    }

    def __init__(self, *args: Any, action: str, project: Project, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = {"version", *self.FIELDS[action]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["version"].initial = project.version
        if "enterprise" in self.fields:
            self._choices("enterprise").queryset = Enterprise.objects.restrict(
                user, access.Action.VIEW
            ).filter(park_id=project.park_id)
        if "event" in self.fields:
            self.fields["event"].initial = project.source_event
        if "signing_party" in self.fields:
            self.fields["signing_party"].initial = project.investor
        self.action = action
        self._style()

    def service_data(self) -> dict[str, Any]:
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("version", "new_name", "new_credit_code")
        }
        if (
            self.action == StepAction.PRODUCE
            and not data.get("enterprise")
            and self.cleaned_data.get("new_name")
        ):
            data["new_enterprise"] = {
                "name": self.cleaned_data["new_name"],
                "credit_code": self.cleaned_data.get("new_credit_code", ""),
            }
        # The note and the evidence are the step's own arguments, not the action's data.
        data.pop("note", None)
        data.pop("evidence", None)
        return data


class FundsForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FundsInPlace
        fields = ("arrived_on", "amount", "source_class", "kind", "note")
        formfield_callback = yuan_as_wan

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class FinancingForm(ServiceValidatedMixin, ChoicesMixin, forms.ModelForm):
    """A loan, listing or round: an enterprise chooses among its own (its only one comes chosen), staff
    among their park's. ``financing_report`` checks the record (a loan of 0: 贷款金额须大于 0。; a listing
    twice on a board)."""

    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        enterprises = Enterprise.objects.restrict(user, access.Action.ADD, domain=access.Domain.INVESTMENT)
        self._choices("enterprise").queryset = enterprises.order_by("name")
        if not self.instance.pk and len(only := list(enterprises[:2])) == 1:
            self.fields["enterprise"].initial = only[0]
        if "product" in self.fields:
            self._choices("product").queryset = LoanProduct.objects.restrict(user, access.Action.VIEW).filter(
                is_active=True
            )
        if self.instance.pk:
            self.fields["enterprise"].disabled = True
            self.fields["version"].initial = self.instance.version
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("enterprise", "version")}


def financing_form(model: type[FinancingRecord]) -> type[FinancingForm]:
    """The form class for one kind of financing record."""
    fields = {
        Loan: ("enterprise", "product", "bank", "contract_no", "amount", "rate", "granted_on", "term_months"),
        Listing: ("enterprise", "exchange", "board", "listed_on", "code"),
        EquityRound: ("enterprise", "round_name", "amount", "investors", "closed_on"),
    }[model]
    meta = type("Meta", (), {"model": model, "fields": fields, "formfield_callback": yuan_as_wan})
    return type(f"{model.__name__}Form", (FinancingForm,), {"Meta": meta})


class RejectForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("退回原因"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


ORIGIN_CHOICES = Origin.choices


# --- the department's settings ---------------------------------------------------------------------


class ParkForm(ChoicesMixin, forms.Form):
    """A setting of one park: the parks where the user keeps the investment domain."""

    park = forms.ModelChoiceField(label=_("园区"), queryset=Park.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.INVESTMENT).order_by(
            "name"
        )
        self._choices("park").queryset = parks
        if len(parks) == 1:
            self.fields["park"].initial = parks[0]
        self._style()


class ApprovalLevelForm(ParkForm):
    """One level of the approval before a signing; a level at the same order is replaced."""

    order = forms.IntegerField(label=_("顺序"), min_value=1, max_value=20)
    title = forms.CharField(
        label=_("审批环节"), max_length=50, help_text=_("如:招商部初审、分管领导审批、主任审定")
    )
    approver = forms.ChoiceField(label=_("审批人"), choices=ApprovalLevel.Approver.choices)


class StageLimitForm(ParkForm):
    """How many days a project may sit in an open stage; left empty, the limit is removed."""

    stage = forms.ChoiceField(label=_("阶段"), choices=[(s.value, s.label) for s in PIPELINE[:-1]])
    days = forms.IntegerField(label=_("天数"), min_value=1, max_value=3650, required=False)


class ReserveBandForm(ParkForm):
    """A reserve band in 亿元 as the park writes it (stored in 元): lower edge inclusive, upper exclusive."""

    label = forms.CharField(label=_("档位"), max_length=30, help_text=_("如:10亿–30亿元"))
    lower = forms.DecimalField(label=_("下限(亿元,含)"), min_value=0, max_digits=8, decimal_places=4)
    upper = forms.DecimalField(
        label=_("上限(亿元,不含)"), min_value=0, max_digits=8, decimal_places=4, required=False,
        help_text=_("不填表示没有上限"),
    )  # fmt: skip

    def service_data(self) -> dict[str, Any]:
        upper = self.cleaned_data.get("upper")
        return {
            "label": self.cleaned_data["label"],
            "lower": self.cleaned_data["lower"] * YI,
            "upper": None if upper is None else upper * YI,
        }


class TargetForm(ParkForm):
    """An annual target: amounts in 亿元 (stored in 元), counts in projects; a fair's target names it."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    indicator = forms.ChoiceField(label=_("指标"), choices=Target.Indicator.choices)
    event = forms.CharField(
        label=_("展会/会议"), max_length=60, required=False, help_text=_("展会签约额目标必填,如:青洽会")
    )
    value = forms.DecimalField(
        label=_("目标值"), min_value=0, max_digits=14, decimal_places=4,
        help_text=_("金额类指标填亿元,项目数填个数"),
    )  # fmt: skip

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data["indicator"] not in COUNTED_INDICATORS:
            data["value"] = data["value"] * YI
        return {k: data[k] for k in ("park", "year", "indicator", "event", "value")}


class InParkForm(ChoicesMixin, forms.ModelForm):
    """A record of one park: a new one names its park (where the user keeps the domain), a stored one
    carries the version the user read. The service checks names once per park (it knows the park)."""

    park = forms.ModelChoiceField(label=_("园区"), queryset=Park.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    service_fields: ClassVar[tuple[str, ...]]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["park"]
            self.fields["version"].initial = self.instance.version
        else:
            parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.INVESTMENT)
            self._choices("park").queryset = parks.order_by("name")
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in self.service_fields if k in self.cleaned_data}

    def validate_unique(self) -> None:
        """Left to the service (see the class)."""


class LoanProductForm(InParkForm):
    service_fields = ("name", "description", "is_active")

    class Meta:
        model = LoanProduct
        fields = ("name", "description", "is_active")


class FundForm(ServiceValidatedMixin, InParkForm):
    service_fields = FUND_FIELDS

    class Meta:
        model = Fund
        fields = FUND_FIELDS
        formfield_callback = yuan_as_wan
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FundPartnerForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FundPartner
        fields = ("name", "commitment", "share", "is_guidance_fund")
        formfield_callback = yuan_as_wan

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def validate_unique(self) -> None:
        """The service checks a partner once per fund (the form does not know the fund)."""


class FundInvestmentForm(ChoicesMixin, forms.Form):
    """The fund's money put into a project of its park or an enterprise of its park."""

    project = forms.ModelChoiceField(label=_("项目"), queryset=Project.objects.none(), required=False)
    enterprise = forms.ModelChoiceField(label=_("或企业"), queryset=Enterprise.objects.none(), required=False)
    amount = WanYuanField(label=wan_label(_("投资金额(元)")))
    invested_on = forms.DateField(label=_("投资日期"))
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def __init__(self, *args: Any, fund: Fund, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("project").queryset = Project.objects.restrict(user, access.Action.VIEW).filter(
            park_id=fund.park_id
        )
        self._choices("enterprise").queryset = Enterprise.objects.restrict(user, access.Action.VIEW).filter(
            park_id=fund.park_id
        )
        self._style()
