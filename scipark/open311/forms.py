"""Forms of the Open311 clients page: they validate input and hand it to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.appeals.models import AppealCategory
from scipark.core import access
from scipark.core.forms import BootstrapMixin
from scipark.parks.models import Park

from .models import Datatype


class ClientForm(BootstrapMixin, forms.Form):
    """A new client: its park (one the user serves), its name and whom to call about it."""

    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    name = forms.CharField(label=_("名称"), max_length=80, help_text=_("例如:园区微信小程序、12345 热线"))
    contact = forms.CharField(label=_("联系人及联系方式"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.SERVICE)
        park_field: Any = self.fields["park"]
        park_field.queryset = parks
        only = list(parks.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            park_field.initial = only[0]
        self._style()


class AttributeForm(BootstrapMixin, forms.Form):
    """One question of a service; list options are typed one per line as ``key=name``."""

    category = forms.ModelChoiceField(queryset=AppealCategory.objects.none(), label=_("服务(诉求类别)"))
    code = forms.SlugField(label=_("代码"), max_length=50)
    datatype = forms.ChoiceField(label=_("数据类型"), choices=Datatype.choices)
    required = forms.BooleanField(label=_("必填"), required=False)
    variable = forms.BooleanField(label=_("需要填写"), required=False, initial=True)
    order = forms.IntegerField(label=_("顺序"), min_value=1, max_value=999, initial=1)
    description = forms.CharField(label=pgettext_lazy("service attribute", "问题"), max_length=300)
    datatype_description = forms.CharField(label=_("格式说明"), max_length=200, required=False)
    options = forms.CharField(
        label=_("选项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("单选/多选时每行一个,格式为 key=名称,例如 telecom=中国电信"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        category_field: Any = self.fields["category"]
        category_field.queryset = AppealCategory.objects.restrict(user, access.Action.CHANGE).select_related(
            "park"
        )
        category_field.label_from_instance = lambda c: (
            f"{c.park.short_name or c.park.name} · {c.code} {c.name}"
        )
        if editing:
            del self.fields["category"]
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # An edit without the version the page showed cannot be checked for a colleague's change.
        if self.editing and data.get("version") is None:
            raise forms.ValidationError(_("缺少版本号,请刷新页面后重试。"))
        return data

    def clean_options(self) -> list[dict[str, str]]:
        values = []
        for number, line in enumerate(self.cleaned_data.get("options", "").splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, name = line.partition("=")
            if not sep:
                raise forms.ValidationError(_("第 %(n)d 行应为 key=名称。") % {"n": number})
            values.append({"key": key.strip(), "name": name.strip()})
        return values

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "datatype": data["datatype"],
            "required": data["required"],
            "variable": data["variable"],
            "order": data["order"],
            "description": data["description"],
            "datatype_description": data["datatype_description"],
            "values": data["options"],
        }

    @staticmethod
    def initial_for(attribute: Any) -> dict[str, Any]:
        return {
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "variable": attribute.variable,
            "order": attribute.order,
            "description": attribute.description,
            "datatype_description": attribute.datatype_description,
            "options": "\n".join(f"{v['key']}={v['name']}" for v in attribute.values),
            "version": attribute.version,
        }
