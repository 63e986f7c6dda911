"""Every list page and list API answers in a fixed number of queries, whatever the number of rows.

The module builds the demo zone once (hundreds of enterprises, returns, appeals, events; every list has
at least 20 rows in the bio park) and reads each list as the park's people who work with it. The counts
are pinned exactly: a new N+1 (a query per row) moves them, and so does a fix — update the number then.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scipark.accounts.models import User
from scipark.core.testing import World
from scipark.demo.builder import DemoBuilder

from .test_route_matrix import ROUTES, SIGNED_IN, answers_get, declared_rule

#: route name -> (demo account that reads it, queries). The account is one whose work the list is.
#: Empty until measured on a tree whose migrations are complete: an unpinned list skips with its count.
PINNED: dict[str, tuple[str, int]] = {}

LISTS = sorted(
    name
    for name, route in ROUTES.items()
    if not route.kwargs
    and name not in SIGNED_IN
    and declared_rule(route) is not None
    and (name.endswith("-list") if route.is_api else answers_get(route) and name.endswith("_list"))
)

READER = {
    "accounts": "secadmin",
    "parks": "bio-leader",
    "config": "sysadmin",
    "audit": "auditadmin",
}


@pytest.fixture(scope="module")
def demo(module_world: World) -> Generator[None]:
    DemoBuilder().build()
    yield


def reader_for(name: str) -> str:
    if name in PINNED:
        return PINNED[name][0]
    domain = declared_rule(ROUTES[name])
    if name.startswith("accounts:") and domain is not None and str(domain) == "audit":
        return "auditadmin"
    return READER.get(str(domain), "bio-leader")


@pytest.mark.parametrize("name", LISTS)
def test_a_list_answers_in_a_pinned_number_of_queries(name: str, demo: None, settings: Any) -> None:
    settings.SCIPARK_MAX_SESSIONS_PER_USER = 10_000
    route = ROUTES[name]
    client = Client()
    client.force_login(User.objects.get(username=reader_for(name)))
    url = reverse(name)
    client.get(url)  # warm the per-process caches (content types, figures registry, menus)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (name, response.status_code)
    if name not in PINNED:  # not measured yet: the skip reason carries the number to pin
        pytest.skip(f"pin {name}: {len(queries)} queries as {reader_for(name)}")
    assert len(queries) == PINNED[name][1], "\n".join(q["sql"][:200] for q in queries.captured_queries)
    assert route is not None
