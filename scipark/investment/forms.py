"""Forms of the investment pages: they parse and offer choices; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import BootstrapMixin
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from .models import EquityRound, FinancingRecord, FundsInPlace, Listing, Loan, LoanProduct, Origin, Project
from .services import PROJECT_FIELDS
from .workflow import StepAction

DATE = forms.DateInput(attrs={"type": "date"})


class ChoicesMixin(BootstrapMixin):
    """Choices narrowed to the user's reach, and Bootstrap's classes on every widget (``_style``)."""

    fields: dict[str, Any]

    def _choices(self, name: str) -> Any:
        """A choice field, typed loosely so its ``queryset`` can be narrowed to the user's reach."""
        return self.fields[name]


class ProjectForm(ChoicesMixin, forms.ModelForm):
    """A lead's descriptive fields; a new one also names its park and the day it came in."""

    park = forms.ModelChoiceField(label=_("园区"), queryset=Park.objects.none())
    found_on = forms.DateField(label=_("线索日期"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.INVESTMENT)
            self._choices("park").queryset = parks.order_by("name")
            if parks.count() == 1:
                self.fields["park"].initial = parks.first()
        else:
            del self.fields["park"], self.fields["found_on"]
            self.fields["version"].initial = self.instance.version
        self.fields["industry"].widget = forms.TextInput(
            attrs={"placeholder": _("GB/T 4754 小类代码,如 2740")}
        )
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS if name in self.cleaned_data}


class StepForm(ChoicesMixin, forms.Form):
    """The data of one stage action; only the fields that action takes are shown."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    happened_on = forms.DateField(label=_("日期"), widget=DATE, required=False)
    signed_on = forms.DateField(label=_("签约日期"), widget=DATE, required=False)
    amount_signed = forms.DecimalField(
        label=_("合同投资额(元)"), required=False, max_digits=16, decimal_places=2
    )
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


class FundsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FundsInPlace
        fields = ("arrived_on", "amount", "source_class", "kind", "note")
        widgets = {"arrived_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class FinancingForm(ChoicesMixin, forms.ModelForm):
    """A loan, listing or round: an enterprise chooses among its own, staff among their park's."""

    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("enterprise").queryset = Enterprise.objects.restrict(
            user, access.Action.ADD, domain=access.Domain.INVESTMENT
        ).order_by("name")
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
        Loan: ("enterprise", "product", "bank", "amount", "rate", "granted_on", "term_months"),
        Listing: ("enterprise", "exchange", "board", "listed_on", "code"),
        EquityRound: ("enterprise", "round_name", "amount", "investors", "closed_on"),
    }[model]
    dates = dict.fromkeys(("granted_on", "listed_on", "closed_on"), DATE)
    meta = type("Meta", (), {"model": model, "fields": fields, "widgets": dates})
    return type(f"{model.__name__}Form", (FinancingForm,), {"Meta": meta})


class RejectForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("退回原因"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


ORIGIN_CHOICES = Origin.choices
