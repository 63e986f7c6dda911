"""``{% notification_bell %}``: a bell with the unread count, linking to the user's messages."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"count": unread_count(user), "signed_in": bool(getattr(user, "is_authenticated", False))}
