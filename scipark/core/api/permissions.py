"""The API's one permission class: default deny, the same rule as the pages (DESIGN.md rule 11)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission

from .. import access

if TYPE_CHECKING:  # DRF imports this module while it is itself importing rest_framework.views
    from rest_framework.request import Request
    from rest_framework.views import APIView

#: viewset action -> access action
ACTION_MAP: dict[str, access.Action] = {
    "list": access.Action.VIEW,
    "retrieve": access.Action.VIEW,
    "create": access.Action.ADD,
    "update": access.Action.CHANGE,
    "partial_update": access.Action.CHANGE,
    "destroy": access.Action.DELETE,
    "metadata": access.Action.VIEW,
}


def required_action(view: APIView, request: Request) -> access.Action:
    """The access action a request needs: declared by the view, or derived from the viewset action."""
    explicit = getattr(view, "required_actions", {}).get(getattr(view, "action", None) or "")
    if explicit:
        return access.Action(explicit)
    name = getattr(view, "action", None)
    if name in ACTION_MAP:
        return ACTION_MAP[name]
    return access.Action.VIEW if request.method in ("GET", "HEAD", "OPTIONS") else access.Action.CHANGE


class ScopedPermission(BasePermission):
    """Signed in, and the user's roles allow the action on the view's ``domain``; views without one are closed."""

    message = gettext_lazy("您的角色无权执行此操作。")

    def has_permission(self, request: Request, view: APIView) -> bool:
        user: Any = request.user
        if not user or not user.is_authenticated:
            return False
        domain = getattr(view, "domain", None)
        if domain is None:
            return False
        return access.has_permission(user, domain, required_action(view, request))
