"""Forms of the environment pages (validation of shape; the services check the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import style_form
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from .models import Finding, FindingStep
from .services.network import Datum

A = FindingStep.Action


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class FindingForm(forms.ModelForm):
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))

    class Meta:
        model = Finding
        fields = [
            "park", "number", "source", "round_no", "kind", "title", "description", "enterprise",
            "responsible_unit", "received_on", "deadline", "measures", "longitude", "latitude",
        ]  # fmt: skip
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT)
        self.fields["park"].queryset = parks  # type: ignore[attr-defined]
        enterprise: Any = self.fields["enterprise"]
        enterprise.queryset = Enterprise.objects.filter(park__in=parks).order_by("name")
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        style_form(self)

    def _post_clean(self) -> None:  # the service validates the instance it builds
        pass


class StepForm(forms.Form):
    """One step of the ledger: the fields the action takes (``services.STEP_FIELDS``) and notes, evidence."""

    notes = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    evidence = MultipleFileField(label=_("证明材料(照片或文件)"), required=False)
    measures = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rectified_on = forms.DateField(
        label=_("整改完成日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    closure_document = forms.CharField(label=_("销号文号"), required=False, max_length=60)
    closure_approver = forms.CharField(label=_("销号审批人"), required=False, max_length=50)
    closed_on = forms.DateField(
        label=_("销号日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDS_BY_ACTION: dict[str, tuple[str, ...]] = {
        A.START: ("measures",),
        A.APPROVE: ("rectified_on",),
        A.CLOSE: ("closure_document", "closure_approver", "closed_on"),
    }
    OPTIONAL = ("measures", "rectified_on", "closure_document", "closure_approver", "closed_on")

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wanted: tuple[str, ...] = self.FIELDS_BY_ACTION.get(action, ())
        for name in self.OPTIONAL:
            if name not in wanted:
                del self.fields[name]
        style_form(self)


class NetworkImportForm(forms.Form):
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    file = forms.FileField(label=_("文件(GeoJSON 或 CSV)"))
    datum = forms.ChoiceField(
        label=_("坐标系"),
        choices=[(Datum.WGS84, "WGS-84(EPSG:4326)"), (Datum.GCJ02, "GCJ-02")],
        initial=Datum.WGS84,
        help_text=_("文件中声明的坐标系优先;未声明时按此处选择。"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT)
        self.fields["park"].queryset = parks  # type: ignore[attr-defined]
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        style_form(self)
