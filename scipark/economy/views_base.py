"""What the economy's form pages share: a form whose save is one service call, shown on one template."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from scipark.core import access
from scipark.core.views import ScopedViewMixin, ServiceFormMixin

from .services import is_economy_staff


def keeps_economy(user: Any) -> bool:
    """Whether the user is 经济发展 staff somewhere (enterprise users also hold ADD/CHANGE on the domain,
    for their own returns only)."""
    parks = access.scope_for(user).park_ids(access.Domain.ECONOMY, access.Action.CHANGE)
    return any(is_economy_staff(user, p) for p in parks)


class EconomyFormView(ScopedViewMixin, ServiceFormMixin, View):
    """GET shows ``make_form()``; POST validates it and calls ``save``; errors come back on the form."""

    domain = access.Domain.ECONOMY
    template_name: ClassVar[str] = "economy/form.html"
    heading: ClassVar[Any] = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if (
            user.is_authenticated
            and access.has_permission(user, self.domain, self.action)
            and not keeps_economy(user)
        ):
            raise PermissionDenied(_("只有经济发展部门的工作人员可以执行此操作。"))
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, request: HttpRequest) -> BaseForm:
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def back_url(self) -> str:
        return self.success_url()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(request, self.make_form(request))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.submit(request, self.make_form(request))

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect(self.success_url())

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": self.heading, "back_url": self.back_url(), **self.extra_context()}
        return render(request, self.template_name, context, status=status)

    def extra_context(self) -> dict[str, Any]:
        return {}
