"""The route matrix's view of this app: the GeoReport endpoints authenticate by API key themselves (their
own tests cover every key case), the clients pages are ordinary scoped pages."""

from __future__ import annotations

from typing import Any

from scipark.appeals.models import AppealCategory
from scipark.appeals.testing import make_category
from scipark.core.testing import as_shown

from .client_services import client_create
from .models import ServiceAttribute

#: Key-authenticated (or public-by-spec) endpoints: a session grants nothing there, see views.py.
ROUTE_PUBLIC = {
    "open311:discovery",
    "open311:services",
    "open311:service_definition",
    "open311:requests",
    "open311:request",
    "open311:token",
}
ROUTE_LITERALS: dict[str, Any] = {}


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    """own: a client of the world's park; foreign: one of the other park (no enterprise-level clients)."""
    own, _key = client_create(park=world.park, name="园区小程序")
    foreign, _key = client_create(park=world.other_park, name="南川小程序")
    attributes = {
        variant: ServiceAttribute.objects.create(
            category=make_category(park, "o311-sample"),
            code="carrier",
            datatype="string",
            description="运营商",
        )
        for variant, park in (("own", world.park), ("foreign", world.other_park))
    }
    return {
        "open311.open311client": {"own": own, "other": own, "foreign": foreign},
        "open311.serviceattribute": {
            "own": attributes["own"],
            "other": attributes["own"],
            "foreign": attributes["foreign"],
        },
    }


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "open311:attribute_edit": as_shown,
    "open311:attribute_delete": as_shown,
    "open311:client_revoke": as_shown,
    "open311:client_add": lambda world, obj, user: {"name": "12345 热线", "contact": "王工 0971-1234567"},
    "open311:attribute_add": lambda world, obj, user: {
        "category": getattr(AppealCategory.objects.restrict(user, "change").order_by("pk").first(), "pk", ""),
        "code": "floor",
        "datatype": "string",
        "description": "问题所在楼层",
    },
}
ROUTE_STATUS: dict[tuple[str, str, str | None], tuple[int, str]] = {
    (name, method, "enterprise_user"): (403, "staff only: keys and service definitions")
    for name in (
        "open311:client_add",
        "open311:attribute_add",
        "open311:client_list",
        "open311:attribute_list",
    )
    for method in ("GET", "POST")
}
ROUTE_STATUS[("open311:client_add", "POST", None)] = (201, "the key is shown once, on this answer")
