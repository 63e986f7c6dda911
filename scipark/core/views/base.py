"""The route rule every page declares, and the one way a page finds the object its URL names."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from scipark.core import access


class ScopedViewMixin(LoginRequiredMixin):
    """Sign-in, then the route-level rule: the user's roles must allow ``action`` on ``domain``."""

    domain: ClassVar[access.Domain]
    action: ClassVar[access.Action] = access.Action.VIEW
    #: The model whose primary key the URL carries (``<int:pk>``), for views that act on one object.
    object_model: ClassVar[type[models.Model] | None] = None
    raise_exception = False  # anonymous users are sent to the login page

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.has_permission(request.user, self.domain, self.required_action(request)):
            raise PermissionDenied(_("您的角色无权访问此页面。"))
        return super().dispatch(request, *args, **kwargs)

    def required_action(self, request: HttpRequest) -> access.Action:
        return self.action


def object_or_404(
    request: HttpRequest, model: type[models.Model], pk: Any, action: access.Action | str = access.Action.VIEW
) -> Any:
    """The row the URL names, if the user may ``action`` it.

    Out of the user's reach (or no such row) → 404; visible but ``action`` not allowed on it → 403.
    """
    action = access.Action(action)
    manager: Any = model._default_manager
    try:
        obj = manager.restrict(request.user, access.Action.VIEW).filter(pk=pk).first()
    except (TypeError, ValueError):  # a primary key of the wrong type is no such row
        obj = None
    if obj is None:
        if action == access.Action.VIEW:
            raise Http404
        # Some rows are reachable for an action but not for reading (an enterprise adding to an event).
        obj = manager.restrict(request.user, action).filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj
    if action != access.Action.VIEW and not manager.restrict(request.user, action).filter(pk=pk).exists():
        raise PermissionDenied(_("您没有权限对此记录执行该操作。"))
    return obj


def url_object(
    request: HttpRequest,
    model: type[models.Model] | None,
    kwargs: dict[str, Any],
    action: access.Action | str,
) -> Any:
    """The object a page's URL names by ``pk`` (:func:`object_or_404` for ``action``); ``None`` for none."""
    return (
        None if model is None or "pk" not in kwargs else object_or_404(request, model, kwargs["pk"], action)
    )


def denied_as_http(exc: access.AccessDenied) -> Exception:
    """A service's AccessDenied as the page answers it: 404 out of reach, 403 otherwise."""
    return Http404() if exc.not_found else PermissionDenied(str(exc) or _("您没有权限执行此操作。"))
