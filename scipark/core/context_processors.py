"""Template context shared by every page: the menu the user may see, and the user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from . import access
from .contributions import contributions
from .navigation import MenuItem


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``menu``: the entries whose domain/action the user's roles allow, in order."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "user_roles": []}
    items: list[MenuItem] = [item for _config, item in contributions("menu_items")]
    scope = access.scope_for(user)
    menu = []
    for item in sorted(items, key=lambda i: (i.order, i.label)):
        if not item.visible_to(scope):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        menu.append(
            {"label": item.label, "url": url, "icon": item.icon, "active": request.path.startswith(url)}
        )
    roles = sorted({str(g.role.label) for g in scope.grants})
    return {"menu": menu, "user_roles": roles}
