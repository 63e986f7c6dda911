"""联系人 of an enterprise: add, edit and delete (registry keepers and the enterprise itself)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors, services
from ..forms import ContactForm
from ..models import Contact, Enterprise
from .base import SmallFormView


class ContactAddView(SmallFormView):
    """Add a contact person (registry keepers and the enterprise itself)."""

    object_model = Enterprise
    title = gettext_lazy("新增联系人")

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        # The enterprise's version rides along: a contact added from a page shown before someone else
        # changed the enterprise (or added the same contact) is a conflict, not a silent duplicate.
        return ContactForm(data, enterprise=self.enterprise)

    def save_form(self, request: HttpRequest, form: Any) -> str:
        services.contact_create(
            user=request.user,
            enterprise=self.enterprise,
            data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )
        return _("已新增联系人。")


class ContactEditView(SmallFormView):
    """Edit or delete a contact person; the form shows the real values only to roles that may see them."""

    object_model = Contact
    title = gettext_lazy("编辑联系人")
    deletable = True

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        contact = super().get_object(request, **kwargs)
        if not selectors.sees_personal_data(user=request.user, enterprise=self.enterprise):
            raise PermissionDenied(_("您的角色不能查看或修改联系人的个人信息。"))
        return contact

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        return ContactForm(data, instance=self.object)

    def save_form(self, request: HttpRequest, form: Any) -> str:
        services.contact_update(
            user=request.user,
            contact=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存联系人。")

    def delete(self, request: HttpRequest) -> str:
        services.contact_delete(
            user=request.user, contact=self.object, expected_version=self.expected_version
        )
        return _("已删除联系人。")
