"""A list page's paging (``ObjectListView``): the table alone pages and counts the rows, once; ``?per_page``
is the reader's up to ``MAX_PER_PAGE`` (a request for a million rows a page gets the cap, not a page of the
whole park); a page past the end shows the last page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scipark.core.testing import World, make_enterprise
from scipark.core.views.lists import MAX_PER_PAGE, BoundedPaginator

pytestmark = pytest.mark.django_db

URL = reverse("enterprises:enterprise_list")


def test_the_paginator_takes_what_is_asked_up_to_the_cap() -> None:
    rows = list(range(2000))
    assert BoundedPaginator(rows, 5).per_page == 5
    assert BoundedPaginator(rows, "50").per_page == 50
    assert BoundedPaginator(rows, 10**9).per_page == MAX_PER_PAGE
    assert BoundedPaginator(rows, 10**9).num_pages == 4


def test_a_list_page_counts_its_rows_once_and_caps_per_page(world: World, client_for: Any) -> None:
    for n in range(12):
        make_enterprise(world.park, 100 + n, f"分页测试企业{n}有限公司")
    client = client_for("park_leader")
    client.get(URL)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"per_page": 10**9})
    assert response.status_code == 200
    table = response.context["table"]
    assert table.paginator.per_page == MAX_PER_PAGE
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "enterprise" in q["sql"]]
    assert len(counts) <= 1, counts  # the table's count only (a kept count may serve it: none at all)
    small = client.get(URL, {"per_page": 5})
    assert small.context["table"].paginator.per_page == 5
    assert len(list(small.context["table"].page.object_list)) == 5


def test_a_page_past_the_end_shows_the_last_page(world: World, client_for: Any) -> None:
    for n in range(7):
        make_enterprise(world.park, 200 + n, f"末页测试企业{n}有限公司")
    response = client_for("park_leader").get(URL, {"per_page": 5, "page": 999999})
    assert response.status_code == 200
    page = response.context["table"].page
    assert page.number == page.paginator.num_pages > 1
