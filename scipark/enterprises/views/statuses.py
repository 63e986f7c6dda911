"""企业状态 (规上/限上, 在孵): add a period and end an open one; registry keepers only."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..forms import EnterpriseStatusEndForm, EnterpriseStatusForm
from ..models import Enterprise, EnterpriseStatus
from .base import SmallFormView


class EnterpriseStatusAddView(SmallFormView):
    """Add a status period (registry keepers only)."""

    object_model = Enterprise
    title = gettext_lazy("新增企业状态")
    form_class = EnterpriseStatusForm
    keepers_only = True

    def save_form(self, request: HttpRequest, form: Any) -> str:
        services.enterprise_status_add(user=request.user, enterprise=self.enterprise, **form.cleaned_data)
        return _("已新增企业状态。")


class EnterpriseStatusEndView(SmallFormView):
    """End an open status period."""

    object_model = EnterpriseStatus
    title = gettext_lazy("结束企业状态")
    keepers_only = True

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        return EnterpriseStatusEndForm(data, initial={"version": self.object.version})

    def save_form(self, request: HttpRequest, form: Any) -> str:
        services.enterprise_status_end(
            user=request.user,
            status=self.object,
            valid_to=form.cleaned_data["valid_to"],
            expected_version=form.cleaned_data["version"],
        )
        return _("已结束企业状态。")
