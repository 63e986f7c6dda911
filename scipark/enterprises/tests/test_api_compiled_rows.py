"""The unfiltered list reads its page with SQL compiled once per shape (``core.api.statements``): the rows
are the ORM's, page by page and ordering by ordering, and they follow the data and the user's reach."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scipark.accounts.models import Membership
from scipark.core.api import statements
from scipark.core.testing import make_enterprise
from scipark.enterprises.api.serializers import EnterpriseBriefSerializer
from scipark.enterprises.models import Enterprise

API = "/api/v1/enterprises/"


@pytest.fixture
def many(world):
    for n in range(12):
        make_enterprise(world.park if n % 4 else world.other_park, 700 + n, f"编译企业{n:02d}有限公司")


def orm_ids(user, ordering, offset, limit):
    reach = Enterprise.objects.restrict(user, "view").order_by(*ordering)
    return [
        row["id"] for row in reach.values(*EnterpriseBriefSerializer.BRIEF_COLUMNS)[offset : offset + limit]
    ]


@pytest.mark.parametrize("ordering", [None, "-registered_capital", "credit_code", "-name"])
@pytest.mark.parametrize("persona", ["economy_staff", "park_leader", "enterprise_user"])
def test_pages_equal_the_orms_pages(world, many, client_for, ordering, persona):
    statements.statements_forget()
    client = client_for(persona)
    order = (ordering, "id") if ordering else ("name", "id")
    query = f"&ordering={ordering}" if ordering else ""
    for page in (1, 2, 3):
        for _attempt in range(2):  # the second read runs the stored statement
            body = client.get(f"{API}?page_size=4&page={page}{query}")
            if body.status_code == 404:  # past the last page, as the ORM path answers too
                assert not orm_ids(
                    world.user(persona), order if ordering else ("name", "id"), (page - 1) * 4, 4
                )
                break
            got = [row["id"] for row in body.json()["results"]]
            user = world.user(persona)
            expected = Enterprise.objects.restrict(user, "view").order_by(
                *([ordering] if ordering else ["name", "id"])
            )
            assert got == [e.pk for e in expected[(page - 1) * 4 : page * 4]]


def test_a_stored_statement_reads_the_rows_as_they_are_now(world, client_for):
    statements.statements_forget()
    client = client_for("economy_staff")
    first = client.get(f"{API}?page=1").json()
    added = make_enterprise(world.park, 790, "啊最先排序的企业有限公司")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{API}?page=1").json()
    assert again["count"] == first["count"] + 1
    assert again["results"][0]["id"] == added.pk
    pages = [q for q in queries.captured_queries if 'FROM "enterprises_enterprise" ' in q["sql"]]
    assert len(pages) == 1  # the page, and no COUNT(*) of the rows


def test_a_narrowed_reach_gets_its_own_statement(world, many, client_for):
    statements.statements_forget()
    client = client_for("economy_staff")
    before = {row["id"] for row in client.get(f"{API}?page_size=50").json()["results"]}
    assert world.enterprise.pk in before
    membership = Membership.objects.get(user=world.user("economy_staff"))
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    Membership.objects.create(
        user=membership.user, role="enterprise_user", park=world.park, enterprise=world.other_enterprise
    )
    fresh = client_for("economy_staff")
    after = {row["id"] for row in fresh.get(f"{API}?page_size=50").json()["results"]}
    assert after == {world.other_enterprise.pk}


def test_keyset_pages_walk_the_same_rows_as_the_orm(world, many, client_for):
    statements.statements_forget()
    client = client_for("economy_staff")
    seen, url = [], f"{API}?cursor=&page_size=5"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == list(
        Enterprise.objects.restrict(world.user("economy_staff"), "view")
        .order_by("id")
        .values_list("id", flat=True)
    )


def test_a_reach_with_no_rows_reads_an_empty_page(world, client_for, django_user_model):
    statements.statements_forget()
    rows = statements.CompiledRows(key=("test", None), build=lambda: Enterprise.objects.none().values("id"))
    assert rows[0:5] == [] and rows[0:5] == []
