"""The registry's search reads the bigram index first (ADR 0014, issue 15 item 4): the same rows as the
LIKE scan, the index narrowed by the viewer's reach, a word with no hits answered without scanning names,
and rows written in bulk found once the importer hands them to ``core.search.index_rows``."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from scipark.core import search as core_search
from scipark.core.identifiers import credit_code_from_number
from scipark.core.testing import ensure_industry, make_enterprise
from scipark.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

LIST = "/enterprises/"
API = "/api/v1/enterprises/"


def names(response: Any) -> set[str]:
    return {row.record.name for row in response.context["table"].page.object_list}


@pytest.fixture
def firms(world: Any) -> dict[str, Any]:
    return {
        "barley": make_enterprise(world.park, 31, "青海青稞酒业有限公司", short_name="青稞酒"),
        "apart": make_enterprise(world.park, 32, "青海高原稞麦食品有限公司"),  # 青 … 稞: bigrams apart
        "short": make_enterprise(world.park, 33, "西宁众和商贸有限公司", short_name="藏药众和"),
        "address": make_enterprise(world.park, 34, "西宁某某科技有限公司", address="青稞路 8 号"),
        "foreign": make_enterprise(world.other_park, 35, "南川青稞饮品有限公司"),
    }


def test_han_words_match_exactly_what_the_scan_matched(world: Any, client_for: Any, firms: dict) -> None:
    client = client_for("economy_staff")
    assert names(client.get(LIST, {"q": "青稞"})) == {
        firms["barley"].name
    }  # not the address, not the other park
    assert names(client.get(LIST, {"q": "青稞酒业"})) == {firms["barley"].name}
    assert names(client.get(LIST, {"q": "青海稞"})) == set()  # every bigram present, not adjacent
    assert names(client.get(LIST, {"q": "藏药"})) == {firms["short"].name}  # the short name
    assert names(client.get(LIST, {"q": "西宁 众和"})) == {firms["short"].name}
    assert names(client.get(LIST, {"q": "青"})) >= {firms["barley"].name, firms["apart"].name}  # 1 char: scan


def test_the_api_search_reads_the_index_within_reach(world: Any, firms: dict) -> None:
    client = APIClient()
    client.force_authenticate(world.user("enterprise_user"))
    assert client.get(API, {"q": "青稞"}).json()["results"] == []  # another firm of the same park
    client.force_authenticate(world.user("economy_staff"))
    assert [r["id"] for r in client.get(API, {"q": "青稞"}).json()["results"]] == [firms["barley"].pk]


def test_a_word_with_no_hits_scans_no_names(world: Any, client_for: Any, firms: dict) -> None:
    client = client_for("economy_staff")
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"q": "牦牛"})
    assert names(response) == set()
    assert not [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"].upper()]


def test_the_index_follows_renames_and_bulk_writes(world: Any, client_for: Any, firms: dict) -> None:
    client = client_for("economy_staff")
    barley = firms["barley"]
    barley.name = "青海牦牛乳业有限公司"
    barley.short_name = ""
    barley.save()
    assert names(client.get(LIST, {"q": "青稞"})) == set()
    assert names(client.get(LIST, {"q": "牦牛"})) == {barley.name}
    # bulk_create sends no signal: the importer hands the rows it wrote to core.search.index_rows
    made = Enterprise.objects.bulk_create(
        [
            Enterprise(park=world.park, credit_code=credit_code_from_number(40 + i), name=f"海东枸杞{i}号有限公司",
                       industry=ensure_industry(), activity_type="industry")
            for i in range(3)
        ]
    )  # fmt: skip
    assert names(client.get(LIST, {"q": "枸杞"})) == set()  # not indexed yet: the index answers
    assert core_search.index_rows(made) == 3
    assert names(client.get(LIST, {"q": "枸杞"})) == {e.name for e in made}
    assert core_search.index_ids(Enterprise, [e.pk for e in made]) == 3  # again: rewritten, not doubled
    assert len(names(client.get(LIST, {"q": "枸杞"}))) == 3
    assert core_search.reindex() > 0
    assert names(client.get(LIST, {"q": "枸杞"})) == {e.name for e in made}
