"""Keyset pages for API clients (issue 15 item 4, docs/api.md): ``?cursor=`` walks every row within reach
once, in id order, without a COUNT(*); the page-number responses stay as they were."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from scipark.core.testing import make_enterprise

pytestmark = pytest.mark.django_db

API = "/api/v1/enterprises/"


@pytest.fixture
def staff(world: Any) -> APIClient:
    for number in range(5):
        make_enterprise(world.park, 60 + number, f"西宁翻页测试{number}号有限公司")
    client = APIClient()
    client.force_authenticate(world.user("economy_staff"))
    return client


def walk(client: APIClient, url: str, params: dict[str, str | int]) -> tuple[list[int], list[dict[str, Any]]]:
    ids: list[int] = []
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append(body)
        ids += [row["id"] for row in body["results"]]
        if not body["next"]:
            return ids, pages
        response = client.get(body["next"])


def test_cursor_pages_walk_every_row_once_in_id_order_without_a_count(world: Any, staff: APIClient) -> None:
    everything = staff.get(API, {"page_size": 500}).json()
    expected = sorted(row["id"] for row in everything["results"])
    assert everything["count"] == len(expected) >= 7  # page numbers keep their count
    ids, pages = walk(staff, API, {"cursor": "", "page_size": 2})
    assert ids == expected
    assert all("count" not in page and len(page["results"]) <= 2 for page in pages)
    with CaptureQueriesContext(connection) as queries:
        staff.get(f"{API}?cursor=&page_size=2")
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_cursor_pages_keep_the_filters_and_the_reach(world: Any, staff: APIClient) -> None:
    ids, _pages = walk(staff, API, {"cursor": "", "page_size": 2, "q": "翻页"})
    assert len(ids) == 5 and ids == sorted(ids)
    client = APIClient()
    client.force_authenticate(world.user("enterprise_user"))
    ids, _pages = walk(client, API, {"cursor": ""})
    assert ids == [world.enterprise.pk]


def test_a_forged_cursor_is_a_located_404(world: Any, staff: APIClient) -> None:
    response = staff.get(API, {"cursor": "not-a-cursor"})
    assert response.status_code == 404
    assert "detail" in response.json()
