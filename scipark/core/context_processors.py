"""Template context shared by every page: the menu the user may see, grouped by module with the
configuration pages under 设置 (issue 10, item 2), and the user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import access
from .contributions import contributions
from .navigation import MenuItem

SETTINGS = _("设置")


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``menu``: the entries whose domain/action the user's roles allow, in order; ``menu_groups``: the
    same as (module, entries) — each module where its first entry stands, 设置 last."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "menu_groups": [], "user_roles": []}
    declared: list[tuple[Any, MenuItem]] = list(contributions("menu_items"))
    scope = access.scope_for(user)
    menu = []
    groups: dict[str, tuple[Any, list[dict[str, Any]]]] = {}
    for config, item in sorted(declared, key=lambda pair: (pair[1].order, str(pair[1].label))):
        if not item.visible_to(scope):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entry = {"label": item.label, "url": url, "icon": item.icon, "active": request.path.startswith(url)}
        menu.append(entry)
        label = SETTINGS if item.settings else config.verbose_name
        groups.setdefault(str(label), (label, []))[1].append(entry)
    ordered = [group for key, group in groups.items() if key != str(SETTINGS)]
    if str(SETTINGS) in groups:
        ordered.append(groups[str(SETTINGS)])
    roles = sorted({str(g.role.label) for g in scope.grants})
    return {"menu": menu, "menu_groups": ordered, "user_roles": roles}
