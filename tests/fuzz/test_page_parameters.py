"""No 500s from hostile query parameters on any HTML page (issue 9 §6, SECURITY.md rows 13 and 19).

The API is fuzzed against its OpenAPI schema (tests/api); pages have no schema, so this walks every page
route that takes no URL argument, as the personas who use them, and sends the query parameters pages read
(period, year, month, park, level, division, page, sort, export …) with values a person or a probe might type:
out of range, of the wrong type, empty, huge. Any answer may be a 200, a redirect or a 4xx with a message —
never a 500. One test per route, so xdist splits them and a failure names the route.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.access.routes import Route, iter_routes

#: The parameters pages read, each with the hostile values to try (one parameter at a time, then together).
HOSTILE: dict[str, tuple[str, ...]] = {
    "period": ("2023-13", "abc", "99999-01"),
    "year": ("-1", "10000", "abc"),
    "month": ("13", "abc"),
    "park": ("abc", "999999"),
    "zone": ("abc",),
    "level": ("division", "xyz"),
    "division": ("C27", "%"),
    "industry": ("C2710", "%"),
    "page": ("-1", "abc", "999999"),
    "sort": ("nonexistent", "__class__", "park__zone__name"),
    "q": ("%", "\x00", "企" * 200),
    "status": ("nonexistent",),
    "state": ("nonexistent",),
    "category": ("abc",),
    "date_from": ("2023-02-30",),
    "table": ("nonexistent",),
}
#: Some values only bite together (a zone viewer's division breakdown of a given period, then its export).
COMBINED: tuple[dict[str, str], ...] = (
    {"level": "division", "division": "C27", "period": "2023-12"},
    {"level": "division", "division": "C27", "period": "2023-12", "export": "xlsx"},
    {"level": "division", "export": "xlsx", "table": "industries"},
    {"year": "-1", "export": "xlsx"},
    {"year": "10000", "park": "abc", "period": "2023-13", "page": "-1", "sort": "nope"},
)
#: The leader reads every business page, the zone viewer sees suppressed aggregates, the enterprise its portal.
PERSONAS = ("park_leader", "zone_viewer", "enterprise_user")
SKIPPED_PREFIXES = ("/api/", "/open311/", "/static/", "/i18n/")


def page_routes() -> list[Route]:
    found: dict[str, Route] = {}
    for route in iter_routes():
        path = "/" + route.pattern.replace("^", "").replace("$", "")
        if route.kwargs or route.is_api or not route.name or path.startswith(SKIPPED_PREFIXES):
            continue
        if "logout" in route.name or "login" in route.name:
            continue
        found[route.name] = route
    return [found[k] for k in sorted(found)]


def route_path(route: Route) -> str:
    from django.urls import reverse

    return reverse(route.name)


@pytest.mark.parametrize("route", page_routes(), ids=lambda r: r.name)
def test_no_query_parameter_makes_a_page_fail(world: Any, route: Route) -> None:
    path = route_path(route)
    failures: list[str] = []
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        client.force_login(world.user(persona))
        if client.get(path).status_code >= 500:
            failures.append(f"{persona} GET {path}")
            continue
        queries = [{name: value} for name, values in HOSTILE.items() for value in values]
        for query in [*queries, *COMBINED]:
            status = client.get(path, query).status_code
            if status >= 500:
                failures.append(f"{persona} GET {path}?{'&'.join(f'{k}={v!r}' for k, v in query.items())}")
    assert not failures, "500 answers:\n" + "\n".join(failures[:30])
