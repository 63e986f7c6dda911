"""What the registry's form pages share: the way back to an enterprise, a 删除 button on a form page, and
the short forms (status periods, contacts) that open inside the enterprise's page through htmx."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.views import ServiceFormView

from .. import services
from ..models import Enterprise


def detail_url(enterprise: Enterprise | int) -> str:
    """The enterprise's registry page (where its forms go back to)."""
    return reverse("enterprises:enterprise_detail", args=[getattr(enterprise, "pk", enterprise)])


class DeleteForm(forms.Form):
    """What a 删除 button posts besides ``delete=1``: the version the page showed, if it carries one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DeletableFormView(ServiceFormView):
    """A form page whose 删除 button (``delete=1``) posts to the same URL.

    Deleting validates nothing of the form but the version the page showed (``expected_version``, for
    the delete service to compare): it is one more service call (:meth:`delete`) under the same error
    policy as saving, so a stale page answers 409.
    """

    deleting = False
    expected_version: int | None = None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("delete"):
            self.deleting = True
            return self.submit(request, DeleteForm(request.POST))
        return super().post(request, *args, **kwargs)

    def save(self, request: HttpRequest, form: Any) -> str:
        if self.deleting:
            self.expected_version = form.cleaned_data.get("version")
            return self.delete(request)
        return self.save_form(request, form)

    def save_form(self, request: HttpRequest, form: Any) -> str:
        """Call the service for a valid form; return the success message."""
        raise NotImplementedError

    def delete(self, request: HttpRequest) -> str:
        """Call the delete service; return the success message."""
        raise NotImplementedError


class SmallFormView(DeletableFormView):
    """A short form on an enterprise (status period, contact): full page, or its fragment for htmx."""

    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    template_name = "enterprises/small_form.html"
    deletable: ClassVar[bool] = False
    #: Only the departments keeping the park's registry may use the form (status periods).
    keepers_only: ClassVar[bool] = False

    enterprise: Enterprise

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        obj = super().get_object(request, **kwargs)
        self.enterprise = obj if isinstance(obj, Enterprise) else obj.enterprise
        if self.keepers_only and not services.enterprise_registry_editable(
            user=request.user, park_id=self.enterprise.park_id
        ):
            raise PermissionDenied(_("只有负责企业名录的部门可以维护企业状态。"))
        return obj

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            enterprise=self.enterprise, action_url=self.request.get_full_path(), deletable=self.deletable
        )
        return context

    def get_cancel_url(self) -> str:
        return detail_url(self.enterprise)

    get_success_url = get_cancel_url

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        # htmx loads the bare form into the detail page; without it the form is a page of its own.
        if getattr(request, "htmx", False):  # htmx swaps only 2xx answers: errors come back as 200
            return render(request, "enterprises/_small_form.html", self.get_context_data(form=form))
        return super().render_form(request, form, status)

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        if getattr(request, "htmx", False):
            messages.success(request, message)
            response = HttpResponse(status=204)
            response["HX-Redirect"] = self.get_success_url()
            return response
        return super().done(request, message)
