"""POST one action on one object → a message → back to the page: the buttons of detail pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from scipark.core import access
from scipark.core.services import ConflictError

from .base import ScopedViewMixin, denied_as_http, url_object
from .errors import error_page


class ServiceActionView(ScopedViewMixin, View):
    """One button: POST → one service call on the object the URL names → message → redirect.

    Declare ``domain``, ``action`` and ``object_model``; implement :meth:`perform` (call the service, return
    the success message) and, unless the object has ``get_absolute_url``, :meth:`get_success_url`.
    The error policy is core's: out of reach 404, not allowed 403, ``ValidationError`` → an error message
    and back to the page, ``ConflictError`` → 409 with "该记录已被他人修改" and a link back.
    """

    http_method_names = ["post"]
    action = access.Action.CHANGE
    object: Any = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        allowed = request.user.is_authenticated and access.has_permission(
            request.user, self.domain, self.required_action(request)
        )
        if allowed:
            self.object = self.get_object(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        """The object the URL names, looked up for the button's action; ``None`` for a button about none."""
        return url_object(request, self.object_model, kwargs, self.action)

    def posted_version(self, request: HttpRequest) -> int | None:
        """The ``version`` the page was showing (a stale one makes the service raise ConflictError)."""
        raw = request.POST.get("version", "").strip()
        if not raw:
            return None
        try:
            return int(raw)
        except ValueError:
            raise ValidationError(_("版本号无效,请刷新页面后重试。")) from None

    def perform(self, request: HttpRequest, obj: Any) -> str:
        """Call the one service for this button; return the success message."""
        raise NotImplementedError

    def get_success_url(self, obj: Any) -> str:
        if obj is not None and hasattr(obj, "get_absolute_url"):
            return str(obj.get_absolute_url())
        raise NotImplementedError("declare get_success_url() for an object without get_absolute_url")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.object
        try:
            message = self.perform(request, obj)
        except ConflictError as exc:
            return error_page(request, 409, str(exc), back_url=self.get_success_url(obj))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except access.AccessDenied as exc:
            raise denied_as_http(exc) from exc
        else:
            if message:
                messages.success(request, message)
        return redirect(self.get_success_url(obj))
