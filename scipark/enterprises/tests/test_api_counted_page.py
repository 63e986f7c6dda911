"""The unfiltered list's count comes in its page's statement when the reach is whole parks
(``api.counted_page``): it equals the rows in reach for every persona, on every page, and a restriction of
any other shape, a page past the end or ``?page=last`` is counted apart as before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from scipark.accounts.models import Membership
from scipark.core.api import statements
from scipark.core.testing import PERSONAS, make_enterprise
from scipark.enterprises.counts import EVERY_PARK, parks_of
from scipark.enterprises.models import Enterprise

API = "/api/v1/enterprises/"
KEPT = "enterprises_parkenterprisecount"


@pytest.fixture
def many(world):
    for n in range(7):
        make_enterprise(world.park if n % 3 else world.other_park, 800 + n, f"计数企业{n:02d}有限公司")


def in_reach(world, persona):
    return list(
        Enterprise.objects.restrict(world.user(persona), "view")
        .order_by("name", "id")
        .values_list("id", flat=True)
    )


def test_whole_parks_are_read_from_the_restriction_and_nothing_else_is():
    assert parks_of(Q(park=3)) == (3,)
    assert parks_of(Q(park=3) | Q(park=1) | Q(park=3)) == (1, 3)
    assert parks_of(Q()) == EVERY_PARK
    for other in (
        Q(pk=5),
        Q(park=1) | Q(pk=5),
        Q(park=1) & Q(status="operating"),
        ~Q(park=1),
        Q(park__zone=1),
        Q(park="1"),
        Q(park=True),
    ):
        assert parks_of(other) is None, other


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "zone_viewer"])
def test_every_page_counts_the_rows_in_reach(world, many, client_for, persona):
    statements.statements_forget()
    client = client_for(persona)
    expected = in_reach(world, persona)
    first = client.get(f"{API}?page_size=2")
    if first.status_code == 403:  # no enterprise domain for this role
        assert not expected
        return
    seen, page = [], 1
    while True:
        response = client.get(f"{API}?page_size=2&page={page}")
        if response.status_code == 404:
            break
        body = response.json()
        assert body["count"] == len(expected)
        seen += [row["id"] for row in body["results"]]
        page += 1
    assert seen == expected
    assert client.get(f"{API}?page_size=2&page=last").json()["count"] == len(expected)


def test_a_whole_park_page_is_one_statement_with_its_count(world, many, client_for):
    statements.statements_forget()
    client = client_for("economy_staff")
    client.get(API)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"{API}?page=1").json()
    assert body["count"] == len(in_reach(world, "economy_staff"))
    kept = [q["sql"] for q in queries.captured_queries if KEPT in q["sql"]]
    assert len(kept) == 1 and 'FROM "enterprises_enterprise" ' in kept[0]  # the page's statement


def test_a_page_past_the_end_is_counted_apart_and_is_a_404(world, many, client_for):
    client = client_for("economy_staff")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}?page=9").status_code == 404
    assert any(q["sql"].startswith("SELECT COALESCE(SUM(enterprises), 0)") for q in queries.captured_queries)


def test_an_enterprise_users_reach_is_counted_as_rows(world, client_for):
    client = client_for("enterprise_user")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(API).json()
    assert body["count"] == 1 and [row["id"] for row in body["results"]] == [world.enterprise.pk]
    assert not [q for q in queries.captured_queries if KEPT in q["sql"]]


def test_a_new_enterprise_and_a_revoked_role_count_on_the_next_request(world, many, client_for):
    statements.statements_forget()
    client = client_for("economy_staff")
    before = client.get(API).json()["count"]
    make_enterprise(world.park, 880, "新来企业有限公司")
    assert client.get(API).json()["count"] == before + 1
    Membership.objects.filter(user=world.user("economy_staff")).update(is_active=False)
    assert client.get(API).status_code == 403
