"""Forms of the appeals pages: thin, the services validate and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.access import Action, Domain
from scipark.core.forms import style_form
from scipark.core.roles import Role
from scipark.core.validators import validate_phone
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Department, Park

from .models import CATEGORY_FIELDS, DESCRIPTION_MAX, AppealCategory, AppealChannel, CalendarDay
from .selectors import category_list


def field_of(form: forms.BaseForm, name: str) -> Any:
    """A form field, typed loosely (querysets and choices are set per user)."""
    return form.fields[name]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; type and size are checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def is_enterprise_user(user: Any) -> bool:
    roles = access.scope_for(user).roles
    return Role.ENTERPRISE_USER in roles and not roles & {Role.DEPARTMENT_STAFF, Role.PARK_LEADER}


def service_parks(user: Any) -> Any:
    """The parks in which the user may file appeals and record visits as park staff."""
    return Park.objects.restrict(user, Action.ADD, domain=Domain.SERVICE)


class IdListField(forms.Field):
    """Several ids posted under one name (``co_departments``); the service checks what they name."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("编号无效。")) from None


class AppealForm(forms.Form):
    """File an appeal: enterprise users for their own enterprise; 企业服务 staff on someone's behalf."""

    category = forms.ModelChoiceField(label=_("诉求类别"), queryset=AppealCategory.objects.none())
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none(), required=False)
    channel = forms.ChoiceField(
        label=_("渠道"), choices=AppealChannel.choices, initial=AppealChannel.WORK_GROUP
    )
    title = forms.CharField(
        label=_("标题"), max_length=200, required=False, help_text=_("留空则取诉求内容的开头")
    )
    description = forms.CharField(
        label=_("诉求内容"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("请写明问题、地点和希望的解决方式(最多 4000 字)"),
    )
    requester_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    requester_phone = forms.CharField(
        label=_("联系电话"), max_length=20, required=False, validators=[validate_phone]
    )
    requester_email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("地点"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("纬度"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("经度"), required=False, max_digits=9, decimal_places=6)
    attachments = MultipleFileField(
        label=_("附件"), help_text=_("PDF、图片、Word、Excel 或文本,每个不超过 10 MB,最多 5 个")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.for_enterprise = is_enterprise_user(user)
        # The enterprises I may file an appeal for: one's own, or every enterprise of the parks one serves.
        enterprises = Enterprise.objects.restrict(user, Action.ADD, domain=Domain.SERVICE).order_by("name")
        if self.for_enterprise:
            parks = enterprises.values("park_id")
            del self.fields["channel"]
            own = list(enterprises[:2])
            if len(own) == 1:
                self.fields["enterprise"].widget = forms.HiddenInput()
                self.initial.setdefault("enterprise", own[0].pk)
        else:
            parks = service_parks(user).values("pk")
            field_of(self, "channel").choices = [
                c for c in AppealChannel.choices if c[0] not in {AppealChannel.PORTAL, AppealChannel.OPEN311}
            ]
        field_of(self, "enterprise").queryset = enterprises
        self.fields["enterprise"].required = self.for_enterprise
        field_of(self, "category").queryset = category_list(user, active_only=True).filter(park_id__in=parks)
        style_form(self)
        self.fields["description"].widget.attrs.update(
            {
                "hx-get": reverse("appeals:appeal_add"),
                "hx-trigger": "keyup changed delay:600ms, change",
                "hx-target": "#similar-appeals",
                "hx-include": "[name=category],[name=enterprise]",
                "data-testid": "description",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        enterprise = data.get("enterprise")
        category = data.get("category")
        if enterprise is not None and category is not None and enterprise.park_id != category.park_id:
            # A hidden field shows no errors: then the form says it.
            field = None if self.fields["enterprise"].widget.is_hidden else "enterprise"
            self.add_error(field, _("企业不在该类别所属的园区。"))
        return data


class TransitionForm(forms.Form):
    """One workflow step posted from the detail page, with the version the user saw.

    The form only parses what was posted; ``services.appeal_step`` checks it against the locked appeal
    (the departments are named by id, as in the API, and must belong to the appeal's park).
    """

    action = forms.CharField(label=_("操作"), widget=forms.HiddenInput())
    version = forms.IntegerField(
        label=_("版本"),
        widget=forms.HiddenInput(),
        error_messages={"required": _("缺少版本号,请刷新页面后重试。")},
    )
    notes = forms.CharField(
        label=_("说明"), required=False, max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    enterprise = forms.IntegerField(label=_("所属企业"), required=False)
    lead_department = forms.IntegerField(label=_("牵头部门"), required=False)
    co_departments = IdListField(label=_("协办部门"), required=False)
    resolved = forms.BooleanField(label=_("问题已解决"), required=False, initial=True)
    score = forms.TypedChoiceField(
        label=_("满意度"),
        coerce=int,
        required=False,
        choices=[
            (5, _("5 非常满意")),
            (4, _("4 满意")),
            (3, _("3 基本满意")),
            (2, _("2 不满意")),
            (1, _("1 非常不满意")),
        ],
    )
    internal = forms.BooleanField(label=_("仅工作人员可见"), required=False)
    attachments = MultipleFileField(label=_("附件"))

    def errors_as_messages(self) -> list[str]:
        """The form's errors, each naming its field ("满意度:…"), for a message on the detail page."""
        return [
            f"{self.fields[name].label}:{error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        ]


class CategoryForm(forms.ModelForm):
    class Meta:
        model = AppealCategory
        fields = ["park", *CATEGORY_FIELDS]

    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = service_parks(user)
        field_of(self, "park").queryset = parks
        field_of(self, "default_department").queryset = Department.objects.filter(park__in=parks)
        if self.instance.pk:
            self.fields["park"].disabled = True
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]
        style_form(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # An edit without the version the page showed cannot be checked for a colleague's change.
        if "version" in self.fields and data.get("version") is None:
            raise forms.ValidationError(_("缺少版本号,请刷新页面后重试。"))
        return data

    def service_data(self) -> dict[str, Any]:
        """What the category services take (the park is chosen once, the version is not data)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in {"park", "version"}}


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


class VisitForm(forms.Form):
    """A visit, and up to three issues raised in it (each becomes an appeal)."""

    ISSUES = 3

    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none())
    visited_on = forms.DateField(label=_("走访日期"))
    participants = forms.CharField(label=_("参加人员"), max_length=300, required=False)
    notes = forms.CharField(
        label=_("走访记录"), max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Visits are staff records: the enterprises of the parks whose 企业服务 work the user does.
        parks = service_parks(user)
        field_of(self, "enterprise").queryset = Enterprise.objects.filter(park__in=parks).order_by("name")
        categories = category_list(user, active_only=True).filter(park__in=parks)
        for i in range(1, self.ISSUES + 1):
            self.fields[f"issue{i}_category"] = forms.ModelChoiceField(
                label=_("问题 %(n)s 类别") % {"n": i}, queryset=categories, required=False
            )
            self.fields[f"issue{i}_description"] = forms.CharField(
                label=_("问题 %(n)s 内容") % {"n": i},
                max_length=DESCRIPTION_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.initial.setdefault("visited_on", dt.date.today())
        style_form(self)

    def issues(self) -> list[dict[str, Any]]:
        found = []
        for i in range(1, self.ISSUES + 1):
            category = self.cleaned_data.get(f"issue{i}_category")
            description = (self.cleaned_data.get(f"issue{i}_description") or "").strip()
            if category and description:
                found.append({"category": category, "description": description})
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, self.ISSUES + 1):
            has_cat = bool(data.get(f"issue{i}_category"))
            has_text = bool((data.get(f"issue{i}_description") or "").strip())
            if has_cat != has_text:
                self.add_error(f"issue{i}_description", _("问题 %(n)s:类别和内容须同时填写。") % {"n": i})
        return data
