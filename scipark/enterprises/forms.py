"""Forms of the registry pages: they validate input and hand it to the services; no business rules here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import BootstrapMixin, ServiceValidatedMixin, WanYuanField
from scipark.core.identifiers import credit_code_problem
from scipark.parks.models import Park

from .models import Contact, Enterprise, EnterpriseStatus, Industry, Tag, TagColor
from .services import REGISTRY_FIELDS, canonical_credit_code


def offer_parks(field: Any, user: Any) -> None:
    """Offer the parks in which the user may add to the registry; preselect the only one."""
    field.queryset = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENTERPRISES)
    parks = list(field.queryset.values_list("pk", flat=True)[:2])
    if len(parks) == 1:
        field.initial = parks[0]


class IndustryField(forms.ModelChoiceField):
    """A GB/T 4754-2017 小类 chosen by its 4-digit code (typed or picked)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


class EnterpriseForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """Create or edit an enterprise; the fields offered depend on what the user may change."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"), required=False)
    industry = IndustryField(
        queryset=Industry.objects.filter(level=Industry.Level.CLASS),
        label=_("行业(GB/T 4754-2017 小类)"),
        to_field_name="code",
    )
    website = forms.URLField(label=_("网址"), required=False, assume_scheme="https")
    # Typed in 万元 as the detail page, the list and the import template write it; stored in 元 to the fen.
    registered_capital = WanYuanField.for_model_field(
        Enterprise._meta.get_field("registered_capital"),
        label=_("注册资本(万元)"),
    )

    class Meta:
        model = Enterprise
        fields = list(REGISTRY_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self, *args: Any, user: Any, editable: tuple[str, ...], creating: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        for name in list(self.fields):
            if name in {"version", "park"}:
                continue
            if name not in editable:
                del self.fields[name]
        if creating:
            offer_parks(self.fields["park"], user)
            self.fields["park"].required = True
        else:
            del self.fields["park"]
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        if "tags" in self.fields:
            park_id = self.instance.park_id if not creating else None
            tags = Tag.objects.restrict(user, access.Action.VIEW)
            tags_field: Any = self.fields["tags"]
            tags_field.queryset = tags.filter(park_id=park_id) if park_id else tags
            tags_field.required = False
        self._style()

    def clean_credit_code(self) -> str:
        code = canonical_credit_code(self.cleaned_data.get("credit_code") or "")
        problem = credit_code_problem(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def service_data(self) -> dict[str, Any]:
        """The cleaned values to hand to the service (without the form's own fields)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in {"version", "park"}}


class EnterpriseStatusForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """A new status period."""

    class Meta:
        model = EnterpriseStatus
        fields = ["kind", "valid_from", "valid_to", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class EnterpriseStatusEndForm(BootstrapMixin, forms.Form):
    """The last day a status period applies."""

    valid_to = forms.DateField(label=_("终止日期"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class ContactForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """A contact person's details, with the hidden version: the contact's for edits, its enterprise's for a
    new one (adding a contact changes the enterprise's record)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Contact
        fields = ["name", "position", "phone", "email", "is_primary"]

    def __init__(self, *args: Any, enterprise: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        elif enterprise is not None:
            self.fields["version"].initial = enterprise.version
        self._style()

    def service_data(self) -> dict[str, Any]:
        """The cleaned values to hand to the service."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class TagForm(BootstrapMixin, forms.Form):
    """A tag's name and colour; the park is chosen only when creating and the user keeps several."""

    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    name = forms.CharField(label=_("名称"), max_length=50)
    color = forms.ChoiceField(label=_("颜色"), choices=TagColor.choices, initial=TagColor.BLUE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            offer_parks(self.fields["park"], user)
        else:
            del self.fields["park"]
        self._style()
