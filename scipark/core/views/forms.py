"""Form pages whose save is one service call: make the form → call the service → go to the success URL."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.views import View

from scipark.core import access
from scipark.core.services import ConflictError

from .base import ScopedViewMixin, denied_as_http, url_object


def apply_service_errors(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form when the field is not shown)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceFormMixin:
    """The one error policy of a form page, for pages that cannot be a :class:`ServiceFormView`.

    ``submit`` validates, calls :meth:`save`; a service's ``ValidationError`` goes back onto the form (400),
    ``ConflictError`` onto the form with status 409, ``AccessDenied`` becomes 404/403. Nothing is half-saved:
    services run in one transaction.
    """

    def submit(self, request: HttpRequest, form: BaseForm) -> HttpResponse:
        if form.is_valid():
            try:
                message = self.save(request, form)
            except ConflictError as exc:
                form.add_error(None, str(exc))
                return self.render_form(request, form, status=409)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except access.AccessDenied as exc:
                raise denied_as_http(exc) from exc
            else:
                return self.done(request, message)
        return self.render_form(request, form, status=400)

    def save(self, request: HttpRequest, form: Any) -> str:
        """Call the service for a valid form; return the success message."""
        raise NotImplementedError

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        raise NotImplementedError

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        raise NotImplementedError


class ServiceFormView(ServiceFormMixin, ScopedViewMixin, View):
    """A page with one form whose save is one service call.

    Declare ``domain``, ``action``, ``form_class`` (or override :meth:`get_form`), ``title`` and, for a page
    about one object, ``object_model`` (the URL's ``pk`` is looked up for ``action``: out of reach 404,
    not allowed 403). Implement :meth:`save` (call the service, return the success message; set
    ``self.saved`` to what it made when the success URL needs it) and :meth:`get_success_url`.
    """

    template_name = "core/form.html"
    form_class: ClassVar[type[BaseForm] | None] = None
    title: ClassVar[str | Promise] = ""
    object: Any = None
    saved: Any = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(
            request.user, self.domain, self.required_action(request)
        ):
            self.object = self.get_object(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        """The object the URL names, looked up for the page's action; ``None`` for a page about none."""
        return url_object(request, self.object_model, kwargs, self.action)

    def get_form_kwargs(self) -> dict[str, Any]:
        """Extra keyword arguments for the form (``user=…``, ``instance=…``)."""
        return {}

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        if self.form_class is None:
            raise NotImplementedError("declare form_class or override get_form()")
        return self.form_class(data, files, **self.get_form_kwargs())

    def get_success_url(self) -> str:
        target = self.saved if self.saved is not None else self.object
        if target is not None and hasattr(target, "get_absolute_url"):
            return str(target.get_absolute_url())
        return self.get_cancel_url()

    def get_cancel_url(self) -> str:
        return "/"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = {"title": self.title, "object": self.object, "cancel_url": self.get_cancel_url()}
        context.update(kwargs)
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(request, self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.submit(request, self.get_form(request.POST, request.FILES))

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, self.get_context_data(form=form), status=status)

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url())
