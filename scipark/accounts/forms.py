"""Forms of the sign-in steps and of the security admin's pages; they validate input, services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scipark.core.roles import Role

from .models import User
from .tokens import DEFAULT_LIFETIME, LIFETIMES

_INPUT = {"class": "form-control"}
_SELECT = {"class": "form-select"}


class LoginForm(forms.Form):
    """Username and password; the view authenticates through django-axes."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        widget=forms.TextInput(attrs={**_INPUT, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={**_INPUT, "autocomplete": "current-password"}),
    )


class OtpCodeForm(forms.Form):
    """A six-digit code from the authenticator app."""

    code = forms.RegexField(
        label=_("动态口令"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("请输入6位数字动态口令。")},
        widget=forms.TextInput(
            attrs={**_INPUT, "inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 6}
        ),
    )


class PasswordChangeForm(forms.Form):
    """Old password, and the new one twice; the rules are checked by ``services.password_change``."""

    old_password = forms.CharField(
        label=_("原密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={**_INPUT, "autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={**_INPUT, "autocomplete": "new-password"}),
        help_text=" ".join(password_validators_help_texts()),
    )
    new_password2 = forms.CharField(
        label=_("确认新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={**_INPUT, "autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        return data


class UserForm(forms.ModelForm):
    """A user's identity and contact details (username only on creation)."""

    class Meta:
        model = User
        fields = ["username", "full_name", "phone", "email"]
        widgets = {
            "username": forms.TextInput(attrs=_INPUT),
            "full_name": forms.TextInput(attrs=_INPUT),
            "phone": forms.TextInput(attrs=_INPUT),
            "email": forms.EmailInput(attrs=_INPUT),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        if self.instance.pk:
            del self.fields["username"]


class MembershipForm(forms.Form):
    """A role to grant, with where it applies; ``Membership.clean`` checks the combination."""

    role = forms.ChoiceField(label=_("角色"), choices=Role.choices, widget=forms.Select(attrs=_SELECT))
    zone: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("开发区"), queryset=None, required=False, widget=forms.Select(attrs=_SELECT)
    )
    park: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("园区"), queryset=None, required=False, widget=forms.Select(attrs=_SELECT)
    )
    department: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("部门"), queryset=None, required=False, widget=forms.Select(attrs=_SELECT)
    )
    enterprise: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("企业"), queryset=None, required=False, widget=forms.Select(attrs=_SELECT)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The security admin sees no business data; choosing an enterprise to bind a user to needs only
        # its name, which the registry shows to the public anyway (统一社会信用代码 is public).
        self.fields["zone"].queryset = apps.get_model("parks", "Zone")._default_manager.order_by("name")  # type: ignore[attr-defined]
        self.fields["park"].queryset = apps.get_model("parks", "Park")._default_manager.order_by("name")  # type: ignore[attr-defined]
        self.fields["department"].queryset = (  # type: ignore[attr-defined]
            apps.get_model("parks", "Department")
            ._default_manager.select_related("park")
            .order_by("park__name", "kind")
        )
        self.fields["enterprise"].queryset = (  # type: ignore[attr-defined]
            apps.get_model("enterprises", "Enterprise")
            ._default_manager.only("id", "name", "park_id")
            .order_by("name")
        )


def lifetime_choices() -> list[tuple[int, str]]:
    """The lifetimes offered, worded in the reader's language (a list made at import stayed Chinese)."""
    return [(d, gettext("%(days)d 天") % {"days": d}) for d in LIFETIMES]


class TokenForm(forms.Form):
    """A new personal access token: what it is for, how long it lives, whether it may write."""

    name = forms.CharField(
        label=_("名称"),
        max_length=80,
        help_text=_("写明用途,便于日后识别和吊销,如:数据同步脚本"),
        widget=forms.TextInput(attrs=_INPUT),
    )
    days = forms.TypedChoiceField(
        label=_("有效期"),
        coerce=int,
        choices=lifetime_choices,
        initial=DEFAULT_LIFETIME,
        widget=forms.Select(attrs=_SELECT),
    )
    read_only = forms.BooleanField(
        label=_("只读(只能查询,不能新增、修改或删除)"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
