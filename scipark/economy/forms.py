"""Forms of the economy pages: they parse input (万元 as typed → 元 as stored) and hand it to the services.

No business rules here: the ±50 % / negative-value rule, the period rules and the rights are the
services' (``services.return_submit`` …); their errors come back onto these forms' fields.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import BootstrapMixin
from scipark.core.money import FEN, from_wan, wan_text
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from .checks import CHECKED_FIELDS
from .filters import PeriodField
from .kpi import plain
from .models import ABOVE_SCALE_SETS, AnnualTarget, EnergyCarrier, Indicator, ScaleDecision, ScaleSet

#: The amounts of a return as the form shows them: (field, label); money is typed in 万元.
MONEY_FIELDS: tuple[tuple[str, Any], ...] = (
    ("industrial_output", _("工业总产值(当年价格)")),
    ("revenue", _("营业收入")),
    ("value_added", _("工业增加值(可比价)")),
    ("profit", _("利润总额")),
    ("sales", _("商品销售额(营业额)")),
)


def money_input(label: Any, *, required: bool = False, allow_negative: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=20,
        decimal_places=6,
        min_value=None if allow_negative else Decimal(0),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("单位:万元"),
    )


class MonthlyReturnForm(BootstrapMixin, forms.Form):
    """An enterprise's monthly return: amounts in 万元, energy by carrier in physical units, and for each
    checked amount an optional reason (required by the service when the value jumps or is negative)."""

    months = forms.TypedChoiceField(
        label=_("报送范围"),
        coerce=int,
        choices=((1, _("仅本月")), (2, _("合并报送1–2月"))),
        initial=1,
        required=False,
    )
    employees = forms.IntegerField(
        label=_("从业人员期末人数"), required=False, min_value=0, max_value=10_000_000
    )
    revision_reason = forms.CharField(
        label=_("修订原因"),
        required=False,
        max_length=500,
        help_text=_("该月已关账:修改数据须说明原因,原因随修订记录保存。"),
    )

    def __init__(self, *args: Any, period: dt.date, carriers: list[EnergyCarrier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        self.carriers = carriers
        if period.month != 2:
            del self.fields["months"]
        for name, label in MONEY_FIELDS:
            self.fields[name] = money_input(label)
        self.order_fields([*(n for n, _label in MONEY_FIELDS), "employees"])
        for carrier in carriers:
            self.fields[f"energy_{carrier.code}"] = forms.DecimalField(
                label=carrier.label,
                required=False,
                min_value=Decimal(0),
                max_digits=18,
                decimal_places=4,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                help_text=_("单位:%(unit)s") % {"unit": carrier.unit},
            )
        for name, label in CHECKED_FIELDS.items():
            self.fields[f"reason_{name}"] = forms.CharField(
                label=_("%(field)s变动说明") % {"field": label},
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"placeholder": _("变动超过±50%或为负数时必填")}),
            )
        self._style()

    @classmethod
    def initial_from(cls, record: Any) -> dict[str, Any]:
        """The form's initial values from a stored revision (元 → 万元, as the box shows it)."""
        initial: dict[str, Any] = {
            name: None if getattr(record, name) is None else wan_text(getattr(record, name))
            for name, _label in MONEY_FIELDS
        }
        initial["employees"] = record.employees
        initial["months"] = record.months
        for use in record.energy_uses.all():
            initial[f"energy_{use.carrier.code}"] = plain(use.quantity)
        for name, reason in (record.reasons or {}).items():
            initial[f"reason_{name}"] = reason
        return initial

    # The parts of the form the template lays out section by section.
    def amount_fields(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        return [(self[name], self._reason(name)) for name in [*(n for n, _l in MONEY_FIELDS), "employees"]]

    def energy_fields(self) -> list[forms.BoundField]:
        return [self[f"energy_{c.code}"] for c in self.carriers]

    def _reason(self, name: str) -> forms.BoundField | None:
        return self[f"reason_{name}"] if f"reason_{name}" in self.fields else None

    def energy_reason(self) -> forms.BoundField:
        return self["reason_energy_tce"]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {name: from_wan(data.get(name)) for name, _label in MONEY_FIELDS}
        values["employees"] = data.get("employees")
        return values

    def service_energy(self) -> dict[str, Decimal]:
        return {
            c.code: self.cleaned_data[f"energy_{c.code}"]
            for c in self.carriers
            if self.cleaned_data.get(f"energy_{c.code}") is not None
        }

    def service_reasons(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(f"reason_{name}", "").strip()
            for name in CHECKED_FIELDS
            if self.cleaned_data.get(f"reason_{name}", "").strip()
        }

    def months_value(self) -> int:
        return int(self.cleaned_data.get("months") or 1)

    def placed(self, exc: ValidationError) -> ValidationError:
        """The service's error with a missing reason keyed by its reason box, so it shows beside it."""
        if not hasattr(exc, "error_dict"):
            return exc
        return ValidationError(
            {
                f"reason_{name}" if name in CHECKED_FIELDS else name: errors
                for name, errors in exc.error_dict.items()
            }
        )


def energy_carriers() -> list[EnergyCarrier]:
    """The carriers a return asks for (current factors), in their catalogue order."""
    return list(EnergyCarrier.objects.filter(is_current=True).order_by("order", "code"))


class ReviewForm(BootstrapMixin, forms.Form):
    """Accept or send back a submitted return: the note, and the version the page was showing."""

    review_note = forms.CharField(label=_("审核意见"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class PeriodCloseForm(forms.Form):
    """The park and month to close (关账), with an optional note."""

    park = forms.IntegerField(label=_("园区"))
    period = PeriodField(label=_("报告期"))
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


class PeriodReopenForm(forms.Form):
    """The park and month to reopen (重新开放), and why (required)."""

    park = forms.IntegerField(label=_("园区"))
    period = PeriodField(label=_("报告期"))
    reason = forms.CharField(
        label=_("重新开放原因"), max_length=500, error_messages={"required": _("请填写重新开放的原因。")}
    )


class RemindForm(forms.Form):
    """The period whose missing returns are reminded, and (optionally) which enterprises."""

    period = PeriodField(label=_("报告期"))
    enterprise = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args: Any, enterprise_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["enterprise"]
        field.choices = [(pk, pk) for pk in enterprise_ids]


def staff_parks(user: Any, action: access.Action = access.Action.ADD) -> QuerySet[Park]:
    """The parks where the user may ``action`` economy records as staff (for ADD and CHANGE: where the
    user is 经济发展 staff; an enterprise membership opens no park)."""
    return Park.objects.restrict(user, action, domain=access.Domain.ECONOMY).order_by("name")


def staff_enterprises(user: Any, action: access.Action = access.Action.ADD) -> QuerySet[Enterprise]:
    """The enterprises whose economy records the user may ``action`` as staff of their park (not the
    user's own enterprise through an enterprise membership)."""
    return Enterprise.objects.restrict(user, action, domain=access.Domain.ECONOMY).filter(
        park__in=staff_parks(user, action)
    )


class ParkChoiceMixin:
    """Offers the park when creating and the user keeps several; fixes it when there is one."""

    def _park_field(self, user: Any, creating: bool) -> None:
        fields: Any = self.fields  # type: ignore[attr-defined]
        if not creating:
            del fields["park"]
            return
        parks = staff_parks(user)
        fields["park"].queryset = parks
        if parks.count() == 1:
            fields["park"].initial = parks.first()


class ProjectForm(ParkChoiceMixin, BootstrapMixin, forms.Form):
    """A fixed-asset investment project (planned total typed in 万元)."""

    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    name = forms.CharField(label=_("项目名称"), max_length=200)
    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.none(), label=_("建设单位"), required=False
    )
    planned_total = money_input(_("计划总投资"), required=True, allow_negative=False)
    start_date = forms.DateField(label=_("开工日期"))
    end_date = forms.DateField(label=_("竣工日期"), required=False)
    note = forms.CharField(label=_("说明"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._park_field(user, creating)
        enterprise_field: Any = self.fields["enterprise"]
        enterprise_field.queryset = Enterprise.objects.restrict(user, access.Action.VIEW).order_by("name")
        self.fields["version"].required = not creating
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("竣工日期不能早于开工日期。"))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"park", "version"}}
        data["planned_total"] = from_wan(data["planned_total"])
        return data


class InvestmentForm(BootstrapMixin, forms.Form):
    """The investment a project completed in one month (万元)."""

    period = PeriodField(label=_("月份"))
    amount = money_input(_("完成投资"), required=True, allow_negative=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class TargetForm(ParkChoiceMixin, BootstrapMixin, forms.Form):
    """A park's annual target; amounts typed in 万元 when the indicator is kept in 元."""

    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.filter(is_active=True), label=_("指标"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    value = forms.DecimalField(
        label=_("目标值"),
        max_digits=20,
        decimal_places=4,
        help_text=_("总量指标单位为万元,增速指标单位为%,户数指标单位为户"),
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=200)

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        self._park_field(user, creating)
        if not creating:
            for name in ("indicator", "year"):
                self.fields[name].disabled = True
        self._style()

    def clean(self) -> dict[str, Any]:
        """新增 never overwrites: a target already set for the park, indicator and year is changed from the
        list (编辑), where its value is shown, not replaced unseen from the add form."""
        data = super().clean() or {}
        park, indicator, year = data.get("park"), data.get("indicator"), data.get("year")
        if self.creating and park and indicator and year:
            existing = AnnualTarget.objects.filter(park=park, indicator=indicator, year=year).first()
            if existing is not None:
                shown = wan_text(existing.value) if indicator.unit == "元" else plain(existing.value)
                unit = _("万元") if indicator.unit == "元" else indicator.unit
                self.add_error(
                    "year",
                    _(
                        "%(year)s年的“%(indicator)s”目标已设定为 %(value)s %(unit)s;如需调整,请在年度目标列表中编辑。"
                    )
                    % {"year": year, "indicator": indicator.name, "value": shown, "unit": unit},
                )
        return data

    def stored_value(self) -> Decimal:
        """The value as stored: 元 for amounts kept in 元, as typed otherwise."""
        indicator: Indicator = self.cleaned_data["indicator"]
        value: Decimal = self.cleaned_data["value"]
        return from_wan(value) if indicator.unit == "元" else value.quantize(FEN)  # type: ignore[return-value]


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    """An indicator of the catalogue (definition, unit, owner, frequency, warning thresholds)."""

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "owner_department",
            "frequency",
            "measure",
            "scale_set",
            "target_kind",
            "warning_gap",
            "alarm_gap",
            "source",
            "order",
            "is_active",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
        self._style()


class ScaleDecisionForm(BootstrapMixin, forms.Form):
    """The statistics bureau's decision on one enterprise."""

    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("企业"))
    scale_set = forms.ChoiceField(
        label=_("统计范围"), choices=[(s, ScaleSet(s).label) for s in ABOVE_SCALE_SETS]
    )
    direction = forms.ChoiceField(label=_("纳入/退出"), choices=ScaleDecision.Direction.choices)
    reason = forms.ChoiceField(label=_("原因"), choices=ScaleDecision.Reason.choices)
    effective_period = PeriodField(label=_("生效月份"))
    decided_on = forms.DateField(label=_("决定日期"))
    document = forms.CharField(label=_("文号"), required=False, max_length=100)
    note = forms.CharField(label=_("说明"), required=False, max_length=500)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        enterprise_field: Any = self.fields["enterprise"]
        enterprise_field.queryset = staff_enterprises(user, access.Action.CHANGE).order_by("name")
        self._style()
