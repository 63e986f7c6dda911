"""What the innovation pages share: the park a staff page is about, and people in the libraries as the
reader may see them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.parks.models import Park


def staff_parks(request: HttpRequest) -> list[Any]:
    """The parks whose innovation records the user reads as the park's staff (not as an enterprise)."""
    parks = Park.objects.restrict(request.user, access.Action.VIEW, domain=access.Domain.INNOVATION)
    return list(parks.order_by("pk"))


def chosen_park(request: HttpRequest) -> tuple[Any, list[Any]]:
    """The park of a staff page (``?park=`` among the user's, else the first) and the choices."""
    parks = staff_parks(request)
    if not parks:
        raise PermissionDenied(
            _("该页面汇总园区的科技创新工作,供园区工作人员使用;企业请使用“我的科技档案”。")
        )
    wanted = request.GET.get("park", "")
    for park in parks:
        if str(park.pk) == wanted:
            return park, parks
    return parks[0], parks


def int_param(request: HttpRequest, name: str, default: int, low: int = 2000, high: int = 2100) -> int:
    """A whole-number query parameter within bounds, else ``default`` (a typed URL never fails)."""
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return default
    return value if low <= value <= high else default
